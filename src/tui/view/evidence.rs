//! Evidence, newest first: date, title, kind, the outcomes it shows and
//! the file attached (marked ◆, by name).
//! Enter reads one in full, `a` adds, `e` edits, `d` deletes after asking
//! (history keeps it).

use super::rows_inside;
use crate::domain::EvidenceItem;
use crate::tui::app::App;
use crate::tui::layout::first_row;
use crate::tui::text::one_line;
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::widgets::{Block, Row, Table, TableState};

pub fn list_area(body: Rect) -> Rect {
    rows_inside(body)
}

pub fn render(frame: &mut Frame, app: &App, body: Rect) {
    let theme = app.theme;
    let len = app.evidence_len();
    let visible = list_area(body).height as usize;
    // Rows are built for the items on screen only.
    let first = first_row(app.cursors.evidence, visible, len);
    let items: Vec<&EvidenceItem> = app.evidence_window(first..first + visible).collect();
    // The file column takes room only when a row on screen has a file.
    let files = items.iter().any(|item| item.attachment.is_some());
    let rows: Vec<Row> = items.iter().map(|item| row(item, files)).collect();
    let mut widths = vec![
        Constraint::Length(10),
        Constraint::Fill(3),
        Constraint::Length(23),
        Constraint::Fill(1),
    ];
    let mut headings = vec!["Date", "Title", "Kind", "Outcomes"];
    if files {
        widths.push(Constraint::Fill(2));
        headings.push("File");
    }
    let header = Row::new(headings).style(theme.title());
    let title = format!(" Evidence ({len}) · Enter reads · a adds · e edits · d deletes ");
    let table = Table::new(rows, widths)
        .header(header)
        .block(Block::bordered().title(title))
        .row_highlight_style(theme.selected())
        .highlight_symbol("▶");
    let mut state = TableState::new()
        .with_selected((len > 0).then(|| app.cursors.evidence.saturating_sub(first)));
    frame.render_stateful_widget(table, body, &mut state);
    super::scroll::scrollbar(frame, body, len, first, visible, theme);
}

/// One item's row; with `files`, the attached file marked ◆ and named.
fn row(item: &EvidenceItem, files: bool) -> Row<'static> {
    let mut cells = vec![
        item.date.to_string(),
        one_line(&item.title),
        item.kind.to_string(),
        item.outcomes.join(", "),
    ];
    if files {
        let file = item.attachment.as_ref();
        cells.push(file.map_or_else(String::new, |file| format!("◆ {}", one_line(&file.name))));
    }
    Row::new(cells)
}
