//! Where the person stands at a glance: month of the programme, outcomes
//! against the expected share, hours against expected, RAG with its reason,
//! gateway blockers, next check-in and warnings.

use super::scroll::{fit_rows, more_line, wrapped_rows};
use crate::domain::standing::{CheckinStanding, Rag, Standing, position_text};
use crate::domain::{EnglishMaths, PlanStanding, counted, hours_one_place};
use crate::report::{TO_DISCUSS, signoff_open, signoff_state};
use crate::tui::action::Action;
use crate::tui::app::{App, Loaded};
use crate::tui::keymap;
use crate::tui::sign_later;
use crate::tui::text::{cut_marked, one_line};
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
            "Check-in {id} of {} awaits your signature: {} signs it",
            one_line(&loaded.person.name),
            keymap::keys_for(&Action::SignAwaited).unwrap_or("?")
        );
        status
            .head
            .insert(0, Line::from(Span::styled(notice, theme.key())));
    }
    // Outcomes over time go under the standing where it leaves room.
    let spare = left
        .height
        .saturating_sub(status.rows(left.width.saturating_sub(2)) as u16 + 2);
    let (left, chart_area) = if spare >= CHART_HEIGHT.0 {
        let [left, chart_area] = Layout::vertical([
            Constraint::Min(0),
            Constraint::Length(spare.min(CHART_HEIGHT.1)),
        ])
        .areas(left);
        (left, Some(chart_area))
    } else {
        (left, None)
    };
    let inside = (left.width.saturating_sub(2), left.height.saturating_sub(2));
    frame.render_widget(
        Paragraph::new(status.fit(inside, theme))
            .block(Block::bordered().title(" Standing "))
            .wrap(Wrap { trim: false }),
        left,
    );
    frame.render_widget(warnings(standing, theme, right), right);
    if let Some(area) = chart_area {
        super::outcomes_chart::render(frame, app, loaded, area);
    }
}

/// The standing's lines in three parts, so that a short screen keeps the
/// first, then as many blockers as fit, then the rest, each cut with a
/// count of what is not shown.
struct StatusLines {
    head: Vec<Line<'static>>,
    blockers: Vec<Line<'static>>,
    tail: Vec<Line<'static>>,
}

/// The outcomes chart's least and most rows.
const CHART_HEIGHT: (u16, u16) = (8, 12);

impl StatusLines {
    /// Rows every line takes, wrapped to `width`.
    fn rows(&self, width: u16) -> usize {
        [&self.head, &self.blockers, &self.tail]
            .into_iter()
            .flatten()
            .map(|line| wrapped_rows(line, width))
            .sum()
    }

    fn fit(self, (width, height): (u16, u16), theme: Theme) -> Vec<Line<'static>> {
        let room = usize::from(height);
        let rows = |lines: &[Line]| -> usize { lines.iter().map(|l| wrapped_rows(l, width)).sum() };
        if self.rows(width) <= room {
            let mut lines = self.head;
            lines.extend(self.blockers);
            lines.extend(self.tail);
            return lines;
        }
        let mut lines = self.head;
        let left = room.saturating_sub(rows(&lines));
        // The rest keeps a row, at least for how many of its lines are cut.
        let for_blockers = left.saturating_sub(usize::from(!self.tail.is_empty()));
        // Once blockers are cut, the rest is only counted, and each blocker
        // kept to one row.
        let cut = rows(&self.blockers) > for_blockers;
        let shown = if cut {
            self.blockers
                .iter()
                .map(|line| Line::from(cut_marked(&line.to_string(), usize::from(width))))
                .collect()
        } else {
            self.blockers
        };
        let blockers = fit_rows(shown, for_blockers, width, ("blocker", "blockers"), theme);
        let tail_rows = left.saturating_sub(rows(&blockers));
        lines.extend(blockers);
        if !cut {
            lines.extend(fit_rows(
                self.tail,
                tail_rows,
                width,
                ("line", "lines"),
                theme,
            ));
        } else if !self.tail.is_empty() {
            lines.push(more_line(self.tail.len(), ("line", "lines"), theme));
        }
        lines
    }
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
        .gauge_style(theme.gauge_for(standing.rag))
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
        Span::styled(bar, theme.gauge_for(standing.rag)),
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
    // Behind the expected hours is amber; on or ahead, green.
    let style = match hours.expected_to_date {
        Some(_) if hours.slippage > 0.0 => theme.gauge_for(Rag::Amber),
        Some(_) => theme.gauge_for(Rag::Green),
        None => theme.gauge(),
    };
    let line = Line::from(vec![
        Span::styled(marked_bar(actual, expected, bar_width), style),
        Span::raw(format!(" {text}")),
    ]);
    Paragraph::new(line).block(Block::bordered().title(" Hours "))
}

fn status(standing: &Standing, theme: Theme) -> StatusLines {
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
    lines.extend(overdue_actions(standing, theme));
    let mut blockers = Vec::new();
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
            blockers = gateway
                .blockers
                .iter()
                .map(|blocker| Line::from(format!(" • {}", one_line(blocker))))
                .collect();
        }
        None => {}
    }
    let head = std::mem::take(&mut lines);
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
    StatusLines {
        head,
        blockers,
        tail: lines,
    }
}

/// How many overdue actions a dashboard lists before counting the rest.
const OVERDUE_ACTIONS_LISTED: usize = 2;

/// A line per action overdue from the last review, the rest counted.
fn overdue_actions(standing: &Standing, theme: Theme) -> Vec<Line<'static>> {
    let overdue = &standing.overdue_actions;
    let mut lines: Vec<Line> = overdue
        .iter()
        .take(OVERDUE_ACTIONS_LISTED)
        .map(|action| {
            Line::from(vec![
                Span::styled("OVERDUE", theme.overdue()),
                Span::raw(format!(
                    " action: {} ({}), due {}",
                    one_line(&action.text),
                    one_line(&action.owner),
                    action.due
                )),
            ])
        })
        .collect();
    let more = overdue.len().saturating_sub(OVERDUE_ACTIONS_LISTED);
    if more > 0 {
        let text = format!(
            "{} more: 8 Reviews",
            counted(more, "overdue action", "overdue actions")
        );
        lines.push(Line::from(Span::styled(text, theme.overdue())));
    }
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

/// The warnings, as many as fit in `area`, with how many more there are.
fn warnings(standing: &Standing, theme: Theme, area: Rect) -> Paragraph<'static> {
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
                    Span::styled("! ", theme.warning()),
                    Span::raw(one_line(w)),
                ])
            })
            .collect()
    };
    let lines = fit_rows(
        lines,
        usize::from(area.height.saturating_sub(2)),
        area.width.saturating_sub(2),
        ("warning", "warnings"),
        theme,
    );
    Paragraph::new(lines)
        .block(Block::bordered().title(format!(" Warnings ({}) ", standing.warnings.len())))
        .wrap(Wrap { trim: false })
}
