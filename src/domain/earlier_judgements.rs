//! Judgements an outcome was given at earlier reviews, for the assessor
//! judging it again: from each sealed meeting's record that speaks for it
//! (an amendment replaces what it amends), dated by the meeting.

use super::{Checkin, Judgement};
use chrono::NaiveDate;
use std::collections::HashMap;

/// One earlier judgement of an outcome.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EarlierJudgement {
    /// The day of the meeting it was given at.
    pub date: NaiveDate,
    pub judgement: Judgement,
    pub note: String,
}

/// Each outcome's judgements at sealed reviews, newest first. A record
/// amended by a later sealed one no longer speaks for its meeting.
pub fn earlier_judgements(checkins: &[Checkin]) -> HashMap<String, Vec<EarlierJudgement>> {
    let superseded = |id: i64| {
        checkins
            .iter()
            .any(|other| other.sealed && other.amends == Some(id))
    };
    let mut speaking: Vec<(NaiveDate, i64, &Checkin)> = checkins
        .iter()
        .filter(|c| c.sealed && !superseded(c.id))
        .map(|c| (meeting_date(checkins, c), c.id, c))
        .collect();
    speaking.sort_by_key(|(date, id, _)| std::cmp::Reverse((*date, *id)));
    let mut by_code: HashMap<String, Vec<EarlierJudgement>> = HashMap::new();
    for (date, _, record) in speaking {
        for judged in &record.content.judgements {
            by_code
                .entry(judged.code.clone())
                .or_default()
                .push(EarlierJudgement {
                    date,
                    judgement: judged.judgement,
                    note: judged.note.clone(),
                });
        }
    }
    by_code
}

/// The date of the meeting `record` speaks for: its original's.
fn meeting_date(checkins: &[Checkin], record: &Checkin) -> NaiveDate {
    let mut current = record;
    // Bounded by the list's length, so a damaged loop of amendments ends.
    for _ in 0..checkins.len() {
        match current
            .amends
            .and_then(|id| checkins.iter().find(|c| c.id == id))
        {
            Some(original) => current = original,
            None => break,
        }
    }
    current.date
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{CheckinContent, CheckinJudgement};

    fn sealed(id: i64, day: u32, amends: Option<i64>, judged: &[(&str, Judgement)]) -> Checkin {
        Checkin {
            id,
            enrolment_id: 1,
            person: "Ben".into(),
            date: NaiveDate::from_ymd_opt(2026, 10, day).expect("day"),
            assessor_id: 2,
            assessor: "Sam".into(),
            sealed: true,
            amends,
            amend_reason: None,
            amended_by: Vec::new(),
            signed: None,
            completed_at: None,
            signatures: Vec::new(),
            seal_hash: None,
            previous_seal_hash: None,
            content: CheckinContent {
                judgements: judged
                    .iter()
                    .map(|(code, judgement)| CheckinJudgement {
                        code: code.to_string(),
                        judgement: *judgement,
                        note: format!("{code} at {id}"),
                    })
                    .collect(),
                ..CheckinContent::default()
            },
            action_ids: Vec::new(),
        }
    }

    #[test]
    fn newest_first_with_an_amendment_speaking_for_its_meeting() {
        let mut draft = sealed(4, 20, None, &[("LO1", Judgement::Exceeds)]);
        draft.sealed = false;
        let checkins = [
            sealed(1, 1, None, &[("LO1", Judgement::NotYetCompetent)]),
            sealed(2, 10, None, &[("LO1", Judgement::NotYetCompetent)]),
            // Written on the 12th, amending the meeting of the 10th.
            sealed(3, 12, Some(2), &[("LO1", Judgement::Competent)]),
            draft,
        ];
        let earlier = earlier_judgements(&checkins);
        let lo1: Vec<(u32, Judgement, &str)> = earlier["LO1"]
            .iter()
            .map(|e| {
                use chrono::Datelike;
                (e.date.day(), e.judgement, e.note.as_str())
            })
            .collect();
        assert_eq!(
            lo1,
            [
                (10, Judgement::Competent, "LO1 at 3"),
                (1, Judgement::NotYetCompetent, "LO1 at 1"),
            ]
        );
    }
}
