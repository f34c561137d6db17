//! The list of people to open; an assessor's caseload with month, RAG, next
//! check-in (overdue first to catch the eye) and gateway status.

use super::rows_inside;
use crate::domain::{PersonSummary, counted};
use crate::report::CaseloadLine;
use crate::tui::app::App;
use crate::tui::layout::first_row;
use crate::tui::text::one_line;
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
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
    let rows: Vec<Row> = app
        .people
        .slice(first..first + visible)
        .iter()
        .map(|person| person_row(app, person))
        .collect();
    let header = Row::new([
        "Name",
        "Framework",
        "Month",
        "RAG",
        "Next check-in",
        "Gateway",
        "Review",
    ])
    .style(theme.title());
    let table = Table::new(rows, WIDTHS)
        .header(header)
        .block(Block::bordered().title(title(app, total)))
        .row_highlight_style(theme.selected())
        .highlight_symbol("▶ ");
    let mut state = TableState::new().with_selected(Some(app.cursors.picker.saturating_sub(first)));
    frame.render_stateful_widget(table, body, &mut state);
}

const WIDTHS: [Constraint; 7] = [
    Constraint::Fill(3),
    Constraint::Fill(2),
    Constraint::Length(5),
    Constraint::Length(6),
    Constraint::Length(19),
    Constraint::Length(11),
    Constraint::Length(8),
];

/// One person; the caseload columns show `…` until worked out.
fn person_row(app: &App, person: &PersonSummary) -> Row<'static> {
    let theme = app.theme;
    let line = app.caseload.get(&person.id.0).and_then(Option::as_ref);
    let month = line.map_or("…".to_string(), |l| l.month_of_programme.to_string());
    let (rag, rag_style) = line.map_or(("…".to_string(), theme.dim()), |l| {
        (l.rag.label().to_uppercase(), theme.rag(l.rag))
    });
    Row::new(vec![
        Cell::from(one_line(&person.name)),
        Cell::from(person.framework_id.clone().unwrap_or_default()),
        Cell::from(month),
        Cell::from(rag).style(rag_style),
        Cell::from(due(line)),
        Cell::from(gateway(line)),
        Cell::from(review_state(line, person)),
    ])
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
