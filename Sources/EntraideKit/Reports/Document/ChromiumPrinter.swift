import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Prints a self-contained HTML file to PDF with a headless Chromium (docs/ARCHITECTURE.md,
/// "Reports/Document"): `ENTRAIDE_CHROMIUM` when set, else `chromium`, else `google-chrome` on
/// PATH. Each run has a fresh profile folder, removed afterwards, no network, and a time limit
/// (`ENTRAIDE_CHROMIUM_TIMEOUT` seconds, 60 by default) past which the browser is stopped.
public struct ChromiumPrinter: Sendable {
    /// The browser's executable.
    public var executable: String
    /// Seconds a run may last.
    public var timeLimit: Double
    /// The environment the browser runs in (its profile and caches are redirected).
    public var environment: [String: String]

    public static let defaultTimeLimit = 60.0

    public init(executable: String, timeLimit: Double = ChromiumPrinter.defaultTimeLimit,
                environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.executable = executable
        self.timeLimit = timeLimit
        self.environment = environment
    }

    /// The browser the environment names or PATH holds, or nil when there is none.
    /// Throws when `ENTRAIDE_CHROMIUM` or `ENTRAIDE_CHROMIUM_TIMEOUT` is set to something unusable.
    public static func find(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> ChromiumPrinter? {
        let limit = try timeLimit(environment)
        if let named = environment["ENTRAIDE_CHROMIUM"], !named.isEmpty {
            guard FileManager.default.isExecutableFile(atPath: named), !isFolder(named) else {
                throw UserError(.badArgument,
                    fr: "ENTRAIDE_CHROMIUM=\(named) : ce n'est pas un fichier exécutable ; donnez le chemin de Chromium "
                        + "ou de Google Chrome (par exemple /usr/bin/chromium), ou retirez la variable",
                    en: "ENTRAIDE_CHROMIUM=\(named): not an executable file; give the path of Chromium or Google Chrome "
                        + "(for example /usr/bin/chromium), or unset the variable")
            }
            return ChromiumPrinter(executable: named, timeLimit: limit, environment: environment)
        }
        let folders = (environment["PATH"] ?? "").split(separator: ":").map(String.init).filter { !$0.isEmpty }
        for name in ["chromium", "google-chrome"] {
            for folder in folders {
                let path = (folder as NSString).appendingPathComponent(name)
                if FileManager.default.isExecutableFile(atPath: path), !isFolder(path) {
                    return ChromiumPrinter(executable: path, timeLimit: limit, environment: environment)
                }
            }
        }
        return nil
    }

    /// The browser to print `html` with, or the error saying how to get one or how to print by hand.
    public static func locate(environment: [String: String] = ProcessInfo.processInfo.environment,
                              printing html: String) throws -> ChromiumPrinter {
        if let found = try find(environment: environment) { return found }
        throw UserError(.notFound,
            fr: "--pdf : aucun navigateur pour imprimer le PDF (ni ENTRAIDE_CHROMIUM, ni chromium, ni google-chrome "
                + "dans le PATH). Les autres fichiers du rapport sont écrits. Pour le PDF, installez Chromium "
                + "(sudo apt-get install chromium) et relancez la commande, ou ouvrez \(html) dans n'importe quel "
                + "navigateur, Imprimer, puis « Enregistrer au format PDF ».",
            en: "--pdf: no browser to print the PDF with (neither ENTRAIDE_CHROMIUM, nor chromium or google-chrome "
                + "on PATH). The report's other files are written. For the PDF, install Chromium "
                + "(sudo apt-get install chromium) and run the command again, or open \(html) in any browser, "
                + "Print, then \"Save as PDF\".")
    }

    static func timeLimit(_ environment: [String: String]) throws -> Double {
        guard let text = environment["ENTRAIDE_CHROMIUM_TIMEOUT"], !text.isEmpty else { return defaultTimeLimit }
        guard let seconds = Double(text), seconds > 0, seconds <= 3600 else {
            throw UserError(.badArgument,
                fr: "ENTRAIDE_CHROMIUM_TIMEOUT=\(text) : donnez un nombre de secondes entre 1 et 3600, ou retirez la variable",
                en: "ENTRAIDE_CHROMIUM_TIMEOUT=\(text): give a number of seconds from 1 to 3600, or unset the variable")
        }
        return seconds
    }

    private static func isFolder(_ path: String) -> Bool {
        var folder: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &folder) && folder.boolValue
    }

    /// Prints `html` (a local, self-contained file) to `pdf`, written whole or not at all and
    /// never over what `policy` guards.
    public func printPDF(html: String, to pdf: String, policy: OutputPolicy) throws {
        var policy = policy
        policy.protectInputs([html])
        let file = try OutputFile(pdf, policy: policy)
        let temporary = try file.handOver()
        let page = URL(fileURLWithPath: html).absoluteURL.absoluteString
        let outcome = try run(["--print-to-pdf=" + temporary, "--no-pdf-header-footer", page])
        try check(outcome, doing: Localized("imprimer \(html) en PDF", "print \(html) to PDF"))
        let head = (try? FileHandle(forReadingFrom: URL(fileURLWithPath: temporary)))
            .flatMap { handle in defer { try? handle.close() }; return try? handle.read(upToCount: 5) }
        guard head == Data("%PDF-".utf8) else {
            throw UserError(.fileAccess,
                fr: "\(executable) n'a pas écrit de PDF pour \(html)\(Self.excerpt(outcome.output)) ; ouvrez \(html) "
                    + "dans un navigateur, Imprimer, puis « Enregistrer au format PDF »",
                en: "\(executable) wrote no PDF for \(html)\(Self.excerpt(outcome.output)); open \(html) "
                    + "in a browser, Print, then \"Save as PDF\"")
        }
        try file.commit()
    }

    /// Runs the browser headless on `arguments` in a fresh profile, then removes the profile.
    func run(_ arguments: [String]) throws -> TimedProcess.Outcome {
        let profile = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: profile) }
        var environment = self.environment
        // Whatever the browser writes besides the PDF stays in the profile folder.
        for key in ["HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME"] { environment[key] = profile }
        var flags = ["--headless", "--user-data-dir=" + profile, "--no-first-run", "--no-default-browser-check",
                     "--disable-gpu", "--disable-extensions", "--disable-sync", "--disable-background-networking",
                     "--disable-component-update", "--disable-default-apps", "--disable-domain-reliability",
                     "--disable-breakpad", "--disable-dev-shm-usage", "--mute-audio", "--hide-scrollbars",
                     // No network: the page is self-contained, nothing may be fetched.
                     "--host-resolver-rules=MAP * ~NOTFOUND", "--proxy-server=127.0.0.1:9",
                     "--proxy-bypass-list=<-loopback>"]
        // Chromium's sandbox refuses to run as root (CI containers).
        if geteuid() == 0 { flags.append("--no-sandbox") }
        let process = TimedProcess(executable: executable, arguments: flags + arguments,
                                   environment: environment, timeLimit: timeLimit)
        let output = (profile as NSString).appendingPathComponent("output")
        try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: false)
        return try process.run(in: output)
    }

    /// Throws the message for a browser that ran out of time or failed.
    func check(_ outcome: TimedProcess.Outcome, doing what: Localized) throws {
        let seconds = timeLimit == timeLimit.rounded() ? String(Int(timeLimit)) : String(timeLimit)
        if outcome.timedOut {
            throw UserError(.fileAccess,
                fr: "\(executable) n'a pas fini d'\(what.fr) en \(seconds) s ; il a été arrêté. Relancez la commande "
                    + "(ENTRAIDE_CHROMIUM_TIMEOUT donne plus de temps), ou ouvrez le fichier HTML dans un navigateur, "
                    + "Imprimer, puis « Enregistrer au format PDF »",
                en: "\(executable) could not \(what.en) within \(seconds) s; it was stopped. Run the command "
                    + "again (ENTRAIDE_CHROMIUM_TIMEOUT gives more time), or open the HTML file in a browser, "
                    + "Print, then \"Save as PDF\"")
        }
        if outcome.status != 0 {
            let how = outcome.status.map { Localized("code de sortie \($0)", "exit status \($0)") }
                ?? Localized("signal \(outcome.signal ?? 0)", "signal \(outcome.signal ?? 0)")
            throw UserError(.fileAccess,
                fr: "\(executable) n'a pas pu \(what.fr) (\(how.fr))\(Self.excerpt(outcome.output))",
                en: "\(executable) could not \(what.en) (\(how.en))\(Self.excerpt(outcome.output))")
        }
    }

    /// The end of what the browser wrote, without its harmless complaints (no D-Bus in a
    /// container), at most 12 lines of 300 characters: `":\n    …"`, or nothing.
    static func excerpt(_ output: String) -> String {
        let lines = output.split(separator: "\n").map(String.init).filter {
            !$0.contains(":ERROR:dbus/") && !$0.contains("unexpected operator") && !$0.trimmingCharacters(in: .whitespaces).isEmpty
        }
        guard !lines.isEmpty else { return "" }
        let kept = lines.suffix(12).map { $0.count > 300 ? String($0.prefix(300)) + "…" : $0 }
        return ":\n    " + kept.joined(separator: "\n    ")
    }

    static func temporaryFolder() throws -> String {
        let base = (NSTemporaryDirectory() as NSString).appendingPathComponent("entraide-chromium-XXXXXX")
        var template = Array(base.utf8CString)
        guard let made = mkdtemp(&template) else {
            throw UserError(.fileAccess, fr: "impossible de créer un dossier temporaire pour le navigateur : "
                                + String(cString: strerror(errno)),
                            en: "cannot create a temporary folder for the browser: " + String(cString: strerror(errno)))
        }
        return String(cString: made)
    }
}
