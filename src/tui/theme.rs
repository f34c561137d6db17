//! Every style the app draws with, in one place. With `NO_COLOR` set, only
//! bold, reverse and underline are used; colour never carries meaning alone
//! (RAG and statuses are always written in words too).

use crate::domain::standing::Rag;
use crate::domain::{Judgement, OutcomeStatus};
use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone, Copy)]
pub struct Theme {
    pub color: bool,
}

impl Theme {
    /// Colour unless `NO_COLOR` is set to anything non-empty.
    pub fn from_environment() -> Self {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|value| !value.is_empty());
        Theme { color: !no_color }
    }

    fn paint(self, color: Color) -> Style {
        if self.color {
            Style::default().fg(color)
        } else {
            Style::default()
        }
    }

    pub fn title(self) -> Style {
        self.paint(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    pub fn selected(self) -> Style {
        Style::default().add_modifier(Modifier::REVERSED)
    }

    /// Secondary text. Plain grey rather than dark grey: dark grey all
    /// but vanishes on a dark background.
    pub fn dim(self) -> Style {
        if self.color {
            Style::default().fg(Color::Gray)
        } else {
            Style::default()
        }
    }

    /// A footer hint's words, readable on dark and light terminals alike
    /// (the terminal's own foreground, the key beside it in colour).
    pub fn hint(self) -> Style {
        Style::default()
    }

    pub fn key(self) -> Style {
        self.paint(Color::Yellow).add_modifier(Modifier::BOLD)
    }

    pub fn good(self) -> Style {
        self.paint(Color::Green)
    }

    pub fn warn(self) -> Style {
        self.paint(Color::Yellow)
    }

    pub fn bad(self) -> Style {
        self.paint(Color::Red).add_modifier(Modifier::BOLD)
    }

    pub fn rag(self, rag: Rag) -> Style {
        match rag {
            Rag::Green => self.good().add_modifier(Modifier::BOLD),
            Rag::Amber => self.warn().add_modifier(Modifier::BOLD),
            Rag::Red => self.bad(),
        }
    }

    /// A gauge takes the colour of the RAG it measures against.
    pub fn gauge(self) -> Style {
        self.paint(Color::Blue)
    }

    pub fn gauge_for(self, rag: Rag) -> Style {
        match rag {
            Rag::Green => self.paint(Color::Green),
            Rag::Amber => self.paint(Color::Yellow),
            Rag::Red => self.paint(Color::Red),
        }
    }

    /// The apprentice's own status of an outcome.
    pub fn status(self, status: OutcomeStatus) -> Style {
        match status {
            OutcomeStatus::NotStarted => self.dim(),
            OutcomeStatus::InProgress => self.paint(Color::Blue),
            OutcomeStatus::ReadyForReview => self.paint(Color::Magenta),
            OutcomeStatus::Completed => self.good(),
        }
    }

    /// An assessor's judgement.
    pub fn judgement(self, judgement: Judgement) -> Style {
        match judgement {
            Judgement::NotAssessed => self.dim(),
            Judgement::NotYetCompetent => self.warn(),
            Judgement::Competent => self.good(),
            Judgement::Exceeds => self.good().add_modifier(Modifier::BOLD),
        }
    }

    /// Anything past its date: an action, a review, a milestone.
    pub fn overdue(self) -> Style {
        self.bad()
    }

    /// A warning line.
    pub fn warning(self) -> Style {
        self.warn()
    }

    /// A chart's target or expected line.
    pub fn target(self) -> Style {
        self.paint(Color::Magenta)
    }
}
