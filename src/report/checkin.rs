//! A check-in as a Markdown record: sections, judgements, actions, and the
//! signatures and seal that make it trustworthy.

use crate::domain::Checkin;
use crate::domain::CheckinSection;
use std::fmt::Write;

pub fn checkin_markdown(record: &Checkin) -> String {
    let mut text = String::new();
    heading(&mut text, record);
    sections(&mut text, record);
    action_reviews(&mut text, record);
    judgements(&mut text, record);
    actions(&mut text, record);
    if let Some(next) = record.content.next_due {
        let _ = writeln!(text, "Next check-in: {next}\n");
    }
    seal(&mut text, record);
    text
}

/// Whose check-in, when, who signed it, and how it relates to amendments.
fn heading(text: &mut String, record: &Checkin) {
    let _ = writeln!(
        text,
        "# Check-in {} — {}, {}\n",
        record.id, record.person, record.date
    );
    let state = match &record.signed {
        Some(signed) => format!(
            "signed by {} and {} at {}",
            signed.apprentice, signed.assessor, signed.at
        ),
        None => "draft, not yet signed".to_string(),
    };
    let _ = writeln!(text, "Assessor: {} · {state}\n", record.assessor);
    if let (Some(original), Some(reason)) = (record.amends, &record.amend_reason) {
        let _ = writeln!(text, "Amends check-in {original}: {reason}\n");
    }
    if !record.amended_by.is_empty() {
        let ids: Vec<String> = record.amended_by.iter().map(i64::to_string).collect();
        let _ = writeln!(text, "Amended by check-in {}.\n", ids.join(", "));
    }
}

/// The free-text sections that were written, in the review's order.
fn sections(text: &mut String, record: &Checkin) {
    let titles = [
        (CheckinSection::SinceLast, "Since the last check-in"),
        (CheckinSection::Hours, "Off-the-job hours"),
        (CheckinSection::PlanChanges, "Changes to the training plan"),
        (CheckinSection::Concerns, "Concerns, wellbeing and support"),
    ];
    for (section, title) in titles {
        let content = record.content.section(section);
        if !content.is_empty() {
            let _ = writeln!(text, "## {title}\n\n{content}\n");
        }
    }
}

fn action_reviews(text: &mut String, record: &Checkin) {
    if record.content.action_reviews.is_empty() {
        return;
    }
    let _ = writeln!(text, "## Actions from last time\n");
    for review in &record.content.action_reviews {
        let done = if review.done { "done" } else { "not done" };
        let _ = writeln!(
            text,
            "- action {}: {done} {}",
            review.action_id, review.note
        );
    }
    text.push('\n');
}

fn judgements(text: &mut String, record: &Checkin) {
    if record.content.judgements.is_empty() {
        return;
    }
    let _ = writeln!(
        text,
        "## Outcomes judged\n\n| Outcome | Judgement | Note |\n|---|---|---|"
    );
    for judged in &record.content.judgements {
        let _ = writeln!(
            text,
            "| {} | {} | {} |",
            judged.code,
            judged.judgement,
            judged.note.replace('|', "\\|").replace('\n', " ")
        );
    }
    text.push('\n');
}

fn actions(text: &mut String, record: &Checkin) {
    if record.content.actions.is_empty() {
        return;
    }
    let _ = writeln!(text, "## Actions for next time\n");
    for action in &record.content.actions {
        let due = action.due.map(|d| format!(", by {d}")).unwrap_or_default();
        let _ = writeln!(text, "- {} ({}{due})", action.text, action.owner);
    }
    text.push('\n');
}

/// The seal, and the one before it in the chain.
fn seal(text: &mut String, record: &Checkin) {
    if let Some(seal) = &record.seal_hash {
        let _ = writeln!(text, "Seal: `{seal}`");
        if let Some(previous) = &record.previous_seal_hash {
            let _ = writeln!(text, "Follows seal: `{previous}`");
        }
    }
}
