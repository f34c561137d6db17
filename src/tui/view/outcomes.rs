//! Outcomes: a table of code, title, own status, judgement and evidence,
//! with a detail pane (description, evidence, judgement note, history).
//! `/` filters by text, `f` by own status, `t` by type.

use super::rows_inside;
use crate::domain::{OutcomeRecord, field_in_words, stored_in_words};
use crate::store::HistoryRow;
use crate::tui::app::{App, Loaded};
use crate::tui::layout::first_row;
use crate::tui::text::{clean, one_line, width};
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Paragraph, Row, Table, TableState, Wrap};

/// The table and the detail pane: side by side when wide, stacked when not.
/// The table takes two thirds, so titles are not cut short beside the
/// status columns.
fn split(body: Rect) -> (Rect, Rect) {
    if body.width >= 110 {
        let [table, detail] =
            Layout::horizontal([Constraint::Percentage(66), Constraint::Percentage(34)])
                .areas(body);
        (table, detail)
    } else {
        let [table, detail] =
            Layout::vertical([Constraint::Percentage(60), Constraint::Percentage(40)]).areas(body);
        (table, detail)
    }
}

pub fn list_area(body: Rect) -> Rect {
    rows_inside(split(body).0)
}

pub fn render(frame: &mut Frame, app: &App, body: Rect) {
    let Some(loaded) = &app.loaded else { return };
    let (table_area, detail_area) = split(body);
    let visible = app.visible_outcomes();
    let rows_height = list_area(body).height as usize;
    let first = first_row(app.cursors.outcomes, rows_height, visible.len());
    let mut state = TableState::new()
        .with_selected((!visible.is_empty()).then_some(app.cursors.outcomes))
        .with_offset(first);
    frame.render_stateful_widget(table(app, loaded, &visible), table_area, &mut state);
    super::scroll::scrollbar(
        frame,
        table_area,
        visible.len(),
        first,
        rows_height,
        app.theme,
    );
    frame.render_widget(detail(app), detail_area);
}

/// The outcomes the filter lets through, one row each. The status columns
/// are as wide as the longest word shown in them; the title takes the rest.
fn table(app: &App, loaded: &Loaded, visible: &[usize]) -> Table<'static> {
    let theme = app.theme;
    let outcomes: Vec<_> = visible
        .iter()
        .map(|&index| &loaded.standing.outcomes[index])
        .collect();
    let rows: Vec<Row> = outcomes
        .iter()
        .map(|outcome| {
            Row::new(vec![
                Cell::from(outcome.code.clone()),
                Cell::from(one_line(&outcome.title)),
                Cell::from(Span::styled(
                    outcome.status.to_string(),
                    theme.status(outcome.status),
                )),
                Cell::from(Span::styled(
                    outcome.judgement.to_string(),
                    theme.judgement(outcome.judgement),
                )),
                Cell::from(outcome.evidence_count.to_string()),
            ])
        })
        .collect();
    let widest = |header: &str, words: &mut dyn Iterator<Item = String>| {
        words
            .map(|w| width(&w))
            .max()
            .unwrap_or(0)
            .max(width(header)) as u16
    };
    let code_width = widest("Code", &mut outcomes.iter().map(|o| o.code.clone()));
    let status_width = widest(
        "Own status",
        &mut outcomes.iter().map(|o| o.status.to_string()),
    );
    let judgement_width = widest(
        "Judgement",
        &mut outcomes.iter().map(|o| o.judgement.to_string()),
    );
    let widths = [
        Constraint::Length(code_width),
        Constraint::Fill(1),
        Constraint::Length(status_width),
        Constraint::Length(judgement_width),
        Constraint::Length(3),
    ];
    let header =
        Row::new(["Code", "Outcome", "Own status", "Judgement", "Ev"]).style(theme.title());
    Table::new(rows, widths)
        .header(header)
        .block(Block::bordered().title(filter_title(
            app,
            visible.len(),
            loaded.standing.outcomes.len(),
        )))
        .row_highlight_style(theme.selected())
        .highlight_symbol("▶")
}

fn filter_title(app: &App, shown: usize, total: usize) -> String {
    let mut parts = vec![format!(" Outcomes {shown} of {total}")];
    if app.filter.editing || !app.filter.text.is_empty() {
        let cursor = if app.filter.editing { "▏" } else { "" };
        parts.push(format!("/{}{cursor}", clean(&app.filter.text)));
    }
    if let Some(status) = app.filter.status {
        parts.push(format!("status: {status}"));
    }
    if let Some(kind) = &app.filter.outcome_type {
        parts.push(format!("type: {}", clean(kind)));
    }
    format!("{} ", parts.join(" · "))
}

fn detail(app: &App) -> Paragraph<'static> {
    let theme = app.theme;
    let block = Block::bordered().title(" Detail ");
    let (Some(loaded), Some(code)) = (&app.loaded, app.selected_outcome()) else {
        return Paragraph::new("No outcome matches the filter.").block(block);
    };
    let Some(outcome) = loaded.framework.outcome(code) else {
        return Paragraph::new("").block(block);
    };
    let mut lines = vec![Line::from(Span::styled(
        format!("{} {}", outcome.code, one_line(&outcome.title)),
        theme.title(),
    ))];
    lines.extend(
        outcome
            .description
            .lines()
            .map(|line| Line::from(clean(line))),
    );
    lines.push(Line::from(""));
    let record = loaded.progress.outcomes.iter().find(|o| o.code == code);
    judgement(&mut lines, theme, record);
    evidence(&mut lines, theme, loaded, code);
    history(&mut lines, theme, &loaded.outcome_history);
    Paragraph::new(lines)
        .block(block)
        .wrap(Wrap { trim: false })
}

/// When and how the outcome was judged, and the assessor's note.
fn judgement(lines: &mut Vec<Line<'static>>, theme: Theme, record: Option<&OutcomeRecord>) {
    if let Some(record) = record.filter(|r| r.judgement != crate::domain::Judgement::NotAssessed) {
        let when = record
            .judged_at
            .as_deref()
            .map(|at| at.get(..10).unwrap_or(at))
            .unwrap_or("");
        let how = record
            .judged_in_checkin
            .map_or("outside a check-in".to_string(), |id| {
                format!("in check-in {id}")
            });
        lines.push(Line::from(format!(
            "Judged {} on {when}, {how}",
            record.judgement
        )));
    }
    if let Some(note) = record
        .and_then(|r| r.judgement_note.as_deref())
        .filter(|n| !n.is_empty())
    {
        lines.push(Line::from(vec![
            Span::styled("Assessor's note: ", theme.key()),
            Span::raw(one_line(note)),
        ]));
    }
}

/// How much evidence is mapped to the outcome, and the latest few items,
/// as worked out when the outcome was selected.
fn evidence(lines: &mut Vec<Line<'static>>, theme: Theme, loaded: &Loaded, code: &str) {
    let shown = &loaded.outcome_evidence;
    if shown.code != code {
        return;
    }
    lines.push(Line::from(Span::styled(
        format!("Evidence ({})", shown.count),
        theme.key(),
    )));
    let items = shown
        .latest
        .iter()
        .filter_map(|&at| loaded.progress.evidence.get(at));
    for item in items {
        lines.push(Line::from(format!(
            " {} {} ({})",
            item.date,
            one_line(&item.title),
            item.kind
        )));
    }
}

/// The newest changes to the outcome, saying how many earlier ones are
/// not shown, so a short list is never taken for the whole story.
fn history(lines: &mut Vec<Line<'static>>, theme: Theme, history: &[HistoryRow]) {
    const SHOWN: usize = 6;
    if history.is_empty() {
        return;
    }
    lines.push(Line::from(Span::styled("History", theme.key())));
    for row in history.iter().rev().take(SHOWN) {
        lines.push(Line::from(history_line(row)));
    }
    let earlier = history.len().saturating_sub(SHOWN);
    if earlier > 0 {
        let entries = if earlier == 1 { "entry" } else { "entries" };
        lines.push(Line::from(Span::styled(
            format!(" … {earlier} earlier {entries} not shown"),
            theme.dim(),
        )));
    }
}

/// One change to the outcome: the day, the field, before and after, and who.
fn history_line(row: &HistoryRow) -> String {
    let who = row
        .actor
        .as_deref()
        .map(one_line)
        .unwrap_or_else(|| "command line".into());
    let worded = |value: &Option<String>| {
        value
            .as_deref()
            .map_or_else(|| "-".into(), |v| one_line(&stored_in_words(&row.field, v)))
    };
    format!(
        " {} {}: {} → {} ({who})",
        row.at.get(..10).unwrap_or(&row.at),
        field_in_words(&row.field),
        worded(&row.before),
        worded(&row.after)
    )
}
