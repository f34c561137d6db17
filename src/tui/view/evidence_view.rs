//! One piece of evidence, read only: what it is, when, the outcomes it
//! shows with their titles, its text and the file kept with it.

use super::overlay::{popup, show};
use crate::domain::{EvidenceItem, counted};
use crate::framework::Framework;
use crate::tui::app::App;
use crate::tui::text::one_line;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

pub fn render(frame: &mut Frame, app: &App, screen: Rect, id: i64) {
    let Some(loaded) = &app.loaded else { return };
    let Some(item) = loaded.progress.evidence.iter().find(|e| e.id == id) else {
        return;
    };
    let mut lines = facts(app, item, &loaded.framework);
    lines.push(Line::from(""));
    if item.description.trim().is_empty() {
        lines.push(Line::styled("No note written.", app.theme.dim()));
    }
    for text in item.description.lines() {
        lines.push(Line::from(text.to_string()));
    }
    lines.push(Line::from(""));
    lines.push(Line::from(vec![
        Span::styled("e", app.theme.key()),
        Span::raw(" edit   "),
        Span::styled("Esc", app.theme.key()),
        Span::raw(" close"),
    ]));
    let width = 90.min(screen.width);
    let height = (rows_needed(&lines, width.saturating_sub(2)) + 2)
        .min(usize::from(screen.height.saturating_sub(2)));
    let area = popup(screen, width, u16::try_from(height).unwrap_or(u16::MAX));
    let title = format!(" Evidence {}: {} ", item.id, one_line(&item.title));
    show(
        frame,
        area,
        Paragraph::new(lines).wrap(Wrap { trim: false }),
        &title,
        app.theme.title(),
    );
}

/// Kind, date, outcomes (code and title) and where the evidence is kept.
fn facts(app: &App, item: &EvidenceItem, framework: &Framework) -> Vec<Line<'static>> {
    let label = |name: &str| Span::styled(format!("{name:<10}"), app.theme.title());
    let mut lines = vec![
        Line::from(vec![label("Kind"), Span::raw(item.kind.to_string())]),
        Line::from(vec![label("Date"), Span::raw(item.date.to_string())]),
    ];
    for (n, code) in item.outcomes.iter().enumerate() {
        let title = framework.outcome(code).map_or("", |o| o.title.as_str());
        lines.push(Line::from(vec![
            label(if n == 0 { "Outcomes" } else { "" }),
            Span::raw(format!("{code} {}", one_line(title))),
        ]));
    }
    if let Some(reference) = &item.file_ref {
        lines.push(Line::from(vec![
            label("Kept at"),
            Span::raw(one_line(reference)),
        ]));
    }
    let file = match &item.attachment {
        Some(file) => format!(
            "◆ {} ({})",
            one_line(&file.name),
            counted(
                usize::try_from(file.size).unwrap_or(usize::MAX),
                "byte",
                "bytes"
            )
        ),
        None => "none".to_string(),
    };
    lines.push(Line::from(vec![label("File"), Span::raw(file)]));
    lines
}

/// Rows `lines` take wrapped at `width`, so the popup is as tall as its
/// text (a long note scrolls no further than the screen allows).
fn rows_needed(lines: &[Line], width: u16) -> usize {
    let width = usize::from(width.max(1));
    lines
        .iter()
        .map(|line| line.width().div_ceil(width).max(1))
        .sum()
}
