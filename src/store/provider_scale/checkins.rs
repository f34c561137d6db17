//! A generated enrolment's check-ins: one every review interval up to
//! today, each judging a further share of the outcomes, agreeing actions and
//! reviewing the last ones, signed and sealed as the app seals them; a few
//! enrolments also have their last check-in amended.

use super::super::StoreError;
use super::super::change::Change;
use super::Rng;
use super::records::{Generated, Written};
use crate::domain::{
    ActionReview, AgreedAction, CheckinContent, CheckinJudgement, CheckinSection, EnrolmentId,
    Judgement, Signing,
};
use chrono::{Days, NaiveDate};

/// One enrolment in this many has its last check-in amended.
const AMENDED_ONE_IN: usize = 40;
/// Check-ins over which every outcome gets judged.
const CHECKINS_TO_JUDGE_ALL: usize = 6;

/// The last sealed check-in, for the next to review and for amending.
struct Sealed {
    id: i64,
    date: NaiveDate,
    content: CheckinContent,
    action_ids: Vec<i64>,
}

/// Writes the check-ins; returns how many were sealed.
pub(super) fn add_checkins(
    change: &Change,
    generated: &Generated,
    written: &Written,
    rng: &mut Rng,
) -> Result<usize, StoreError> {
    let interval = u64::from(generated.framework.programme.checkin_interval_weeks) * 7;
    let mut last: Option<Sealed> = None;
    let mut sealed = 0;
    for number in 1.. {
        let date = written.start + Days::new(interval * number as u64);
        if date > generated.today {
            break;
        }
        let content = content(
            generated,
            number,
            date,
            date + Days::new(interval),
            &last,
            rng,
        );
        let signing = signing(generated, written, date);
        let enrolment = EnrolmentId(written.enrolment);
        let assessor = generated.assessor.id;
        let id = change.record_checkin(enrolment, assessor, date, &content, Some(&signing))?;
        let action_ids = change.action_ids(id)?;
        sealed += 1;
        last = Some(Sealed {
            id,
            date,
            content,
            action_ids,
        });
    }
    match last {
        Some(last) if generated.index % AMENDED_ONE_IN == AMENDED_ONE_IN / 2 => {
            amend(change, generated, written, &last)?;
            Ok(sealed + 1)
        }
        _ => Ok(sealed),
    }
}

/// Amends a sealed check-in as the app does: a draft copying it, its
/// content corrected, then signed and sealed.
fn amend(
    change: &Change,
    generated: &Generated,
    written: &Written,
    last: &Sealed,
) -> Result<(), StoreError> {
    let date = (last.date + Days::new(7)).min(generated.today);
    let reason = "A judgement note was corrected after moderation";
    let enrolment = EnrolmentId(written.enrolment);
    let assessor = generated.assessor.id;
    let id = change.start_draft(enrolment, assessor, date, Some((last.id, reason)))?;
    let mut content = last.content.clone();
    content.set_section(
        CheckinSection::PlanChanges,
        "Judgement notes corrected after internal moderation.".into(),
    );
    if let Some(judged) = content.judgements.first_mut() {
        judged.note = "Moderated: evidence seen and discussed again; meets the standard.".into();
    }
    change.save_draft(id, &content)?;
    change.seal_draft(id, &signing(generated, written, date))
}

fn signing(generated: &Generated, written: &Written, date: NaiveDate) -> Signing {
    Signing {
        at: format!("{date}T15:30:00Z"),
        apprentice: written.name.clone(),
        assessor: generated.assessor.name.clone(),
    }
}

/// The `number`th check-in's content: judgements of the next share of the
/// outcomes, one or two actions, and a review of the last check-in's.
fn content(
    generated: &Generated,
    number: usize,
    date: NaiveDate,
    due: NaiveDate,
    last: &Option<Sealed>,
    rng: &mut Rng,
) -> CheckinContent {
    let outcomes = &generated.framework.outcomes;
    let judged = (outcomes.len() * number / CHECKINS_TO_JUDGE_ALL).min(outcomes.len());
    let previously = (outcomes.len() * (number - 1) / CHECKINS_TO_JUDGE_ALL).min(judged);
    let judgements = outcomes[previously..judged]
        .iter()
        .map(|outcome| {
            let (judgement, note) = if rng.below(100) < 85 {
                (
                    Judgement::Competent,
                    "Evidence seen and discussed; meets the standard.",
                )
            } else {
                (
                    Judgement::NotYetCompetent,
                    "More evidence needed from patrol.",
                )
            };
            CheckinJudgement {
                code: outcome.code.clone(),
                judgement,
                note: note.into(),
            }
        })
        .collect();
    let actions = (0..1 + rng.below(2))
        .map(|n| AgreedAction {
            text: format!("Add evidence for the next outcomes ({})", n + 1),
            owner: if n == 0 { "apprentice" } else { "assessor" }.into(),
            due: Some(due.min(date + Days::new(28 * (n as u64 + 1)))),
        })
        .collect();
    let action_reviews = last
        .iter()
        .flat_map(|last| &last.action_ids)
        .map(|&action_id| ActionReview {
            action_id,
            done: rng.below(4) > 0,
            note: String::new(),
        })
        .collect();
    CheckinContent {
        sections: vec![
            (
                CheckinSection::SinceLast,
                format!(
                    "Review {number}: actions from last time discussed; new evidence reviewed."
                ),
            ),
            (CheckinSection::Hours, "Off-the-job hours on track.".into()),
            (CheckinSection::Concerns, "None raised.".into()),
        ],
        judgements,
        actions,
        action_reviews,
        next_due: Some(due),
    }
}
