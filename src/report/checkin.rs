//! A check-in as a Markdown record: sections, judgements, actions, and the
//! signatures and seal that make it trustworthy.

use crate::domain::CheckinSection;
use crate::domain::{ActionReview, AgreedAction, Checkin};
use std::fmt::Write;

/// `reviewed` holds the actions the check-in reviews, with their ids;
/// `drafts` the amendments of it not yet signed.
pub fn checkin_markdown(
    record: &Checkin,
    reviewed: &[(i64, AgreedAction)],
    drafts: &[i64],
) -> String {
    let mut text = String::new();
    heading(&mut text, record, drafts);
    sections(&mut text, record);
    action_reviews(&mut text, record, reviewed);
    judgements(&mut text, record);
    actions(&mut text, record);
    if let Some(next) = record.content.next_due {
        let _ = writeln!(text, "Next check-in: {next}\n");
    }
    seal(&mut text, record);
    text
}

/// Whose check-in, when, who signed it, and how it relates to amendments.
fn heading(text: &mut String, record: &Checkin, drafts: &[i64]) {
    let _ = writeln!(
        text,
        "# Check-in {} — {}, {}\n",
        record.id, record.person, record.date
    );
    let state = match (&record.signed, &record.completed_at) {
        (Some(_), Some(_)) => "signed by every party and sealed".to_string(),
        (Some(signed), None) => format!(
            "signed by {} and {} at {}",
            signed.apprentice, signed.assessor, signed.at
        ),
        (None, Some(at)) => format!("completed at {at}, waiting for signatures"),
        (None, None) => "draft, not yet signed".to_string(),
    };
    let _ = writeln!(text, "Assessor: {} · {state}\n", record.assessor);
    for signature in &record.signatures {
        let _ = writeln!(
            text,
            "- Signed as the {} by {} at {}",
            signature.party.as_str(),
            signature.name,
            signature.at
        );
    }
    if !record.signatures.is_empty() {
        text.push('\n');
    }
    if let (Some(original), Some(reason)) = (record.amends, &record.amend_reason) {
        let _ = writeln!(text, "Amends check-in {original}: {reason}\n");
    }
    let (signed, drafted): (Vec<&i64>, Vec<&i64>) = record
        .amended_by
        .iter()
        .partition(|id| !drafts.contains(id));
    let ids = |ids: &[&i64]| ids.iter().map(|id| id.to_string()).collect::<Vec<_>>();
    if !signed.is_empty() {
        let _ = writeln!(text, "Amended by check-in {}.\n", ids(&signed).join(", "));
    }
    if !drafted.is_empty() {
        let _ = writeln!(
            text,
            "An amendment is in draft, not yet signed: check-in {}.\n",
            ids(&drafted).join(", ")
        );
    }
}

/// The free-text sections of a review, in its order, with their titles.
pub const SECTION_TITLES: [(CheckinSection, &str); 4] = [
    (CheckinSection::SinceLast, "Since the last check-in"),
    (CheckinSection::Hours, "Off-the-job hours"),
    (CheckinSection::PlanChanges, "Changes to the training plan"),
    (CheckinSection::Concerns, "Concerns, wellbeing and support"),
];

/// Where a review stands, in a word or two: "draft", "awaiting
/// signatures" or "sealed".
pub fn review_state(record: &Checkin) -> &'static str {
    match (record.sealed, &record.completed_at) {
        (true, _) => "sealed",
        (false, Some(_)) => "awaiting signatures",
        (false, None) => "draft",
    }
}

/// One action from last time as this review found it: "text (owner):
/// done: note".
pub fn action_review_line(review: &ActionReview, reviewed: &[(i64, AgreedAction)]) -> String {
    let done = if review.done { "done" } else { "not done" };
    let action = match reviewed.iter().find(|(id, _)| *id == review.action_id) {
        Some((_, action)) => format!("{} ({})", action.text, action.owner),
        None => format!("action {} (no longer recorded)", review.action_id),
    };
    let note = if review.note.trim().is_empty() {
        String::new()
    } else {
        format!(": {}", review.note.trim())
    };
    format!("{action}: {done}{note}")
}

/// The free-text sections that were written, in the review's order.
fn sections(text: &mut String, record: &Checkin) {
    for (section, title) in SECTION_TITLES {
        let content = record.content.section(section);
        if !content.is_empty() {
            let _ = writeln!(text, "## {title}\n\n{content}\n");
        }
    }
}

fn action_reviews(text: &mut String, record: &Checkin, reviewed: &[(i64, AgreedAction)]) {
    if record.content.action_reviews.is_empty() {
        return;
    }
    let _ = writeln!(text, "## Actions from last time\n");
    for review in &record.content.action_reviews {
        let _ = writeln!(text, "- {}", action_review_line(review, reviewed));
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
