import CXlsxWriter

/// An RGB colour (`0xRRGGBB`).
public struct XlsxColor: Hashable, Sendable {
    public let rgb: UInt32

    public init(rgb: UInt32) { self.rgb = rgb & 0xFF_FFFF }

    /// `"#1F4E79"` or `"1F4E79"`; nil if not six hexadecimal digits.
    public init?(hex: String) {
        let digits = hex.hasPrefix("#") ? String(hex.dropFirst()) : hex
        guard digits.count == 6, let value = UInt32(digits, radix: 16) else { return nil }
        self.init(rgb: value)
    }

    public static let black = XlsxColor(rgb: 0x000000)
    public static let white = XlsxColor(rgb: 0xFFFFFF)
    public static let red = XlsxColor(rgb: 0xC00000)
    public static let gray = XlsxColor(rgb: 0x808080)

    /// libxlsxwriter reserves 0 for "no colour"; black is `LXW_COLOR_BLACK`.
    var lxw: lxw_color_t { rgb == 0 ? lxw_color_t(LXW_COLOR_BLACK.rawValue) : lxw_color_t(rgb) }
}

/// Cell borders.
public enum BorderStyle: Hashable, Sendable {
    case thin, medium, thick, dashed, dotted, double, hair

    var lxw: UInt8 {
        let value: lxw_format_borders
        switch self {
        case .thin: value = LXW_BORDER_THIN
        case .medium: value = LXW_BORDER_MEDIUM
        case .thick: value = LXW_BORDER_THICK
        case .dashed: value = LXW_BORDER_DASHED
        case .dotted: value = LXW_BORDER_DOTTED
        case .double: value = LXW_BORDER_DOUBLE
        case .hair: value = LXW_BORDER_HAIR
        }
        return UInt8(value.rawValue)
    }
}

public enum HorizontalAlignment: Hashable, Sendable {
    case left, center, right, fill, justify, centerAcross
}

public enum VerticalAlignment: Hashable, Sendable {
    case top, center, bottom
}

/// What a cell looks like. A value type: describe formats as constants and ask
/// the workbook for the matching `Format` (`workbook.format(spec)`).
public struct FormatSpec: Hashable, Sendable {
    public var bold = false
    public var italic = false
    public var fontName: String?
    public var fontSize: Double?
    public var fontColor: XlsxColor?
    public var backgroundColor: XlsxColor?
    public var border: BorderStyle?
    public var borderColor: XlsxColor?
    /// Only a bottom border (for header rows), applied after `border`.
    public var bottomBorder: BorderStyle?
    public var horizontalAlignment: HorizontalAlignment?
    public var verticalAlignment: VerticalAlignment?
    public var textWrap = false
    /// Indentation of the text from the cell's edge, in levels (each about the width of three
    /// characters; Excel's "Increase indent"); 0 is none.
    public var indent = 0
    /// Excel number format code: `0`, `0.0`, `0.0%`, `# ##0`, `yyyy-mm-dd`…
    public var numberFormat: String?

    public init(bold: Bool = false, italic: Bool = false, fontName: String? = nil, fontSize: Double? = nil,
                fontColor: XlsxColor? = nil, backgroundColor: XlsxColor? = nil,
                border: BorderStyle? = nil, borderColor: XlsxColor? = nil, bottomBorder: BorderStyle? = nil,
                horizontalAlignment: HorizontalAlignment? = nil, verticalAlignment: VerticalAlignment? = nil,
                textWrap: Bool = false, indent: Int = 0, numberFormat: String? = nil) {
        self.bold = bold
        self.italic = italic
        self.fontName = fontName
        self.fontSize = fontSize
        self.fontColor = fontColor
        self.backgroundColor = backgroundColor
        self.border = border
        self.borderColor = borderColor
        self.bottomBorder = bottomBorder
        self.horizontalAlignment = horizontalAlignment
        self.verticalAlignment = verticalAlignment
        self.textWrap = textWrap
        self.indent = indent
        self.numberFormat = numberFormat
    }

    func apply(to f: UnsafeMutablePointer<lxw_format>) {
        if bold { format_set_bold(f) }
        if italic { format_set_italic(f) }
        if let fontName { cText(fontName).withCString { format_set_font_name(f, $0) } }
        if let fontSize { format_set_font_size(f, fontSize) }
        if let fontColor { format_set_font_color(f, fontColor.lxw) }
        if let backgroundColor { format_set_bg_color(f, backgroundColor.lxw) }
        if let border { format_set_border(f, border.lxw) }
        if let borderColor { format_set_border_color(f, borderColor.lxw) }
        if let bottomBorder { format_set_bottom(f, bottomBorder.lxw) }
        if let horizontalAlignment {
            let value: lxw_format_alignments
            switch horizontalAlignment {
            case .left: value = LXW_ALIGN_LEFT
            case .center: value = LXW_ALIGN_CENTER
            case .right: value = LXW_ALIGN_RIGHT
            case .fill: value = LXW_ALIGN_FILL
            case .justify: value = LXW_ALIGN_JUSTIFY
            case .centerAcross: value = LXW_ALIGN_CENTER_ACROSS
            }
            format_set_align(f, UInt8(value.rawValue))
        }
        if let verticalAlignment {
            let value: lxw_format_alignments
            switch verticalAlignment {
            case .top: value = LXW_ALIGN_VERTICAL_TOP
            case .center: value = LXW_ALIGN_VERTICAL_CENTER
            case .bottom: value = LXW_ALIGN_VERTICAL_BOTTOM
            }
            format_set_align(f, UInt8(value.rawValue))
        }
        if textWrap { format_set_text_wrap(f) }
        if indent > 0 { format_set_indent(f, UInt8(min(indent, 15))) }
        if let numberFormat { cText(numberFormat).withCString { format_set_num_format(f, $0) } }
    }
}

/// A format registered in one workbook (obtained from `Workbook.format(_:)`).
/// Only valid with that workbook and until it is closed.
public struct Format {
    let pointer: UnsafeMutablePointer<lxw_format>
    let owner: ObjectIdentifier
}
