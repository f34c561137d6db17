//! Actions agreed at a review: done, still open, or overdue. An action is
//! marked done by the latest review of it (the next check-in looks back at
//! what was agreed); one not marked done whose due date has passed is
//! overdue.

use crate::domain::{ActionReview, ActionsAgreed, CheckinSummary, last_meeting};
use chrono::NaiveDate;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum ActionState {
    Done,
    /// Not marked done, and not yet past its due date (or it has none).
    Open,
    /// Not marked done, and its due date has passed.
    Overdue,
}

impl ActionState {
    /// The words a person reads.
    pub fn words(self) -> &'static str {
        match self {
            ActionState::Done => "done",
            ActionState::Open => "not done",
            ActionState::Overdue => "OVERDUE",
        }
    }
}

/// Whether action `id` is marked done: the latest review of it says so.
/// `reviews` are in the order the reviews were held, oldest first.
pub fn marked_done<'a>(reviews: impl IntoIterator<Item = &'a ActionReview>, id: i64) -> bool {
    reviews
        .into_iter()
        .filter(|review| review.action_id == id)
        .last()
        .is_some_and(|review| review.done)
}

/// An action not marked done is overdue from the day after it fell due.
pub fn action_state(due: Option<NaiveDate>, done: bool, today: NaiveDate) -> ActionState {
    match (done, due) {
        (true, _) => ActionState::Done,
        (false, Some(due)) if due < today => ActionState::Overdue,
        (false, _) => ActionState::Open,
    }
}

/// An action agreed at the latest sealed review, not marked done, past
/// its due date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OverdueAction {
    pub text: String,
    pub owner: String,
    pub due: NaiveDate,
    pub days_overdue: i64,
}

impl OverdueAction {
    /// "action overdue: Add evidence (apprentice), due 2026-11-08, 13 days ago".
    pub fn describe(&self) -> String {
        format!(
            "action overdue: {} ({}), due {}, {} ago",
            self.text,
            self.owner,
            self.due,
            crate::domain::counted(self.days_overdue as usize, "day", "days")
        )
    }
}

/// The actions agreed at the latest sealed review (as its latest amendment
/// records them) that are not marked done and whose due date is before
/// today, earliest due first. Actions of earlier reviews are left to that
/// review: the next one looked back at them.
pub fn overdue_actions(
    checkins: &[CheckinSummary],
    agreed: &ActionsAgreed,
    today: NaiveDate,
) -> Vec<OverdueAction> {
    let Some(latest) = last_meeting(checkins).map(|meeting| meeting.record.id) else {
        return Vec::new();
    };
    let mut overdue: Vec<OverdueAction> = agreed
        .actions
        .iter()
        .filter(|action| action.checkin_id == latest)
        .filter_map(|action| {
            let done = marked_done(&agreed.reviews, action.id);
            let due = action.due?;
            (action_state(Some(due), done, today) == ActionState::Overdue).then(|| OverdueAction {
                text: action.text.clone(),
                owner: action.owner.clone(),
                due,
                days_overdue: (today - due).num_days(),
            })
        })
        .collect();
    overdue.sort_by_key(|action| action.due);
    overdue
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("date")
    }

    fn review(action_id: i64, done: bool) -> ActionReview {
        ActionReview {
            action_id,
            done,
            note: String::new(),
        }
    }

    fn action(id: i64, checkin_id: i64, due: &str) -> crate::domain::ActionRecord {
        crate::domain::ActionRecord {
            id,
            checkin_id,
            text: format!("action {id}"),
            owner: "apprentice".into(),
            due: Some(date(due)),
        }
    }

    fn sealed(id: i64, on: &str) -> CheckinSummary {
        CheckinSummary {
            id,
            date: date(on),
            assessor_id: 1,
            sealed: true,
            next_due: None,
            amends: None,
            completed: None,
            signed_by: Vec::new(),
        }
    }

    #[test]
    fn only_the_latest_sealed_review_s_undone_actions_past_due_are_overdue() {
        let today = date("2026-11-21");
        let mut draft = sealed(3, "2026-11-20");
        draft.sealed = false;
        let checkins = [sealed(1, "2026-06-01"), sealed(2, "2026-09-01"), draft];
        let agreed = ActionsAgreed {
            actions: vec![
                action(10, 1, "2026-07-01"),
                action(20, 2, "2026-11-01"),
                action(21, 2, "2026-10-01"),
                action(22, 2, "2026-11-21"),
                action(23, 2, "2026-10-15"),
                action(30, 3, "2026-11-20"),
            ],
            reviews: vec![review(10, false), review(23, true)],
        };
        let overdue = overdue_actions(&checkins, &agreed, today);
        let texts: Vec<&str> = overdue.iter().map(|a| a.text.as_str()).collect();
        // 10: an earlier review's; 22: due today; 23: done; 30: a draft's.
        assert_eq!(texts, ["action 21", "action 20"], "earliest due first");
        assert_eq!(overdue[1].days_overdue, 20);
        assert_eq!(
            overdue[1].describe(),
            "action overdue: action 20 (apprentice), due 2026-11-01, 20 days ago"
        );
        assert!(overdue_actions(&checkins[..0], &agreed, today).is_empty());
    }

    #[test]
    fn the_latest_review_of_an_action_says_whether_it_is_done() {
        let reviews = [review(1, true), review(2, true), review(1, false)];
        assert!(!marked_done(&reviews, 1), "reopened at the later review");
        assert!(marked_done(&reviews, 2));
        assert!(!marked_done(&reviews, 3), "never reviewed");
    }

    #[test]
    fn an_action_not_done_is_overdue_only_after_its_due_date() {
        let today = date("2026-11-21");
        let due = |day| Some(date(day));
        assert_eq!(
            action_state(due("2026-11-20"), false, today),
            ActionState::Overdue
        );
        assert_eq!(
            action_state(due("2026-11-21"), false, today),
            ActionState::Open
        );
        assert_eq!(action_state(None, false, today), ActionState::Open);
        assert_eq!(
            action_state(due("2026-01-01"), true, today),
            ActionState::Done
        );
    }
}
