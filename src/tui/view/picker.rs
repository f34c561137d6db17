//! The list of people to open; an assessor's caseload with month, RAG, next
//! check-in (overdue first to catch the eye) and gateway status.

use super::rows_inside;
use crate::domain::{PersonSummary, counted, hours_one_place};
use crate::report::{CaseloadColumn, CaseloadLine};
use crate::tui::app::App;
use crate::tui::layout::first_row;
use crate::tui::text::one_line;
use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
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
    let (name_width, columns) = layout(app, body);
    let rows: Vec<Row> = shown
        .iter()
        .map(|person| person_row(app, person, &columns))
        .collect();
    let order = app.picker_order;
    let header = Row::new(
        std::iter::once(CaseloadColumn::Name)
            .chain(columns.iter().copied())
            .map(|column| {
                if column == order.column {
                    format!("{} {}", column.header(), order.arrow())
                } else {
                    column.header().to_string()
                }
            }),
    )
    .style(theme.title());
    let table = Table::new(rows, widths(app, name_width, &columns))
        .header(header)
        .block(Block::bordered().title(title(app, total)))
        .row_highlight_style(theme.selected())
        .highlight_symbol(SELECTION_MARK);
    let mut state = TableState::new().with_selected(Some(app.cursors.picker.saturating_sub(first)));
    frame.render_stateful_widget(table, body, &mut state);
}

const SELECTION_MARK: &str = "▶ ";

/// The name's width and the columns beside it that fit `body`.
fn layout(app: &App, body: Rect) -> (u16, Vec<CaseloadColumn>) {
    let visible = list_area(body).height as usize;
    let first = first_row(app.cursors.picker, visible, app.people.total);
    let sorted = app.picker_order.column;
    let name_width = app
        .people
        .slice(first..first + visible)
        .iter()
        .map(|p| crate::tui::text::width(&one_line(&p.name)))
        .max()
        .unwrap_or(0)
        .max(cells(CaseloadColumn::Name, sorted) as usize) as u16;
    (name_width, columns_that_fit(body.width, name_width, sorted))
}

fn widths(app: &App, name_width: u16, columns: &[CaseloadColumn]) -> Vec<Constraint> {
    let sorted = app.picker_order.column;
    std::iter::once(Constraint::Min(name_width))
        .chain(
            columns
                .iter()
                .map(|c| Constraint::Length(cells(*c, sorted))),
        )
        .collect()
}

/// The columns drawn in `body`, the name first.
pub fn columns_shown(app: &App, body: Rect) -> Vec<CaseloadColumn> {
    let (_, columns) = layout(app, body);
    std::iter::once(CaseloadColumn::Name)
        .chain(columns)
        .collect()
}

/// The column whose header is drawn at screen column `x`, in the list of
/// people drawn in `body`: the same split of the width as the table's.
pub fn column_at(app: &App, body: Rect, x: u16) -> Option<CaseloadColumn> {
    let (name_width, columns) = layout(app, body);
    let inner = Block::bordered().inner(body);
    let mark = crate::tui::text::width(SELECTION_MARK) as u16;
    let area = Rect {
        x: inner.x + mark,
        width: inner.width.saturating_sub(mark),
        ..inner
    };
    let split = Layout::horizontal(widths(app, name_width, &columns))
        .flex(Flex::Start)
        .spacing(1)
        .split(area);
    std::iter::once(CaseloadColumn::Name)
        .chain(columns)
        .zip(split.iter())
        .find(|(_, cell)| x >= cell.x && x < cell.x + cell.width)
        .map(|(column, _)| column)
}

/// The first dropped when the width runs short.
const LEAST_IMPORTANT_FIRST: [CaseloadColumn; 10] = [
    CaseloadColumn::Framework,
    CaseloadColumn::Month,
    CaseloadColumn::LastCheckin,
    CaseloadColumn::Gateway,
    CaseloadColumn::HoursBehind,
    CaseloadColumn::OverdueActions,
    CaseloadColumn::Warnings,
    CaseloadColumn::Review,
    CaseloadColumn::NextCheckin,
    CaseloadColumn::Rag,
];

/// A column's width: its widest value, or its header with the order's
/// mark when sorted by it.
fn cells(column: CaseloadColumn, sorted: CaseloadColumn) -> u16 {
    let values = match column {
        CaseloadColumn::Name => 4,
        CaseloadColumn::Framework => 9,
        CaseloadColumn::Month => 5,
        CaseloadColumn::Rag => 5,
        CaseloadColumn::NextCheckin => 18,
        CaseloadColumn::LastCheckin => 13,
        CaseloadColumn::HoursBehind => 12,
        CaseloadColumn::Warnings => 8,
        CaseloadColumn::OverdueActions => 15,
        CaseloadColumn::Gateway => 10,
        CaseloadColumn::Review => 8,
    };
    let header = column.header().len() as u16 + if column == sorted { 2 } else { 0 };
    values.max(header)
}

/// The columns that fit beside the whole name in `width`: the least
/// important dropped first, so the name is never cut.
fn columns_that_fit(width: u16, name_width: u16, sorted: CaseloadColumn) -> Vec<CaseloadColumn> {
    // Borders and the selection mark.
    let room = width.saturating_sub(4 + name_width);
    let used =
        |columns: &[CaseloadColumn]| -> u16 { columns.iter().map(|c| cells(*c, sorted) + 1).sum() };
    // Beside the name, in the order drawn.
    let mut columns = CaseloadColumn::ALL[1..].to_vec();
    for dropped in LEAST_IMPORTANT_FIRST {
        if used(&columns) <= room {
            break;
        }
        columns.retain(|c| *c != dropped);
    }
    columns
}

/// One person; the caseload columns show `…` until worked out.
fn person_row(app: &App, person: &PersonSummary, columns: &[CaseloadColumn]) -> Row<'static> {
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
    column: CaseloadColumn,
) -> Cell<'static> {
    let theme = app.theme;
    let worked_out = |text: fn(&CaseloadLine) -> String| line.map_or("…".to_string(), text);
    match column {
        CaseloadColumn::Framework => Cell::from(person.framework_id.clone().unwrap_or_default()),
        CaseloadColumn::Month => Cell::from(worked_out(|l| l.month_of_programme.to_string())),
        CaseloadColumn::Rag => match line {
            Some(l) => Cell::from(l.rag.label().to_uppercase()).style(theme.rag(l.rag)),
            None => Cell::from("…").style(theme.dim()),
        },
        CaseloadColumn::NextCheckin => {
            let overdue = line.is_some_and(|l| l.checkin_overdue);
            let style = if overdue {
                theme.overdue()
            } else {
                Style::default()
            };
            Cell::from(due(line)).style(style)
        }
        CaseloadColumn::LastCheckin => Cell::from(worked_out(|l| {
            l.last_checkin.map_or("none".to_string(), |d| d.to_string())
        })),
        CaseloadColumn::HoursBehind => Cell::from(worked_out(|l| {
            if l.hours_behind > 0.0 {
                hours_one_place(l.hours_behind)
            } else {
                "-".to_string()
            }
        })),
        CaseloadColumn::Warnings => {
            let style = if line.is_some_and(|l| l.warnings > 0) {
                theme.warning()
            } else {
                Style::default()
            };
            Cell::from(worked_out(|l| l.warnings.to_string())).style(style)
        }
        CaseloadColumn::OverdueActions => {
            let style = if line.is_some_and(|l| l.overdue_actions > 0) {
                theme.overdue()
            } else {
                Style::default()
            };
            Cell::from(worked_out(|l| l.overdue_actions.to_string())).style(style)
        }
        CaseloadColumn::Gateway => Cell::from(gateway(line)),
        CaseloadColumn::Review => Cell::from(review_state(line, person)),
        CaseloadColumn::Name => Cell::from(one_line(&person.name)),
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
    let order = app.picker_order.describe();
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
    // A column worked out from each person's standing takes longest.
    let waiting = match &app.people.waiting_for {
        Some(key) if !key.order.column.stored() => " · sorting…",
        Some(_) => " · finding…",
        None => "",
    };
    format!(" People ({count}) · {order}{filter}{waiting} · Enter opens ")
}
