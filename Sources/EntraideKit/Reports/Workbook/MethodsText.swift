import Foundation

/// The "Méthodologie" sheet: the periods, every number of the workbook (the catalogue's
/// definitions) and the document's rules, in the reader's language (docs/INDICATORS.md).
enum MethodsText {
    static func entries(content c: WorkbookContent, text: WorkbookText) -> [(String, String)] {
        let tz = c.settings.timezone
        let t = text.t
        var list: [(String, String)] = [
            (t("Période", "Period"),
             t("Des mois civils entiers dans le fuseau horaire du réseau (\(tz)). Un événement compte pour un mois quand sa date et son heure locales tombent dans ce mois.",
               "Whole calendar months in the network's time zone (\(tz)). An event counts for a month when its local date and time fall in that month.")),
            (t("Période précédente et évolution", "Previous period and change"),
             t("La période de même longueur qui précède immédiatement (le mois précédent pour le rapport mensuel). L'évolution est la différence entre les deux ; pour une part, elle est en points (pt) ; l'évolution en % rapporte la différence à la période précédente. Elles sont calculées sur les valeurs arrondies telles qu'elles sont affichées (heures et délais au dixième, parts au pour cent), pour que les chiffres se vérifient sur la page. Elles ne sont données que si les données couvrent toute la période précédente.",
               "The period of the same length just before (the previous month for the monthly report). The change is the difference between the two; for a share it is in percentage points (pt); the change in % divides the difference by the previous period's value. Both are computed from the rounded values as shown (hours and delays to a tenth, shares to a whole percent), so that the figures check on the page. They are given only when the data covers the whole previous period.")),
        ]
        list += [
            (t("Données complètes, partielles, aucune", "Complete, partial, no data"),
             t("Les données vont du mois de la première demande reçue au mois de la date de mise à jour : l'instant du dernier événement enregistré (appel, mise en relation, contact ou réalisation), hors événements datés après l'import qui les a apportés. Un mois est « complet » entre les deux, « partiel » quand c'est le mois de la mise à jour (les données s'arrêtent en cours de mois), « aucune donnée » avant ou après : ses cases sont laissées vides, ce ne sont pas des zéros. Une période est complète quand tous ses mois le sont. Aucune évolution n'est calculée par rapport à une période qui n'est pas complète : la synthèse dit alors où commencent ou s'arrêtent les données." + (c.coverage.asOf.map { " Mise à jour de ces données : \(text.date($0))." } ?? ""),
               "The data runs from the month of the first request received to the month of the as-of instant: the latest event recorded (a call, a match, a contact or a completion), leaving out events dated after the import that brought them. A month is \"complete\" in between, \"partial\" when it is the as-of instant's month (the data stops inside it), \"no data\" before or after: its cells are left empty, they are not zeros. A period is complete when all its months are. No change is computed against a period that is not complete: the summary then says where the data starts or stops." + (c.coverage.asOf.map { " These data are as of \(text.date($0))." } ?? ""))),
            (t("Mois en cours", "Running month"),
             t("Le mois de la mise à jour est marqué « en cours » avec le nombre de ses demandes encore en cours (en attente ou mises en relation) : elles peuvent encore être réalisées, annulées ou non pourvues, si bien que ses demandes réalisées et ses parts ne sont pas définitives et ne se comparent pas encore aux mois terminés.",
               "The as-of instant's month is marked \"running\" with the number of its requests still in progress (open or matched): they may still be done, cancelled or unmet, so its done requests and its shares are not final and do not yet compare with finished months.")),
        ]
        // Every indicator the workbook shows, defined once in the catalogue.
        list += c.catalogue.definitions.map { ($0.title.text(text.language), $0.text.text(text.language)) }
        list += [
            (t("Associations partenaires", "Partner associations"),
             t("Les mêmes définitions limitées aux demandes traitées par chaque association ; leurs mises en relation et leurs heures comptent pour cette association, quel que soit le bénévole. « (non renseignée) » regroupe les demandes sans association. Les habitants sont comptés une fois par association : un habitant aidé par deux associations compte dans chacune, mais une seule fois dans le total du réseau, si bien que les lignes ne s'additionnent pas.",
               "The same definitions restricted to the requests each association handled; their assignments and hours count for that association, whoever the volunteer. \"(not given)\" groups the requests without an association. Residents are counted once per association: a resident helped by two associations counts in each, but once in the network's total, so the rows do not add up.")),
        ]
        if c.valuation != nil {
            list.append((text.valuationSheet,
                         t("La méthode de valorisation du bénévolat que demande l'annexe des comptes (unité, taux et source, période, exclusions, équivalent temps plein à 1 607 heures par an), les heures et leur valorisation mois par mois et, avec un taux horaire, les écritures comptables des contributions volontaires en nature : débit 864 « Personnel bénévole », crédit 875 « Bénévolat » (règlement ANC 2018-06), une paire d'écritures par mois qui a des heures, datée de son dernier jour. Le montant de chaque mois est arrondi au centime de sorte que les totaux des débits et des crédits égalent la valorisation de l'année au centime.",
                           "The valuation method the notes to the accounts need (unit, rate and its source, period, what is left out, full-time equivalent at 1,607 hours a year), the hours and their valuation month by month and, with an hourly rate, the accounting entries for the voluntary contributions in kind: debit 864 \"Personnel bénévole\" (volunteer staff), credit 875 \"Bénévolat\" (volunteering), ANC regulation 2018-06, one pair of entries per month with hours, dated its last day. Each month's amount is rounded to the cent so that the debit and credit totals equal the year's valuation to the cent.")))
        }
        if c.waiting != nil {
            list.append((text.waitingSheet,
                         t("Demandes au statut « en attente » reçues plus de \(c.settings.waitAlertDays) jours avant la fin du mois (ou avant la date du rapport si le mois n'est pas fini). Celles qui attendent depuis plus de \(c.settings.staleAfterDays) jours (réglage stale_after_days) sont comptées à part, « à vérifier » : probablement clôturées sans que le tableau soit mis à jour ; la colonne « Association » dit qui peut le vérifier (« sans association » quand l'export n'en nomme pas). Elles sont désignées par leur numéro et un pseudonyme d'habitant, jamais par un nom.",
                           "Requests with status \"open\" received more than \(c.settings.waitAlertDays) days before the end of the month (or before the report date if the month is not over). Those waiting for more than \(c.settings.staleAfterDays) days (setting stale_after_days) are counted apart, \"to check\": probably closed without the spreadsheet being updated; the \"Association\" column says who can check (\"no association\" when the export names none). They are named by their number and a resident pseudonym, never by a name.")))
        }
        if c.coversPeriod, let n = c.suppressBelow, n > 1 {
            list.append((t("Secret statistique", "Small counts"), text.suppressionNote(n)))
        }
        list.append((t("Données personnelles", "Personal data"),
                     t("Aucun nom, numéro de téléphone, courriel ni commentaire libre n'est conservé ni affiché. Chaque habitant est désigné par un pseudonyme calculé (empreinte à clé secrète) à partir de son identifiant, de son téléphone ou de son nom.",
                       "No name, phone number, e-mail or free-text comment is stored or shown. Each resident is known by a pseudonym computed (keyed hash) from their id, phone number or name.")))
        list.append((t("Source", "Source"),
                     t("Les exports des tableaux de suivi du réseau, importés par l'outil entraide.",
                       "The network's tracking spreadsheets, imported by the entraide tool.")))
        return list
    }
}
