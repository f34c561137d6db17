//! Entry requirements, qualifications and confirmations as a checklist;
//! Enter records a result, date and reference.

use super::rows_inside;
use crate::domain::standing::RequirementState;
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
    let Some(loaded) = &app.loaded else { return };
    let theme = app.theme;
    let requirements = &loaded.standing.requirements;
    let rows: Vec<Row> = requirements
        .iter()
        .map(|r| {
            let (mark, style) = match r.status {
                RequirementState::Met | RequirementState::Exempt => ("[x]", theme.good()),
                RequirementState::NotRequired => ("[-]", theme.dim()),
                RequirementState::Pending => ("[ ]", theme.warn()),
                RequirementState::NotMet | RequirementState::Expired => ("[!]", theme.bad()),
            };
            Row::new(vec![
                Cell::from(mark).style(style),
                Cell::from(one_line(&r.title)),
                Cell::from(r.status.label()).style(style),
                Cell::from(r.date.map(|d| d.to_string()).unwrap_or_default()),
                Cell::from(r.expires_on.map(|d| d.to_string()).unwrap_or_default()),
            ])
        })
        .collect();
    let widths = [
        Constraint::Length(3),
        Constraint::Fill(1),
        Constraint::Length(12),
        Constraint::Length(10),
        Constraint::Length(10),
    ];
    let header = Row::new(["", "Requirement", "Status", "Date", "Expires"]).style(theme.title());
    let table = Table::new(rows, widths)
        .header(header)
        .block(Block::bordered().title(" Requirements · Enter records a result "))
        .row_highlight_style(theme.selected())
        .highlight_symbol("▶");
    let visible = list_area(body).height as usize;
    let first = first_row(app.cursors.requirements, visible, requirements.len());
    let mut state = TableState::new()
        .with_selected(Some(app.cursors.requirements))
        .with_offset(first);
    frame.render_stateful_widget(table, body, &mut state);
    super::scroll::scrollbar(frame, body, requirements.len(), first, visible, theme);
}
