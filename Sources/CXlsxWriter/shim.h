#ifndef ENTRAIDE_CXLSXWRITER_SHIM_H
#define ENTRAIDE_CXLSXWRITER_SHIM_H
#include <xlsxwriter.h>

/* Exported by libxlsxwriter but not declared in its public headers: frees a
 * workbook without writing it (used when a Workbook is dropped unclosed). */
void lxw_workbook_free(lxw_workbook *workbook);

#endif
