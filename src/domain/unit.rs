//! Units: recipients of suggestions and units where cases happened.

use serde::{Deserialize, Serialize};

use super::codes::UnitLevel;
use super::validate::{Checker, FieldError};
use crate::i18n::K;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unit {
    #[serde(default)]
    pub id: i64,
    #[serde(default)]
    pub version: i64,
    pub name: String,
    #[serde(default)]
    pub industry: String,
    #[serde(default)]
    pub region: String,
    pub level: UnitLevel,
    #[serde(default)]
    pub key_demo: bool,
    #[serde(default)]
    pub key_contact: bool,
    #[serde(default)]
    pub leading_group: bool,
    #[serde(default)]
    pub contact_person: String,
    #[serde(default)]
    pub contact_phone: String,
    #[serde(default)]
    pub notes: String,
}

impl Unit {
    pub fn new(name: &str) -> Unit {
        Unit {
            id: 0,
            version: 0,
            name: name.to_string(),
            industry: String::new(),
            region: String::new(),
            level: UnitLevel::County,
            key_demo: false,
            key_contact: false,
            leading_group: false,
            contact_person: String::new(),
            contact_phone: String::new(),
            notes: String::new(),
        }
    }

    /// Contact person and phone as one line.
    pub fn contact(&self) -> String {
        [self.contact_person.as_str(), self.contact_phone.as_str()]
            .iter()
            .filter(|s| !s.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(" ")
    }

    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut c = Checker::default();
        c.required_text(K::FName, &self.name);
        c.max_len(K::FName, &self.name, 100);
        c.max_len(K::FContactPhone, &self.contact_phone, 40);
        c.finish()
    }
}
