import CXlsxWriter

/// Version of the libxlsxwriter the tool is linked with.
public func xlsxWriterVersion() -> String { String(cString: lxw_version()) }
