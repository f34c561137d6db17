//! Where the person stands at a glance: month of the programme, outcomes
//! against the expected share, hours against expected, RAG with its reason,
//! gateway blockers, next check-in and warnings.

use crate::domain::standing::{CheckinStanding, Standing, position_text};
use crate::domain::{EnglishMaths, PlanStanding, counted, hours_one_place};
use crate::report::{TO_DISCUSS, signoff_open, signoff_state};
use crate::tui::app::{App, Loaded};
use crate::tui::sign_later;
use crate::tui::text::one_line;
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Gauge, Paragraph, Wrap};

pub fn render(frame: &mut Frame, app: &App, body: Rect) {
    let Some(loaded) = &app.loaded else { return };
    let standing = &loaded.standing;
    let theme = app.theme;
    let [month, outcomes, hours, rest] = Layout::vertical([
        Constraint::Length(3),
        Constraint::Length(3),
        Constraint::Length(3),
        Constraint::Min(0),
    ])
    .areas(body);
    frame.render_widget(month_gauge(loaded, theme), month);
    frame.render_widget(outcomes_bar(standing, theme, outcomes.width), outcomes);
    frame.render_widget(hours_bar(standing, theme, hours.width), hours);
    let [left, right] =
        Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)]).areas(rest);
    let mut status = status(standing, theme);
    if let Some(id) = sign_later::awaited(app) {
        let notice = format!(
            "Check-in {id} of {} awaits your signature: Y signs it",
            one_line(&loaded.person.name)
        );
        status.insert(0, Line::from(Span::styled(notice, theme.key())));
    }
    frame.render_widget(
        Paragraph::new(status)
            .block(Block::bordered().title(" Standing "))
            .wrap(Wrap { trim: false }),
        left,
    );
    frame.render_widget(warnings(standing, theme), right);
}

/// Time through the programme, under who and what it is.
fn month_gauge(loaded: &Loaded, theme: Theme) -> Gauge<'static> {
    let standing = &loaded.standing;
    let title = format!(
        " {} · {} · {} · started {} · ends {} ",
        one_line(&loaded.person.name),
        one_line(&loaded.framework.framework.title),
        standing.status.as_str().replace('_', " "),
        standing.start_date,
        standing.planned_end
    );
    let label = position_text(standing);
    Gauge::default()
        .block(Block::bordered().title(title))
        .gauge_style(theme.gauge())
        .ratio(standing.share_elapsed)
        .label(label)
}

/// A filled bar with `|` where the expected share falls.
fn marked_bar(actual: f64, expected: f64, width: usize) -> String {
    let mut cells: Vec<char> = super::bar(actual, width).chars().collect();
    let mark = ((expected.clamp(0.0, 1.0)) * width as f64).round() as usize;
    if let Some(cell) = cells.get_mut(mark.min(width.saturating_sub(1))) {
        *cell = '|';
    }
    cells.into_iter().collect()
}

fn outcomes_bar(standing: &Standing, theme: Theme, width: u16) -> Paragraph<'static> {
    let counts = &standing.outcome_counts;
    let text = format!(
        "{} of {} judged competent ({} waiting for review) · {:.0}% expected by now",
        counts.judged_competent, counts.total, counts.awaiting_review, counts.expected_percent
    );
    let bar_width = (width as usize)
        .saturating_sub(crate::tui::text::width(&text) + 4)
        .clamp(4, 40);
    let bar = marked_bar(
        counts.actual_percent / 100.0,
        counts.expected_percent / 100.0,
        bar_width,
    );
    let line = Line::from(vec![
        Span::styled(bar, theme.gauge()),
        Span::raw(format!(" {text}")),
    ]);
    Paragraph::new(line)
        .block(Block::bordered().title(" Outcomes (| marks what is expected by now) "))
}

fn hours_bar(standing: &Standing, theme: Theme, width: u16) -> Paragraph<'static> {
    let hours = &standing.hours;
    let (text, actual, expected) = match (hours.target, hours.expected_to_date) {
        (Some(target), Some(expected)) => (
            format!(
                "{:.0} h of {:.0} · {:.0} expected by now{}",
                hours.logged,
                target,
                expected,
                if hours.slippage > 0.0 {
                    format!(" · {:.0} behind", hours.slippage)
                } else {
                    String::new()
                }
            ),
            hours.logged / target.max(1.0),
            expected / target.max(1.0),
        ),
        _ => (
            format!(
                "{} h logged (no hours target)",
                hours_one_place(hours.total_logged)
            ),
            0.0,
            0.0,
        ),
    };
    let bar_width = (width as usize)
        .saturating_sub(crate::tui::text::width(&text) + 4)
        .clamp(4, 40);
    let line = Line::from(vec![
        Span::styled(marked_bar(actual, expected, bar_width), theme.gauge()),
        Span::raw(format!(" {text}")),
    ]);
    Paragraph::new(line).block(Block::bordered().title(" Hours "))
}

fn status(standing: &Standing, theme: Theme) -> Vec<Line<'static>> {
    let mut lines = vec![Line::from(vec![
        Span::raw("RAG "),
        Span::styled(standing.rag.label().to_uppercase(), theme.rag(standing.rag)),
        Span::raw(format!(": {}", one_line(&standing.rag_reason))),
    ])];
    lines.push(Line::from(vec![
        Span::raw("Next check-in "),
        next_checkin(&standing.checkins, theme),
    ]));
    if standing.plan.to_discuss {
        let text = format!("Training plan {TO_DISCUSS}");
        lines.push(Line::from(Span::styled(text, theme.warn())));
    }
    for awaiting in &standing.checkins.awaiting {
        let text = format!("Check-in {} {}", awaiting.checkin_id, awaiting.describe());
        let style = if awaiting.overdue() {
            theme.bad()
        } else {
            theme.warn()
        };
        lines.push(Line::from(Span::styled(text, style)));
    }
    match &standing.gateway {
        Some(gateway) if gateway.ready => lines.push(Line::from(Span::styled(
            format!("{}: READY", gateway.title),
            theme.good(),
        ))),
        Some(gateway) => {
            lines.push(Line::from(format!(
                "{}: {}",
                one_line(&gateway.title),
                counted(gateway.blockers.len(), "blocker", "blockers")
            )));
            for blocker in &gateway.blockers {
                lines.push(Line::from(format!(" • {}", one_line(blocker))));
            }
        }
        None => {}
    }
    let ready = standing.gateway.as_ref().is_some_and(|g| g.ready);
    if let Some(signoff) = &standing.gateway_signoff {
        if signoff_open(signoff, ready) {
            let style = if signoff.sealed.is_some() {
                theme.good()
            } else {
                theme.warn()
            };
            let state = format!("Gateway sign-off: {}", signoff_state(signoff, ready));
            lines.push(Line::from(Span::styled(state, style)));
        }
    }
    lines.push(Line::from(one_line(&plan_line(&standing.plan))));
    // Last: on a short screen the blockers above matter more.
    lines.extend(learner_lines(standing, theme));
    lines
}

/// The area of practice, for frameworks with areas; employer, line manager
/// and ULN on one line; the status's reason and learning-support needs each
/// on their own, when recorded.
fn learner_lines(standing: &Standing, theme: Theme) -> Vec<Line<'static>> {
    let person = &standing.person;
    let mut parts = Vec::new();
    if let Some(employer) = &person.employer {
        parts.push(one_line(employer));
    }
    if let Some(manager) = &person.line_manager {
        parts.push(format!("line manager {}", one_line(manager)));
    }
    if let Some(uln) = &person.uln {
        parts.push(format!("ULN {uln}"));
    }
    let mut lines = Vec::new();
    if let Some(area) = standing
        .practice
        .as_ref()
        .and_then(|p| p.area_of_practice.as_ref())
    {
        lines.push(Line::from(format!(
            "Area of practice: {}",
            one_line(&area.title)
        )));
    }
    if !parts.is_empty() {
        lines.push(Line::from(Span::styled(parts.join(" · "), theme.dim())));
    }
    if let Some(reason) = &standing.status_reason {
        lines.push(Line::from(format!(
            "{}: {}",
            standing.status.as_str().replace('_', " "),
            one_line(reason)
        )));
    }
    if let Some(support) = &person.learning_support {
        lines.push(Line::from(format!(
            "Learning support: {}",
            one_line(support)
        )));
    }
    lines
}

/// The plan in one line: its hours, the assessment organisation, and the
/// English and maths decision; the report and `plan show` give the rest.
fn plan_line(plan: &PlanStanding) -> String {
    if !plan.recorded {
        return "Training plan: none recorded yet".to_string();
    }
    let hours = plan
        .planned_off_the_job_hours
        .map_or(String::new(), |h| format!("{h:.0} h off-the-job · "));
    let organisation = match &plan.assessment_organisation {
        Some(name) => format!("EPA by {name}"),
        None => "no EPA organisation yet".to_string(),
    };
    let english_maths = match plan.english_maths.as_ref().map(|d| d.decision) {
        Some(EnglishMaths::Required) => " · English and maths required",
        Some(EnglishMaths::NotRequired) => " · English and maths not required",
        None => "",
    };
    format!("Training plan: {hours}{organisation}{english_maths}")
}

/// The day the next check-in is due, in red with the days when overdue.
fn next_checkin(checkin: &CheckinStanding, theme: Theme) -> Span<'static> {
    if checkin.overdue {
        Span::styled(
            format!(
                "{} (OVERDUE by {})",
                checkin.next_due,
                counted(checkin.days_overdue as usize, "day", "days")
            ),
            theme.bad(),
        )
    } else {
        Span::raw(checkin.next_due.to_string())
    }
}

fn warnings(standing: &Standing, theme: Theme) -> Paragraph<'static> {
    let lines: Vec<Line> = if standing.warnings.is_empty() {
        vec![Line::from(Span::styled(
            "Nothing needs attention.",
            theme.good(),
        ))]
    } else {
        standing
            .warnings
            .iter()
            .map(|w| {
                Line::from(vec![
                    Span::styled("! ", theme.warn()),
                    Span::raw(one_line(w)),
                ])
            })
            .collect()
    };
    Paragraph::new(lines)
        .block(Block::bordered().title(format!(" Warnings ({}) ", standing.warnings.len())))
        .wrap(Wrap { trim: false })
}
