//! What a gateway sign-off's seal covers, and checking every such seal: the
//! enrolment and every signature with the rules it was given under, in one
//! fixed textual form read back from the rows, as a check-in's seal is.

use super::seals::{escape, value_text};
use super::{Store, StoreError, sqlite_error};
use crate::domain::{GatewaySealProblem, seal};
use rusqlite::Connection;

/// The content the seal of `enrolment`'s sign-off covers, sealed at
/// `sealed_at`. Signatures are read in party order, so the form never
/// depends on the order they were given in.
pub(super) fn canonical_signoff(
    connection: &Connection,
    enrolment: i64,
    sealed_at: &str,
) -> rusqlite::Result<String> {
    let mut text = connection
        .prepare_cached(
            "SELECT id, person_id, framework_id, framework_version FROM enrolment WHERE id = ?1",
        )?
        .query_row([enrolment], |row| {
            Ok(format!(
                "gateway\t{}\t{}\n",
                fields(row)?,
                escape(sealed_at)
            ))
        })?;
    let mut statement = connection.prepare_cached(
        "SELECT role, person_id, signed_at, rules FROM gateway_signature
         WHERE enrolment_id = ?1 ORDER BY role",
    )?;
    let rows = statement.query_map([enrolment], |row| {
        Ok(format!("signature\t{}\n", fields(row)?))
    })?;
    for row in rows {
        text.push_str(&row?);
    }
    Ok(text)
}

/// A row's values, escaped and joined by tabs.
fn fields(row: &rusqlite::Row) -> rusqlite::Result<String> {
    let values = (0..row.as_ref().column_count())
        .map(|index| Ok(escape(&value_text(row.get_ref(index)?))))
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(values.join("\t"))
}

/// A sealed sign-off as stored.
struct SealedSignoff {
    enrolment: i64,
    person: String,
    sealed_at: String,
    seal: String,
    previous: Option<String>,
    /// The previous seal is a sealed check-in of the same enrolment.
    follows_checkin: bool,
}

impl Store {
    /// Checks every sealed gateway sign-off: its seal must match its
    /// content and the seal it follows, which must be one of the
    /// enrolment's sealed check-ins (or none).
    pub fn verify_gateway_seals(&self) -> Result<(Vec<GatewaySealProblem>, usize), StoreError> {
        let read = || -> rusqlite::Result<(Vec<GatewaySealProblem>, usize)> {
            let sealed = sealed_signoffs(&self.connection)?;
            let mut problems = Vec::new();
            for signoff in &sealed {
                let content =
                    canonical_signoff(&self.connection, signoff.enrolment, &signoff.sealed_at)?;
                if seal(signoff.previous.as_deref(), &content) != signoff.seal {
                    problems.push(problem(signoff, "its content no longer matches its seal"));
                } else if signoff.previous.is_some() && !signoff.follows_checkin {
                    problems.push(problem(
                        signoff,
                        "the chain is broken: it does not follow a sealed check-in",
                    ));
                }
            }
            Ok((problems, sealed.len()))
        };
        read().map_err(sqlite_error(&self.path, "checking gateway seals"))
    }
}

fn sealed_signoffs(connection: &Connection) -> rusqlite::Result<Vec<SealedSignoff>> {
    let mut statement = connection.prepare(
        "SELECT g.enrolment_id, p.name, g.sealed_at, g.seal_hash, g.previous_seal_hash,
                EXISTS (SELECT 1 FROM checkin c WHERE c.enrolment_id = g.enrolment_id
                        AND c.state = 'sealed' AND c.seal_hash = g.previous_seal_hash)
         FROM gateway_seal g JOIN enrolment e ON e.id = g.enrolment_id
         JOIN person p ON p.id = e.person_id ORDER BY g.enrolment_id",
    )?;
    let rows = statement.query_map([], |row| {
        Ok(SealedSignoff {
            enrolment: row.get(0)?,
            person: row.get(1)?,
            sealed_at: row.get(2)?,
            seal: row.get(3)?,
            previous: row.get(4)?,
            follows_checkin: row.get(5)?,
        })
    })?;
    rows.collect()
}

fn problem(signoff: &SealedSignoff, message: &str) -> GatewaySealProblem {
    GatewaySealProblem {
        enrolment_id: signoff.enrolment,
        person: signoff.person.clone(),
        problem: message.to_string(),
    }
}
