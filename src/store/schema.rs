//! Numbered, append-only migrations. Never edit a shipped entry: add a new one.

/// Recomputes the trigger-kept follow-up facts of cases from scratch, after a bulk load that ran without its
/// triggers (migration 2 did the same once, with its own copy of the text).
macro_rules! refresh_case_facts {
    () => {
        "
UPDATE cases SET
    has_analysis = EXISTS (SELECT 1 FROM activities a WHERE a.case_id = cases.id AND a.kind = 'analysis' AND a.done_on IS NOT NULL),
    has_suggestion = EXISTS (SELECT 1 FROM suggestion_cases sc JOIN suggestions s ON s.id = sc.suggestion_id
                             WHERE sc.case_id = cases.id AND s.withdrawn_on IS NULL);
"
    };
}

/// The same for the latest return visit of each suggestion (only suggestions that have visits can have one).
macro_rules! refresh_visit_facts {
    () => {
        "
UPDATE suggestions SET last_visit_on = (SELECT max(f.date) FROM follow_ups f WHERE f.suggestion_id = suggestions.id
    AND f.kind IN ('return_visit', 'look_back'))
WHERE id IN (SELECT suggestion_id FROM follow_ups WHERE kind IN ('return_visit', 'look_back'));
"
    };
}

/// Recomputes every unit's latest contact after a bulk load: the fact migration 5's triggers keep, computed
/// for all units in one pass over the tables instead of one lookup per unit (the generator's national archive
/// has 50,000 units).
macro_rules! refresh_unit_facts {
    () => {
        "
UPDATE units SET last_contact_on = NULL WHERE last_contact_on IS NOT NULL;
UPDATE units SET last_contact_on = c.d FROM (
    SELECT unit_id, max(d) AS d FROM (
        SELECT recipient_id AS unit_id, served_on AS d FROM suggestions WHERE served_on IS NOT NULL
        UNION ALL SELECT s.recipient_id, f.date FROM follow_ups f JOIN suggestions s ON s.id = f.suggestion_id
        UNION ALL SELECT unit_id, done_on FROM activities WHERE unit_id IS NOT NULL AND done_on IS NOT NULL)
    GROUP BY unit_id) AS c
WHERE c.unit_id = units.id;
"
    };
}

/// Fills the search index and the pinyin sort keys from the tables (the search migration, and after a bulk
/// load, which runs without the triggers that keep them). The `search_*` views are the one definition of what
/// each kind of record is found by; rows go in in key order, which FTS5 appends fastest.
macro_rules! rebuild_search {
    () => {
        "
INSERT INTO search (search) VALUES ('delete-all');
INSERT INTO search (rowid, t, p) SELECT key, t, p FROM search_units ORDER BY id;
INSERT INTO search (rowid, t, p) SELECT key, t, p FROM search_cases ORDER BY id;
INSERT INTO search (rowid, t, p) SELECT key, t, p FROM search_suggestions ORDER BY id;
INSERT INTO search (rowid, t, p) SELECT key, t, p FROM search_activities ORDER BY id;
INSERT INTO search (rowid, t, p) SELECT key, t, p FROM search_follow_ups ORDER BY id;
INSERT INTO search (search) VALUES ('optimize');
UPDATE units SET name_key = yf_sort_key(name);
UPDATE cases SET suspect_key = yf_sort_key(suspect);
"
    };
}

/// Index rows of `$view` whose `$col` is `$val` (inside a trigger).
macro_rules! index_rows {
    ($view:literal, $col:literal, $val:literal) => {
        concat!(
            "INSERT INTO search (rowid, t, p) SELECT key, t, p FROM ",
            $view,
            " WHERE ",
            $col,
            " = ",
            $val,
            ";\n"
        )
    };
}

/// The triggers that keep one kind's index rows in step with its table: `$key` is the kind's base key.
macro_rules! search_triggers {
    ($table:literal, $view:literal, $key:literal, $cols:literal) => {
        concat!(
            "CREATE TRIGGER ",
            $table,
            "_search_insert AFTER INSERT ON ",
            $table,
            " BEGIN\n",
            index_rows!($view, "id", "NEW.id"),
            "END;\nCREATE TRIGGER ",
            $table,
            "_search_update AFTER UPDATE OF ",
            $cols,
            " ON ",
            $table,
            " BEGIN\n",
            "DELETE FROM search WHERE rowid = ",
            $key,
            " + OLD.id;\n",
            index_rows!($view, "id", "NEW.id"),
            "END;\nCREATE TRIGGER ",
            $table,
            "_search_delete AFTER DELETE ON ",
            $table,
            " BEGIN\n",
            "DELETE FROM search WHERE rowid = ",
            $key,
            " + OLD.id;\nEND;\n"
        )
    };
}

/// All refreshes, for the bulk loader.
pub const REFRESH_FOLLOW_UP_FACTS: &str = concat!(
    refresh_case_facts!(),
    refresh_visit_facts!(),
    refresh_unit_facts!()
);

/// The search index and sort keys, for the bulk loader.
pub const REBUILD_SEARCH: &str = rebuild_search!();

/// The shipped migrations, each its whole SQL text written out: nothing here is shared with the bulk refresh
/// above, so editing a refresh cannot change a migration that databases already ran. The test
/// `shipped_migrations_never_change` pins the hash of each text.
pub const MIGRATIONS: &[&str] = &[
    // 1: the whole first schema.
    r#"
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

CREATE TABLE units (
    id INTEGER PRIMARY KEY,
    version INTEGER NOT NULL DEFAULT 1,
    name TEXT NOT NULL UNIQUE,
    industry TEXT NOT NULL DEFAULT '',
    region TEXT NOT NULL DEFAULT '',
    level TEXT NOT NULL,
    key_demo INTEGER NOT NULL DEFAULT 0,
    key_contact INTEGER NOT NULL DEFAULT 0,
    leading_group INTEGER NOT NULL DEFAULT 0,
    contact_person TEXT NOT NULL DEFAULT '',
    contact_phone TEXT NOT NULL DEFAULT '',
    notes TEXT NOT NULL DEFAULT ''
);

CREATE TABLE cases (
    id INTEGER PRIMARY KEY,
    version INTEGER NOT NULL DEFAULT 1,
    case_no TEXT NOT NULL UNIQUE,
    source TEXT NOT NULL,
    suspect TEXT NOT NULL DEFAULT '',
    post TEXT NOT NULL DEFAULT '',
    unit_id INTEGER REFERENCES units(id),
    crime_type TEXT NOT NULL,
    amount_fen INTEGER,
    status TEXT NOT NULL,
    filed_on TEXT,
    prosecuted_on TEXT,
    judged_on TEXT,
    closed_on TEXT,
    summary TEXT NOT NULL DEFAULT '',
    gap_from TEXT
);
CREATE INDEX cases_unit ON cases(unit_id);
CREATE INDEX cases_gap ON cases(gap_from) WHERE gap_from IS NOT NULL;

CREATE TABLE suggestions (
    id INTEGER PRIMARY KEY,
    version INTEGER NOT NULL DEFAULT 1,
    doc_no TEXT UNIQUE,
    doc_year INTEGER,
    doc_seq INTEGER,
    category TEXT NOT NULL,
    legal_type TEXT NOT NULL,
    title TEXT NOT NULL,
    problems TEXT NOT NULL DEFAULT '',
    measures TEXT NOT NULL DEFAULT '',
    recipient_id INTEGER NOT NULL REFERENCES units(id),
    decided_on TEXT,
    issued_on TEXT,
    served_on TEXT,
    service_method TEXT,
    received_on TEXT,
    filed_on TEXT,
    stated_reply_due TEXT,
    replied_on TEXT,
    adoption TEXT,
    reply_summary TEXT NOT NULL DEFAULT '',
    rectified_on TEXT,
    rectification TEXT,
    evaluated_on TEXT,
    closed_on TEXT,
    withdrawn_on TEXT,
    notes TEXT NOT NULL DEFAULT '',
    investigation_due TEXT,
    filing_due TEXT,
    reply_due TEXT,
    visit_due TEXT
);
CREATE INDEX suggestions_recipient ON suggestions(recipient_id);
CREATE INDEX suggestions_docseq ON suggestions(doc_year, doc_seq);
-- Partial indices over open items only: the daily check reads these and never the closed history.
CREATE INDEX suggestions_reply_open ON suggestions(reply_due)
    WHERE issued_on IS NOT NULL AND received_on IS NOT NULL AND replied_on IS NULL
      AND closed_on IS NULL AND withdrawn_on IS NULL;
CREATE INDEX suggestions_filing_open ON suggestions(filing_due)
    WHERE issued_on IS NOT NULL AND filed_on IS NULL AND withdrawn_on IS NULL;
CREATE INDEX suggestions_visit_open ON suggestions(visit_due)
    WHERE replied_on IS NOT NULL AND closed_on IS NULL AND withdrawn_on IS NULL;
CREATE INDEX suggestions_investigation_open ON suggestions(investigation_due)
    WHERE decided_on IS NOT NULL AND issued_on IS NULL AND withdrawn_on IS NULL;

CREATE TABLE suggestion_cases (
    suggestion_id INTEGER NOT NULL REFERENCES suggestions(id) ON DELETE CASCADE,
    case_id INTEGER NOT NULL REFERENCES cases(id),
    PRIMARY KEY (suggestion_id, case_id)
) WITHOUT ROWID;
CREATE INDEX suggestion_cases_case ON suggestion_cases(case_id);

CREATE TABLE suggestion_copies (
    suggestion_id INTEGER NOT NULL REFERENCES suggestions(id) ON DELETE CASCADE,
    unit_id INTEGER NOT NULL REFERENCES units(id),
    PRIMARY KEY (suggestion_id, unit_id)
) WITHOUT ROWID;
CREATE INDEX suggestion_copies_unit ON suggestion_copies(unit_id);

CREATE TABLE follow_ups (
    id INTEGER PRIMARY KEY,
    version INTEGER NOT NULL DEFAULT 1,
    suggestion_id INTEGER NOT NULL REFERENCES suggestions(id),
    kind TEXT NOT NULL,
    date TEXT NOT NULL,
    method TEXT NOT NULL DEFAULT '',
    record TEXT NOT NULL DEFAULT '',
    outcome TEXT,
    step TEXT
);
CREATE INDEX follow_ups_suggestion ON follow_ups(suggestion_id, kind, date);

CREATE TABLE activities (
    id INTEGER PRIMARY KEY,
    version INTEGER NOT NULL DEFAULT 1,
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    planned_on TEXT,
    done_on TEXT,
    unit_id INTEGER REFERENCES units(id),
    case_id INTEGER REFERENCES cases(id),
    suggestion_id INTEGER REFERENCES suggestions(id),
    attendees INTEGER,
    notes TEXT NOT NULL DEFAULT ''
);
CREATE INDEX activities_case ON activities(case_id, kind);
CREATE INDEX activities_unit ON activities(unit_id);
CREATE INDEX activities_suggestion ON activities(suggestion_id);
CREATE INDEX activities_planned_open ON activities(planned_on) WHERE done_on IS NULL;

CREATE TABLE plans (
    id INTEGER PRIMARY KEY,
    version INTEGER NOT NULL DEFAULT 1,
    year INTEGER NOT NULL UNIQUE,
    targets TEXT NOT NULL DEFAULT '{}',
    suggestion_target INTEGER,
    focus_industries TEXT NOT NULL DEFAULT '',
    plan_check_on TEXT,
    midyear_check_on TEXT,
    yearend_check_on TEXT,
    notes TEXT NOT NULL DEFAULT ''
);

CREATE TABLE change_log (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_id INTEGER NOT NULL,
    action TEXT NOT NULL,
    before TEXT,
    after TEXT
);
CREATE INDEX change_log_entity ON change_log(entity, entity_id);
"#,
    // 2: follow-up facts kept by triggers, so the daily check reads partial indices instead of scanning
    //    history: whether a case has its own done crime analysis and a live suggestion, and the date of a
    //    suggestion's latest return visit or look-back check. Every write path (forms, import, undo, the
    //    generator) goes through SQLite, so the triggers keep them true.
    r#"ALTER TABLE cases ADD COLUMN has_analysis INTEGER NOT NULL DEFAULT 0;
ALTER TABLE cases ADD COLUMN has_suggestion INTEGER NOT NULL DEFAULT 0;

UPDATE cases SET
    has_analysis = EXISTS (SELECT 1 FROM activities a WHERE a.case_id = cases.id AND a.kind = 'analysis' AND a.done_on IS NOT NULL),
    has_suggestion = EXISTS (SELECT 1 FROM suggestion_cases sc JOIN suggestions s ON s.id = sc.suggestion_id
                             WHERE sc.case_id = cases.id AND s.withdrawn_on IS NULL);
DROP INDEX cases_gap;
CREATE INDEX cases_gap_open ON cases(gap_from) WHERE gap_from IS NOT NULL AND (has_analysis = 0 OR has_suggestion = 0);

CREATE TRIGGER activities_gap_insert AFTER INSERT ON activities WHEN NEW.case_id IS NOT NULL BEGIN
    UPDATE cases SET has_analysis = EXISTS (SELECT 1 FROM activities a WHERE a.case_id = cases.id
        AND a.kind = 'analysis' AND a.done_on IS NOT NULL) WHERE id = NEW.case_id;
END;
CREATE TRIGGER activities_gap_update AFTER UPDATE OF case_id, kind, done_on ON activities BEGIN
    UPDATE cases SET has_analysis = EXISTS (SELECT 1 FROM activities a WHERE a.case_id = cases.id
        AND a.kind = 'analysis' AND a.done_on IS NOT NULL) WHERE id IN (OLD.case_id, NEW.case_id);
END;
CREATE TRIGGER activities_gap_delete AFTER DELETE ON activities WHEN OLD.case_id IS NOT NULL BEGIN
    UPDATE cases SET has_analysis = EXISTS (SELECT 1 FROM activities a WHERE a.case_id = cases.id
        AND a.kind = 'analysis' AND a.done_on IS NOT NULL) WHERE id = OLD.case_id;
END;
CREATE TRIGGER suggestion_cases_gap_insert AFTER INSERT ON suggestion_cases BEGIN
    UPDATE cases SET has_suggestion = EXISTS (SELECT 1 FROM suggestion_cases sc JOIN suggestions s ON s.id = sc.suggestion_id
        WHERE sc.case_id = cases.id AND s.withdrawn_on IS NULL) WHERE id = NEW.case_id;
END;
CREATE TRIGGER suggestion_cases_gap_delete AFTER DELETE ON suggestion_cases BEGIN
    UPDATE cases SET has_suggestion = EXISTS (SELECT 1 FROM suggestion_cases sc JOIN suggestions s ON s.id = sc.suggestion_id
        WHERE sc.case_id = cases.id AND s.withdrawn_on IS NULL) WHERE id = OLD.case_id;
END;
CREATE TRIGGER suggestions_gap_withdrawn AFTER UPDATE OF withdrawn_on ON suggestions BEGIN
    UPDATE cases SET has_suggestion = EXISTS (SELECT 1 FROM suggestion_cases sc JOIN suggestions s ON s.id = sc.suggestion_id
        WHERE sc.case_id = cases.id AND s.withdrawn_on IS NULL)
    WHERE id IN (SELECT case_id FROM suggestion_cases WHERE suggestion_id = NEW.id);
END;

ALTER TABLE suggestions ADD COLUMN last_visit_on TEXT;

UPDATE suggestions SET last_visit_on = (SELECT max(f.date) FROM follow_ups f WHERE f.suggestion_id = suggestions.id
    AND f.kind IN ('return_visit', 'look_back'))
WHERE id IN (SELECT suggestion_id FROM follow_ups WHERE kind IN ('return_visit', 'look_back'));
CREATE INDEX suggestions_lookback_open ON suggestions(last_visit_on)
    WHERE replied_on IS NOT NULL AND closed_on IS NULL AND withdrawn_on IS NULL AND coalesce(rectification, '') <> 'full';
CREATE TRIGGER follow_ups_visit_insert AFTER INSERT ON follow_ups WHEN NEW.kind IN ('return_visit', 'look_back') BEGIN
    UPDATE suggestions SET last_visit_on = (SELECT max(f.date) FROM follow_ups f WHERE f.suggestion_id = suggestions.id
        AND f.kind IN ('return_visit', 'look_back')) WHERE id = NEW.suggestion_id;
END;
CREATE TRIGGER follow_ups_visit_update AFTER UPDATE OF suggestion_id, kind, date ON follow_ups BEGIN
    UPDATE suggestions SET last_visit_on = (SELECT max(f.date) FROM follow_ups f WHERE f.suggestion_id = suggestions.id
        AND f.kind IN ('return_visit', 'look_back')) WHERE id IN (OLD.suggestion_id, NEW.suggestion_id);
END;
CREATE TRIGGER follow_ups_visit_delete AFTER DELETE ON follow_ups WHEN OLD.kind IN ('return_visit', 'look_back') BEGIN
    UPDATE suggestions SET last_visit_on = (SELECT max(f.date) FROM follow_ups f WHERE f.suggestion_id = suggestions.id
        AND f.kind IN ('return_visit', 'look_back')) WHERE id = OLD.suggestion_id;
END;
"#,
    // 3: indices that serve the lists' default orders, so a window of rows is read in order instead of
    //    sorting the whole history.
    r#"
CREATE INDEX cases_filed ON cases(filed_on);
CREATE INDEX activities_when ON activities(coalesce(done_on, planned_on));
CREATE INDEX suggestions_received ON suggestions(received_on);
CREATE INDEX suggestions_reply_due ON suggestions(reply_due);
"#,
    // 4: indices that hold exactly what the daily check reads, so it counts and pages from the index alone:
    //    follow-through without looking up every open replied suggestion to test whether it was visited,
    //    planned work without looking up each activity's kind.
    r#"
DROP INDEX suggestions_visit_open;
CREATE INDEX suggestions_first_visit_open ON suggestions(visit_due)
    WHERE replied_on IS NOT NULL AND closed_on IS NULL AND withdrawn_on IS NULL
      AND (last_visit_on IS NULL OR last_visit_on < replied_on);
DROP INDEX suggestions_lookback_open;
CREATE INDEX suggestions_lookback_open ON suggestions(last_visit_on)
    WHERE replied_on IS NOT NULL AND closed_on IS NULL AND withdrawn_on IS NULL
      AND coalesce(rectification, '') <> 'full' AND last_visit_on >= replied_on;
-- Planned work due: the kind is in the index so the count that leaves out historical kinds reads no rows.
DROP INDEX activities_planned_open;
CREATE INDEX activities_planned_open ON activities(planned_on, kind) WHERE done_on IS NULL;
"#,
    // 5: each unit's latest contact, kept by triggers like the facts of migration 2, so the unit list reads
    //    one column instead of every suggestion, follow-up and activity of each unit on screen; and activities
    //    by kind, so the list's count leaves out the hidden kinds by a range instead of a look at every row.
    r#"ALTER TABLE units ADD COLUMN last_contact_on TEXT;
CREATE INDEX activities_kind ON activities(kind);
UPDATE units SET last_contact_on = NULL WHERE last_contact_on IS NOT NULL;
UPDATE units SET last_contact_on = c.d FROM (
    SELECT unit_id, max(d) AS d FROM (
        SELECT recipient_id AS unit_id, served_on AS d FROM suggestions WHERE served_on IS NOT NULL
        UNION ALL SELECT s.recipient_id, f.date FROM follow_ups f JOIN suggestions s ON s.id = f.suggestion_id
        UNION ALL SELECT unit_id, done_on FROM activities WHERE unit_id IS NOT NULL AND done_on IS NOT NULL)
    GROUP BY unit_id) AS c
WHERE c.unit_id = units.id;
CREATE TRIGGER suggestions_contact_insert AFTER INSERT ON suggestions WHEN NEW.served_on IS NOT NULL BEGIN
    UPDATE units SET last_contact_on = CASE WHEN last_contact_on IS NULL OR last_contact_on < NEW.served_on THEN NEW.served_on ELSE last_contact_on END WHERE id = NEW.recipient_id;
END;
CREATE TRIGGER suggestions_contact_update AFTER UPDATE OF served_on, recipient_id ON suggestions BEGIN
    UPDATE units SET last_contact_on = (SELECT max(d) FROM (
    SELECT max(s.served_on) AS d FROM suggestions s WHERE s.recipient_id = units.id
    UNION ALL SELECT max(f.date) FROM follow_ups f JOIN suggestions s ON s.id = f.suggestion_id WHERE s.recipient_id = units.id
    UNION ALL SELECT max(a.done_on) FROM activities a WHERE a.unit_id = units.id)) WHERE id IN (OLD.recipient_id, NEW.recipient_id);
END;
CREATE TRIGGER suggestions_contact_delete AFTER DELETE ON suggestions BEGIN
    UPDATE units SET last_contact_on = (SELECT max(d) FROM (
    SELECT max(s.served_on) AS d FROM suggestions s WHERE s.recipient_id = units.id
    UNION ALL SELECT max(f.date) FROM follow_ups f JOIN suggestions s ON s.id = f.suggestion_id WHERE s.recipient_id = units.id
    UNION ALL SELECT max(a.done_on) FROM activities a WHERE a.unit_id = units.id)) WHERE id = OLD.recipient_id;
END;
CREATE TRIGGER follow_ups_contact_insert AFTER INSERT ON follow_ups BEGIN
    UPDATE units SET last_contact_on = CASE WHEN last_contact_on IS NULL OR last_contact_on < NEW.date THEN NEW.date ELSE last_contact_on END
    WHERE id = (SELECT recipient_id FROM suggestions WHERE id = NEW.suggestion_id);
END;
CREATE TRIGGER follow_ups_contact_update AFTER UPDATE OF suggestion_id, date ON follow_ups BEGIN
    UPDATE units SET last_contact_on = (SELECT max(d) FROM (
    SELECT max(s.served_on) AS d FROM suggestions s WHERE s.recipient_id = units.id
    UNION ALL SELECT max(f.date) FROM follow_ups f JOIN suggestions s ON s.id = f.suggestion_id WHERE s.recipient_id = units.id
    UNION ALL SELECT max(a.done_on) FROM activities a WHERE a.unit_id = units.id))
    WHERE id IN (SELECT recipient_id FROM suggestions WHERE id IN (OLD.suggestion_id, NEW.suggestion_id));
END;
CREATE TRIGGER follow_ups_contact_delete AFTER DELETE ON follow_ups BEGIN
    UPDATE units SET last_contact_on = (SELECT max(d) FROM (
    SELECT max(s.served_on) AS d FROM suggestions s WHERE s.recipient_id = units.id
    UNION ALL SELECT max(f.date) FROM follow_ups f JOIN suggestions s ON s.id = f.suggestion_id WHERE s.recipient_id = units.id
    UNION ALL SELECT max(a.done_on) FROM activities a WHERE a.unit_id = units.id))
    WHERE id = (SELECT recipient_id FROM suggestions WHERE id = OLD.suggestion_id);
END;
CREATE TRIGGER activities_contact_insert AFTER INSERT ON activities
    WHEN NEW.unit_id IS NOT NULL AND NEW.done_on IS NOT NULL BEGIN
    UPDATE units SET last_contact_on = CASE WHEN last_contact_on IS NULL OR last_contact_on < NEW.done_on THEN NEW.done_on ELSE last_contact_on END WHERE id = NEW.unit_id;
END;
CREATE TRIGGER activities_contact_update AFTER UPDATE OF unit_id, done_on ON activities BEGIN
    UPDATE units SET last_contact_on = (SELECT max(d) FROM (
    SELECT max(s.served_on) AS d FROM suggestions s WHERE s.recipient_id = units.id
    UNION ALL SELECT max(f.date) FROM follow_ups f JOIN suggestions s ON s.id = f.suggestion_id WHERE s.recipient_id = units.id
    UNION ALL SELECT max(a.done_on) FROM activities a WHERE a.unit_id = units.id)) WHERE id IN (OLD.unit_id, NEW.unit_id);
END;
CREATE TRIGGER activities_contact_delete AFTER DELETE ON activities WHEN OLD.unit_id IS NOT NULL BEGIN
    UPDATE units SET last_contact_on = (SELECT max(d) FROM (
    SELECT max(s.served_on) AS d FROM suggestions s WHERE s.recipient_id = units.id
    UNION ALL SELECT max(f.date) FROM follow_ups f JOIN suggestions s ON s.id = f.suggestion_id WHERE s.recipient_id = units.id
    UNION ALL SELECT max(a.done_on) FROM activities a WHERE a.unit_id = units.id)) WHERE id = OLD.unit_id;
END;
"#,
    // 6 (issue 12): the year in view aggregates a period by issue date; the risk table counts similar-cases
    //    and industry suggestions per recipient from an index alone; prevention work done by kind and day.
    r#"
CREATE INDEX suggestions_issued ON suggestions(issued_on) WHERE issued_on IS NOT NULL;
CREATE INDEX suggestions_pattern ON suggestions(category, recipient_id, issued_on)
    WHERE issued_on IS NOT NULL AND withdrawn_on IS NULL;
CREATE INDEX activities_done ON activities(done_on, kind) WHERE done_on IS NOT NULL;
"#,
    // 7 (issue 16): one search over every record (src/store/search): an FTS5 index whose tokens are single characters,
    //    so a Chinese word of one or two characters is found like a longer one, plus the pinyin of names and
    //    titles; and pinyin sort keys for the lists sorted by a name. The text is written by the functions
    //    `yf_text`, `yf_pinyin`, `yf_title_pinyin` and `yf_sort_key`, which `Store::open` registers; rows are keys
    //    `kind << 40 | id`, so one kind is a range of the index.
    concat!(
        "CREATE VIRTUAL TABLE search USING fts5(t, p, content = '', contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 0');
CREATE VIEW search_units AS SELECT id, (1 << 40) + id AS key,
    yf_text(name, industry, region, contact_person) AS t, yf_pinyin(name) AS p FROM units;
CREATE VIEW search_cases AS SELECT c.id, c.unit_id, (2 << 40) + c.id AS key,
    yf_text(c.case_no, c.suspect, c.post, coalesce(u.name, ''), c.summary) AS t, yf_pinyin(c.suspect) AS p
    FROM cases c LEFT JOIN units u ON u.id = c.unit_id;
CREATE VIEW search_suggestions AS SELECT s.id, s.recipient_id AS unit_id, (3 << 40) + s.id AS key,
    yf_text(coalesce(s.doc_no, ''), s.title, coalesce(u.name, '')) AS t, yf_title_pinyin(s.title) AS p
    FROM suggestions s LEFT JOIN units u ON u.id = s.recipient_id;
CREATE VIEW search_activities AS SELECT a.id, a.unit_id, (4 << 40) + a.id AS key,
    yf_text(a.title, coalesce(u.name, ''), a.notes) AS t, yf_title_pinyin(a.title) AS p
    FROM activities a LEFT JOIN units u ON u.id = a.unit_id;
CREATE VIEW search_follow_ups AS SELECT id, (5 << 40) + id AS key, yf_text(record, method) AS t, '' AS p
    FROM follow_ups;
ALTER TABLE units ADD COLUMN name_key TEXT;
ALTER TABLE cases ADD COLUMN suspect_key TEXT;
CREATE INDEX units_name_key ON units(name_key);
CREATE INDEX cases_suspect_key ON cases(suspect_key);
",
        rebuild_search!(),
        search_triggers!("units", "search_units", "(1 << 40)", "name, industry, region, contact_person"),
        search_triggers!("cases", "search_cases", "(2 << 40)", "case_no, suspect, post, unit_id, summary"),
        search_triggers!("suggestions", "search_suggestions", "(3 << 40)", "doc_no, title, recipient_id"),
        search_triggers!("activities", "search_activities", "(4 << 40)", "title, unit_id, notes"),
        search_triggers!("follow_ups", "search_follow_ups", "(5 << 40)", "record, method"),
        "CREATE TRIGGER units_sort_key AFTER INSERT ON units BEGIN
    UPDATE units SET name_key = yf_sort_key(NEW.name) WHERE id = NEW.id;
END;
CREATE TRIGGER units_sort_key_update AFTER UPDATE OF name ON units BEGIN
    UPDATE units SET name_key = yf_sort_key(NEW.name) WHERE id = NEW.id;
END;
CREATE TRIGGER cases_sort_key AFTER INSERT ON cases BEGIN
    UPDATE cases SET suspect_key = yf_sort_key(NEW.suspect) WHERE id = NEW.id;
END;
CREATE TRIGGER cases_sort_key_update AFTER UPDATE OF suspect ON cases BEGIN
    UPDATE cases SET suspect_key = yf_sort_key(NEW.suspect) WHERE id = NEW.id;
END;
-- A unit's name is part of how its cases, suggestions and activities are found.
CREATE TRIGGER units_search_rename AFTER UPDATE OF name ON units WHEN OLD.name IS NOT NEW.name BEGIN
DELETE FROM search WHERE rowid IN (SELECT (2 << 40) + id FROM cases WHERE unit_id = NEW.id);
",
        index_rows!("search_cases", "unit_id", "NEW.id"),
        "DELETE FROM search WHERE rowid IN (SELECT (3 << 40) + id FROM suggestions WHERE recipient_id = NEW.id);
",
        index_rows!("search_suggestions", "unit_id", "NEW.id"),
        "DELETE FROM search WHERE rowid IN (SELECT (4 << 40) + id FROM activities WHERE unit_id = NEW.id);
",
        index_rows!("search_activities", "unit_id", "NEW.id"),
        "END;
"
    ),
    // 8 (issue 17): the measures of each suggestion as items, each with the unit's answer to it; and whether a
    //    suggestion's adoption and rectification were set by hand instead of following its measures. The
    //    measures texts of an older store are split into items in Rust, in the same transaction
    //    (`measures::fill_missing`), since the split is a domain rule.
    r#"
CREATE TABLE measures (
    suggestion_id INTEGER NOT NULL REFERENCES suggestions(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    text TEXT NOT NULL,
    adoption TEXT,
    rectification TEXT,
    rectified_on TEXT,
    evidence TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (suggestion_id, position)
) WITHOUT ROWID;
ALTER TABLE suggestions ADD COLUMN states_by_hand INTEGER NOT NULL DEFAULT 0;
"#,
];

#[cfg(test)]
mod tests {
    use super::MIGRATIONS;

    /// FNV-1a, 64 bit, written out here so the pins depend on nothing else in the program.
    fn fnv1a(text: &str) -> u64 {
        text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        })
    }

    /// A shipped migration has run in users' databases: its text must never change. A new migration appends
    /// its entry to `MIGRATIONS` and its pin here; an edit to an old entry fails this test.
    #[test]
    fn shipped_migrations_never_change() {
        const PINS: &[u64] = &[
            0x0c1eb94ecfdf7b8e,
            0x19fab7b1e92d5def,
            0x42583197bdec4c1f,
            0x4f7da37b29560b9f,
            0x51351d9ca8998338,
            0x3ffbec37dd8462fa,
            // 7 is built from the same macros as the search rebuild: this pin is what keeps an edit of
            // those macros from silently changing a shipped migration.
            0xa0f2b1b21486decc,
            0xaa29a957ffda4775,
        ];
        assert!(
            MIGRATIONS.len() >= PINS.len(),
            "a shipped migration was removed"
        );
        for (i, (sql, pin)) in MIGRATIONS.iter().zip(PINS).enumerate() {
            assert_eq!(
                fnv1a(sql),
                *pin,
                "migration {} changed: add a new migration instead",
                i + 1
            );
        }
    }
}
