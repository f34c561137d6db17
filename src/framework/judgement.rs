//! The assessor's judgement of an outcome: the tracker's own scale, shared by
//! every framework, ordered from least to most.

use serde::{Deserialize, Serialize};
use std::fmt;

/// What an assessor has judged of one outcome. The order matters: gateway
/// rules ask for a judgement "at least" some level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Judgement {
    NotAssessed,
    NotYetCompetent,
    Competent,
    Exceeds,
}

impl Judgement {
    /// Every judgement, lowest first.
    pub const ALL: [Judgement; 4] = [
        Judgement::NotAssessed,
        Judgement::NotYetCompetent,
        Judgement::Competent,
        Judgement::Exceeds,
    ];

    /// The word stored in the database and written in framework files.
    pub fn as_str(self) -> &'static str {
        match self {
            Judgement::NotAssessed => "not_assessed",
            Judgement::NotYetCompetent => "not_yet_competent",
            Judgement::Competent => "competent",
            Judgement::Exceeds => "exceeds",
        }
    }

    /// Reads a stored word.
    pub fn parse(text: &str) -> Option<Judgement> {
        Judgement::ALL
            .into_iter()
            .find(|judgement| judgement.as_str() == text)
    }

    /// The words a person reads, e.g. "not yet competent".
    pub fn label(self) -> &'static str {
        match self {
            Judgement::NotAssessed => "not assessed",
            Judgement::NotYetCompetent => "not yet competent",
            Judgement::Competent => "competent",
            Judgement::Exceeds => "exceeds",
        }
    }
}

impl fmt::Display for Judgement {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn competent_ranks_above_not_yet_competent_and_below_exceeds() {
        assert!(Judgement::NotYetCompetent < Judgement::Competent);
        assert!(Judgement::Competent < Judgement::Exceeds);
        assert!(Judgement::ALL.windows(2).all(|pair| pair[0] < pair[1]));
    }
}
