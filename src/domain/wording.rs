//! Words every screen and report shares, so a count or an amount reads
//! the same everywhere: "1 outcome", "2 outcomes"; "0.0 h", never "-0.0 h".

/// `count` and the noun in the right number: "1 person", "3 people".
pub fn counted(count: usize, one: &str, many: &str) -> String {
    if count == 1 {
        format!("{count} {one}")
    } else {
        format!("{count} {many}")
    }
}

/// Names joined as a sentence says them: "A", "A and B", "A, B and C".
pub fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// A recorded field's name as a person reads it: "judgement note".
pub fn field_in_words(field: &str) -> String {
    field.replace('_', " ")
}

/// A value as history stores it, in the words every screen uses: a
/// status "not_started" reads "not started", a judgement
/// "not_yet_competent" reads "not yet competent"; other text as stored.
pub fn stored_in_words(field: &str, value: &str) -> String {
    use super::{HoursReview, OutcomeStatus, RequirementStatus};
    use crate::framework::Judgement;
    let worded = match field {
        "status" => OutcomeStatus::parse(value)
            .map(|s| s.to_string())
            .or_else(|| RequirementStatus::parse(value).map(|s| s.to_string())),
        "judgement" => Judgement::parse(value).map(|j| j.label().to_string()),
        "review" => HoursReview::parse(value).map(|r| r.as_str().to_string()),
        _ => None,
    };
    worded.unwrap_or_else(|| value.to_string())
}

/// Hours with one decimal place. A sum of nothing or of tiny negatives
/// can be negative zero, which would print as "-0.0".
pub fn hours_one_place(hours: f64) -> String {
    let rounded = (hours * 10.0).round() / 10.0;
    // Adding positive zero turns negative zero into positive zero.
    format!("{:.1}", rounded + 0.0)
}

/// Hours without a needless ".0": "140", "7.5", and "0" for none.
pub fn hours_text(hours: f64) -> String {
    let rounded = (hours * 10.0).round() / 10.0 + 0.0;
    if rounded.fract().abs() < 1e-9 {
        format!("{rounded:.0}")
    } else {
        format!("{rounded:.1}")
    }
}

/// A span of days in words: weeks from a week on, days below it.
pub fn days_or_weeks(days: i64) -> String {
    let days = days.max(0) as usize;
    if days >= 7 {
        counted(days / 7, "week", "weeks")
    } else {
        counted(days, "day", "days")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_words_read_as_words() {
        assert_eq!(stored_in_words("status", "not_started"), "not started");
        assert_eq!(
            stored_in_words("status", "ready_for_review"),
            "ready for review"
        );
        assert_eq!(
            stored_in_words("judgement", "not_yet_competent"),
            "not yet competent"
        );
        assert_eq!(stored_in_words("note", "not_started"), "not_started");
        assert_eq!(field_in_words("judgement_note"), "judgement note");
    }

    #[test]
    fn counts_are_singular_for_one_and_plural_otherwise() {
        assert_eq!(counted(1, "outcome", "outcomes"), "1 outcome");
        assert_eq!(counted(0, "outcome", "outcomes"), "0 outcomes");
        assert_eq!(counted(1, "person", "people"), "1 person");
        assert_eq!(counted(2, "person", "people"), "2 people");
    }

    #[test]
    fn lists_read_as_a_sentence() {
        let names = |n: &[&str]| n.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(and_list(&names(&["Amy"])), "Amy");
        assert_eq!(and_list(&names(&["Amy", "Sam"])), "Amy and Sam");
        assert_eq!(and_list(&names(&["Amy", "Sam", "Jo"])), "Amy, Sam and Jo");
    }

    #[test]
    fn no_hours_print_as_zero_not_negative_zero() {
        let nothing: f64 = std::iter::empty::<f64>().sum();
        assert_eq!(hours_one_place(nothing), "0.0");
        assert_eq!(hours_one_place(-0.04), "0.0");
        assert_eq!(hours_one_place(7.25), "7.3");
        assert_eq!(hours_text(nothing), "0");
        assert_eq!(hours_text(140.0), "140");
        assert_eq!(hours_text(0.1 + 0.2), "0.3");
    }
}
