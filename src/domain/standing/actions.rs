//! Actions agreed at a review: done, still open, or overdue. An action is
//! marked done by the latest review of it (the next check-in looks back at
//! what was agreed); one not marked done whose due date has passed is
//! overdue.

use crate::domain::ActionReview;
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
