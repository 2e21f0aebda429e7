import GRDB

/// The database schema. Its names are part of the product (docs/QUERIES.md): people write their own
/// SQL against it, so it changes only through new migrations appended here.
enum Schema {
    /// Migrations a read-only command can do without (they change no name and no value):
    /// a database an older version wrote still answers until the next import migrates it.
    static let notNeededForReading: Set<String> = ["v4-no-secondary-indexes"]

    /// The migration that replaces resident ids stored as the export gave them by their keyed hash.
    static let hashedResidentIDs = "v5-hashed-resident-ids"

    /// Every migration (`hashedResidentIDs` fails when run from this one on a database that
    /// holds ids to re-key).
    static var migrator: DatabaseMigrator { migrator(pseudonymizer: nil, keyed: true) }

    /// The migrations that never need the pseudonymisation key: `Store(path:)` applies them, and
    /// the others when there is nothing to re-key; else an import (which holds the key) does
    /// (`Store.migrate(with:)`). A separate migrator rather than `migrate(_:upTo:)`, which traps
    /// on a database migrated further.
    static var keylessMigrator: DatabaseMigrator { migrator(pseudonymizer: nil, keyed: false) }

    static func migrator(pseudonymizer: Pseudonymizer?, keyed: Bool = true) -> DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            // Comparisons rather than IN lists in CHECK constraints: SQLite builds a temporary
            // table for every IN list on every insert, which costs a third of a bulk import.
            try db.execute(sql: """
                CREATE TABLE imports (
                    id            INTEGER PRIMARY KEY,
                    imported_at   TEXT    NOT NULL,  -- ISO 8601 with offset, when the import ran
                    file_name     TEXT    NOT NULL,  -- file name (no folder)
                    sheet         TEXT,              -- sheet of a workbook, NULL for CSV
                    table_name    TEXT    NOT NULL
                                  CHECK (table_name = 'volunteers' OR table_name = 'requests' OR table_name = 'assignments'),
                    sha256        TEXT    NOT NULL,  -- of the whole file
                    rows_read     INTEGER NOT NULL,
                    rows_imported INTEGER NOT NULL,
                    rows_rejected INTEGER NOT NULL,
                    warnings      INTEGER NOT NULL
                );

                CREATE TABLE volunteers (
                    volunteer_id  TEXT PRIMARY KEY NOT NULL,
                    joined_on     TEXT NOT NULL,     -- local date YYYY-MM-DD
                    joined_month  TEXT NOT NULL,     -- YYYY-MM
                    left_on       TEXT,              -- local date, NULL while still in
                    left_month    TEXT,
                    association   TEXT,
                    domains       TEXT               -- domain codes separated by '|'
                ) WITHOUT ROWID;

                CREATE TABLE requests (
                    request_id     TEXT PRIMARY KEY NOT NULL,
                    received_at    TEXT NOT NULL,    -- ISO 8601 local time with offset
                    received_month TEXT NOT NULL,    -- local YYYY-MM
                    domain         TEXT NOT NULL,    -- domain code
                    resident_key   TEXT,             -- pseudonymous resident id (never a name or phone)
                    status         TEXT NOT NULL      -- open, matched, done, cancelled or unmet
                                   CHECK (status = 'open' OR status = 'matched' OR status = 'done'
                                          OR status = 'cancelled' OR status = 'unmet'),
                    status_derived INTEGER NOT NULL DEFAULT 0, -- 1: the export gave no status, derived from assignments
                    association    TEXT,
                    channel        TEXT NOT NULL DEFAULT 'phone'
                                   CHECK (channel = 'phone' OR channel = 'in_person' OR channel = 'email'
                                          OR channel = 'other')
                ) WITHOUT ROWID;

                CREATE TABLE assignments (
                    request_id    TEXT NOT NULL REFERENCES requests(request_id),
                    volunteer_id  TEXT NOT NULL REFERENCES volunteers(volunteer_id),
                    matched_at    TEXT,              -- when the coordinator found the volunteer
                    matched_month TEXT,
                    contacted_at  TEXT,              -- when the volunteer reached the resident
                    done_at       TEXT,              -- when the service was given
                    done_month    TEXT,
                    hours         REAL,              -- volunteer time spent
                    source        TEXT NOT NULL CHECK (source = 'inline' OR source = 'file'), -- row of the requests file, or of the assignments file
                    PRIMARY KEY (request_id, volunteer_id)
                ) WITHOUT ROWID;
                """)
            try db.execute(sql: """
                CREATE INDEX requests_by_month ON requests(received_month);
                CREATE INDEX requests_by_resident ON requests(resident_key, received_month);
                CREATE INDEX assignments_by_matched_month ON assignments(matched_month, volunteer_id);
                """)
        }
        // Views for common questions (docs/QUERIES.md documents every column).
        migrator.registerMigration("v2-views") { db in
            try db.execute(sql: Schema.viewsSQL)
        }
        // What each source said of an assignment named by both a request row and the
        // assignments file, so that `assignments` is always the merge of the latest of each
        // (file values win), each replaced in full by a newer export. Pairs only a request row
        // names need no entry: their `assignments` row is the request row's values.
        migrator.registerMigration("v3-assignment-sources") { db in
            try db.execute(sql: """
                CREATE TABLE assignment_sources (
                    request_id   TEXT NOT NULL,
                    volunteer_id TEXT NOT NULL,
                    source       TEXT NOT NULL CHECK (source = 'inline' OR source = 'file'),
                    matched_at   TEXT,
                    contacted_at TEXT,
                    done_at      TEXT,
                    hours        REAL,
                    PRIMARY KEY (request_id, volunteer_id, source)
                ) WITHOUT ROWID;
                INSERT INTO assignment_sources
                    SELECT request_id, volunteer_id, 'file', matched_at, contacted_at, done_at, hours
                    FROM assignments WHERE source = 'file';
                """)
        }
        // The indicators now read whole tables once (docs/PERFORMANCE.md): the month and
        // resident indexes of v1 served only them, and rebuilding them after a bulk import
        // cost 2.5 s of every million-row import.
        migrator.registerMigration("v4-no-secondary-indexes") { db in
            try db.execute(sql: """
                DROP INDEX IF EXISTS requests_by_month;
                DROP INDEX IF EXISTS requests_by_resident;
                DROP INDEX IF EXISTS assignments_by_matched_month;
                """)
        }
        guard keyed else { return migrator }
        // Resident ids given by the export were stored as given, and people type names and phone
        // numbers into that column. Each stored key that is not a pseudonym yet is replaced by the
        // keyed hash an import now computes from the same id (docs/FORMAT.md, "Personal data and
        // the resident id"): one id, one pseudonym, so no count changes. One pass over the table.
        migrator.registerMigration(hashedResidentIDs) { db in
            guard let pseudonymizer else {
                // Nothing to re-key (a new database, or one without given ids): no key needed.
                if try hasRawResidentIDs(db) {
                    throw InternalError("migration \(hashedResidentIDs) needs the database's pseudonymisation key")
                }
                return
            }
            let distinct = "SELECT count(DISTINCT resident_key) FROM requests"
            let before = try Int.fetchOne(db, sql: distinct) ?? 0
            db.add(function: DatabaseFunction("entraide_hashed_resident_id", argumentCount: 1, pure: true) { values in
                String.fromDatabaseValue(values[0]).map { pseudonymizer.residentID($0) }
            })
            try db.execute(sql: """
                UPDATE requests SET resident_key = entraide_hashed_resident_id(resident_key)
                WHERE resident_key IS NOT NULL AND NOT (\(Pseudonym.sqlCondition(column: "resident_key")))
                """)
            let after = try Int.fetchOne(db, sql: distinct) ?? 0
            guard after == before else {  // two ids hashed alike: a 64-bit collision, never seen
                throw InternalError("migration \(hashedResidentIDs): \(before) residents became \(after)")
            }
        }
        return migrator
    }

    /// True when some request holds a resident id stored as the export gave it (written before
    /// `hashedResidentIDs`): one pass over the requests at most, stopping at the first.
    static func hasRawResidentIDs(_ db: Database) throws -> Bool {
        try Bool.fetchOne(db, sql: """
            SELECT EXISTS (SELECT 1 FROM requests WHERE resident_key IS NOT NULL
                           AND NOT (\(Pseudonym.sqlCondition(column: "resident_key"))))
            """) ?? false
    }

    /// SQL of the documented views (migration "v2-views"). Delays are real elapsed hours:
    /// `strftime('%s', …)` turns an ISO 8601 timestamp with its offset into UTC seconds.
    static let viewsSQL = """
        -- One row per request, with its earliest matched_at / contacted_at and the delays in hours.
        -- A negative delay means inconsistent data (an event before the call); the indicators leave it out.
        CREATE VIEW request_delays AS
        WITH first_match AS (
            SELECT request_id, matched_at, min(julianday(matched_at)) AS jd
            FROM assignments WHERE matched_at IS NOT NULL GROUP BY request_id
        ), first_contact AS (
            SELECT request_id, contacted_at, min(julianday(contacted_at)) AS jd
            FROM assignments WHERE contacted_at IS NOT NULL GROUP BY request_id
        )
        SELECT r.request_id, r.received_at, r.received_month, r.domain, r.association, r.status,
               r.resident_key,
               m.matched_at AS first_matched_at,
               c.contacted_at AS first_contacted_at,
               (strftime('%s', m.matched_at) - strftime('%s', r.received_at)) / 3600.0 AS match_delay_hours,
               (strftime('%s', c.contacted_at) - strftime('%s', r.received_at)) / 3600.0 AS contact_delay_hours
        FROM requests r
        LEFT JOIN first_match m ON m.request_id = r.request_id
        LEFT JOIN first_contact c ON c.request_id = r.request_id;

        -- One row per volunteer and month of matched_at: how many assignments, how many hours.
        CREATE VIEW volunteer_load AS
        SELECT a.volunteer_id, a.matched_month AS month, v.association,
               count(*) AS assignments, sum(a.hours) AS hours
        FROM assignments a
        LEFT JOIN volunteers v ON v.volunteer_id = a.volunteer_id
        WHERE a.matched_month IS NOT NULL
        GROUP BY a.volunteer_id, a.matched_month;

        -- One row per assignment with its request's and volunteer's context.
        CREATE VIEW assignment_details AS
        SELECT a.request_id, a.volunteer_id, a.matched_at, a.matched_month, a.contacted_at,
               a.done_at, a.done_month, a.hours, a.source,
               r.received_at, r.received_month, r.domain, r.status, r.resident_key,
               r.association AS request_association,
               v.association AS volunteer_association
        FROM assignments a
        LEFT JOIN requests r ON r.request_id = a.request_id
        LEFT JOIN volunteers v ON v.volunteer_id = a.volunteer_id;
        """
}
