//! The programme month by month: milestones (each reached, due, overdue,
//! upcoming or passed), check-ins and evidence in each month, with today
//! marked.

use crate::domain::standing::{MilestoneStanding, MilestoneState, position_text};
use crate::domain::{add_months, counted, parse_date};
use crate::tui::app::App;
use crate::tui::text::one_line;
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

pub fn render(frame: &mut Frame, app: &App, body: Rect) {
    let Some(loaded) = &app.loaded else { return };
    let theme = app.theme;
    let start = loaded.progress.enrolment.start_date;
    let months = loaded.framework.programme.duration_months.max(1);
    let mut lines = Vec::new();
    for month in 1..=months {
        let from = add_months(start, month - 1);
        let to = add_months(start, month);
        let now = app.today >= from && app.today < to;
        let evidence = loaded
            .evidence_per_month
            .get(month as usize - 1)
            .copied()
            .unwrap_or(0);
        let checkins: Vec<String> = loaded
            .progress
            .checkins
            .iter()
            .filter(|c| c.date >= from && c.date < to)
            .map(|c| {
                format!(
                    "check-in {}{}",
                    c.date,
                    if c.sealed { " (signed)" } else { " (draft)" }
                )
            })
            .collect();
        let milestones: Vec<Span> = loaded
            .standing
            .milestones
            .iter()
            .filter(|m| m.month == month)
            .map(|m| milestone_note(m, theme))
            .collect();
        let mut spans = vec![
            Span::styled(if now { "▶ " } else { "  " }, theme.key()),
            Span::styled(
                format!("Month {month:>2} "),
                if now { theme.title() } else { theme.dim() },
            ),
            Span::raw(format!("from {from}  evidence {evidence:>2}  ")),
        ];
        if now {
            spans.push(Span::styled("TODAY  ", theme.key()));
        }
        // Gateway comes at the end: a sign-off sealed after the planned
        // end still shows, in the last month, and first, as its main event.
        let last = month == months;
        let mut notes: Vec<Span> = loaded
            .standing
            .gateway_signoff
            .as_ref()
            .and_then(|signoff| signoff.sealed_on())
            .and_then(|day| parse_date(day).ok())
            .filter(|day| *day >= from && (*day < to || last))
            .map(|day| Span::styled(format!("gateway sign-off sealed {day}"), theme.good()))
            .into_iter()
            .collect();
        notes.extend(milestones);
        notes.extend(checkins.into_iter().map(Span::raw));
        for (at, note) in notes.into_iter().enumerate() {
            if at > 0 {
                spans.push(Span::raw(" · "));
            }
            spans.push(note);
        }
        lines.push(Line::from(spans));
    }
    let visible = body.height.saturating_sub(2) as usize;
    let overdue = loaded
        .standing
        .milestones
        .iter()
        .filter(|m| m.state == MilestoneState::Overdue)
        .count();
    let current = loaded.standing.month_of_programme.min(months) as usize;
    let scroll = current
        .saturating_sub(visible / 2)
        .min(lines.len().saturating_sub(visible));
    let title = match overdue {
        0 => format!(" Timeline · {} ", position_text(&loaded.standing)),
        n => format!(
            " Timeline · {} · {} overdue ",
            position_text(&loaded.standing),
            counted(n, "milestone", "milestones")
        ),
    };
    frame.render_widget(
        Paragraph::new(lines)
            .block(Block::bordered().title(title))
            .scroll((scroll as u16, 0)),
        body,
    );
}

/// A milestone with its state: "✓ title (reached 2026-04-02)", "title: OVERDUE",
/// in the colour of its state.
fn milestone_note(milestone: &MilestoneStanding, theme: Theme) -> Span<'static> {
    let title = one_line(&milestone.title);
    match (milestone.state, milestone.reached_on) {
        (MilestoneState::Reached, Some(day)) => {
            Span::styled(format!("✓ {title} (reached {day})"), theme.good())
        }
        (MilestoneState::Reached, None) => Span::styled(format!("✓ {title}"), theme.good()),
        (MilestoneState::Overdue, _) => Span::styled(format!("{title}: OVERDUE"), theme.overdue()),
        (MilestoneState::Due, _) => Span::styled(
            format!("{title}: due by {}", milestone.due_by),
            theme.warning(),
        ),
        (MilestoneState::Upcoming | MilestoneState::Passed, _) => Span::raw(title),
    }
}
