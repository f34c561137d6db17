//! Check-in mode: the steps across the top, one section of the review at a
//! time below, and the keys for that section in the footer.

use crate::domain::CheckinSection;
use crate::tui::app::App;
use crate::tui::checkin::{CheckinSession, Step};
use crate::tui::text::{clean, one_line};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

/// The header: who, and the steps with the current one marked.
pub fn steps(app: &App, name: &str) -> Paragraph<'static> {
    let Some(session) = &app.checkin else {
        return Paragraph::new("");
    };
    let mut spans = vec![Span::styled(
        format!(" Check-in · {} · ", one_line(name)),
        app.theme.title(),
    )];
    // Only the current step is named, so the line fits 80 columns.
    for (index, step) in Step::ALL.iter().enumerate() {
        let (label, style) = if *step == session.step {
            (
                format!("{} {}", index + 1, step.title()),
                app.theme.selected(),
            )
        } else {
            ((index + 1).to_string(), app.theme.dim())
        };
        spans.push(Span::styled(label, style));
        spans.push(Span::raw(" "));
    }
    Paragraph::new(Line::from(spans))
}

pub fn hints(app: &App) -> String {
    let Some(session) = &app.checkin else {
        return String::new();
    };
    let own = match session.step {
        Step::SinceLast => "↑/↓ action  Space done/not done",
        Step::Outcomes if session.note.is_some() => "type the note  Enter keeps it  Esc drops it",
        Step::Outcomes => "n not yet  c competent  e exceeds  x clear  Enter note  a all outcomes",
        Step::Hours | Step::PlanChanges | Step::Concerns => "type; Enter starts a new line",
        Step::Actions => "a add  d remove",
        Step::NextDate => "type the date, YYYY-MM-DD",
        Step::SignOff => "each types their own name  ↑/↓ switch  Ctrl-S sign and seal",
    };
    format!(" {own}  ·  Tab next section  Ctrl-Z undo  Esc keep draft and leave")
}

pub fn render(frame: &mut Frame, app: &App, body: Rect) {
    let (Some(session), Some(loaded)) = (&app.checkin, &app.loaded) else {
        return;
    };
    let theme = app.theme;
    let mut lines: Vec<Line> = Vec::new();
    let title = match &session.amends {
        Some((original, reason)) => format!(
            " {} · draft {}, amending check-in {original}: {} ",
            session.step.title(),
            session.id,
            one_line(reason)
        ),
        None => format!(
            " {} · draft {} of {} ",
            session.step.title(),
            session.id,
            session.date
        ),
    };
    match session.step {
        Step::SinceLast => {
            let since = session.last_date.map_or("the start".to_string(), |d| {
                format!("the last check-in ({d})")
            });
            lines.push(Line::from(format!(
                "Since {since}: {} new evidence items, {:.1} h logged, {} status changes.",
                session.new_evidence.len(),
                session.hours_since,
                session.status_changes.len()
            )));
            for change in session.status_changes.iter().rev().take(5) {
                let (before, after) = (
                    change.before.replace('_', " "),
                    change.after.replace('_', " "),
                );
                let (code, day) = (&change.code, &change.day);
                lines.push(Line::from(format!("  {code}: {before} → {after} ({day})")));
            }
            for item in session.new_evidence.iter().rev().take(5) {
                lines.push(Line::from(format!(
                    "  {} {} ({})",
                    item.date,
                    one_line(&item.title),
                    item.outcomes.join(", ")
                )));
            }
            lines.push(Line::from(""));
            lines.push(Line::from(Span::styled(
                "Actions agreed last time",
                theme.key(),
            )));
            if session.previous_actions.is_empty() {
                lines.push(Line::from("  none"));
            }
            for (index, (id, action)) in session.previous_actions.iter().enumerate() {
                let done = session
                    .content
                    .action_reviews
                    .iter()
                    .find(|r| r.action_id == *id)
                    .is_some_and(|r| r.done);
                let mark = if done { "[x] done    " } else { "[ ] not done" };
                let style = if index == session.cursor {
                    theme.selected()
                } else {
                    ratatui::style::Style::default()
                };
                lines.push(Line::from(Span::styled(
                    format!("  {mark}  {} ({})", one_line(&action.text), action.owner),
                    style,
                )));
            }
        }
        Step::Outcomes => outcomes(&mut lines, app, session, body.width),
        Step::Hours => {
            let hours = &loaded.standing.hours;
            lines.push(Line::from(match (hours.target, hours.expected_to_date) {
                (Some(target), Some(expected)) => format!(
                    "Off-the-job: {:.0} h of {target:.0}, {expected:.0} expected by now, {:.0} behind.",
                    hours.logged, hours.slippage
                ),
                _ => format!("{:.1} h logged; this framework sets no hours target.", hours.total_logged),
            }));
            lines.push(Line::from("Record any slippage and its reason:"));
            text_area(&mut lines, session);
        }
        Step::PlanChanges => {
            lines.push(Line::from("Changes to the training plan agreed today:"));
            text_area(&mut lines, session);
        }
        Step::Concerns => {
            lines.push(Line::from("Concerns, wellbeing and support needs:"));
            text_area(&mut lines, session);
        }
        Step::Actions => {
            lines.push(Line::from(
                "Actions for next time, each with an owner and a due date:",
            ));
            if session.content.actions.is_empty() {
                lines.push(Line::from("  none yet: a adds one"));
            }
            for (index, action) in session.content.actions.iter().enumerate() {
                let due = action.due.map(|d| format!(", by {d}")).unwrap_or_default();
                let style = if index == session.cursor {
                    theme.selected()
                } else {
                    ratatui::style::Style::default()
                };
                lines.push(Line::from(Span::styled(
                    format!("  • {} ({}{due})", one_line(&action.text), action.owner),
                    style,
                )));
            }
        }
        Step::NextDate => {
            lines.push(Line::from(format!(
                "The next check-in (every {} weeks):",
                loaded.framework.programme.checkin_interval_weeks
            )));
            lines.push(Line::from(format!("  {}▏", clean(&session.next_date))));
        }
        Step::SignOff => sign_off(&mut lines, app, session),
    }
    frame.render_widget(
        Paragraph::new(lines)
            .block(Block::bordered().title(title))
            .wrap(Wrap { trim: false }),
        body,
    );
}

fn outcomes(lines: &mut Vec<Line<'static>>, app: &App, session: &CheckinSession, width: u16) {
    let theme = app.theme;
    let scope = if session.show_all_outcomes {
        "all outcomes"
    } else {
        "outcomes in progress or ready for review (a: all)"
    };
    lines.push(Line::from(format!("Judge {scope}:")));
    let Some(loaded) = &app.loaded else { return };
    for (index, code) in session.outcome_codes.iter().enumerate() {
        let Some(outcome) = loaded.standing.outcomes.iter().find(|o| &o.code == code) else {
            continue;
        };
        let judged = session.content.judgement_of(code);
        let judgement = judged.map_or("-".to_string(), |j| j.judgement.to_string());
        let style = if index == session.cursor {
            theme.selected()
        } else {
            ratatui::style::Style::default()
        };
        // Code, today's judgement and own status first; the title fills what is left.
        let head = format!(
            "  {code:<4} today: {judgement:<18} own: {:<17}",
            outcome.status.to_string()
        );
        let room = (width as usize).saturating_sub(head.chars().count() + 3);
        let title: String = one_line(&outcome.title).chars().take(room).collect();
        lines.push(Line::from(Span::styled(format!("{head}{title}"), style)));
        if let Some(note) = judged.map(|j| &j.note).filter(|n| !n.is_empty()) {
            lines.push(Line::from(Span::styled(
                format!("       note: {}", one_line(note)),
                theme.dim(),
            )));
        }
    }
    if session.outcome_codes.is_empty() {
        lines.push(Line::from(
            "  none in progress or ready for review: a shows all",
        ));
    }
    if let Some(note) = &session.note {
        lines.push(Line::from(""));
        lines.push(Line::from(vec![
            Span::styled("Note: ", theme.key()),
            Span::raw(format!("{}▏", clean(note))),
        ]));
    }
}

fn text_area(lines: &mut Vec<Line<'static>>, session: &CheckinSession) {
    for (row, text) in session.text.lines.iter().enumerate() {
        let mut shown = clean(text);
        if row == session.text.row {
            let at = shown
                .char_indices()
                .nth(session.text.column)
                .map_or(shown.len(), |(i, _)| i);
            shown.insert(at, '▏');
        }
        lines.push(Line::from(format!("  {shown}")));
    }
}

fn sign_off(lines: &mut Vec<Line<'static>>, app: &App, session: &CheckinSession) {
    let theme = app.theme;
    let judged = session.content.judgements.len();
    let written = [
        CheckinSection::Hours,
        CheckinSection::PlanChanges,
        CheckinSection::Concerns,
    ]
    .iter()
    .filter(|s| !session.content.section(**s).is_empty())
    .count();
    lines.push(Line::from(format!(
        "{judged} outcomes judged · {written} of 3 sections written · {} actions · next check-in {}",
        session.content.actions.len(),
        session.content.next_due.map_or("not set".to_string(), |d| d.to_string())
    )));
    lines.push(Line::from(
        "Signing seals the record: it can then only be amended, never edited.",
    ));
    lines.push(Line::from(""));
    let names = [
        (
            "Apprentice",
            app.loaded
                .as_ref()
                .map_or(String::new(), |l| l.person.name.clone()),
        ),
        (
            "Assessor",
            app.viewer
                .as_ref()
                .map_or(String::new(), |v| v.name.clone()),
        ),
    ];
    for (index, (role, name)) in names.iter().enumerate() {
        let cursor = if index == session.signature_focus {
            "▏"
        } else {
            ""
        };
        let label = Span::styled(
            format!("{role} ({}) types their name: ", one_line(name)),
            if index == session.signature_focus {
                theme.key()
            } else {
                theme.dim()
            },
        );
        lines.push(Line::from(vec![
            label,
            Span::raw(format!("{}{cursor}", clean(&session.signatures[index]))),
        ]));
    }
}
