/// The paper a sheet prints on (Excel's paper codes).
public enum PaperSize: Hashable, Sendable {
    case a4, letter

    var code: UInt8 {
        switch self {
        case .letter: return 1
        case .a4: return 9
        }
    }
}
