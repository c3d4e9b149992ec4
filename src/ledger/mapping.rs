//! A saved column mapping (`--mapping FILE`): for each kind of sheet, a header as the office writes it and
//! the field it means, or `skip`. The first import of a ledger writes the mapping it chose; the user edits
//! it if need be, and the next file of that shape is read the same way.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::columns::{Col, Meaning, Sheet};
use super::values::norm_header;

/// What to write for a column to pass over.
pub const SKIP: &str = "skip";

/// Headers and their fields, by kind of sheet (`units`, `cases`, `suggestions`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mapping {
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub units: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub cases: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub suggestions: BTreeMap<String, String>,
}

/// The field name of a column in a mapping file: its variant in snake case (`legal_type`).
pub fn field_name(c: Col) -> String {
    let mut out = String::new();
    for (i, ch) in format!("{c:?}").chars().enumerate() {
        if ch.is_ascii_uppercase() {
            if i > 0 {
                out.push('_');
            }
            out.push(ch.to_ascii_lowercase());
        } else {
            out.push(ch);
        }
    }
    out
}

fn sheet_name(s: Sheet) -> &'static str {
    match s {
        Sheet::Units => "units",
        Sheet::Cases => "cases",
        Sheet::Suggestions => "suggestions",
    }
}

impl Mapping {
    fn of(&self, s: Sheet) -> &BTreeMap<String, String> {
        match s {
            Sheet::Units => &self.units,
            Sheet::Cases => &self.cases,
            Sheet::Suggestions => &self.suggestions,
        }
    }

    fn of_mut(&mut self, s: Sheet) -> &mut BTreeMap<String, String> {
        match s {
            Sheet::Units => &mut self.units,
            Sheet::Cases => &mut self.cases,
            Sheet::Suggestions => &mut self.suggestions,
        }
    }

    /// Reads a mapping file; an error names the entry that is wrong.
    pub fn parse(text: &str) -> Result<Mapping, String> {
        let m: Mapping = toml::from_str(text).map_err(|e| e.message().to_string())?;
        for sheet in Sheet::ALL {
            for (header, field) in m.of(sheet) {
                if field != SKIP && field_col(sheet, field).is_none() {
                    let fields: Vec<String> = all_cols(sheet).map(field_name).collect();
                    return Err(format!(
                        "[{}] \"{header}\" = \"{field}\": not a field ({SKIP}, {})",
                        sheet_name(sheet),
                        fields.join(", ")
                    ));
                }
            }
        }
        Ok(m)
    }

    pub fn to_toml(&self) -> String {
        let body = toml::to_string(self).unwrap_or_default();
        format!(
            "# yufang column mapping: a header as the sheet writes it = the field it means, or \"{SKIP}\".\n\
             # Use it again with `yufang import --mapping FILE`.\n\n{body}"
        )
    }

    /// What the mapping says a header of `sheet` means, if it names it.
    pub fn meaning(&self, sheet: Sheet, header: &str) -> Option<Meaning> {
        let n = norm_header(header);
        let (_, field) = self.of(sheet).iter().find(|(h, _)| norm_header(h) == n)?;
        if field == SKIP {
            return Some(Meaning::Skip);
        }
        field_col(sheet, field).map(Meaning::Col)
    }

    /// Adds the entries of `other` (a later sheet's headers win).
    pub fn merge(&mut self, other: Mapping) {
        self.units.extend(other.units);
        self.cases.extend(other.cases);
        self.suggestions.extend(other.suggestions);
    }

    /// Records what a header was taken to mean.
    pub fn set(&mut self, sheet: Sheet, header: &str, meaning: Option<Col>) {
        let h = header.trim();
        if h.is_empty() {
            return;
        }
        let field = meaning.map_or_else(|| SKIP.to_string(), field_name);
        self.of_mut(sheet).insert(h.to_string(), field);
    }
}

fn all_cols(sheet: Sheet) -> impl Iterator<Item = Col> {
    sheet.cols().iter().chain(sheet.extra_cols()).map(|d| d.col)
}

fn field_col(sheet: Sheet, field: &str) -> Option<Col> {
    let f = field.trim().to_lowercase();
    all_cols(sheet).find(|c| field_name(*c) == f)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn a_mapping_round_trips_and_names_a_wrong_field() {
        let mut m = Mapping::default();
        m.set(Sheet::Suggestions, "性质", Some(Col::LegalType));
        m.set(Sheet::Suggestions, "经办人", None);
        let text = m.to_toml();
        assert!(text.contains("\"性质\" = \"legal_type\""), "{text}");
        let back = Mapping::parse(&text).unwrap();
        assert_eq!(back, m);
        assert_eq!(
            back.meaning(Sheet::Suggestions, " 性质 "),
            Some(Meaning::Col(Col::LegalType))
        );
        assert_eq!(
            back.meaning(Sheet::Suggestions, "经办人"),
            Some(Meaning::Skip)
        );
        assert_eq!(back.meaning(Sheet::Suggestions, "文号"), None);
        let err = Mapping::parse("[suggestions]\n\"类别\" = \"categry\"\n").unwrap_err();
        assert!(
            err.starts_with("[suggestions] \"类别\" = \"categry\": not a field (skip, id, doc_no"),
            "{err}"
        );
    }
}
