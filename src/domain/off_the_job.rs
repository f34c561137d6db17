//! Off-the-job time as the funding rules see it: each entry names the
//! outcomes it served, an assessor accepts or queries it, and an entry whose
//! words describe something the rules do not count (a progress review,
//! English or maths) is warned about.

use super::HoursEntry;
use crate::framework::{Framework, NotOffTheJob};
use serde::Serialize;

/// Where an assessor's review of an hours entry stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum HoursReview {
    /// Not yet looked at. It counts: an assessor's backlog must not make
    /// the apprentice look behind; only a query takes time out.
    #[default]
    Unreviewed,
    Accepted,
    /// Questioned, with a reason: left out of every total until resolved.
    Queried,
}

impl HoursReview {
    pub const ALL: [HoursReview; 3] = [
        HoursReview::Unreviewed,
        HoursReview::Accepted,
        HoursReview::Queried,
    ];

    /// The word used in the database and on screen.
    pub fn as_str(self) -> &'static str {
        match self {
            HoursReview::Unreviewed => "unreviewed",
            HoursReview::Accepted => "accepted",
            HoursReview::Queried => "queried",
        }
    }

    pub fn parse(word: &str) -> Option<HoursReview> {
        HoursReview::ALL.into_iter().find(|r| r.as_str() == word)
    }

    /// Whether the entry's time counts toward totals, gateway and RAG.
    pub fn counts(self) -> bool {
        self != HoursReview::Queried
    }

    /// The review once the entry is changed: an acceptance was of what the
    /// entry said before, so it lapses; a query stands until the assessor
    /// accepts the corrected entry, so an edit never makes time count.
    pub fn after_edit(self) -> HoursReview {
        match self {
            HoursReview::Accepted => HoursReview::Unreviewed,
            other => other,
        }
    }
}

/// Whether `category` is off-the-job time in the framework's terms.
pub fn is_off_the_job(framework: &Framework, category: &str) -> bool {
    framework
        .hour_category(category)
        .is_some_and(|category| category.off_the_job)
}

/// Off-the-job time names at least one outcome it served.
pub fn check_off_the_job_outcomes(off_the_job: bool, outcomes: &[String]) -> Result<(), String> {
    if off_the_job && outcomes.is_empty() {
        return Err(
            "off-the-job time names the outcomes it served: give at least one outcome".into(),
        );
    }
    Ok(())
}

/// Why an off-the-job entry with this note and activity may not count, in
/// words, when the framework's words for such time appear in it.
pub fn not_off_the_job_doubt(
    framework: &Framework,
    category: &str,
    note: &str,
    activity: Option<&str>,
) -> Option<String> {
    if !is_off_the_job(framework, category) {
        return None;
    }
    let said = words_of(&format!("{note} {}", activity.unwrap_or("")));
    framework
        .hours
        .not_off_the_job
        .iter()
        .find_map(|rule| matched(rule, &said))
}

/// The first of `rule`'s phrases found in `said`, with the rule's reason.
fn matched(rule: &NotOffTheJob, said: &[String]) -> Option<String> {
    rule.words.iter().find_map(|phrase| {
        let wanted = words_of(phrase);
        let found = !wanted.is_empty() && said.windows(wanted.len()).any(|w| w == wanted);
        found.then(|| {
            format!(
                "\"{}\" may not count as off-the-job: {}",
                phrase.trim(),
                rule.reason
            )
        })
    })
}

/// Lower-case words: letters and digits, anything else a separator, so a
/// phrase matches whole words only ("review" is not found in "reviewed").
fn words_of(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Warnings for a person's standing: each off-the-job entry whose words
/// describe time the rules do not count.
pub fn doubtful_entries(framework: &Framework, entries: &[HoursEntry]) -> Vec<String> {
    entries
        .iter()
        .filter_map(|entry| {
            not_off_the_job_doubt(
                framework,
                &entry.category,
                &entry.note,
                entry.activity.as_deref(),
            )
            .map(|doubt| format!("hours entry {} ({}): {doubt}", entry.id, entry.date))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::framework::{Framework, default_framework};

    fn pcso() -> Framework {
        default_framework().load().expect("the bundled framework")
    }

    #[test]
    fn off_the_job_time_must_name_an_outcome_other_time_need_not() {
        assert!(
            check_off_the_job_outcomes(true, &[])
                .unwrap_err()
                .contains("at least one outcome")
        );
        assert!(check_off_the_job_outcomes(true, &["LO1".into()]).is_ok());
        assert!(check_off_the_job_outcomes(false, &[]).is_ok());
        let pcso = &pcso();
        assert!(is_off_the_job(pcso, "off-the-job"));
        assert!(!is_off_the_job(pcso, "cpd"));
    }

    #[test]
    fn an_edit_lapses_an_acceptance_but_not_a_query() {
        assert_eq!(HoursReview::Accepted.after_edit(), HoursReview::Unreviewed);
        assert_eq!(HoursReview::Queried.after_edit(), HoursReview::Queried);
        assert_eq!(
            HoursReview::Unreviewed.after_edit(),
            HoursReview::Unreviewed
        );
    }

    #[test]
    fn a_progress_review_or_maths_in_an_off_the_job_note_is_doubted() {
        let pcso = &pcso();
        let review = not_off_the_job_doubt(pcso, "off-the-job", "Progress Review with Jo", None)
            .expect("a review is doubted");
        assert!(review.contains("\"progress review\""), "{review}");
        let maths =
            not_off_the_job_doubt(pcso, "off-the-job", "Functional skills: maths", None).unwrap();
        assert!(maths.contains("English"), "{maths}");
        assert_eq!(
            not_off_the_job_doubt(pcso, "off-the-job", "Reviewed progress of the case", None),
            None,
            "whole words only"
        );
        assert_eq!(
            not_off_the_job_doubt(pcso, "cpd", "progress review", None),
            None,
            "only off-the-job time is doubted"
        );
        assert_eq!(
            not_off_the_job_doubt(pcso, "off-the-job", "Diploma unit 3 workshop", None),
            None
        );
    }

    #[test]
    fn only_queried_entries_stop_counting() {
        assert!(HoursReview::Unreviewed.counts());
        assert!(HoursReview::Accepted.counts());
        assert!(!HoursReview::Queried.counts());
        for review in HoursReview::ALL {
            assert_eq!(HoursReview::parse(review.as_str()), Some(review));
        }
    }
}
