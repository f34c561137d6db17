//! Who may confirm a requirement, as the framework file says it:
//! `confirmed_by: employer` or `confirmed_by: [assessor, employer]`.

use serde::Deserialize;
use serde::de::{self, Deserializer, SeqAccess, Visitor};
use std::fmt;

/// A party who may confirm a requirement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Confirmer {
    Apprentice,
    Assessor,
    Employer,
    Administrator,
}

const WORDS: &[&str] = &["apprentice", "assessor", "employer", "administrator"];

impl Confirmer {
    pub fn word(self) -> &'static str {
        match self {
            Confirmer::Apprentice => WORDS[0],
            Confirmer::Assessor => WORDS[1],
            Confirmer::Employer => WORDS[2],
            Confirmer::Administrator => WORDS[3],
        }
    }

    fn parse(word: &str) -> Option<Confirmer> {
        use Confirmer::*;
        [Apprentice, Assessor, Employer, Administrator]
            .into_iter()
            .find(|c| c.word() == word)
    }
}

/// The parties who may confirm a requirement; when the file is silent, the
/// assessor (the training provider keeps the record).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfirmedBy(pub Vec<Confirmer>);

impl Default for ConfirmedBy {
    fn default() -> Self {
        ConfirmedBy(vec![Confirmer::Assessor])
    }
}

impl<'de> Deserialize<'de> for ConfirmedBy {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(OneOrList)
    }
}

struct OneOrList;

impl<'de> Visitor<'de> for OneOrList {
    type Value = ConfirmedBy;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "one of {} or a list of them", WORDS.join(", "))
    }

    fn visit_str<E: de::Error>(self, word: &str) -> Result<ConfirmedBy, E> {
        Confirmer::parse(word)
            .map(|c| ConfirmedBy(vec![c]))
            .ok_or_else(|| E::unknown_variant(word, WORDS))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<ConfirmedBy, A::Error> {
        let mut parties = Vec::new();
        while let Some(party) = seq.next_element::<Confirmer>()? {
            parties.push(party);
        }
        Ok(ConfirmedBy(parties))
    }
}
