#ifndef ENTRAIDE_CXLSXWRITER_SHIM_H
#define ENTRAIDE_CXLSXWRITER_SHIM_H
#include <xlsxwriter.h>
#endif
