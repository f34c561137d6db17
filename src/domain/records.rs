//! The words a progress record can hold: statuses, kinds and judgements'
//! companions, as stored in the database and typed on the command line.

use crate::text_enum;

text_enum! {
    /// The apprentice's own view of an outcome, kept apart from the judgement.
    pub enum OutcomeStatus {
        NotStarted => "not_started",
        InProgress => "in_progress",
        ReadyForReview => "ready_for_review",
        Completed => "completed",
    }
}

text_enum! {
    /// What a piece of portfolio evidence is.
    pub enum EvidenceKind {
        Observation => "observation",
        WitnessTestimony => "witness_testimony",
        ReflectiveAccount => "reflective_account",
        WorkProduct => "work_product",
        ProfessionalDiscussion => "professional_discussion",
        Other => "other",
    }
}

text_enum! {
    /// Where an entry requirement or qualification stands.
    pub enum RequirementStatus {
        Pending => "pending",
        Met => "met",
        NotMet => "not_met",
        Exempt => "exempt",
    }
}

text_enum! {
    /// The written parts of a progress review.
    pub enum CheckinSection {
        SinceLast => "since_last",
        Hours => "hours",
        PlanChanges => "plan_changes",
        Concerns => "concerns",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_parse_in_snake_or_kebab_case_and_list_their_choices() {
        assert_eq!(
            OutcomeStatus::parse("in-progress"),
            Some(OutcomeStatus::InProgress)
        );
        assert_eq!(
            OutcomeStatus::parse("ready_for_review"),
            Some(OutcomeStatus::ReadyForReview)
        );
        assert_eq!(OutcomeStatus::parse("done"), None);
        assert_eq!(
            RequirementStatus::choices(),
            "pending, met, not-met, exempt"
        );
        assert_eq!(
            EvidenceKind::WitnessTestimony.to_string(),
            "witness testimony"
        );
    }
}
