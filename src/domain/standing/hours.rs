//! Hours against targets: logged, expected by now (the target in proportion
//! to time elapsed), slippage, and the split across categories against the
//! framework's target shares.

use crate::domain::{HoursEntry, PlanStanding};
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

/// Hours logged per category id.
pub fn hours_by_category(entries: &[HoursEntry]) -> BTreeMap<String, f64> {
    let mut totals = BTreeMap::new();
    for entry in entries {
        *totals.entry(entry.category.clone()).or_default() += entry.hours;
    }
    totals
}

/// The off-the-job category is measured against the plan's planned hours,
/// every other category against its framework target.
pub fn hours_standing(
    framework: &Framework,
    logged: &BTreeMap<String, f64>,
    share_elapsed: f64,
    plan: &PlanStanding,
) -> HoursStanding {
    let off_the_job = framework.programme.off_the_job_category.as_deref();
    let total_logged: f64 = logged.values().sum();
    let categories: Vec<CategoryHours> = framework
        .hours
        .categories
        .iter()
        .map(|category| {
            let hours = logged.get(&category.id).copied().unwrap_or(0.0);
            let target = match off_the_job == Some(category.id.as_str()) {
                true => plan.planned_off_the_job_hours.or(category.target_hours),
                false => category.target_hours,
            };
            category_hours(category, target, hours, total_logged, share_elapsed)
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
    }
}
