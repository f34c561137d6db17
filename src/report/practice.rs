//! The practice section of the Markdown report: the area of practice, time
//! per activity and hour category against each category's intended share,
//! and the benefit recorded for the time.

use super::cells::{cell, share_text};
use crate::domain::hours_text;
use crate::domain::standing::{CategoryHours, PracticeStanding};
use std::fmt::Write;

pub fn practice_section(text: &mut String, practice: &PracticeStanding, hours: &[CategoryHours]) {
    let _ = writeln!(text, "## Area of practice and activities\n");
    let area = practice
        .area_of_practice
        .as_ref()
        .map_or("not recorded".to_string(), |a| {
            format!("**{}**", cell(&a.title))
        });
    let _ = writeln!(text, "Area of practice: {area}\n");
    activities(text, practice, hours);
    benefits(text, practice);
}

/// One row per activity, one column per category, then each category's
/// share of all time against the share intended.
fn activities(text: &mut String, practice: &PracticeStanding, hours: &[CategoryHours]) {
    if practice.activities.is_empty() {
        return;
    }
    let titles: Vec<String> = hours.iter().map(|c| cell(&c.title)).collect();
    let _ = writeln!(
        text,
        "| Activity | {} | Total | Share of time |\n|---|{}---|---|",
        titles.join(" | "),
        "---|".repeat(titles.len())
    );
    for activity in &practice.activities {
        let per_category: Vec<String> = activity
            .categories
            .iter()
            .map(|c| hours_text(c.hours))
            .collect();
        let _ = writeln!(
            text,
            "| {} | {} | {} | {:.0}% |",
            cell(&activity.title),
            per_category.join(" | "),
            hours_text(activity.logged),
            activity.share_percent
        );
    }
    let shares: Vec<String> = hours.iter().map(share_text).collect();
    let total: f64 = practice.activities.iter().map(|a| a.logged).sum();
    let _ = writeln!(
        text,
        "| **Share of time** | {} | {} | |\n",
        shares.join(" | "),
        hours_text(total)
    );
}

fn benefits(text: &mut String, practice: &PracticeStanding) {
    if practice.benefits.is_empty() {
        return;
    }
    let _ = writeln!(text, "### Benefit of the time spent\n");
    let _ = writeln!(
        text,
        "| Date | Hours | Category | Activity | Benefit |\n|---|---|---|---|---|"
    );
    for entry in &practice.benefits {
        let _ = writeln!(
            text,
            "| {} | {} | {} | {} | {} |",
            entry.date,
            hours_text(entry.hours),
            cell(&entry.category),
            entry.activity.as_deref().map_or("-".to_string(), cell),
            cell(&entry.benefit)
        );
    }
    text.push('\n');
}
