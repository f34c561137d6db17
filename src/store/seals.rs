//! What a seal covers, and checking every seal: a check-in's content in one
//! fixed textual form, read back from its rows, so that any later change to
//! those rows (through the app or behind its back) no longer matches.

use super::db::{Conn, DbResult};
use super::{Store, StoreError};
use crate::domain::{SealProblem, seal};
use std::collections::HashMap;

/// The form a seal was made over. Schema 2 added the check-in's id, the
/// signatures and the action reviews; check-ins sealed before it keep the
/// form they were sealed with, and `verify` accepts either (a seal's hash
/// binds it to exactly one form's text, so accepting both weakens nothing).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SealForm {
    /// Schema 1: the row without id or signatures; sections, judgements, actions.
    First,
    /// Schema 2 onwards, signed by typed names at one sitting.
    Signed,
    /// Schema 7: completed, then signed by each party as themselves; adds
    /// when it was completed and every signature (party, person, time).
    Countersigned,
}

/// The content the seal of check-in `id` covers. Rows are read in key
/// order, so the form never depends on the order they were written in.
pub fn canonical_content(c: Conn, id: i64) -> DbResult<String> {
    let completed: bool = c.query_row(
        "SELECT completed_at IS NOT NULL FROM checkin WHERE id = ?1",
        &[&id],
        |row| row.get(0),
    )?;
    let form = if completed {
        SealForm::Countersigned
    } else {
        SealForm::Signed
    };
    content_in(c, id, form)
}

/// Each part a seal covers: its label, and its rows as a key column
/// followed by the value's columns.
const PARTS: [(&str, &str); 5] = [
    (
        "section",
        "SELECT section, content FROM checkin_section WHERE checkin_id = ?1 ORDER BY section",
    ),
    (
        "judgement",
        "SELECT outcome_code, judgement, note FROM checkin_judgement WHERE checkin_id = ?1 ORDER BY outcome_code",
    ),
    (
        "action",
        "SELECT text, owner, due_date FROM checkin_action WHERE checkin_id = ?1 ORDER BY id",
    ),
    (
        "review",
        "SELECT action_id, done, note FROM checkin_action_review WHERE checkin_id = ?1 ORDER BY action_id",
    ),
    (
        "signature",
        "SELECT role, person_id, signed_at FROM checkin_signature WHERE checkin_id = ?1 ORDER BY role",
    ),
];

/// The text is built here from each column's value (`Row::seal_text`: an
/// empty value for NULL), so both engines give the same text for the same
/// check-in.
fn content_in(c: Conn, id: i64, form: SealForm) -> DbResult<String> {
    let row_sql = match form {
        SealForm::Countersigned => {
            "SELECT id, enrolment_id, date, assessor_id, next_due, amends_id, amend_reason,
                apprentice_signature, apprentice_signed_at, assessor_signature, assessor_signed_at,
                completed_at
             FROM checkin WHERE id = ?1"
        }
        SealForm::Signed => {
            "SELECT id, enrolment_id, date, assessor_id, next_due, amends_id, amend_reason,
                apprentice_signature, apprentice_signed_at, assessor_signature, assessor_signed_at
             FROM checkin WHERE id = ?1"
        }
        SealForm::First => {
            "SELECT enrolment_id, date, assessor_id, next_due, amends_id, amend_reason,
                apprentice_signed_at, assessor_signed_at
             FROM checkin WHERE id = ?1"
        }
    };
    let mut text = c.query_row(row_sql, &[&id], |row| {
        let fields = (0..row.width())
            .map(|index| Ok(escape(&row.seal_text(index)?)))
            .collect::<DbResult<Vec<_>>>()?;
        Ok(format!("checkin\t{}\n", fields.join("\t")))
    })?;
    let covered = match form {
        SealForm::Countersigned => &PARTS[..],
        SealForm::Signed => &PARTS[..4],
        SealForm::First => &PARTS[..3],
    };
    for (label, sql) in covered {
        let rows = c.query(sql, &[&id], |row| {
            let value = (1..row.width())
                .map(|index| row.seal_text(index))
                .collect::<DbResult<Vec<_>>>()?;
            Ok((row.seal_text(0)?, value.join("\t")))
        })?;
        for (key, value) in rows {
            text.push_str(&format!("{label}\t{}\t{}\n", escape(&key), escape(&value)));
        }
    }
    Ok(text)
}

/// Whether `stored` is the seal of check-in `id`'s content in any form.
fn seal_holds(c: Conn, id: i64, previous: Option<&str>, stored: Option<&str>) -> DbResult<bool> {
    for form in [SealForm::Countersigned, SealForm::Signed, SealForm::First] {
        if stored == Some(seal(previous, &content_in(c, id, form)?).as_str()) {
            return Ok(true);
        }
    }
    Ok(false)
}

/// A sealed check-in as stored: its seal, and the seal it follows.
struct Sealed {
    id: i64,
    enrolment: i64,
    person: String,
    seal: Option<String>,
    previous: Option<String>,
}

impl Store {
    /// Checks every sealed check-in: its seal must match its content and
    /// the seal it follows, and each apprentice's seals must form one
    /// unbroken chain (the order they were sealed in, not their ids).
    pub fn verify_seals(&self) -> Result<(Vec<SealProblem>, usize), StoreError> {
        self.read("checking seals", |c| {
            let sealed = sealed_checkins(c)?;
            let mut problems = Vec::new();
            for chain in sealed.chunk_by(|a, b| a.enrolment == b.enrolment) {
                problems.extend(chain_problems(chain));
                for checkin in chain {
                    let previous = checkin.previous.as_deref();
                    let stored = checkin.seal.as_deref();
                    if !seal_holds(c, checkin.id, previous, stored)? {
                        problems.push(problem(checkin, "its content no longer matches its seal"));
                    }
                }
            }
            problems.sort_by_key(|p| p.checkin_id);
            Ok((problems, sealed.len()))
        })
    }
}

fn sealed_checkins(c: Conn) -> DbResult<Vec<Sealed>> {
    c.query(
        "SELECT c.id, c.enrolment_id, p.name, c.seal_hash, c.previous_seal_hash
         FROM checkin c JOIN enrolment e ON e.id = c.enrolment_id JOIN person p ON p.id = e.person_id
         WHERE c.state = 'sealed' ORDER BY c.enrolment_id, c.id",
        &[],
        |row| {
            Ok(Sealed {
                id: row.get(0)?,
                enrolment: row.get(1)?,
                person: row.get(2)?,
                seal: row.get(3)?,
                previous: row.get(4)?,
            })
        },
    )
}

/// One apprentice's seals must link up as a single line: one first seal,
/// and every other following a seal of theirs that nothing else follows.
fn chain_problems(chain: &[Sealed]) -> Vec<SealProblem> {
    let seals: HashMap<&str, i64> = chain
        .iter()
        .filter_map(|c| Some((c.seal.as_deref()?, c.id)))
        .collect();
    let mut followed: HashMap<&str, i64> = HashMap::new();
    let mut problems = Vec::new();
    let mut first = None;
    for checkin in chain {
        match checkin.previous.as_deref() {
            None if first.is_none() => first = Some(checkin.id),
            None => problems.push(problem(
                checkin,
                "the chain is broken: a second chain starts here",
            )),
            Some(previous) if !seals.contains_key(previous) => problems.push(problem(
                checkin,
                "the chain is broken: it does not follow the previous sealed check-in",
            )),
            Some(previous) => {
                if let Some(other) = followed.insert(previous, checkin.id) {
                    let message =
                        format!("the chain is broken: check-in {other} follows the same seal");
                    problems.push(problem(checkin, &message));
                }
            }
        }
    }
    problems
}

fn problem(checkin: &Sealed, message: &str) -> SealProblem {
    SealProblem {
        checkin_id: checkin.id,
        enrolment_id: checkin.enrolment,
        person: checkin.person.clone(),
        problem: message.to_string(),
    }
}

/// Keeps line and field separators in content from changing the form.
pub(super) fn escape(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('\n', "\\n")
        .replace('\t', "\\t")
}
