//! What a gateway sign-off's seal covers, and checking every such seal: the
//! enrolment and every signature with the rules it was given under, in one
//! fixed textual form read back from the rows, as a check-in's seal is.

use super::convert::Stamp;
use super::db::{Conn, DbResult, Row};
use super::seals::escape;
use super::{Store, StoreError};
use crate::domain::{GatewaySealProblem, seal};

/// The content the seal of `enrolment`'s sign-off covers, sealed at
/// `sealed_at`. Signatures are read in party order, so the form never
/// depends on the order they were given in.
pub(super) fn canonical_signoff(c: Conn, enrolment: i64, sealed_at: &Stamp) -> DbResult<String> {
    let mut text = c.query_row(
        "SELECT id, person_id, framework_id, framework_version FROM enrolment WHERE id = ?1",
        &[&enrolment],
        |row| {
            Ok(format!(
                "gateway\t{}\t{}\n",
                fields(row)?,
                escape(&sealed_at.0)
            ))
        },
    )?;
    let rows = c.query(
        "SELECT role, person_id, signed_at, rules FROM gateway_signature
         WHERE enrolment_id = ?1 ORDER BY role",
        &[&enrolment],
        |row| Ok(format!("signature\t{}\n", fields(row)?)),
    )?;
    for row in rows {
        text.push_str(&row);
    }
    Ok(text)
}

/// A row's values, escaped and joined by tabs.
fn fields(row: &Row) -> DbResult<String> {
    let values = (0..row.width())
        .map(|index| Ok(escape(&row.seal_text(index)?)))
        .collect::<DbResult<Vec<_>>>()?;
    Ok(values.join("\t"))
}

/// A sealed sign-off as stored.
struct SealedSignoff {
    enrolment: i64,
    person: String,
    sealed_at: Stamp,
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
        self.read("checking gateway seals", |c| {
            let sealed = sealed_signoffs(c)?;
            let mut problems = Vec::new();
            for signoff in &sealed {
                let content = canonical_signoff(c, signoff.enrolment, &signoff.sealed_at)?;
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
        })
    }
}

fn sealed_signoffs(c: Conn) -> DbResult<Vec<SealedSignoff>> {
    c.query(
        "SELECT g.enrolment_id, p.name, g.sealed_at, g.seal_hash, g.previous_seal_hash,
                EXISTS (SELECT 1 FROM checkin c WHERE c.enrolment_id = g.enrolment_id
                        AND c.state = 'sealed' AND c.seal_hash = g.previous_seal_hash)
         FROM gateway_seal g JOIN enrolment e ON e.id = g.enrolment_id
         JOIN person p ON p.id = e.person_id ORDER BY g.enrolment_id",
        &[],
        |row| {
            Ok(SealedSignoff {
                enrolment: row.get(0)?,
                person: row.get(1)?,
                sealed_at: row.get(2)?,
                seal: row.get(3)?,
                previous: row.get(4)?,
                follows_checkin: row.get(5)?,
            })
        },
    )
}

fn problem(signoff: &SealedSignoff, message: &str) -> GatewaySealProblem {
    GatewaySealProblem {
        enrolment_id: signoff.enrolment,
        person: signoff.person.clone(),
        problem: message.to_string(),
    }
}
