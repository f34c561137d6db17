//! Every style the app draws with, in one place. With `NO_COLOR` set, only
//! bold, reverse and underline are used; colour never carries meaning alone
//! (RAG and statuses are always written in words too).

use crate::domain::standing::Rag;
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

    pub fn dim(self) -> Style {
        if self.color {
            Style::default().fg(Color::DarkGray)
        } else {
            Style::default()
        }
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

    pub fn gauge(self) -> Style {
        self.paint(Color::Blue)
    }
}
