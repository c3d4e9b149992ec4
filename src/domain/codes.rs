//! The closed vocabularies of the domain (categories, kinds, states), each with a stable storage code and a
//! catalogue label, generated from one table so code, label and list can never drift apart.

use crate::i18n::{K, Lang};

/// Lets the store map any code enum to and from TEXT without the domain knowing about SQL.
pub trait Code: Sized + Copy {
    fn code_str(&self) -> &'static str;
    fn parse_code(s: &str) -> Option<Self>;
}

macro_rules! code_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $code:literal => $label:ident),* $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($variant),* }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),*];
            /// The code stored in the database and in exports.
            pub fn code(self) -> &'static str { match self { $($name::$variant => $code),* } }
            pub fn from_code(s: &str) -> Option<$name> { match s { $($code => Some($name::$variant),)* _ => None } }
            pub fn key(self) -> K { match self { $($name::$variant => K::$label),* } }
            pub fn label(self, lang: Lang) -> &'static str { lang.t(self.key()) }
            /// Accepts the code or either language's label (as found in spreadsheets).
            pub fn parse_loose(s: &str) -> Option<$name> {
                let t = s.trim();
                Self::ALL.iter().copied().find(|v| {
                    v.code().eq_ignore_ascii_case(t) || v.key().en().eq_ignore_ascii_case(t) || v.key().zh() == t
                })
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> { s.serialize_str(self.code()) }
        }
        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = String::deserialize(d)?;
                $name::from_code(&s).ok_or_else(|| serde::de::Error::custom(format!(
                    concat!("unknown ", stringify!($name), " code \"{}\""), s)))
            }
        }
        impl Code for $name {
            fn code_str(&self) -> &'static str { self.code() }
            fn parse_code(s: &str) -> Option<Self> { Self::from_code(s) }
        }
    };
}

code_enum!(
    /// Practice category of a suggestion (the source text's four kinds).
    Category { Single = "single" => CatSingle, Similar = "similar" => CatSimilar,
               Industry = "industry" => CatIndustry, Regional = "regional" => CatRegional });
code_enum!(
    /// Legal type under Art. 5 of the 2019 Provisions.
    LegalType { Retrial = "retrial" => LegalRetrial, Correction = "correction" => LegalCorrection,
                PublicInterest = "public_interest" => LegalPublicInterest,
                SocialGovernance = "social_governance" => LegalSocialGovernance, Other = "other" => LegalOther });
code_enum!(ServiceMethod { Written = "written" => ServiceWritten, Announced = "announced" => ServiceAnnounced });
code_enum!(Adoption { Adopted = "adopted" => AdoptAdopted, Partly = "partly" => AdoptPartly, Not = "not" => AdoptNot });
code_enum!(Rectification { Full = "full" => RectFull, Partial = "partial" => RectPartial, None = "none" => RectNone });
code_enum!(
    /// Kinds of follow-up record kept against a suggestion (Arts. 22-25 and practice).
    FollowUpKind { Urging = "urging" => FuUrging, Inquiry = "inquiry" => FuInquiry, Visit = "visit" => FuVisit,
                   Consultation = "consultation" => FuConsultation, JointMeeting = "joint_meeting" => FuJointMeeting,
                   ReturnVisit = "return_visit" => FuReturnVisit, LookBack = "look_back" => FuLookBack,
                   Objection = "objection" => FuObjection, Escalation = "escalation" => FuEscalation });
code_enum!(ObjectionOutcome { Upheld = "upheld" => ObjUpheld, Modified = "modified" => ObjModified,
                              Withdrawn = "withdrawn" => ObjWithdrawn });
code_enum!(
    /// Art. 25 escalation steps: always a recorded human decision, never automatic.
    EscalationStep { Superior = "superior" => EscSuperior, CompetentDept = "competent_dept" => EscCompetent,
                     PartyCongress = "party_congress" => EscPartyCongress,
                     GovDiscipline = "gov_discipline" => EscGovDiscipline });
code_enum!(ActivityKind { Investigation = "investigation" => ActInvestigation, Analysis = "analysis" => ActAnalysis,
                          Interview = "interview" => ActInterview, Warning = "warning" => ActWarning,
                          Publicity = "publicity" => ActPublicity, Consultation = "consultation" => ActConsultation,
                          BriberyInquiry = "bribery_inquiry" => ActBriberyInquiry, Other = "other" => ActOther });
code_enum!(CaseSource { Own = "own" => SrcOwn, Transferred = "transferred" => SrcTransferred, Other = "other" => SrcOther });
code_enum!(CrimeType { Embezzlement = "embezzlement" => CrimeEmbezzlement, BribeTaking = "bribe_taking" => CrimeBribeTaking,
                       BribeGiving = "bribe_giving" => CrimeBribeGiving,
                       Misappropriation = "misappropriation" => CrimeMisappropriation,
                       AbuseOfPower = "abuse_of_power" => CrimeAbuse, Dereliction = "dereliction" => CrimeDereliction,
                       Other = "other" => CrimeOther });
code_enum!(CaseStatus { Filed = "filed" => StFiled, Investigating = "investigating" => StInvestigating,
                        Prosecuted = "prosecuted" => StProsecuted, Judged = "judged" => StJudged,
                        Closed = "closed" => StClosed });
code_enum!(UnitLevel { Provincial = "provincial" => LvlProvincial, Municipal = "municipal" => LvlMunicipal,
                       County = "county" => LvlCounty, Township = "township" => LvlTownship,
                       Village = "village" => LvlVillage, Enterprise = "enterprise" => LvlEnterprise,
                       Other = "other" => LvlOther });

impl ActivityKind {
    /// Kinds stopped nationwide (bribery-record inquiry ended 2018-08-01): hidden unless switched on.
    pub fn is_historical(self) -> bool {
        matches!(self, ActivityKind::BriberyInquiry)
    }
}

impl FollowUpKind {
    /// Follow-ups that count as the return visit after a reply.
    pub fn is_return_visit(self) -> bool {
        matches!(self, FollowUpKind::ReturnVisit | FollowUpKind::LookBack)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_labels_parse() {
        for c in CrimeType::ALL {
            assert_eq!(CrimeType::from_code(c.code()), Some(*c));
            assert_eq!(CrimeType::parse_loose(c.key().zh()), Some(*c));
        }
        assert_eq!(Category::parse_loose("类案"), Some(Category::Similar));
        assert_eq!(Category::parse_loose("Regional"), Some(Category::Regional));
        assert_eq!(Category::from_code("nope"), None);
    }
}
