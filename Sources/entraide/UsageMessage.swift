import EntraideKit
import Foundation

/// ArgumentParser's usage errors in the user's language (docs/FORMAT.md, "Messages"): its
/// messages are English, so under a French locale the common ones are said in French — the
/// error line and the "see --help" hint; the usage line itself (option names) is kept as is.
enum UsageMessage {
    /// `message` (ArgumentParser's `fullMessage`) for `language`.
    static func localized(_ message: String, _ language: Language) -> String {
        guard language == .fr else { return message }
        return message.split(separator: "\n", omittingEmptySubsequences: false).map { french(String($0)) }
            .joined(separator: "\n")
    }

    /// One line in French when it is one of the forms ArgumentParser writes, else unchanged.
    static func french(_ line: String) -> String {
        // (pattern prefix, pattern suffix, French with %1 for what is between quotes)
        let forms: [(String, String, (String) -> String)] = [
            ("Error: Unknown option '", "'", { "entraide : erreur : option inconnue « \($0) » ; voyez les options avec --help" }),
            ("Error: Missing expected argument '", "'", { "entraide : erreur : il manque « \($0) »" }),
            ("Error: Missing value for '", "'", { "entraide : erreur : il manque la valeur de « \($0) »" }),
            ("Error: Unexpected argument '", "'", { "entraide : erreur : argument inattendu « \($0) »" }),
            ("Error: Unknown subcommand '", "'", { "entraide : erreur : commande inconnue « \($0) »" }),
        ]
        for (prefix, suffix, say) in forms where line.hasPrefix(prefix) && line.hasSuffix(suffix) {
            let inner = String(line.dropFirst(prefix.count).dropLast(suffix.count))
            return say(inner)
        }
        // Error: The value '2026-13' is invalid for '--month <YYYY-MM>'
        if line.hasPrefix("Error: The value '"), let range = line.range(of: "' is invalid for '"), line.hasSuffix("'") {
            let value = String(line[line.index(line.startIndex, offsetBy: "Error: The value '".count)..<range.lowerBound])
            let option = String(line[range.upperBound..<line.index(before: line.endIndex)])
            return "entraide : erreur : la valeur « \(value) » ne convient pas pour « \(option) »"
        }
        if line.hasPrefix("Error: ") { return "entraide : erreur : " + line.dropFirst("Error: ".count) }
        if line.hasPrefix("Help: ") { return "Aide : " + line.dropFirst("Help: ".count) }
        if line.hasPrefix("Usage: ") { return "Utilisation : " + line.dropFirst("Usage: ".count) }
        if line.hasPrefix("  See '"), line.hasSuffix("' for more information.") {
            let command = line.dropFirst("  See '".count).dropLast("' for more information.".count)
            return "  Voyez « \(command) » pour en savoir plus."
        }
        return line
    }
}
