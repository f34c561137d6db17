//! Check-in mode: the steps across the top, one section of the review at a
//! time below, and the keys for that section in the footer.

use crate::domain::standing::OutcomeStanding;
use crate::domain::{CheckinSection, and_list, counted, hours_one_place};
use crate::tui::app::{App, Loaded};
use crate::tui::checkin::{CheckinSession, PartyLine, Step, party_name};
use crate::tui::text::{self, clean, one_line};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

/// The header: who, and the sections by number, the current one marked.
pub fn steps(app: &App, name: &str) -> Paragraph<'static> {
    let Some(session) = &app.checkin else {
        return Paragraph::new("");
    };
    let spans: Vec<Span> = header_parts(app, name)
        .into_iter()
        .map(|(text, step)| match step {
            None => Span::styled(text, app.theme.title()),
            Some(step) if step == session.step => Span::styled(text, app.theme.selected()),
            Some(_) => Span::styled(text, app.theme.dim()),
        })
        .collect();
    Paragraph::new(Line::from(spans))
}

/// The header's pieces, each with the section it names. Every section is
/// named where the line fits the screen; else only the current one.
fn header_parts(app: &App, name: &str) -> Vec<(String, Option<Step>)> {
    let Some(session) = &app.checkin else {
        return Vec::new();
    };
    let who = format!(" Check-in · {} · ", one_line(name));
    let label = |index: usize, step: Step, named: bool| {
        if named {
            format!("{} {}", index + 1, step.title())
        } else {
            (index + 1).to_string()
        }
    };
    let all_named: usize = Step::ALL
        .iter()
        .enumerate()
        .map(|(i, step)| text::width(&label(i, *step, true)) + 1)
        .sum();
    let name_all = text::width(&who) + all_named <= app.size.0 as usize;
    let mut parts = vec![(who, None)];
    for (index, step) in Step::ALL.iter().enumerate() {
        let named = name_all || *step == session.step;
        parts.push((label(index, *step, named), Some(*step)));
        parts.push((" ".to_string(), None));
    }
    parts
}

/// The section whose name or number is drawn at `column` of the header.
pub fn section_at(app: &App, column: u16) -> Option<Step> {
    let name = &app.loaded.as_ref()?.person.name;
    let mut start = 0usize;
    for (text, step) in header_parts(app, name) {
        let end = start + text::width(&text);
        if (start..end).contains(&(column as usize)) {
            return step;
        }
        start = end;
    }
    None
}

/// What is typed in the current section, as the footer says it before
/// the keys (which come from the keymap).
pub fn typing_hint(app: &App) -> Option<&'static str> {
    let session = app.checkin.as_ref()?;
    if session.note.is_some() {
        return Some("type the note");
    }
    match &session.signing {
        Some(signing) if signing.pin.is_some() => return Some("type the PIN"),
        Some(_) => return None,
        None => {}
    }
    match session.step {
        Step::Hours | Step::PlanChanges | Step::Concerns => Some("type; Enter starts a new line"),
        Step::NextDate => Some("type the date, YYYY-MM-DD"),
        _ => None,
    }
}

pub fn render(frame: &mut Frame, app: &App, body: Rect) {
    let (Some(session), Some(loaded)) = (&app.checkin, &app.loaded) else {
        return;
    };
    let mut lines: Vec<Line> = Vec::new();
    match session.step {
        Step::SinceLast => since_last(&mut lines, app, session),
        Step::Outcomes => outcomes(&mut lines, app, session, body.width),
        Step::Hours => hours(&mut lines, loaded, session),
        Step::PlanChanges => prompted_text(
            &mut lines,
            "Changes to the training plan agreed today:",
            session,
        ),
        Step::Concerns => prompted_text(
            &mut lines,
            "Concerns, wellbeing and support needs:",
            session,
        ),
        Step::Actions => actions(&mut lines, app, session),
        Step::NextDate => next_date(&mut lines, loaded, session),
        Step::SignOff => sign_off(&mut lines, app, session),
    }
    frame.render_widget(
        Paragraph::new(lines)
            .block(Block::bordered().title(title(session)))
            .wrap(Wrap { trim: false }),
        body,
    );
}

/// The step, the draft's id, and what it amends or the day it is for.
fn title(session: &CheckinSession) -> String {
    match &session.amends {
        Some((original, reason)) => format!(
            " {} · draft {}, amending check-in {original}: {} ",
            session.step.title(),
            session.id,
            one_line(reason)
        ),
        None => format!(
            " {} · {} {} of {} ",
            session.step.title(),
            if session.signing.is_some() {
                "check-in"
            } else {
                "draft"
            },
            session.id,
            session.date
        ),
    }
}

/// The selected row stands out; the rest keep the default style.
fn row_style(app: &App, selected: bool) -> Style {
    if selected {
        app.theme.selected()
    } else {
        Style::default()
    }
}

fn since_last(lines: &mut Vec<Line<'static>>, app: &App, session: &CheckinSession) {
    recent_changes(lines, session);
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled(
        "Actions agreed last time",
        app.theme.key(),
    )));
    previous_actions(lines, app, session);
}

/// What happened since the last check-in: counts, then the latest few.
fn recent_changes(lines: &mut Vec<Line<'static>>, session: &CheckinSession) {
    let since = session.last_date.map_or("the start".to_string(), |d| {
        format!("the last check-in ({d})")
    });
    lines.push(Line::from(format!(
        "Since {since}: {}, {} h logged, {}.",
        counted(
            session.new_evidence.len(),
            "new evidence item",
            "new evidence items"
        ),
        hours_one_place(session.hours_since),
        counted(
            session.status_changes.len(),
            "status change",
            "status changes"
        )
    )));
    for change in session.status_changes.iter().rev().take(5) {
        let (code, day) = (&change.code, &change.day);
        let (before, after) = (
            change.before.replace('_', " "),
            change.after.replace('_', " "),
        );
        lines.push(Line::from(format!("  {code}: {before} → {after} ({day})")));
    }
    for item in session.new_evidence.iter().rev().take(5) {
        lines.push(Line::from(format!(
            "  {} {} ({})",
            item.date,
            one_line(&item.title),
            item.outcomes.join(", ")
        )));
    }
}

/// Last time's actions, each marked done or not as reviewed today.
fn previous_actions(lines: &mut Vec<Line<'static>>, app: &App, session: &CheckinSession) {
    if session.previous_actions.is_empty() {
        lines.push(Line::from("  none"));
    }
    for (index, (id, action)) in session.previous_actions.iter().enumerate() {
        let done = session
            .content
            .action_reviews
            .iter()
            .find(|r| r.action_id == *id)
            .is_some_and(|r| r.done);
        let mark = if done { "[x] done    " } else { "[ ] not done" };
        lines.push(Line::from(Span::styled(
            format!("  {mark}  {} ({})", one_line(&action.text), action.owner),
            row_style(app, index == session.cursor),
        )));
    }
}

fn outcomes(lines: &mut Vec<Line<'static>>, app: &App, session: &CheckinSession, width: u16) {
    let scope = if session.show_all_outcomes {
        "all outcomes"
    } else {
        "outcomes waiting for judgement or in progress (a: all)"
    };
    lines.push(Line::from(format!("Judge {scope}:")));
    let Some(loaded) = &app.loaded else { return };
    let shown: Vec<&OutcomeStanding> = session
        .outcome_codes
        .iter()
        .filter_map(|code| loaded.standing.outcomes.iter().find(|o| &o.code == code))
        .collect();
    let columns = OutcomeColumns::fit(session, &shown);
    lines.push(Line::from(Span::styled(
        format!(
            "  {:<code$} {:<own$}{:<record$}{:<today$}Outcome",
            "Code",
            "Own status",
            "On record",
            "Today",
            code = columns.code,
            own = columns.own,
            record = columns.record,
            today = columns.today,
        ),
        app.theme.key(),
    )));
    for outcome in &shown {
        let selected = session
            .outcome_codes
            .get(session.cursor)
            .is_some_and(|code| *code == outcome.code);
        judged_outcome(lines, app, session, outcome, &columns, selected, width);
    }
    if session.outcome_codes.is_empty() {
        lines.push(Line::from(
            "  none waiting for judgement or in progress: a shows all",
        ));
    }
    if let Some(note) = &session.note {
        lines.push(Line::from(""));
        lines.push(Line::from(vec![
            Span::styled("Note: ", app.theme.key()),
            Span::raw(format!("{}▏", clean(note))),
        ]));
    }
}

/// The widths of the columns before an outcome's title: each as wide as
/// its longest word on screen and a space, so the title has the rest.
struct OutcomeColumns {
    code: usize,
    own: usize,
    record: usize,
    today: usize,
}

impl OutcomeColumns {
    fn fit(session: &CheckinSession, shown: &[&OutcomeStanding]) -> Self {
        let widest = |header: &str, words: &mut dyn Iterator<Item = String>| {
            words
                .map(|word| text::width(&word))
                .chain(std::iter::once(text::width(header)))
                .max()
                .unwrap_or(0)
        };
        OutcomeColumns {
            code: widest("Code", &mut shown.iter().map(|o| o.code.clone())),
            own: widest(
                "Own status",
                &mut shown.iter().map(|o| o.status.to_string()),
            ) + 1,
            record: widest(
                "On record",
                &mut shown.iter().map(|o| o.judgement.to_string()),
            ) + 1,
            today: widest("Today", &mut shown.iter().map(|o| today(session, &o.code))) + 1,
        }
    }

    fn before_title(&self) -> usize {
        2 + self.code + 1 + self.own + self.record + self.today
    }
}

/// Today's judgement of `code` in words, or "-".
fn today(session: &CheckinSession, code: &str) -> String {
    session
        .content
        .judgement_of(code)
        .map_or("-".to_string(), |j| j.judgement.to_string())
}

/// One outcome's row, with today's note under it when there is one. A
/// title too long for its row ends in "…"; the selected outcome's is
/// written out whole, wrapped under its start.
fn judged_outcome(
    lines: &mut Vec<Line<'static>>,
    app: &App,
    session: &CheckinSession,
    outcome: &OutcomeStanding,
    columns: &OutcomeColumns,
    selected: bool,
    width: u16,
) {
    let code = &outcome.code;
    let judged = session.content.judgement_of(code);
    let today = today(session, code);
    let room = (width as usize).saturating_sub(columns.before_title() + 3);
    let title = one_line(&outcome.title);
    let title_lines = if selected {
        text::wrap_words(&title, room)
    } else {
        vec![text::cut_marked(&title, room)]
    };
    let first_title = title_lines.first().cloned().unwrap_or_default();
    let theme = app.theme;
    let cells = [
        (format!("  {code:<0$} ", columns.code), Style::default()),
        (
            format!("{:<1$}", outcome.status.to_string(), columns.own),
            theme.status(outcome.status),
        ),
        (
            format!("{:<1$}", outcome.judgement.to_string(), columns.record),
            theme.judgement(outcome.judgement),
        ),
        (
            format!("{today:<0$}", columns.today),
            judged.map_or(theme.dim(), |j| theme.judgement(j.judgement)),
        ),
        (first_title, Style::default()),
    ];
    let line = if selected {
        let whole: String = cells.iter().map(|(text, _)| text.as_str()).collect();
        Line::from(Span::styled(whole, row_style(app, selected)))
    } else {
        // Each status and judgement in its colour, the words as above.
        Line::from(
            cells
                .into_iter()
                .map(|(text, style)| Span::styled(text, style))
                .collect::<Vec<_>>(),
        )
    };
    lines.push(line);
    let indent = " ".repeat(columns.before_title());
    for more in title_lines.iter().skip(1) {
        lines.push(Line::from(Span::styled(
            format!("{indent}{more}"),
            row_style(app, selected),
        )));
    }
    if let Some(note) = judged.map(|j| &j.note).filter(|n| !n.is_empty()) {
        lines.push(Line::from(Span::styled(
            format!("       today's note: {}", one_line(note)),
            app.theme.dim(),
        )));
    }
    if selected {
        earlier_judgements(lines, app, session, code);
    }
}

/// How many earlier judgements show under the selected outcome.
const EARLIER_SHOWN: usize = 3;

/// The selected outcome's judgements at earlier reviews, newest first,
/// under its row: the assessor sees what was said before judging again.
fn earlier_judgements(
    lines: &mut Vec<Line<'static>>,
    app: &App,
    session: &CheckinSession,
    code: &str,
) {
    let theme = app.theme;
    let earlier = session.earlier.get(code).map_or(&[][..], Vec::as_slice);
    if earlier.is_empty() {
        lines.push(Line::from(Span::styled(
            "       not judged at an earlier review",
            theme.dim(),
        )));
        return;
    }
    for judged in earlier.iter().take(EARLIER_SHOWN) {
        let mut spans = vec![
            Span::styled(format!("       earlier {} ", judged.date), theme.dim()),
            Span::styled(
                judged.judgement.to_string(),
                theme.judgement(judged.judgement),
            ),
        ];
        if !judged.note.is_empty() {
            spans.push(Span::styled(
                format!(" · {}", one_line(&judged.note)),
                theme.dim(),
            ));
        }
        lines.push(Line::from(spans));
    }
    if earlier.len() > EARLIER_SHOWN {
        let hidden = earlier.len() - EARLIER_SHOWN;
        lines.push(super::scroll::more_line(
            hidden,
            ("earlier judgement", "earlier judgements"),
            theme,
        ));
    }
}

fn hours(lines: &mut Vec<Line<'static>>, loaded: &Loaded, session: &CheckinSession) {
    let hours = &loaded.standing.hours;
    lines.push(Line::from(match (hours.target, hours.expected_to_date) {
        (Some(target), Some(expected)) => format!(
            "Off-the-job: {:.0} h of {target:.0}, {expected:.0} expected by now, {:.0} behind.",
            hours.logged, hours.slippage
        ),
        _ => format!(
            "{} h logged; this framework sets no hours target.",
            hours_one_place(hours.total_logged)
        ),
    }));
    prompted_text(lines, "Record any slippage and its reason:", session);
}

/// A free-text section: what to write, then the text being written.
fn prompted_text(lines: &mut Vec<Line<'static>>, prompt: &'static str, session: &CheckinSession) {
    lines.push(Line::from(prompt));
    text_area(lines, session);
}

fn actions(lines: &mut Vec<Line<'static>>, app: &App, session: &CheckinSession) {
    lines.push(Line::from(
        "Actions for next time, each with an owner and a due date:",
    ));
    if session.content.actions.is_empty() {
        lines.push(Line::from("  none yet: a adds one"));
    }
    for (index, action) in session.content.actions.iter().enumerate() {
        let due = action.due.map(|d| format!(", by {d}")).unwrap_or_default();
        lines.push(Line::from(Span::styled(
            format!("  • {} ({}{due})", one_line(&action.text), action.owner),
            row_style(app, index == session.cursor),
        )));
    }
}

fn next_date(lines: &mut Vec<Line<'static>>, loaded: &Loaded, session: &CheckinSession) {
    let interval = loaded
        .framework
        .rules_for(loaded.progress.enrolment.start_date)
        .review_interval;
    lines.push(Line::from(format!(
        "The next check-in (every {}):",
        interval.text()
    )));
    lines.push(Line::from(format!("  {}▏", clean(&session.next_date))));
}

fn text_area(lines: &mut Vec<Line<'static>>, session: &CheckinSession) {
    for (row, text) in session.text.lines.iter().enumerate() {
        let mut shown = clean(text);
        if row == session.text.row {
            let at = shown
                .char_indices()
                .nth(session.text.column)
                .map_or(shown.len(), |(i, _)| i);
            shown.insert(at, '▏');
        }
        lines.push(Line::from(format!("  {shown}")));
    }
}

fn sign_off(lines: &mut Vec<Line<'static>>, app: &App, session: &CheckinSession) {
    let Some(signing) = &session.signing else {
        lines.push(Line::from(completeness(session)));
        lines.push(Line::from(
            "Completing fixes the record: it can then only be amended, never edited.",
        ));
        lines.push(Line::from(format!(
            "Then {} each sign it, in any order; the last signature seals it.",
            signers(app)
        )));
        return;
    };
    lines.push(Line::from(format!(
        "Check-in {} is completed. Each party signs as themselves; the last signature seals it.",
        session.id
    )));
    lines.push(Line::from(""));
    for (index, line) in signing.lines.iter().enumerate() {
        party_line(lines, app, line, index == signing.cursor);
    }
    lines.push(Line::from(""));
    if signing.lines.iter().any(|line| !line.signed) && signing.pin.is_none() {
        lines.push(Line::from(
            "Anyone not here signs later from their own session: Esc leaves it waiting.",
        ));
    }
    if let (Some(pin), Some(line)) = (&signing.pin, signing.lines.get(signing.cursor)) {
        lines.push(Line::from(vec![
            Span::styled(format!("PIN for {}: ", party_name(line)), app.theme.key()),
            Span::raw(format!("{}▏", "•".repeat(pin.chars().count()))),
        ]));
    }
    if let Some(refusal) = &signing.refusal {
        lines.push(Line::styled(one_line(refusal), app.theme.bad()));
    }
}

/// The parties the framework names: "the apprentice, the assessor and the employer".
fn signers(app: &App) -> String {
    let parties: Vec<String> = app.loaded.as_ref().map_or(Vec::new(), |loaded| {
        let signed_by = &loaded.framework.review.signed_by;
        signed_by
            .iter()
            .map(|p| format!("the {}", p.as_str()))
            .collect()
    });
    and_list(&parties)
}

/// "▶ Apprentice  Chloe Evans   signed", the user's own line marked.
fn party_line(lines: &mut Vec<Line<'static>>, app: &App, line: &PartyLine, selected: bool) {
    let own = line.person.as_ref().map(|p| p.id) == app.viewer_id();
    let who = format!("{}{}", party_name(line), if own { " (you)" } else { "" });
    let (state, style) = if line.signed {
        ("signed", app.theme.good())
    } else {
        ("waiting", app.theme.warn())
    };
    let mut party = line.party.as_str().to_string();
    if let Some(first) = party.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    lines.push(Line::from(vec![
        Span::styled(
            format!(
                "{}{party:<12}{:<36}",
                if selected { "▶ " } else { "  " },
                text::cut(&who, 35)
            ),
            row_style(app, selected),
        ),
        Span::styled(state, style),
    ]));
}

/// How much of the review is filled in, to check before signing.
fn completeness(session: &CheckinSession) -> String {
    let judged = session.content.judgements.len();
    let written = [
        CheckinSection::Hours,
        CheckinSection::PlanChanges,
        CheckinSection::Concerns,
    ]
    .iter()
    .filter(|s| !session.content.section(**s).is_empty())
    .count();
    format!(
        "{} judged · {written} of 3 sections written · {} · next check-in {}",
        counted(judged, "outcome", "outcomes"),
        counted(session.content.actions.len(), "action", "actions"),
        session
            .content
            .next_due
            .map_or("not set".to_string(), |d| d.to_string())
    )
}
