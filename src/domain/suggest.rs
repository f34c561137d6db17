//! "Did you mean": the known names or codes nearest to what was typed,
//! for a refusal that helps the user put it right.

use strsim::{jaro_winkler, normalized_damerau_levenshtein};

/// Suggestions are at most this many, best first.
const MOST: usize = 3;
/// How close a typing must be to a name, from 0 (nothing alike) to 1.
/// One slip in three letters ("Bne" for "Ben") is 0.67; "XX9" for "K9"
/// (two slips in three) is 0.33 and not suggested.
const EDIT_CLOSENESS: f64 = 0.6;
/// Jaro-Winkler forgives slips in longer names that edits count harshly;
/// it is generous with short ones, so only names this long use it.
const JARO_CLOSENESS: f64 = 0.88;
const JARO_FROM_LENGTH: usize = 5;

/// The candidates nearest to `typed`, best first, at most three, ignoring
/// case; a name is also matched by its first word ("Bne" finds "Ben Okafor").
pub fn did_you_mean<'a>(typed: &str, candidates: &[&'a str]) -> Vec<&'a str> {
    let typed = typed.trim().to_lowercase();
    if typed.is_empty() {
        return Vec::new();
    }
    let mut scored: Vec<(f64, usize, &str)> = candidates
        .iter()
        .enumerate()
        .filter_map(|(order, name)| {
            let score = closeness(&typed, name);
            (score > 0.0).then_some((score, order, *name))
        })
        .collect();
    // Best first; among equals, in the order given.
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut names: Vec<&str> = Vec::new();
    for (_, _, name) in scored {
        if !names.contains(&name) && names.len() < MOST {
            names.push(name);
        }
    }
    names
}

/// How near `typed` (lower case) is to `name` or its first word, or 0
/// when too far to suggest.
fn closeness(typed: &str, name: &str) -> f64 {
    let name = name.trim().to_lowercase();
    let first = name.split_whitespace().next().unwrap_or_default();
    [name.as_str(), first]
        .into_iter()
        .map(|against| near(typed, against))
        .fold(0.0, f64::max)
}

fn near(typed: &str, against: &str) -> f64 {
    let edits = normalized_damerau_levenshtein(typed, against);
    if edits >= EDIT_CLOSENESS {
        return edits;
    }
    let long = typed.chars().count().min(against.chars().count()) >= JARO_FROM_LENGTH;
    let jaro = jaro_winkler(typed, against);
    if long && jaro >= JARO_CLOSENESS {
        jaro
    } else {
        0.0
    }
}

/// " did you mean A, B or C?" for a refusal, or nothing when none is near.
pub fn did_you_mean_words(suggestions: &[&str]) -> String {
    match suggestions {
        [] => String::new(),
        [one] => format!("did you mean {one}?"),
        [rest @ .., last] => format!("did you mean {} or {last}?", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PEOPLE: [&str; 4] = ["Amy Clark", "Ben Okafor", "Chloe Evans", "Dan Hughes"];

    #[test]
    fn a_slip_in_a_first_name_finds_the_person() {
        assert_eq!(did_you_mean("Bne", &PEOPLE), ["Ben Okafor"]);
        assert_eq!(did_you_mean("chole", &PEOPLE), ["Chloe Evans"]);
        assert_eq!(did_you_mean("Ben Okafro", &PEOPLE), ["Ben Okafor"]);
    }

    #[test]
    fn nothing_near_suggests_nothing() {
        assert!(did_you_mean("Zebedee", &PEOPLE).is_empty());
        assert!(did_you_mean("  ", &PEOPLE).is_empty());
        assert!(did_you_mean("XX9", &["LO1", "LO8", "K9", "S1"]).is_empty());
    }

    #[test]
    fn at_most_three_the_nearest_first() {
        let codes = ["K1", "LO1", "LO2", "LO3", "LO4", "LO9"];
        assert_eq!(did_you_mean("lo9", &codes), ["LO9", "LO1", "LO2"]);
    }

    #[test]
    fn suggestions_read_as_a_question() {
        assert_eq!(did_you_mean_words(&[]), "");
        assert_eq!(did_you_mean_words(&["LO1"]), "did you mean LO1?");
        assert_eq!(
            did_you_mean_words(&["LO1", "LO2", "LO3"]),
            "did you mean LO1, LO2 or LO3?"
        );
    }
}
