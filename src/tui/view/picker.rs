//! The list of people to open; an assessor's caseload with month, RAG, next
//! check-in (overdue first to catch the eye) and gateway status.

use super::rows_inside;
use crate::domain::{PersonSummary, counted, hours_one_place};
use crate::report::CaseloadLine;
use crate::tui::app::App;
use crate::tui::layout::first_row;
use crate::tui::text::one_line;
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::Style;
use ratatui::widgets::{Block, Cell, Row, Table, TableState};

pub fn list_area(body: Rect) -> Rect {
    rows_inside(body)
}

pub fn render(frame: &mut Frame, app: &App, body: Rect) {
    let theme = app.theme;
    let total = app.people.total;
    let visible = list_area(body).height as usize;
    // Rows are built for the people on screen only.
    let first = first_row(app.cursors.picker, visible, total);
    let shown = app.people.slice(first..first + visible);
    let name_width = shown
        .iter()
        .map(|p| crate::tui::text::width(&one_line(&p.name)))
        .max()
        .unwrap_or(0)
        .max(4) as u16;
    let columns = columns_that_fit(body.width, name_width);
    let rows: Vec<Row> = shown
        .iter()
        .map(|person| person_row(app, person, &columns))
        .collect();
    let header = Row::new(std::iter::once("Name").chain(columns.iter().map(|c| c.header())))
        .style(theme.title());
    let widths =
        std::iter::once(Constraint::Min(name_width)).chain(columns.iter().map(|c| c.width()));
    let table = Table::new(rows, widths)
        .header(header)
        .block(Block::bordered().title(title(app, total)))
        .row_highlight_style(theme.selected())
        .highlight_symbol("▶ ");
    let mut state = TableState::new().with_selected(Some(app.cursors.picker.saturating_sub(first)));
    frame.render_stateful_widget(table, body, &mut state);
}

/// A column of the list of people beside the name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Framework,
    Month,
    Rag,
    NextCheckin,
    LastCheckin,
    HoursBehind,
    Warnings,
    OverdueActions,
    Gateway,
    Review,
}

impl Column {
    /// In the order drawn, left to right.
    const SHOWN: [Column; 10] = [
        Column::Framework,
        Column::Month,
        Column::Rag,
        Column::NextCheckin,
        Column::LastCheckin,
        Column::HoursBehind,
        Column::Warnings,
        Column::OverdueActions,
        Column::Gateway,
        Column::Review,
    ];

    /// The first dropped when the width runs short.
    const LEAST_IMPORTANT_FIRST: [Column; 10] = [
        Column::Framework,
        Column::Month,
        Column::LastCheckin,
        Column::Gateway,
        Column::HoursBehind,
        Column::OverdueActions,
        Column::Warnings,
        Column::Review,
        Column::NextCheckin,
        Column::Rag,
    ];

    fn header(self) -> &'static str {
        match self {
            Column::Framework => "Framework",
            Column::Month => "Month",
            Column::Rag => "RAG",
            Column::NextCheckin => "Next check-in",
            Column::LastCheckin => "Last check-in",
            Column::HoursBehind => "Hours behind",
            Column::Warnings => "Warnings",
            Column::OverdueActions => "Overdue actions",
            Column::Gateway => "Gateway",
            Column::Review => "Review",
        }
    }

    fn cells(self) -> u16 {
        match self {
            Column::Framework => 9,
            Column::Month => 5,
            Column::Rag => 5,
            Column::NextCheckin => 18,
            Column::LastCheckin => 13,
            Column::HoursBehind => 12,
            Column::Warnings => 8,
            Column::OverdueActions => 15,
            Column::Gateway => 10,
            Column::Review => 8,
        }
    }

    fn width(self) -> Constraint {
        Constraint::Length(self.cells())
    }
}

/// The columns that fit beside the whole name in `width`: the least
/// important dropped first, so the name is never cut.
fn columns_that_fit(width: u16, name_width: u16) -> Vec<Column> {
    // Borders and the selection mark.
    let room = width.saturating_sub(4 + name_width);
    let used = |columns: &[Column]| -> u16 { columns.iter().map(|c| c.cells() + 1).sum() };
    let mut columns = Column::SHOWN.to_vec();
    for dropped in Column::LEAST_IMPORTANT_FIRST {
        if used(&columns) <= room {
            break;
        }
        columns.retain(|c| *c != dropped);
    }
    columns
}

/// One person; the caseload columns show `…` until worked out.
fn person_row(app: &App, person: &PersonSummary, columns: &[Column]) -> Row<'static> {
    let line = app.caseload.get(&person.id.0).and_then(Option::as_ref);
    let cells = columns
        .iter()
        .map(|column| cell(app, person, line, *column));
    Row::new(std::iter::once(Cell::from(one_line(&person.name))).chain(cells))
}

fn cell(
    app: &App,
    person: &PersonSummary,
    line: Option<&CaseloadLine>,
    column: Column,
) -> Cell<'static> {
    let theme = app.theme;
    let worked_out = |text: fn(&CaseloadLine) -> String| line.map_or("…".to_string(), text);
    match column {
        Column::Framework => Cell::from(person.framework_id.clone().unwrap_or_default()),
        Column::Month => Cell::from(worked_out(|l| l.month_of_programme.to_string())),
        Column::Rag => match line {
            Some(l) => Cell::from(l.rag.label().to_uppercase()).style(theme.rag(l.rag)),
            None => Cell::from("…").style(theme.dim()),
        },
        Column::NextCheckin => {
            let overdue = line.is_some_and(|l| l.checkin_overdue);
            let style = if overdue {
                theme.overdue()
            } else {
                Style::default()
            };
            Cell::from(due(line)).style(style)
        }
        Column::LastCheckin => Cell::from(worked_out(|l| {
            l.last_checkin.map_or("none".to_string(), |d| d.to_string())
        })),
        Column::HoursBehind => Cell::from(worked_out(|l| {
            if l.hours_behind > 0.0 {
                hours_one_place(l.hours_behind)
            } else {
                "-".to_string()
            }
        })),
        Column::Warnings => {
            let style = if line.is_some_and(|l| l.warnings > 0) {
                theme.warning()
            } else {
                Style::default()
            };
            Cell::from(worked_out(|l| l.warnings.to_string())).style(style)
        }
        Column::OverdueActions => {
            let style = if line.is_some_and(|l| l.overdue_actions > 0) {
                theme.overdue()
            } else {
                Style::default()
            };
            Cell::from(worked_out(|l| l.overdue_actions.to_string())).style(style)
        }
        Column::Gateway => Cell::from(gateway(line)),
        Column::Review => Cell::from(review_state(line, person)),
    }
}

/// A review waiting for signatures before an open draft: it needs others.
fn review_state(line: Option<&CaseloadLine>, person: &PersonSummary) -> &'static str {
    if line.is_some_and(|l| !l.awaiting_signatures.is_empty()) {
        "unsigned"
    } else if person.drafts > 0 {
        "draft"
    } else {
        ""
    }
}

fn due(line: Option<&CaseloadLine>) -> String {
    line.map_or("…".to_string(), |l| {
        if l.checkin_overdue {
            format!("{} OVERDUE", l.next_checkin_due)
        } else {
            l.next_checkin_due.to_string()
        }
    })
}

fn gateway(line: Option<&CaseloadLine>) -> String {
    match line.and_then(|l| l.gateway_ready.map(|ready| (ready, l.gateway_blockers))) {
        Some((true, _)) => "ready".to_string(),
        Some((false, n)) => counted(n, "blocker", "blockers"),
        None => "…".to_string(),
    }
}

/// How many people, in what order, and the filter as typed.
fn title(app: &App, count: usize) -> String {
    let order = if app.picker_by_due {
        "next check-in first"
    } else {
        "by name"
    };
    let filter = if app.filter.editing || !app.filter.text.is_empty() {
        format!(
            " · /{}{}",
            crate::tui::text::clean(&app.filter.text),
            if app.filter.editing { "▏" } else { "" }
        )
    } else {
        String::new()
    };
    // Until a new order or filter is worked out, the list before is shown.
    let waiting = if app.people.waiting_for.is_some() {
        " · finding…"
    } else {
        ""
    };
    format!(" People ({count}) · {order}{filter}{waiting} · Enter opens ")
}
