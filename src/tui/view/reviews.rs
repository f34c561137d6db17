//! The person's reviews (check-ins), newest first, and the selected one in
//! full: its notes, each outcome judged with its note, the actions from
//! last time and those agreed (done, not done or OVERDUE), signatures
//! given and awaited, and the seal. Enter shows it over the whole screen;
//! PgUp/PgDn scroll it.

use crate::domain::standing::{action_state, marked_done};
use crate::domain::{Checkin, CheckinJudgement};
use crate::report::{SECTION_TITLES, action_review_line, review_state};
use crate::tui::app::{App, Loaded};
use crate::tui::layout::first_row;
use crate::tui::text::one_line;
use crate::tui::theme::Theme;
use crate::tui::wrap::wrap;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Row, Table, TableState};

/// Rows of the list of reviews shown above the selected one.
const LIST_ROWS: u16 = 5;

pub fn render(frame: &mut Frame, app: &App, body: Rect) {
    let Some(loaded) = &app.loaded else { return };
    let reviews = app.reviews();
    let Some(selected) = reviews.get(app.cursors.reviews) else {
        let none = Paragraph::new("No check-ins recorded yet.")
            .block(Block::bordered().title(" Reviews (0) "));
        frame.render_widget(none, body);
        return;
    };
    let (list, detail) = split(app, body);
    if let Some(list) = list {
        render_list(frame, app, list);
    }
    let lines = detail_lines(app, loaded, selected, detail.width.saturating_sub(2));
    let shown = detail.height.saturating_sub(2) as usize;
    let scroll = (app.review_scroll as usize).min(lines.len().saturating_sub(shown));
    let below = lines.len().saturating_sub(scroll + shown);
    let mut block = Block::bordered().title(format!(
        " Check-in {} · {} ",
        selected.date,
        review_state(selected)
    ));
    if below > 0 {
        block = block.title_bottom(Line::from(format!(" ↓ {below} more · PgDn ")).right_aligned());
    }
    if scroll > 0 {
        block = block.title_bottom(Line::from(format!(" ↑ {scroll} above · PgUp ")));
    }
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .scroll((scroll as u16, 0)),
        detail,
    );
}

/// The list's area (none while a review is expanded) and the selected
/// review's.
fn split(app: &App, body: Rect) -> (Option<Rect>, Rect) {
    if app.review_expanded {
        return (None, body);
    }
    let rows = (app.reviews().len() as u16).clamp(1, LIST_ROWS);
    let [list, detail] =
        Layout::vertical([Constraint::Length(rows + 3), Constraint::Min(0)]).areas(body);
    (Some(list), detail)
}

/// Where the list's rows are, for mouse clicks.
pub fn list_area(app: &App, body: Rect) -> Option<Rect> {
    split(app, body).0.map(super::rows_inside)
}

/// How far the selected review can scroll, for `update`.
pub fn scroll_limit(app: &App, body: Rect) -> u16 {
    let (Some(loaded), Some(selected)) = (&app.loaded, app.reviews().get(app.cursors.reviews))
    else {
        return 0;
    };
    let detail = split(app, body).1;
    let lines = detail_lines(app, loaded, selected, detail.width.saturating_sub(2)).len();
    lines.saturating_sub(detail.height.saturating_sub(2) as usize) as u16
}

fn render_list(frame: &mut Frame, app: &App, area: Rect) {
    let theme = app.theme;
    let reviews = app.reviews();
    let visible = area.height.saturating_sub(3) as usize;
    let first = first_row(app.cursors.reviews, visible, reviews.len());
    let rows: Vec<Row> = reviews
        .iter()
        .skip(first)
        .take(visible)
        .map(|review| {
            Row::new(vec![
                review.date.to_string(),
                review_state(review).to_string(),
                one_line(&review.assessor),
                amended_by(reviews, review),
            ])
        })
        .collect();
    let more = reviews.len().saturating_sub(first + visible);
    let mut block = Block::bordered().title(format!(
        " Reviews ({}) · ↑↓ choose · Enter expands ",
        reviews.len()
    ));
    if more > 0 {
        block = block.title_bottom(Line::from(format!(" ↓ {more} more ")).right_aligned());
    }
    let table = Table::new(
        rows,
        [
            Constraint::Length(10),
            Constraint::Length(19),
            Constraint::Fill(1),
            Constraint::Fill(2),
        ],
    )
    .header(Row::new(["Date", "Status", "Assessor", "Amended by"]).style(theme.title()))
    .block(block)
    .row_highlight_style(theme.selected())
    .highlight_symbol("▶");
    let mut state = TableState::new().with_selected(Some(app.cursors.reviews - first));
    frame.render_stateful_widget(table, area, &mut state);
}

/// "check-in 2026-12-01 (draft)" for each later check-in amending `review`.
fn amended_by(reviews: &[Checkin], review: &Checkin) -> String {
    review
        .amended_by
        .iter()
        .map(|id| match reviews.iter().find(|r| r.id == *id) {
            Some(amendment) => format!("{} ({})", amendment.date, review_state(amendment)),
            None => format!("check-in {id}"),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The selected review in full, wrapped to `width` cells.
fn detail_lines(app: &App, loaded: &Loaded, review: &Checkin, width: u16) -> Vec<Line<'static>> {
    let theme = app.theme;
    let mut lines = vec![Line::from(format!(
        "Assessor {}",
        one_line(&review.assessor)
    ))];
    if let (Some(original), Some(reason)) = (review.amends, &review.amend_reason) {
        let amended = app.reviews().iter().find(|r| r.id == original);
        let when = amended.map_or(format!("check-in {original}"), |r| r.date.to_string());
        lines.push(Line::from(format!("Amends {when}: {}", one_line(reason))));
    }
    let later = amended_by(app.reviews(), review);
    if !later.is_empty() {
        lines.push(Line::from(format!("Amended by {later}")));
    }
    for (section, title) in SECTION_TITLES {
        let text = review.content.section(section);
        if !text.trim().is_empty() {
            heading(&mut lines, title, theme);
            lines.extend(text.lines().map(|line| Line::from(format!("  {line}"))));
        }
    }
    judgements(&mut lines, loaded, review, theme);
    actions_reviewed(&mut lines, app, review, theme);
    actions_agreed(&mut lines, app, review, theme);
    if let Some(next) = review.content.next_due {
        heading(&mut lines, &format!("Next check-in {next}"), theme);
    }
    signatures(&mut lines, loaded, review, theme);
    if let Some(seal) = &review.seal_hash {
        heading(&mut lines, "Seal", theme);
        lines.push(Line::from(format!("  {seal}")));
    }
    lines
        .into_iter()
        .flat_map(|line| wrap(line, width as usize, 4))
        .collect()
}

fn heading(lines: &mut Vec<Line<'static>>, title: &str, theme: Theme) {
    lines.push(Line::default());
    lines.push(Line::from(Span::styled(title.to_string(), theme.title())));
}

/// Each outcome judged: code and title, the judgement in words (coloured),
/// and its note.
fn judgements(lines: &mut Vec<Line<'static>>, loaded: &Loaded, review: &Checkin, theme: Theme) {
    if review.content.judgements.is_empty() {
        return;
    }
    heading(lines, "Outcomes judged", theme);
    for judged in &review.content.judgements {
        lines.push(judgement_line(loaded, judged, theme));
    }
}

fn judgement_line(loaded: &Loaded, judged: &CheckinJudgement, theme: Theme) -> Line<'static> {
    let title = loaded
        .framework
        .outcome(&judged.code)
        .map_or(String::new(), |o| format!(" {}", one_line(&o.title)));
    let mut spans = vec![
        Span::raw(format!("  {}{title}: ", judged.code)),
        Span::styled(
            judged.judgement.label().to_string(),
            theme.judgement(judged.judgement),
        ),
    ];
    if !judged.note.trim().is_empty() {
        spans.push(Span::raw(format!(" · {}", one_line(&judged.note))));
    }
    Line::from(spans)
}

/// The actions of the review before, as this one found them.
fn actions_reviewed(lines: &mut Vec<Line<'static>>, app: &App, review: &Checkin, theme: Theme) {
    if review.content.action_reviews.is_empty() {
        return;
    }
    heading(lines, "Actions from last time", theme);
    let agreed: Vec<(i64, crate::domain::AgreedAction)> = app
        .reviews()
        .iter()
        .flat_map(|r| r.action_ids.iter().copied().zip(r.content.actions.clone()))
        .collect();
    for reviewed in &review.content.action_reviews {
        let line = action_review_line(reviewed, &agreed);
        lines.push(Line::from(format!("  • {}", one_line(&line))));
    }
}

/// The actions agreed: text, owner, due date, and whether a later review
/// marked each done.
fn actions_agreed(lines: &mut Vec<Line<'static>>, app: &App, review: &Checkin, theme: Theme) {
    if review.content.actions.is_empty() {
        return;
    }
    heading(lines, "Actions agreed", theme);
    // Reviews held later, oldest first: the latest says whether it is done.
    let later: Vec<&Checkin> = app
        .reviews()
        .iter()
        .rev()
        .filter(|r| (r.date, r.id) > (review.date, review.id))
        .collect();
    let marks = later.iter().flat_map(|r| &r.content.action_reviews);
    for (id, action) in review.action_ids.iter().zip(&review.content.actions) {
        let done = marked_done(marks.clone(), *id);
        let state = action_state(action.due, done, app.today);
        let style = match state {
            crate::domain::standing::ActionState::Overdue => theme.overdue(),
            crate::domain::standing::ActionState::Done => theme.good(),
            crate::domain::standing::ActionState::Open => theme.dim(),
        };
        let due = action
            .due
            .map_or("no date".to_string(), |d| format!("due {d}"));
        lines.push(Line::from(vec![
            Span::raw(format!(
                "  • {} · {} · {due} · ",
                one_line(&action.text),
                one_line(&action.owner)
            )),
            Span::styled(state.words(), style),
        ]));
    }
}

/// Who signed as which party and when; who is still awaited.
fn signatures(lines: &mut Vec<Line<'static>>, loaded: &Loaded, review: &Checkin, theme: Theme) {
    heading(lines, "Signatures", theme);
    for signature in &review.signatures {
        lines.push(Line::from(format!(
            "  • {} as the {}, {}",
            one_line(&signature.name),
            signature.party.as_str(),
            day(&signature.at)
        )));
    }
    if let Some(signed) = &review.signed {
        lines.push(Line::from(format!(
            "  • {} (apprentice) and {} (assessor), {}",
            one_line(&signed.apprentice),
            one_line(&signed.assessor),
            day(&signed.at)
        )));
    }
    let awaiting = loaded
        .standing
        .checkins
        .awaiting
        .iter()
        .find(|a| a.checkin_id == review.id);
    match awaiting {
        Some(awaiting) => {
            let style = if awaiting.overdue() {
                theme.overdue()
            } else {
                theme.warning()
            };
            lines.push(Line::from(Span::styled(
                format!("  {}", awaiting.describe()),
                style,
            )));
        }
        None if !review.sealed && review.completed_at.is_none() => {
            lines.push(Line::from(
                "  a draft: signed once the assessor completes it",
            ));
        }
        None => {}
    }
}

/// The day of a stored time.
fn day(at: &str) -> &str {
    at.get(..10).unwrap_or(at)
}
