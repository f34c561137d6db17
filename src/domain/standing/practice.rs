//! A practitioner's area of practice, the time spent on each activity per
//! hour category, and the benefit recorded for it. Everything named comes
//! from the framework file: its `areas_of_practice`, `activities` and
//! `hours.record_benefit`. A queried entry counts nowhere until resolved.

use crate::domain::{Enrolment, HoursEntry};
use crate::framework::{Framework, Term};
use chrono::NaiveDate;
use serde::Serialize;

/// The area of practice the enrolment chose.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AreaOfPractice {
    pub id: String,
    /// The framework's title; the id when the file no longer defines it.
    pub title: String,
}

/// Time on one activity, split by hour category.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ActivityHours {
    /// None for time recorded without an activity.
    pub id: Option<String>,
    pub title: String,
    pub logged: f64,
    /// This activity's share of all time that counts, 0 to 100.
    pub share_percent: f64,
    /// Hours per category, in the framework's category order.
    pub categories: Vec<CategoryTime>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CategoryTime {
    pub category: String,
    pub hours: f64,
}

/// One entry that says what the time brought.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BenefitEntry {
    pub date: NaiveDate,
    pub hours: f64,
    /// The category's title.
    pub category: String,
    /// The activity's title, if the entry names one.
    pub activity: Option<String>,
    pub benefit: String,
}

/// Area, activities and benefits; each category's share against its
/// intended share is in the hours standing.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PracticeStanding {
    pub area_of_practice: Option<AreaOfPractice>,
    /// Each of the framework's activities, then any the file no longer
    /// defines, then time without an activity; empty when the framework
    /// names no activities.
    pub activities: Vec<ActivityHours>,
    /// Entries that count and record a benefit, in date order.
    pub benefits: Vec<BenefitEntry>,
}

/// The title of "no activity" in every rendering.
pub const NO_ACTIVITY: &str = "No activity";

/// None for frameworks with no areas, activities or benefit to record.
pub fn practice_standing(
    framework: &Framework,
    enrolment: &Enrolment,
    entries: &[HoursEntry],
) -> Option<PracticeStanding> {
    if framework.areas_of_practice.is_empty()
        && framework.activities.is_empty()
        && !framework.hours.record_benefit
    {
        return None;
    }
    let counted: Vec<&HoursEntry> = entries.iter().filter(|e| e.review.counts()).collect();
    Some(PracticeStanding {
        area_of_practice: enrolment
            .area_of_practice
            .as_ref()
            .map(|id| AreaOfPractice {
                id: id.clone(),
                title: title_of(&framework.areas_of_practice, id),
            }),
        activities: activity_hours(framework, &counted),
        benefits: benefits(framework, &counted),
    })
}

/// A term's title, or its id when the file no longer defines it.
fn title_of(terms: &[Term], id: &str) -> String {
    terms
        .iter()
        .find(|term| term.id == id)
        .map_or_else(|| id.to_string(), |term| term.title.clone())
}

fn activity_hours(framework: &Framework, counted: &[&HoursEntry]) -> Vec<ActivityHours> {
    if framework.activities.is_empty() {
        return Vec::new();
    }
    let mut rows: Vec<(Option<String>, String)> = framework
        .activities
        .iter()
        .map(|a| (Some(a.id.clone()), a.title.clone()))
        .collect();
    for entry in counted {
        if let Some(id) = &entry.activity
            && !rows.iter().any(|(known, _)| known.as_ref() == Some(id))
        {
            rows.push((Some(id.clone()), id.clone()));
        }
    }
    rows.push((None, NO_ACTIVITY.to_string()));
    let total = sum(counted.iter().copied());
    rows.into_iter()
        .map(|(id, title)| {
            let mine: Vec<&HoursEntry> = counted
                .iter()
                .copied()
                .filter(|e| e.activity == id)
                .collect();
            one_activity(framework, id, title, &mine, total)
        })
        .collect()
}

fn one_activity(
    framework: &Framework,
    id: Option<String>,
    title: String,
    entries: &[&HoursEntry],
    total: f64,
) -> ActivityHours {
    let logged = sum(entries.iter().copied());
    let categories = framework
        .hours
        .categories
        .iter()
        .map(|category| CategoryTime {
            category: category.id.clone(),
            hours: sum(entries
                .iter()
                .copied()
                .filter(|e| e.category == category.id)),
        })
        .collect();
    ActivityHours {
        id,
        title,
        logged,
        share_percent: if total > 0.0 {
            logged * 100.0 / total
        } else {
            0.0
        },
        categories,
    }
}

/// Hours of the entries; positive zero for none (an empty f64 sum is -0.0,
/// which JSON would show as such).
fn sum<'a>(entries: impl Iterator<Item = &'a HoursEntry>) -> f64 {
    entries.map(|e| e.hours).sum::<f64>() + 0.0
}

fn benefits(framework: &Framework, counted: &[&HoursEntry]) -> Vec<BenefitEntry> {
    let categories: Vec<Term> = framework
        .hours
        .categories
        .iter()
        .map(|c| Term {
            id: c.id.clone(),
            title: c.title.clone(),
            description: String::new(),
        })
        .collect();
    let mut listed: Vec<BenefitEntry> = counted
        .iter()
        .filter_map(|entry| {
            let benefit = entry.benefit.as_deref().map(str::trim)?;
            (!benefit.is_empty()).then(|| BenefitEntry {
                date: entry.date,
                hours: entry.hours,
                category: title_of(&categories, &entry.category),
                activity: entry
                    .activity
                    .as_deref()
                    .map(|id| title_of(&framework.activities, id)),
                benefit: benefit.to_string(),
            })
        })
        .collect();
    listed.sort_by_key(|b| b.date);
    listed
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{EnrolmentId, EnrolmentStatus, HoursReview, PersonId};
    use crate::framework::{BUNDLED, default_framework};

    fn advanced() -> Framework {
        BUNDLED[1]
            .load()
            .expect("the bundled advanced practitioner file")
    }

    fn date(day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, day).expect("date")
    }

    fn enrolment(area: Option<&str>) -> Enrolment {
        Enrolment {
            id: EnrolmentId(1),
            person_id: PersonId(1),
            framework_id: "advanced-practitioner".into(),
            framework_version: "2026.1".into(),
            framework_hash: String::new(),
            start_date: date(1),
            planned_end: date(1),
            status: EnrolmentStatus::Active,
            area_of_practice: area.map(str::to_string),
            employer_opt_in: false,
            status_reason: None,
        }
    }

    fn entry(
        day: u32,
        category: &str,
        activity: Option<&str>,
        hours: f64,
        review: HoursReview,
    ) -> HoursEntry {
        HoursEntry {
            id: i64::from(day),
            date: date(day),
            hours,
            category: category.into(),
            activity: activity.map(str::to_string),
            note: String::new(),
            benefit: Some(format!("{hours} h well spent")),
            possible_duplicate_of: None,
            outcomes: Vec::new(),
            review,
            query_reason: None,
            version: Default::default(),
        }
    }

    fn hours_of(standing: &PracticeStanding, id: Option<&str>) -> (f64, Vec<f64>) {
        let row = standing
            .activities
            .iter()
            .find(|a| a.id.as_deref() == id)
            .expect("a row for the activity");
        (row.logged, row.categories.iter().map(|c| c.hours).collect())
    }

    #[test]
    fn time_is_totalled_per_activity_and_category_without_queried_time() {
        let entries = [
            entry(
                9,
                "on-the-job",
                Some("research"),
                3.5,
                HoursReview::Unreviewed,
            ),
            entry(
                2,
                "peer-support",
                Some("research"),
                1.0,
                HoursReview::Accepted,
            ),
            entry(3, "courses", None, 0.5, HoursReview::Unreviewed),
            entry(4, "on-the-job", Some("coaching"), 6.0, HoursReview::Queried),
        ];
        let standing = practice_standing(&advanced(), &enrolment(None), &entries)
            .expect("the framework names activities");
        // Every activity the file names, then time without one.
        assert_eq!(standing.activities.len(), 7);
        assert_eq!(standing.activities[6].title, NO_ACTIVITY);
        assert_eq!(
            hours_of(&standing, Some("research")),
            (4.5, vec![3.5, 1.0, 0.0])
        );
        assert_eq!(hours_of(&standing, None), (0.5, vec![0.0, 0.0, 0.5]));
        let (none, _) = hours_of(&standing, Some("coaching"));
        assert!(none == 0.0 && none.is_sign_positive(), "{none}");
        assert_eq!(standing.activities[0].share_percent, 90.0);
        // The queried entry's benefit is not listed; the rest by date.
        let listed: Vec<(NaiveDate, &str, Option<&str>)> = standing
            .benefits
            .iter()
            .map(|b| (b.date, b.category.as_str(), b.activity.as_deref()))
            .collect();
        assert_eq!(
            listed,
            [
                (date(2), "Peer support and coaching", Some("Research")),
                (date(3), "Courses and conferences", None),
                (date(9), "On the job", Some("Research")),
            ]
        );
    }

    #[test]
    fn the_area_of_practice_is_named_by_its_title() {
        let standing = practice_standing(&advanced(), &enrolment(Some("vulnerability")), &[])
            .expect("the framework has areas");
        let area = standing.area_of_practice.expect("an area");
        assert_eq!(
            (area.id.as_str(), area.title.as_str()),
            ("vulnerability", "Vulnerability")
        );
        assert!(standing.benefits.is_empty());
    }

    #[test]
    fn a_framework_without_areas_activities_or_benefit_shows_nothing_new() {
        let pcso = default_framework().load().expect("the bundled framework");
        let entries = [entry(2, "off-the-job", None, 2.0, HoursReview::Unreviewed)];
        assert_eq!(practice_standing(&pcso, &enrolment(None), &entries), None);
    }
}
