//! People the tracker knows: apprentices (or other learners), their
//! assessors and employers, and the administrators of the training unit.

use super::EnrolmentStatus;
use crate::text_enum;
use chrono::NaiveDate;
use serde::Serialize;

/// A person's row id in the store.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct PersonId(pub i64);

text_enum! {
    pub enum Role {
        Apprentice => "apprentice",
        /// The training provider's tutor or coach.
        Assessor => "assessor",
        /// The apprentice's line manager or force tutor.
        Employer => "employer",
        /// The training unit: adds people, assigns assessors and employers,
        /// corrects enrolments.
        Administrator => "administrator",
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Person {
    pub id: PersonId,
    pub name: String,
    pub role: Role,
    pub date_of_birth: Option<NaiveDate>,
    pub employer: Option<String>,
    pub assessor_id: Option<PersonId>,
    /// The Employer person who manages this apprentice.
    pub employer_id: Option<PersonId>,
    /// The unique learner number, checked.
    pub uln: Option<String>,
    /// Learning-support needs, in the words of whoever recorded them.
    pub learning_support: Option<String>,
}

/// A person with their latest enrolment, as listed.
#[derive(Debug, Clone, Serialize)]
pub struct PersonSummary {
    pub id: PersonId,
    pub name: String,
    pub role: Role,
    pub assessor_id: Option<PersonId>,
    pub assessor: Option<String>,
    pub framework_id: Option<String>,
    pub start_date: Option<NaiveDate>,
    pub planned_end: Option<NaiveDate>,
    pub status: Option<EnrolmentStatus>,
    /// The last sealed check-in (amendments aside).
    pub last_checkin: Option<NaiveDate>,
    /// Unsigned check-in drafts.
    pub drafts: i64,
}

impl std::fmt::Display for PersonId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// Characters that print as nothing or reorder what follows: a name holding
/// one can look the same as another name and still differ.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{AD}'                    // soft hyphen
            | '\u{34F}'             // combining grapheme joiner
            | '\u{61C}'             // Arabic letter mark
            | '\u{115F}' | '\u{1160}' | '\u{3164}' | '\u{FFA0}' // Hangul fillers
            | '\u{180E}'            // Mongolian vowel separator
            | '\u{200B}'            // zero-width space
            | '\u{200E}' | '\u{200F}' // left-to-right and right-to-left marks
            | '\u{202A}'..='\u{202E}' // bidi embeddings and overrides
            | '\u{2060}'..='\u{2064}' // word joiner, invisible operators
            | '\u{2066}'..='\u{2069}' // bidi isolates
            | '\u{206A}'..='\u{206F}' // deprecated format characters
            | '\u{FE00}'..='\u{FE0F}' // variation selectors
            | '\u{FEFF}'            // zero-width no-break space
            | '\u{FFF9}'..='\u{FFFB}' // interlinear annotation
    )
}

/// Zero-width joiner and non-joiner: some scripts need them inside a word,
/// so they are kept there, but never at either end of a word.
fn is_joiner(c: char) -> bool {
    matches!(c, '\u{200C}' | '\u{200D}')
}

/// A person's name as it is kept: composed (NFC), trimmed, every run of
/// spaces (non-breaking and other widths too) one plain space; control,
/// invisible and bidi control characters refused.
pub fn person_name(name: &str) -> Result<String, String> {
    use unicode_normalization::UnicodeNormalization;
    if let Some(c) = name.chars().find(|&c| is_invisible(c)) {
        return Err(format!(
            "cannot contain invisible or direction-changing characters (found U+{:04X})",
            c as u32
        ));
    }
    let composed: String = name.nfc().collect();
    let words: Vec<&str> = composed
        .split(char::is_whitespace)
        .filter(|w| !w.is_empty())
        .collect();
    if words
        .iter()
        .any(|w| w.starts_with(is_joiner) || w.ends_with(is_joiner))
    {
        return Err("cannot start or end a word with a zero-width joiner".into());
    }
    super::check_name(&words.join(" ")).map(str::to_string)
}

/// Whether two kept names would read the same to a person: equal once
/// compared without case and without zero-width joiners.
pub fn same_name(a: &str, b: &str) -> bool {
    let key = |name: &str| -> String {
        use unicode_normalization::UnicodeNormalization;
        let name = person_name(name).unwrap_or_else(|_| name.to_string());
        name.chars()
            .filter(|&c| !is_joiner(c))
            .flat_map(char::to_lowercase)
            .nfc()
            .collect()
    };
    key(a) == key(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_composed_trimmed_and_spaced_once() {
        assert_eq!(
            person_name("  Zoe\u{0308}  Hart "),
            Ok("Zoë Hart".to_string())
        );
        assert_eq!(person_name("Amy\u{A0}Clark"), Ok("Amy Clark".to_string()));
        assert_eq!(
            person_name("Amy \u{2003}\tClark"),
            Ok("Amy Clark".to_string())
        );
    }

    #[test]
    fn invisible_and_direction_characters_are_refused() {
        for name in [
            "Amy Clark\u{200B}",
            "\u{FEFF}Amy",
            "Amy \u{202E}kralC",
            "Amy\u{2066}Clark\u{2069}",
            "Amy\u{AD}Clark",
            "Amy \u{200D}Clark",
        ] {
            assert!(person_name(name).is_err(), "{name:?}");
        }
        assert!(person_name("Amy\u{1b}]0;x\u{7}").is_err());
        assert!(person_name(" \u{A0} ").is_err());
    }

    #[test]
    fn joiners_inside_a_word_are_kept() {
        assert_eq!(
            person_name("Mehr\u{200C}nush"),
            Ok("Mehr\u{200C}nush".to_string())
        );
    }

    #[test]
    fn names_that_read_the_same_are_the_same() {
        assert!(same_name("Zoë Hart", "zoe\u{0308} hart"));
        assert!(same_name("Amy Clark", "AMY  CLARK"));
        assert!(same_name("Mehr\u{200C}nush", "Mehrnush"));
        assert!(!same_name("Amy Clark", "Amy Clarke"));
    }
}
