// libFuzzer target: the CSV reader (scripts/fuzz FuzzCSV SECONDS; seeds from the fixtures).
// The input is the file; the reader's chunk size varies with the input's length, so that
// records and fields are cut at every place a chunk can end.
import Foundation
@testable import EntraideKit
import FuzzSupport

private let file: String = {
    let dir = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
    return "\(dir)/entraide-fuzz-\(getpid()).csv"
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    FileManager.default.createFile(atPath: file, contents: Data(bytes: data, count: size))
    guard let reader = try? CSVReader(path: file, chunkSize: 1 + size % 97) else { return 0 }
    try? reader.forEachRecord { record in
        _ = record.isBlank
        for i in 0..<record.count {
            _ = record.string(i)
            record.withBytes(i) { bytes in
                _ = ValueParsers.timestamp(bytes)
                _ = ValueParsers.hours(bytes)
                _ = ValueParsers.normalizedPhone(bytes)
            }
        }
        return true
    }
    _ = try? reader.sha256Hex()
    return 0
}

@_cdecl("FuzzCSV_main")
func entry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    fuzzMain(argc, argv, fuzz)
}
