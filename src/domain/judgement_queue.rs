//! An assessor's judgement queue: outcomes across her caseload that the
//! apprentice has marked ready for review or completed, and that no
//! assessor has judged since that status was set (never judged, or judged
//! before the status last changed). Oldest first, by when the status was set.

use super::{Judgement, OutcomeStatus, PersonId};
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

/// One outcome of one apprentice, as stored: status, when it was set, and
/// when it was last judged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutcomeMarked {
    pub person_id: PersonId,
    pub person: String,
    /// The framework the apprentice is enrolled on, for the outcome's title.
    pub framework_id: String,
    pub code: String,
    pub status: OutcomeStatus,
    pub status_set: Option<DateTime<Utc>>,
    pub judged: Option<DateTime<Utc>>,
    /// The judgement on record.
    pub judgement: Judgement,
}

/// An outcome waiting for judgement, for the queue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AwaitingJudgement {
    pub person_id: PersonId,
    pub person: String,
    pub framework_id: String,
    pub code: String,
    pub status: OutcomeStatus,
    /// The day the status was set.
    pub since: NaiveDate,
    pub days_waiting: i64,
}

/// Whether the outcome waits for an assessor: marked ready for review or
/// completed, with a status time, not judged at or after it, and not
/// already judged competent (an outcome once shown stays shown).
pub fn awaits_judgement(outcome: &OutcomeMarked) -> bool {
    let marked = matches!(
        outcome.status,
        OutcomeStatus::ReadyForReview | OutcomeStatus::Completed
    ) && outcome.judgement < Judgement::Competent;
    match (marked, outcome.status_set, outcome.judged) {
        (true, Some(set), Some(judged)) => judged < set,
        (true, Some(_), None) => true,
        _ => false,
    }
}

/// The queue: outcomes waiting for judgement, oldest status first (then by
/// person and code, so the order is stable).
pub fn judgement_queue(outcomes: &[OutcomeMarked], today: NaiveDate) -> Vec<AwaitingJudgement> {
    let mut queue: Vec<(DateTime<Utc>, AwaitingJudgement)> = outcomes
        .iter()
        .filter(|outcome| awaits_judgement(outcome))
        .filter_map(|outcome| {
            let set = outcome.status_set?;
            let since = set.date_naive();
            Some((
                set,
                AwaitingJudgement {
                    person_id: outcome.person_id,
                    person: outcome.person.clone(),
                    framework_id: outcome.framework_id.clone(),
                    code: outcome.code.clone(),
                    status: outcome.status,
                    since,
                    days_waiting: (today - since).num_days().max(0),
                },
            ))
        })
        .collect();
    queue.sort_by(|(a, x), (b, y)| (a, &x.person, &x.code).cmp(&(b, &y.person, &y.code)));
    queue.into_iter().map(|(_, waiting)| waiting).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> Option<DateTime<Utc>> {
        Some(
            DateTime::parse_from_rfc3339(text)
                .expect("time")
                .with_timezone(&Utc),
        )
    }

    fn marked(code: &str, status: OutcomeStatus, set: &str, judged: Option<&str>) -> OutcomeMarked {
        OutcomeMarked {
            person_id: PersonId(1),
            person: "Ben".into(),
            framework_id: "pcso-l4".into(),
            code: code.into(),
            status,
            status_set: at(set),
            judged: judged.and_then(at),
            // Judged earlier, not yet competent: it may be shown again.
            judgement: match judged {
                Some(_) => Judgement::NotYetCompetent,
                None => Judgement::NotAssessed,
            },
        }
    }

    #[test]
    fn an_outcome_already_judged_competent_does_not_wait_when_marked_again() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 21).expect("day");
        let mut shown = marked(
            "LO1",
            OutcomeStatus::Completed,
            "2026-11-01T09:00:00Z",
            Some("2026-10-01T09:00:00Z"),
        );
        assert_eq!(
            judgement_queue(std::slice::from_ref(&shown), today).len(),
            1
        );
        shown.judgement = Judgement::Competent;
        assert!(judgement_queue(&[shown], today).is_empty());
    }

    #[test]
    fn an_outcome_waits_from_its_status_until_an_assessor_judges_it_after() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 21).expect("day");
        let outcomes = [
            marked(
                "LO1",
                OutcomeStatus::ReadyForReview,
                "2026-11-10T09:00:00Z",
                None,
            ),
            marked(
                "LO2",
                OutcomeStatus::Completed,
                "2026-11-01T09:00:00Z",
                Some("2026-10-01T09:00:00Z"),
            ),
            marked(
                "LO3",
                OutcomeStatus::Completed,
                "2026-11-01T09:00:00Z",
                Some("2026-11-02T09:00:00Z"),
            ),
            marked(
                "LO4",
                OutcomeStatus::InProgress,
                "2026-09-01T09:00:00Z",
                None,
            ),
        ];
        let queue = judgement_queue(&outcomes, today);
        let codes: Vec<&str> = queue.iter().map(|w| w.code.as_str()).collect();
        // LO3 was judged after it was marked; LO4 is not marked.
        assert_eq!(codes, ["LO2", "LO1"], "oldest first");
        assert_eq!(queue[0].days_waiting, 20);
        assert_eq!(queue[1].since.to_string(), "2026-11-10");
    }
}
