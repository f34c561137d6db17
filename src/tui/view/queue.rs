//! The judgement queue: outcomes the assessor's apprentices marked ready
//! for review or completed and that nobody has judged since, oldest first,
//! with how long each has waited.

use super::scroll::scrollbar;
use crate::domain::AwaitingJudgement;
use crate::tui::app::App;
use crate::tui::layout::first_row;
use crate::tui::text::one_line;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::widgets::{Block, Cell, Paragraph, Row, Table, TableState, Wrap};

/// The rule, in words, on the line above the rows.
const RULE: &str =
    "Outcomes your apprentices marked ready for review or completed, not judged since.";

/// The width from which the status marked gets a column of its own.
const STATUS_FROM: u16 = 100;

/// Where the rows are: inside the border, under the rule and the header.
pub fn list_area(body: Rect) -> Rect {
    let above = rule_rows(body) + 1;
    Rect {
        x: body.x + 1,
        y: body.y + 1 + above,
        width: body.width.saturating_sub(2),
        height: body.height.saturating_sub(2 + above),
    }
}

/// The rule takes two rows where one is too narrow for it.
fn rule_rows(body: Rect) -> u16 {
    if crate::tui::text::width(RULE) < body.width.saturating_sub(2) as usize {
        1
    } else {
        2
    }
}

pub fn render(frame: &mut Frame, app: &App, body: Rect) {
    let theme = app.theme;
    let total = app.queue.len();
    let block = Block::bordered().title(format!(
        " Awaiting your judgement ({total}) · oldest first · Enter runs a check-in "
    ));
    let inside = block.inner(body);
    frame.render_widget(block, body);
    let [rule, rows_area] =
        Layout::vertical([Constraint::Length(rule_rows(body)), Constraint::Min(0)]).areas(inside);
    frame.render_widget(
        Paragraph::new(format!(" {RULE}"))
            .style(theme.dim())
            .wrap(Wrap { trim: false }),
        rule,
    );
    if total == 0 {
        frame.render_widget(
            Paragraph::new(" Nothing waits for your judgement."),
            rows_area,
        );
        return;
    }
    let list = list_area(body);
    let visible = list.height as usize;
    let first = first_row(app.cursors.queue, visible, total);
    let shown = &app.queue[first..(first + visible).min(total)];
    let columns = Columns::for_rows(shown, body.width);
    let rows: Vec<Row> = shown
        .iter()
        .map(|waiting| queue_row(app, waiting, &columns))
        .collect();
    let mut header = vec!["Person", "Outcome"];
    let mut widths = vec![
        Constraint::Length(columns.person),
        Constraint::Length(columns.outcome),
    ];
    if columns.status {
        header.push("Marked");
        widths.push(Constraint::Length(16));
    }
    header.extend(["Waiting since", "Days"]);
    widths.extend([Constraint::Length(13), Constraint::Length(5)]);
    let table = Table::new(rows, widths)
        .header(Row::new(header).style(theme.title()))
        .row_highlight_style(theme.selected())
        .highlight_symbol("▶ ");
    let mut state = TableState::new().with_selected(Some(app.cursors.queue - first));
    frame.render_stateful_widget(table, rows_area, &mut state);
    // The bar runs beside the rows only, not the rule and the header.
    let beside = Rect {
        y: list.y - 1,
        height: list.height + 2,
        ..body
    };
    scrollbar(frame, beside, total, first, visible, theme);
}

/// Column widths: the names as wide as the longest shown (within
/// bounds), the outcome the rest, the status where there is room for it.
struct Columns {
    person: u16,
    outcome: u16,
    status: bool,
}

impl Columns {
    fn for_rows(shown: &[AwaitingJudgement], width: u16) -> Columns {
        let longest = shown
            .iter()
            .map(|w| crate::tui::text::width(&one_line(&w.person)))
            .max()
            .unwrap_or(0);
        let person = (longest as u16).clamp(6, 24);
        let status = width >= STATUS_FROM;
        // Border, highlight symbol, the fixed columns and a space between each.
        let fixed = 2 + 2 + person + 13 + 5 + if status { 16 + 4 } else { 3 };
        Columns {
            person,
            outcome: width.saturating_sub(fixed).max(8),
            status,
        }
    }
}

fn queue_row(app: &App, waiting: &AwaitingJudgement, columns: &Columns) -> Row<'static> {
    let title = crate::tui::queue::outcome_title(app, &waiting.framework_id, &waiting.code);
    let outcome = one_line(&format!("{} {title}", waiting.code));
    let mut cells = vec![
        Cell::from(crate::tui::text::cut_marked(
            &one_line(&waiting.person),
            usize::from(columns.person),
        )),
        Cell::from(crate::tui::text::cut_marked(
            &outcome,
            usize::from(columns.outcome),
        )),
    ];
    if columns.status {
        cells.push(Cell::from(waiting.status.to_string()).style(app.theme.status(waiting.status)));
    }
    cells.extend([
        Cell::from(waiting.since.to_string()),
        Cell::from(format!("{:>4}", waiting.days_waiting)),
    ]);
    Row::new(cells)
}
