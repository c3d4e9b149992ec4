//! Numbered, append-only migrations. Never edit a shipped entry: add a new one.

/// Recomputes the trigger-kept follow-up facts of cases from scratch (migration 2, and after a bulk load that
/// ran without its triggers).
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

/// The latest contact with the unit `units.id`: a suggestion served on it, a follow-up on one of its
/// suggestions, or prevention work done there.
macro_rules! unit_contact {
    () => {
        "(SELECT max(d) FROM (
    SELECT max(s.served_on) AS d FROM suggestions s WHERE s.recipient_id = units.id
    UNION ALL SELECT max(f.date) FROM follow_ups f JOIN suggestions s ON s.id = f.suggestion_id WHERE s.recipient_id = units.id
    UNION ALL SELECT max(a.done_on) FROM activities a WHERE a.unit_id = units.id))"
    };
}

/// A new contact on `$date` moves a unit's latest contact forward, if it is later: inserts (an import of a
/// whole archive) need no look at the unit's history; changes and deletes recompute with `unit_contact!`.
macro_rules! later_contact {
    ($date:literal) => {
        concat!(
            "CASE WHEN last_contact_on IS NULL OR last_contact_on < ",
            $date,
            " THEN ",
            $date,
            " ELSE last_contact_on END"
        )
    };
}

/// Recomputes every unit's latest contact (migration 5, and after a bulk load). The same fact as
/// `unit_contact!`, computed for all units in one pass over the tables instead of one lookup per unit: the
/// generator's national archive has 50,000 units.
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

/// All refreshes, for the bulk loader.
pub const REFRESH_FOLLOW_UP_FACTS: &str = concat!(
    refresh_case_facts!(),
    refresh_visit_facts!(),
    refresh_unit_facts!()
);

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
    concat!(
        r#"ALTER TABLE cases ADD COLUMN has_analysis INTEGER NOT NULL DEFAULT 0;
ALTER TABLE cases ADD COLUMN has_suggestion INTEGER NOT NULL DEFAULT 0;
"#,
        refresh_case_facts!(),
        r#"DROP INDEX cases_gap;
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
"#,
        refresh_visit_facts!(),
        r#"CREATE INDEX suggestions_lookback_open ON suggestions(last_visit_on)
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
"#
    ),
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
    concat!(
        "ALTER TABLE units ADD COLUMN last_contact_on TEXT;
CREATE INDEX activities_kind ON activities(kind);",
        refresh_unit_facts!(),
        "CREATE TRIGGER suggestions_contact_insert AFTER INSERT ON suggestions WHEN NEW.served_on IS NOT NULL BEGIN
    UPDATE units SET last_contact_on = ", later_contact!("NEW.served_on"), " WHERE id = NEW.recipient_id;
END;
CREATE TRIGGER suggestions_contact_update AFTER UPDATE OF served_on, recipient_id ON suggestions BEGIN
    UPDATE units SET last_contact_on = ", unit_contact!(), " WHERE id IN (OLD.recipient_id, NEW.recipient_id);
END;
CREATE TRIGGER suggestions_contact_delete AFTER DELETE ON suggestions BEGIN
    UPDATE units SET last_contact_on = ", unit_contact!(), " WHERE id = OLD.recipient_id;
END;
CREATE TRIGGER follow_ups_contact_insert AFTER INSERT ON follow_ups BEGIN
    UPDATE units SET last_contact_on = ", later_contact!("NEW.date"), "
    WHERE id = (SELECT recipient_id FROM suggestions WHERE id = NEW.suggestion_id);
END;
CREATE TRIGGER follow_ups_contact_update AFTER UPDATE OF suggestion_id, date ON follow_ups BEGIN
    UPDATE units SET last_contact_on = ", unit_contact!(), "
    WHERE id IN (SELECT recipient_id FROM suggestions WHERE id IN (OLD.suggestion_id, NEW.suggestion_id));
END;
CREATE TRIGGER follow_ups_contact_delete AFTER DELETE ON follow_ups BEGIN
    UPDATE units SET last_contact_on = ", unit_contact!(), "
    WHERE id = (SELECT recipient_id FROM suggestions WHERE id = OLD.suggestion_id);
END;
CREATE TRIGGER activities_contact_insert AFTER INSERT ON activities
    WHEN NEW.unit_id IS NOT NULL AND NEW.done_on IS NOT NULL BEGIN
    UPDATE units SET last_contact_on = ", later_contact!("NEW.done_on"), " WHERE id = NEW.unit_id;
END;
CREATE TRIGGER activities_contact_update AFTER UPDATE OF unit_id, done_on ON activities BEGIN
    UPDATE units SET last_contact_on = ", unit_contact!(), " WHERE id IN (OLD.unit_id, NEW.unit_id);
END;
CREATE TRIGGER activities_contact_delete AFTER DELETE ON activities WHEN OLD.unit_id IS NOT NULL BEGIN
    UPDATE units SET last_contact_on = ", unit_contact!(), " WHERE id = OLD.unit_id;
END;
"
    ),
    // 6 (issue 12): the year in view aggregates a period by issue date; the risk table counts similar-cases
    //    and industry suggestions per recipient from an index alone; prevention work done by kind and day.
    r#"
CREATE INDEX suggestions_issued ON suggestions(issued_on) WHERE issued_on IS NOT NULL;
CREATE INDEX suggestions_pattern ON suggestions(category, recipient_id, issued_on)
    WHERE issued_on IS NOT NULL AND withdrawn_on IS NULL;
CREATE INDEX activities_done ON activities(done_on, kind) WHERE done_on IS NOT NULL;
"#,
];
