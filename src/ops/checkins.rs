//! Check-ins: starting (or resuming) the one open draft of an apprentice,
//! saving it, and amending a sealed one (completing and signing are in
//! `signing`). A draft sealed or set aside elsewhere is `Gone`.

use super::{Field, OpError, Ops, enrolled, permitted_on};
use crate::domain::{
    AgreedAction, Checkin, CheckinContent, CheckinSummary, Operation, PersonId, Role,
    check_action_due, check_name, check_next_due, check_text, meeting_before,
};
use crate::store::{Change, CheckinState, Store};
use chrono::NaiveDate;

/// A check-in opened for the assessor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CheckinStarted {
    pub id: i64,
    /// An existing draft was taken up rather than a new one started.
    pub resumed: bool,
}

impl Ops<'_> {
    /// Resumes the apprentice's open draft, or starts one dated today.
    pub fn start_checkin(&mut self, person: PersonId) -> Result<CheckinStarted, OpError> {
        let (actor, today) = (self.actor, self.clock.today());
        let change = self.begin()?;
        let (person, enrolment) = enrolled(&change, person)?;
        let assessor = permitted_on(&change, actor, Operation::RunCheckin, &person)?.id;
        if let Some(id) = change.draft_for(enrolment.id)? {
            return Ok(CheckinStarted { id, resumed: true });
        }
        if today < enrolment.start_date {
            return Err(OpError::Refused(format!(
                "a check-in cannot be dated before the programme starts ({})",
                enrolment.start_date
            )));
        }
        let id = change.start_draft(enrolment.id, assessor, today, None)?;
        change.commit()?;
        Ok(CheckinStarted { id, resumed: false })
    }

    /// Replaces an open draft's content.
    pub fn save_checkin(&mut self, id: i64, content: &CheckinContent) -> Result<(), OpError> {
        let actor = self.actor;
        let change = self.begin()?;
        let state = open_draft(&change, id)?;
        let apprentice = change.person(enrolment_person(&change, &state)?)?;
        permitted_on(&change, actor, Operation::RunCheckin, &apprentice)?;
        check_content(content, meeting_date(&change, id)?)?;
        change.save_draft(id, content)?;
        change.commit()?;
        Ok(())
    }

    /// Discards an open draft: it is removed, its content kept in the
    /// history. Only the assessor running it or an administrator may; a
    /// completed or sealed check-in is never discarded.
    pub fn discard_checkin(&mut self, id: i64) -> Result<(), OpError> {
        let actor = self.actor;
        let change = self.begin()?;
        let state = change
            .checkin_state(id)?
            .ok_or_else(|| OpError::Gone(format!("no check-in has the id {id}")))?;
        let apprentice = change.person(enrolment_person(&change, &state)?)?;
        let acting = super::acting(&change, actor)?;
        if acting.role != Role::Administrator {
            let assessor = permitted_on(&change, actor, Operation::RunCheckin, &apprentice)?;
            if assessor.id != state.assessor {
                let owner = change.person(state.assessor)?.name;
                return Err(OpError::Refused(format!(
                    "check-in {id} is run by {owner}: only they or an administrator may discard it"
                )));
            }
        }
        if state.sealed {
            return Err(OpError::Refused(format!(
                "check-in {id} is signed and sealed: it is never discarded; amend it instead"
            )));
        }
        if state.completed {
            return Err(OpError::Refused(format!(
                "check-in {id} is completed and awaits its signatures: its content is fixed, so it is not discarded"
            )));
        }
        change.discard_draft(id)?;
        change.commit()?;
        Ok(())
    }

    /// Starts an amendment of a sealed check-in: a draft copying it, with
    /// the reason. Refused while the apprentice has another draft open.
    pub fn amend_checkin(&mut self, id: i64, reason: &str) -> Result<i64, OpError> {
        let (actor, today) = (self.actor, self.clock.today());
        let reason = check_text(reason, 2_000).map_err(|m| OpError::invalid(Field::Reason, m))?;
        if reason.trim().is_empty() {
            return Err(OpError::invalid(
                Field::Reason,
                "say why the record needs amending",
            ));
        }
        let change = self.begin()?;
        let state = change
            .checkin_state(id)?
            .ok_or_else(|| OpError::Refused(format!("no check-in has the id {id}")))?;
        let apprentice = change.person(enrolment_person(&change, &state)?)?;
        let assessor = permitted_on(&change, actor, Operation::RunCheckin, &apprentice)?.id;
        if !state.sealed {
            return Err(OpError::Refused(format!(
                "check-in {id} is a draft: change it in the app instead"
            )));
        }
        if let Some(draft) = change.draft_for(state.enrolment)? {
            return Err(OpError::Refused(format!(
                "{} already has a draft check-in ({draft}); finish it first",
                apprentice.name
            )));
        }
        let amendment = change.start_draft(state.enrolment, assessor, today, Some((id, reason)))?;
        change.commit()?;
        Ok(amendment)
    }
}

/// What a check-in looks back on: the meeting before the one it records
/// (for an amendment, the one before the meeting it amends).
#[derive(Debug, Clone, PartialEq)]
pub struct LookingBack {
    /// The day of that meeting; `None` when there was none yet.
    pub since: Option<NaiveDate>,
    /// The actions agreed there, as its latest sealed record has them.
    pub actions: Vec<(i64, AgreedAction)>,
}

/// What check-in `writing` looks back on, given the enrolment's check-ins.
pub fn looking_back(
    store: &Store,
    writing: &Checkin,
    checkins: &[CheckinSummary],
) -> Result<LookingBack, OpError> {
    let summary = CheckinSummary {
        id: writing.id,
        date: writing.date,
        assessor_id: writing.assessor_id,
        sealed: writing.sealed,
        next_due: writing.content.next_due,
        amends: writing.amends,
        completed: None,
        signed_by: Vec::new(),
    };
    let Some(meeting) = meeting_before(checkins, &summary) else {
        return Ok(LookingBack {
            since: None,
            actions: Vec::new(),
        });
    };
    Ok(LookingBack {
        since: Some(meeting.original.date),
        actions: store.actions_agreed_at(meeting.record.id)?,
    })
}

/// An action agreed at a check-in dated `date`, checked.
pub fn agreed_action(
    text: &str,
    owner: &str,
    due: Option<NaiveDate>,
    date: NaiveDate,
) -> Result<AgreedAction, OpError> {
    let text = check_name(text).map_err(|m| OpError::invalid(Field::Action, m))?;
    if let Some(due) = due {
        check_action_due(due, date).map_err(|m| OpError::invalid(Field::Due, m))?;
    }
    Ok(AgreedAction {
        text: text.to_string(),
        owner: owner.to_string(),
        due,
    })
}

/// The check-in is an open draft: not sealed, not set aside, still there.
pub(super) fn open_draft(change: &Change, id: i64) -> Result<CheckinState, OpError> {
    let state = change
        .checkin_state(id)?
        .ok_or_else(|| OpError::Gone(format!("check-in {id} is no longer recorded")))?;
    if state.sealed {
        let signed = change.checkin(id)?.signed;
        let by = signed
            .map(|s| format!(" by {} and {} at {}", s.apprentice, s.assessor, s.at))
            .unwrap_or_default();
        return Err(OpError::Gone(format!(
            "check-in {id} was signed and sealed elsewhere{by}; it can no longer change"
        )));
    }
    if state.superseded {
        return Err(OpError::Gone(format!(
            "check-in {id} was set aside for a newer draft; resume that one"
        )));
    }
    if state.completed {
        return Err(OpError::Gone(format!(
            "check-in {id} was completed and waits for its signatures; it can no longer change"
        )));
    }
    Ok(state)
}

/// The day of the meeting check-in `id` records: its own date, or for an
/// amendment the date of the check-in it amends (an amendment is dated the
/// day it is written, but corrects what was agreed at that meeting).
pub(super) fn meeting_date(change: &Change, id: i64) -> Result<NaiveDate, OpError> {
    let mut record = change.checkin(id)?;
    // Each step goes to an older check-in; the bound only guards a damaged file.
    for _ in 0..1_000 {
        match record.amends {
            Some(amended) => record = change.checkin(amended)?,
            None => return Ok(record.date),
        }
    }
    Err(OpError::Refused(format!(
        "check-in {id} amends a chain of check-ins that never reaches an original"
    )))
}

pub(super) fn enrolment_person(change: &Change, state: &CheckinState) -> Result<PersonId, OpError> {
    let enrolment = change
        .enrolment(state.enrolment)?
        .ok_or_else(|| OpError::Gone("the check-in's enrolment is not recorded".into()))?;
    Ok(enrolment.person_id)
}

pub(super) fn check_content(content: &CheckinContent, date: NaiveDate) -> Result<(), OpError> {
    for (_, text) in &content.sections {
        check_text(text, 20_000).map_err(|m| OpError::invalid(Field::Note, m))?;
    }
    for judged in &content.judgements {
        check_text(&judged.note, 5_000).map_err(|m| OpError::invalid(Field::Note, m))?;
    }
    for action in &content.actions {
        agreed_action(&action.text, &action.owner, action.due, date)?;
    }
    if let Some(next) = content.next_due {
        check_next_due(next, date).map_err(|m| OpError::invalid(Field::NextDate, m))?;
    }
    Ok(())
}
