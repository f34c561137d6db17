//! Hours against targets: logged, expected by now (the target in proportion
//! to time elapsed), slippage, and the split across categories against the
//! framework's target shares. A queried entry counts nowhere until resolved.

use crate::domain::{HoursEntry, HoursReview, PlanStanding};
use crate::framework::{Framework, HourCategory};
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CategoryHours {
    pub id: String,
    pub title: String,
    pub logged: f64,
    pub target: Option<f64>,
    pub expected_to_date: Option<f64>,
    /// Hours behind what is expected by now; 0 when on or ahead.
    pub slippage: f64,
    /// This category's share of all time logged, 0 to 100.
    pub share_percent: f64,
    pub target_share_percent: Option<u32>,
    /// Of `logged`, hours an assessor has accepted.
    pub accepted: f64,
    /// Hours queried by an assessor: not in `logged` until resolved.
    pub queried: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HoursStanding {
    /// Hours in categories that have a target (all hours when none has).
    pub logged: f64,
    pub target: Option<f64>,
    pub expected_to_date: Option<f64>,
    pub slippage: f64,
    pub total_logged: f64,
    pub categories: Vec<CategoryHours>,
}

/// Hours that count per category id: every entry but queried ones.
pub fn hours_by_category(entries: &[HoursEntry]) -> BTreeMap<String, f64> {
    in_review(entries, HoursReview::counts)
}

/// Hours per category id of the entries whose review passes `wanted`.
fn in_review(entries: &[HoursEntry], wanted: fn(HoursReview) -> bool) -> BTreeMap<String, f64> {
    let mut totals = BTreeMap::new();
    for entry in entries.iter().filter(|entry| wanted(entry.review)) {
        *totals.entry(entry.category.clone()).or_default() += entry.hours;
    }
    totals
}

/// The off-the-job category is measured against the plan's planned hours,
/// every other category against its framework target.
pub fn hours_standing(
    framework: &Framework,
    entries: &[HoursEntry],
    share_elapsed: f64,
    plan: &PlanStanding,
) -> HoursStanding {
    let logged = hours_by_category(entries);
    let accepted = in_review(entries, |review| review == HoursReview::Accepted);
    let queried = in_review(entries, |review| review == HoursReview::Queried);
    let off_the_job = framework.programme.off_the_job_category.as_deref();
    let total_logged: f64 = logged.values().sum();
    let of = |totals: &BTreeMap<String, f64>, id: &str| totals.get(id).copied().unwrap_or(0.0);
    let categories: Vec<CategoryHours> = framework
        .hours
        .categories
        .iter()
        .map(|category| {
            let target = match off_the_job == Some(category.id.as_str()) {
                true => plan.planned_off_the_job_hours.or(category.target_hours),
                false => category.target_hours,
            };
            let hours = of(&logged, &category.id);
            CategoryHours {
                accepted: of(&accepted, &category.id),
                queried: of(&queried, &category.id),
                ..category_hours(category, target, hours, total_logged, share_elapsed)
            }
        })
        .collect();
    let targeted: Vec<&CategoryHours> = categories.iter().filter(|c| c.target.is_some()).collect();
    let (logged_counted, target, expected) = if targeted.is_empty() {
        (total_logged, None, None)
    } else {
        (
            targeted.iter().map(|c| c.logged).sum(),
            Some(targeted.iter().filter_map(|c| c.target).sum()),
            Some(targeted.iter().filter_map(|c| c.expected_to_date).sum()),
        )
    };
    HoursStanding {
        logged: logged_counted,
        target,
        expected_to_date: expected,
        slippage: categories.iter().map(|c| c.slippage).sum(),
        total_logged,
        categories,
    }
}

/// One category's `hours` against its target and its share of all time.
fn category_hours(
    category: &HourCategory,
    target: Option<f64>,
    hours: f64,
    total_logged: f64,
    share_elapsed: f64,
) -> CategoryHours {
    let expected = target.map(|target| target * share_elapsed);
    CategoryHours {
        id: category.id.clone(),
        title: category.title.clone(),
        logged: hours,
        target,
        expected_to_date: expected,
        slippage: expected.map_or(0.0, |expected| (expected - hours).max(0.0)),
        share_percent: if total_logged > 0.0 {
            hours * 100.0 / total_logged
        } else {
            0.0
        },
        target_share_percent: category.target_share_percent,
        accepted: 0.0,
        queried: 0.0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::framework::{Framework, default_framework};

    fn pcso() -> Framework {
        default_framework().load().expect("the bundled framework")
    }
    use chrono::NaiveDate;

    fn entry(id: i64, hours: f64, review: HoursReview) -> HoursEntry {
        HoursEntry {
            id,
            date: NaiveDate::from_ymd_opt(2026, 3, 4).expect("date"),
            hours,
            category: "off-the-job".into(),
            activity: None,
            note: String::new(),
            benefit: None,
            possible_duplicate_of: None,
            outcomes: vec!["LO1".into()],
            review,
            query_reason: None,
            version: Default::default(),
        }
    }

    #[test]
    fn queried_time_counts_nowhere_unreviewed_and_accepted_time_counts() {
        let entries = [
            entry(1, 6.0, HoursReview::Accepted),
            entry(2, 4.0, HoursReview::Unreviewed),
            entry(3, 7.5, HoursReview::Queried),
        ];
        assert_eq!(hours_by_category(&entries)["off-the-job"], 10.0);
        let no_plan = PlanStanding {
            recorded: false,
            rules_from: None,
            planned_end: NaiveDate::from_ymd_opt(2027, 3, 4).expect("date"),
            minimum_off_the_job_hours: None,
            off_the_job_floor_hours: None,
            prior_learning_hours: 0.0,
            prior_learning_reason: None,
            planned_off_the_job_hours: None,
            assessment_organisation: None,
            organisation_chosen_on: None,
            english_maths: None,
            english_maths_decision_needed: false,
            changed_on: None,
            changed_by: None,
            to_discuss: false,
        };
        let standing = hours_standing(&pcso(), &entries, 0.5, &no_plan);
        let off = &standing.categories[0];
        assert_eq!((off.logged, off.accepted, off.queried), (10.0, 6.0, 7.5));
        assert_eq!(standing.total_logged, 10.0);
        assert_eq!(off.slippage, 187.0 * 0.5 - 10.0);
    }
}
