//! What serde cannot check: unique ids, references that resolve, sensible
//! numbers, clean text. Every problem is collected, not only the first.

mod assessment;
mod content;
mod programme;
mod rule_sets;

use super::model::{Framework, Term};
use std::collections::HashMap;

/// A problem in a deserialised framework, placed by its field path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub field: String,
    pub message: String,
}

/// Longest id or code accepted; ids travel through command lines and tables.
const MAX_ID_CHARS: usize = 64;
/// Upper bounds that keep date arithmetic in range and catch typos.
const MAX_DURATION_MONTHS: u32 = 120;
const MAX_CHECKIN_INTERVAL_WEEKS: u32 = 104;
const MAX_AGE_YEARS: u32 = 100;
/// Titles head table rows and checklists; descriptions fill a detail pane.
const MAX_TITLE_CHARS: usize = 200;
const MAX_DESCRIPTION_CHARS: usize = 20_000;

/// Every problem in `framework`, in no particular order; empty when valid.
pub fn validate(framework: &Framework) -> Vec<Problem> {
    let mut checker = Checker::default();
    checker.metadata(framework.format_version, &framework.framework);
    checker.terms("outcome_types", &framework.outcome_types, "outcome type");
    checker.terms("outcome_groups", &framework.outcome_groups, "outcome group");
    checker.outcomes(framework);
    checker.requirements(&framework.requirements);
    checker.programme(&framework.programme, framework);
    checker.hours(&framework.hours);
    checker.review(&framework.review);
    checker.assessment_methods(framework);
    checker.gateway(framework);
    checker.terms(
        "areas_of_practice",
        &framework.areas_of_practice,
        "area of practice",
    );
    checker.terms("activities", &framework.activities, "activity");
    checker.problems
}

/// Collects problems; its `impl` blocks are spread over this module's files,
/// one per part of the format, with the shared checks here.
#[derive(Default)]
struct Checker {
    problems: Vec<Problem>,
}

impl Checker {
    fn report(&mut self, field: impl Into<String>, message: impl Into<String>) {
        self.problems.push(Problem {
            field: field.into(),
            message: message.into(),
        });
    }

    /// A whole number within bounds, e.g. "0 is not between 1 and 120 months".
    fn within(&mut self, field: impl Into<String>, value: u32, min: u32, max: u32, unit: &str) {
        if !(min..=max).contains(&value) {
            self.report(
                field,
                format!("{value} is not between {min} and {max} {unit}"),
            );
        }
    }

    /// An id or code: safe in command lines, comma-separated lists and tables.
    fn id(&mut self, field: impl Into<String>, id: &str) {
        let field = field.into();
        if id.is_empty() {
            self.report(field, "is empty");
            return;
        }
        let starts_well = id.chars().next().is_some_and(|c| c.is_ascii_alphanumeric());
        let all_allowed = id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
        if !starts_well || !all_allowed {
            self.report(
                field,
                format!("`{}` is not a valid id: use letters, digits, `-`, `_` or `.`, starting with a letter or digit", printable(id)),
            );
        } else if id.chars().count() > MAX_ID_CHARS {
            self.report(field, format!("is longer than {MAX_ID_CHARS} characters"));
        }
    }

    /// One line of text that must be there: a title, a name.
    fn line(&mut self, field: impl Into<String>, text: &str) {
        let field = field.into();
        if text.trim().is_empty() {
            self.report(field, "is empty");
        } else if let Some(c) = text.chars().find(|c| c.is_control()) {
            self.report(
                field,
                format!(
                    "contains a control character (U+{:04X}); titles are one line of plain text",
                    c as u32
                ),
            );
        } else if text.chars().count() > MAX_TITLE_CHARS {
            self.report(
                field,
                format!("is longer than {MAX_TITLE_CHARS} characters; put detail in a description"),
            );
        }
    }

    /// Free text that may be empty and span lines, but carries no control codes.
    fn text(&mut self, field: impl Into<String>, text: &str) {
        if let Some(c) = text
            .chars()
            .find(|&c| c.is_control() && c != '\n' && c != '\t')
        {
            self.report(
                field,
                format!("contains a control character (U+{:04X})", c as u32),
            );
        } else if text.chars().count() > MAX_DESCRIPTION_CHARS {
            self.report(
                field,
                format!("is longer than {MAX_DESCRIPTION_CHARS} characters"),
            );
        }
    }

    fn reference(&mut self, field: &str, id: &str, known: &[&str], list: &str) {
        if !known.contains(&id) {
            self.report(
                field,
                format!("`{}` is not defined in {list}", printable(id)),
            );
        }
    }

    fn references(&mut self, field: &str, ids: &[String], known: &[&str], list: &str) {
        for (index, id) in ids.iter().enumerate() {
            self.reference(&format!("{field}[{index}]"), id, known, list);
        }
        self.unique(field, "", ids.iter().map(String::as_str), "entry");
    }

    /// Reports every repeat of an id in a list, pointing at the repeat.
    fn unique<'a>(
        &mut self,
        list: &str,
        key: &str,
        ids: impl Iterator<Item = &'a str>,
        what: &str,
    ) {
        let mut first_seen: HashMap<&str, usize> = HashMap::new();
        for (index, id) in ids.enumerate() {
            if id.is_empty() {
                continue;
            }
            if let Some(first) = first_seen.get(id) {
                let field = if key.is_empty() {
                    format!("{list}[{index}]")
                } else {
                    format!("{list}[{index}].{key}")
                };
                self.report(
                    field,
                    format!(
                        "duplicate {what} `{}`: already used by {list}[{first}]",
                        printable(id)
                    ),
                );
            } else {
                first_seen.insert(id, index);
            }
        }
    }
}

fn ids(terms: &[Term]) -> Vec<&str> {
    terms.iter().map(|term| term.id.as_str()).collect()
}

/// Quotes file text in a message without letting control codes through,
/// and shortened: a message names a value, it does not reprint it.
fn printable(text: &str) -> String {
    const LONGEST: usize = 60;
    let escaped: String = text.chars().flat_map(char::escape_debug).collect();
    if escaped.chars().count() <= LONGEST {
        escaped
    } else {
        format!("{}…", escaped.chars().take(LONGEST).collect::<String>())
    }
}
