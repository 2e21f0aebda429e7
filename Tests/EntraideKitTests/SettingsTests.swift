import Foundation
import Testing
@testable import EntraideKit

@Suite struct SettingsTests {
    @Test func defaults() throws {
        let s = try Settings.parse(toml: "")
        #expect(s.timezone == "Europe/Paris")
        #expect(s.hourlyRateEUR == nil)
        #expect(s.overloadThreshold == 4 && s.waitAlertDays == 7 && s.suppressBelow == 3)
        #expect(s.domainCodes == ["ecoute", "courses", "orientation", "coup_de_main", "autre"])
    }

    @Test func everySetting() throws {
        let s = try Settings.parse(toml: """
            network_name = "Réseau d'entraide du Vieux-Lyon"
            author = "Centre social"
            timezone = "Europe/Brussels"
            hourly_rate_eur = 15
            overload_threshold = 6
            wait_alert_days = 3
            suppress_below = 5
            associations = ["AFEV", "Secours populaire"]
            [statuses]
            unmet = ["Abandonnée"]
            """)
        #expect(s.networkName == "Réseau d'entraide du Vieux-Lyon" && s.author == "Centre social")
        #expect(s.timezone == "Europe/Brussels" && s.hourlyRateEUR == 15)
        #expect(s.overloadThreshold == 6 && s.waitAlertDays == 3 && s.suppressBelow == 5)
        #expect(s.associations == ["AFEV", "Secours populaire"])
        #expect(s.statusSynonyms[.unmet] == ["Abandonnée"])
    }

    @Test func badValuesNameTheKey() {
        let cases: [(String, String)] = [
            ("timezone = \"Europe/Lutece\"", "setting `timezone`"),
            ("hourly_rate_eur = \"quinze\"", "setting `hourly_rate_eur`"),
            ("overload_threshold = 0", "setting `overload_threshold`"),
            ("suppress_below = -1", "setting `suppress_below`"),
            ("suppress_below = 2", "setting `suppress_below`: 2 is not accepted"),
            ("colour = \"blue\"", "setting `colour`: unknown setting"),
            ("[statuses]\nfinie = [\"x\"]", "setting `statuses.finie`"),
            ("[[domains]]\ncode = \"Courses Maison\"\nlabel = \"x\"", "setting `domains[1].code`"),
            ("timezone = ", "entraide.toml:1:"),
        ]
        for (toml, expected) in cases {
            do {
                _ = try Settings.parse(toml: toml)
                Issue.record("\(toml) should be refused")
            } catch let error as UserError {
                #expect(error.kind == .badSetting)
                #expect(error.message.contains(expected), "\(error.message)")
            } catch {
                Issue.record("unexpected \(error)")
            }
        }
    }

    /// `stale_after_days`: 60 by default, twice the alert delay when that is longer, and always
    /// more than `wait_alert_days` (a stale request is one waiting far longer than an alert's).
    /// Association names are matched ignoring case and accents, and name the reports' files:
    /// two that differ only by those are one association, refused.
    @Test func associationsThatDifferOnlyByCaseOrAccentsAreRefused() throws {
        for pair in [("AFEV", "Afev"), ("Léo Lagrange", "Leo Lagrange")] {
            do {
                _ = try Settings.parse(toml: "associations = [\"\(pair.0)\", \"Secours populaire\", \"\(pair.1)\"]")
                Issue.record("\(pair) accepted")
            } catch let e as UserError {
                #expect(e.message.contains("`associations`") && e.message.contains("differ only by case"), "\(e.message)")
            }
        }
        #expect(try Settings.parse(toml: "associations = [\"AFEV\", \"Secours populaire\"]").associations.count == 2)
    }

    /// A file that cannot be read says why in the user's language, and what to do.
    @Test func fileErrorsSayWhyInFrench() {
        let missing = FileSystemError(.read, "notes.md", code: ENOENT).text
        #expect(missing.fr == "impossible de lire notes.md : fichier ou dossier introuvable ; ce fichier n'existe pas : vérifiez son chemin et son nom")
        #expect(missing.en.hasPrefix("cannot read notes.md: No such file or directory; this file does not exist"))
        let folder = FileSystemError(.create, "r/x.csv", code: ENOENT).text
        #expect(folder.fr.contains("fichier ou dossier introuvable ; un dossier de ce chemin n'existe pas"))
        #expect(FileSystemError(.write, "x", code: ENOSPC).text.fr.contains("plus de place sur le disque"))
    }

    @Test func staleAfterDays() throws {
        #expect(try Settings.parse(toml: "").staleAfterDays == 60)
        #expect(try Settings.parse(toml: "wait_alert_days = 45").staleAfterDays == 90)
        #expect(try Settings.parse(toml: "stale_after_days = 30").staleAfterDays == 30)
        do {
            _ = try Settings.parse(toml: "wait_alert_days = 30\nstale_after_days = 30")
            Issue.record("a stale delay equal to the alert delay should be refused")
        } catch let error as UserError {
            #expect(error.kind == .badSetting)
            #expect(error.message.contains("setting `stale_after_days`") && error.message.contains("wait_alert_days (30)"),
                    "\(error.message)")
        }
    }
}
