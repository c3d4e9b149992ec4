//! The kinds of record the store keeps, named by a type instead of by table strings and catalogue keys: each
//! with its table, its link tables and its name in messages, and the one question of whether a store holds
//! anything at all.

use rusqlite::Connection;
use serde::Serialize;

use crate::i18n::{K, Lang};

/// A kind of record, in dependency order (a record only points at kinds before it).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Entity {
    Unit,
    Case,
    Suggestion,
    FollowUp,
    Activity,
    Plan,
}

impl Entity {
    pub const ALL: [Entity; 6] = [
        Entity::Unit,
        Entity::Case,
        Entity::Suggestion,
        Entity::FollowUp,
        Entity::Activity,
        Entity::Plan,
    ];

    /// The table its records live in (and the name the change log and the exports use).
    pub const fn table(self) -> &'static str {
        match self {
            Entity::Unit => "units",
            Entity::Case => "cases",
            Entity::Suggestion => "suggestions",
            Entity::FollowUp => "follow_ups",
            Entity::Activity => "activities",
            Entity::Plan => "plans",
        }
    }

    /// Tables that hold links owned by its records (deleted with them).
    pub const fn link_tables(self) -> &'static [&'static str] {
        match self {
            Entity::Suggestion => &["suggestion_cases", "suggestion_copies"],
            _ => &[],
        }
    }

    /// Its name in messages ("suggestion", "检察建议").
    pub const fn key(self) -> K {
        match self {
            Entity::Unit => K::EUnit,
            Entity::Case => K::ECase,
            Entity::Suggestion => K::ESuggestion,
            Entity::FollowUp => K::EFollowUp,
            Entity::Activity => K::EActivity,
            Entity::Plan => K::EPlan,
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        lang.t(self.key())
    }

    /// The entity whose table is `table` (as the change log names it).
    pub fn from_table(table: &str) -> Option<Entity> {
        Entity::ALL.into_iter().find(|e| e.table() == table)
    }
}

/// What a store must lack to count as empty.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Blank {
    /// No record of any entity (the Today welcome; `yufang gen` fills only such a store).
    Records,
    /// No record and no change history either: a fresh file, safe to take a whole export or backup over.
    RecordsAndHistory,
}

/// Whether the store holds nothing of what `blank` names. EXISTS stops at the first row; a count would read a
/// million.
pub(crate) fn is_blank(conn: &Connection, blank: Blank) -> rusqlite::Result<bool> {
    let history = (blank == Blank::RecordsAndHistory).then_some("change_log");
    for t in Entity::ALL.iter().map(|e| e.table()).chain(history) {
        let any: bool = conn.query_row(&format!("SELECT EXISTS (SELECT 1 FROM {t})"), [], |r| {
            r.get(0)
        })?;
        if any {
            return Ok(false);
        }
    }
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_name_their_entities_both_ways() {
        for e in Entity::ALL {
            assert_eq!(Entity::from_table(e.table()), Some(e));
            assert!(!e.label(Lang::Zh).is_empty());
        }
        assert_eq!(Entity::from_table("change_log"), None);
    }
}
