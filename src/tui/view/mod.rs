//! Drawing: the whole screen from the state alone. Nothing here writes to
//! the database or changes the state.

mod checkin;
mod dashboard;
mod evidence;
mod evidence_view;
mod hours;
mod outcomes;
mod outcomes_chart;
mod overlay;
mod palette;
mod picker;
mod queue;
mod readiness;
mod requirements;
mod reviews;
mod scroll;
mod timeline;
mod welcome;
mod who;

use super::action::Action;
use super::app::{App, Overlay, Screen, Tab};
use super::keymap;
use super::layout::{MIN_HEIGHT, MIN_WIDTH, areas, too_small};
use super::text::{self, one_line};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Tabs, Wrap};

pub fn draw(frame: &mut Frame, app: &App) {
    let size = frame.area();
    if too_small((size.width, size.height)) {
        let message = format!(
            "Enlarge the window: pcso-tracker needs at least {MIN_WIDTH}×{MIN_HEIGHT} (now {}×{}). q quits.",
            size.width, size.height
        );
        frame.render_widget(Paragraph::new(message).wrap(Wrap { trim: true }), size);
        return;
    }
    let areas = areas((size.width, size.height));
    header(frame, app, areas.tabs);
    if asking_who_first(app) {
        // Nobody's records are shown before someone says who they are.
        frame.render_widget(ratatui::widgets::Block::bordered(), areas.body);
        overlay::render(frame, app, size);
        return;
    }
    match app.screen {
        Screen::Welcome => welcome::render(frame, app, areas.body),
        Screen::Picker => picker::render(frame, app, areas.body),
        Screen::Checkin => checkin::render(frame, app, areas.body),
        Screen::Queue => queue::render(frame, app, areas.body),
        Screen::Person => match app.tab {
            Tab::Dashboard => dashboard::render(frame, app, areas.body),
            Tab::Outcomes => outcomes::render(frame, app, areas.body),
            Tab::Evidence => evidence::render(frame, app, areas.body),
            Tab::Requirements => requirements::render(frame, app, areas.body),
            Tab::Hours => hours::render(frame, app, areas.body),
            Tab::Readiness => readiness::render(frame, app, areas.body),
            Tab::Timeline => timeline::render(frame, app, areas.body),
            Tab::Reviews => reviews::render(frame, app, areas.body),
        },
    }
    footer(frame, app, areas.footer);
    overlay::render(frame, app, size);
}

/// Whether the app is asking who is using it, with nobody using it yet.
fn asking_who_first(app: &App) -> bool {
    match &app.overlay {
        Overlay::Choose(chooser) => chooser.first,
        Overlay::Pin(prompt) => prompt.first,
        _ => false,
    }
}

/// Tab titles as drawn for a screen `width` wide, with their number keys.
/// The full titles when they fit, with room for the name beside them.
pub fn tab_titles(width: u16) -> Vec<String> {
    let titles = |title: fn(Tab) -> &'static str| -> Vec<String> {
        Tab::ALL
            .iter()
            .enumerate()
            .map(|(i, tab)| format!("{} {}", i + 1, title(*tab)))
            .collect()
    };
    let full = titles(Tab::title);
    // Each title is padded by a space either side, with a divider between.
    let needed: usize = full.iter().map(|t| super::text::width(t) + 3).sum();
    if needed <= width as usize {
        full
    } else {
        titles(Tab::short_title)
    }
}

fn header(frame: &mut Frame, app: &App, area: Rect) {
    let theme = app.theme;
    match (&app.screen, &app.loaded) {
        (Screen::Person, Some(loaded)) => {
            let tabs = Tabs::new(tab_titles(area.width))
                .select(app.tab.index())
                .style(theme.dim())
                .highlight_style(
                    theme
                        .title()
                        .add_modifier(ratatui::style::Modifier::REVERSED),
                )
                .divider("│");
            let name = one_line(&loaded.person.name);
            // The name shows beside the tabs only when there is room for both.
            let width = if area.width >= 120 {
                (crate::tui::text::width(&name) as u16 + 1).min(area.width / 4)
            } else {
                0
            };
            let [tabs_area, name_area] = ratatui::layout::Layout::horizontal([
                ratatui::layout::Constraint::Min(0),
                ratatui::layout::Constraint::Length(width),
            ])
            .areas(area);
            frame.render_widget(tabs, tabs_area);
            frame.render_widget(
                Paragraph::new(name)
                    .style(theme.title())
                    .alignment(ratatui::layout::Alignment::Right),
                name_area,
            );
        }
        (Screen::Picker, _) => {
            let who = match &app.viewer {
                Some(viewer) if app.viewer_is_assessor() => {
                    format!("Caseload of {}", one_line(&viewer.name))
                }
                _ => "Choose a person".to_string(),
            };
            frame.render_widget(
                Paragraph::new(format!(" pcso-tracker · {who} · as of {}", app.today))
                    .style(theme.title()),
                area,
            );
        }
        (Screen::Queue, _) => {
            let who = app.viewer.as_ref().map_or(String::new(), |viewer| {
                format!(" of {}", one_line(&viewer.name))
            });
            frame.render_widget(
                Paragraph::new(format!(
                    " pcso-tracker · Judgement queue{who} · as of {}",
                    app.today
                ))
                .style(theme.title()),
                area,
            );
        }
        (Screen::Checkin, Some(loaded)) => {
            frame.render_widget(checkin::steps(app, &loaded.person.name), area);
        }
        _ => frame.render_widget(Paragraph::new(" pcso-tracker").style(theme.title()), area),
    }
}

/// The section of a check-in drawn at `column` of the header.
pub fn section_at(app: &App, column: u16) -> Option<crate::tui::checkin::Step> {
    checkin::section_at(app, column)
}

/// The caseload column whose header is drawn at `column`, on the list of
/// people.
pub fn picker_column_at(app: &App, column: u16) -> Option<crate::report::CaseloadColumn> {
    picker::column_at(app, areas(app.size).body, column)
}

/// The caseload columns the list of people shows, the name first.
pub fn picker_columns(app: &App) -> Vec<crate::report::CaseloadColumn> {
    picker::columns_shown(app, areas(app.size).body)
}

/// Key hints from the keymap, or the last action's message. In check-in
/// mode the keys follow the message, so they are never hidden there.
fn footer(frame: &mut Frame, app: &App, area: Rect) {
    let theme = app.theme;
    if app.screen == Screen::Checkin {
        let mut spans = vec![Span::raw(" ")];
        if let Some(message) = &app.status_line {
            spans.push(Span::styled(one_line(message), theme.good()));
            spans.push(Span::raw("  ·  "));
        }
        if let Some(hint) = checkin::typing_hint(app) {
            spans.push(Span::raw(format!("{hint}  ")));
        }
        key_hints(&mut spans, app, area.width);
        frame.render_widget(Paragraph::new(Line::from(spans)), area);
        return;
    }
    if let Some(message) = &app.status_line {
        frame.render_widget(
            Paragraph::new(format!(" {}", one_line(message))).style(theme.good()),
            area,
        );
        return;
    }
    let mut spans = vec![Span::raw(" ")];
    key_hints(&mut spans, app, area.width);
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// Each key offered here with its short label, this place's own first:
/// they are what a newcomer looks for.
/// The hints of the keys offered here, in the table's order, as many as fit
/// in `width` beside what `spans` holds already: `? help` always, as it
/// lists every key.
fn key_hints(spans: &mut Vec<Span<'static>>, app: &App, width: u16) {
    let hints: Vec<(&'static str, String, bool)> = keymap::hints(app)
        .into_iter()
        .filter_map(|binding| {
            // Esc's one meaning here, or nothing where it does nothing.
            let hint = match binding.action {
                Action::Back if app.screen != Screen::Checkin => keymap::back_label(app),
                _ => binding.hint,
            }?;
            let help = binding.action == Action::ToggleHelp;
            Some((binding.keys, format!(" {hint}  "), help))
        })
        .collect();
    let cells = |(keys, hint, _): &(&str, String, bool)| text::width(keys) + text::width(hint);
    let used: usize = spans.iter().map(Span::width).sum();
    let help: usize = hints.iter().filter(|h| h.2).map(cells).sum();
    // The last hint's two trailing spaces may fall off the edge.
    let mut room = (width as usize + 2).saturating_sub(used + help);
    let mut full = false;
    for hint in hints {
        if !hint.2 {
            let needed = cells(&hint);
            full = full || needed > room;
            if full {
                continue;
            }
            room -= needed;
        }
        let (keys, words, _) = hint;
        spans.push(Span::styled(keys, app.theme.key()));
        spans.push(Span::raw(words));
    }
}

/// The rows area of the list on screen, for mouse clicks; `None` without a list.
pub fn list_area(app: &App) -> Option<Rect> {
    let body = areas(app.size).body;
    match (app.screen, app.tab) {
        (Screen::Picker, _) => Some(picker::list_area(body)),
        (Screen::Queue, _) => Some(queue::list_area(body)),
        (Screen::Person, Tab::Outcomes) => Some(outcomes::list_area(body)),
        (Screen::Person, Tab::Evidence) => Some(evidence::list_area(body)),
        (Screen::Person, Tab::Requirements) => Some(requirements::list_area(body)),
        (Screen::Person, Tab::Hours) => Some(hours::list_area(app, body)),
        (Screen::Person, Tab::Reviews) => reviews::list_area(app, body),
        _ => None,
    }
}

/// How many weeks or months the hours chart could show up to today, and
/// how many fit on screen: for scrolling it.
pub fn hours_chart_periods(app: &App) -> (usize, usize) {
    hours::chart_periods(app, areas(app.size).body)
}

/// How many lines the selected review on the Reviews tab can scroll.
pub fn review_scroll_limit(app: &App) -> u16 {
    reviews::scroll_limit(app, areas(app.size).body)
}

/// `area` less a one-cell border and a header row: where a bordered
/// table's rows are drawn.
fn rows_inside(area: Rect) -> Rect {
    Rect {
        x: area.x + 1,
        y: area.y + 2,
        width: area.width.saturating_sub(2),
        height: area.height.saturating_sub(3),
    }
}

/// A bar of `width` cells, `share` of it filled, as text (readable without colour).
fn bar(share: f64, width: usize) -> String {
    let filled = ((share.clamp(0.0, 1.0)) * width as f64).round() as usize;
    format!("{}{}", "█".repeat(filled), "░".repeat(width - filled))
}

/// Whether any popup is open (lists then ignore the mouse).
pub fn has_overlay(app: &App) -> bool {
    !matches!(app.overlay, Overlay::None)
}
