// What the fuzz targets share: the libFuzzer driver; for FuzzXLSX and FuzzODS, a scratch file, zipping
// the parts of an input, reading a workbook.
import Foundation
import ZIPFoundation
@testable import EntraideKit

/// A scratch file for this process's inputs, in memory when /dev/shm exists.
public func fuzzFile(_ ext: String) -> String {
    let dir = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
    return "\(dir)/entraide-fuzz-\(getpid()).\(ext)"
}

/// The input cut at each line `--PART--`.
public func fuzzParts(_ data: Data) -> [Data] {
    let separator = Data("\n--PART--\n".utf8)
    var parts: [Data] = [], rest = data[...]
    while let r = rest.range(of: separator) {
        parts.append(Data(rest[..<r.lowerBound]))
        rest = rest[r.upperBound...]
    }
    parts.append(Data(rest))
    return parts
}

/// Writes a zip of `entries`, stored (not compressed).
public func fuzzZip(_ entries: [(String, Data)], to path: String) {
    try? FileManager.default.removeItem(atPath: path)
    do {
        let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .create)
        for (name, data) in entries {
            try archive.addEntry(with: name, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .none) {
                position, size in data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
    } catch {
        fatalError("cannot write the fuzz input \(path): \(error)")
    }
}

/// One input of a workbook target: written as is if it is a zip (it starts with `PK`), else
/// zipped from the parts `parts` makes of it; then read.
public func fuzzWorkbook(_ input: Data, at path: String, parts: (Data) -> [(String, Data)]) -> CInt {
    if input.starts(with: [0x50, 0x4B]) {
        FileManager.default.createFile(atPath: path, contents: input)
    } else {
        fuzzZip(parts(input), to: path)
    }
    fuzzRead(path)
    return 0
}

/// Reads every sheet of the workbook at `path` as the importer does, every cell of every row.
/// Errors are fine (a damaged file is an error); only a crash, a leak or a hang is a finding.
public func fuzzRead(_ path: String) {
    guard let book = try? SpreadsheetFile.open(path: path) else { return }
    for sheet in book.sheetNames.prefix(4) {
        guard let source = try? book.source(sheet: sheet) else { continue }
        try? source.forEachRecord { record in
            for i in 0..<record.count {
                _ = record.string(i)
                _ = record.withBytes(i) { ValueParsers.timestamp($0) }
            }
            return true
        }
    }
}

@_silgen_name("LLVMFuzzerRunDriver")
private func runDriver(_ argc: UnsafeMutablePointer<CInt>,
                       _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                       _ body: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt) -> CInt

/// Runs libFuzzer on `body`. SwiftPM links an executable target with `main` aliased to
/// `NAME_main`, which each target defines to call this (libFuzzer's own `main` is not used).
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
                     _ body: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt) -> CInt {
    var argc = argc, argv = argv
    return runDriver(&argc, &argv, body)
}
