//! Why a framework file was refused: every problem found, each with where it is.

use std::fmt;
use thiserror::Error;

/// A line and column in a file, both counted from 1 as editors show them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

/// One problem in a framework file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Where the problem is, when it can be placed.
    pub position: Option<Position>,
    /// The field path, e.g. `outcomes[3].code`, when the problem is in a field.
    pub field: Option<String>,
    pub message: String,
}

impl Diagnostic {
    /// A problem with the file as a whole (unreadable, empty, too large...).
    pub fn whole_file(message: impl Into<String>) -> Self {
        Diagnostic {
            position: None,
            field: None,
            message: message.into(),
        }
    }

    /// Renders as `FILE:LINE:COL: field: message`, leaving out what is unknown.
    pub fn render(&self, file: &str) -> String {
        let mut line = String::from(file);
        if let Some(position) = self.position {
            line.push_str(&format!(":{}:{}", position.line, position.column));
        }
        line.push_str(": ");
        if let Some(field) = &self.field {
            line.push_str(field);
            line.push_str(": ");
        }
        line.push_str(&self.message);
        line
    }
}

/// A framework file that could not be used, with every problem found in it.
#[derive(Debug, Clone, Error)]
pub struct FrameworkError {
    /// The file as the user named it (or the name of a bundled framework).
    pub file: String,
    /// Never empty; in the order they appear in the file where known.
    pub diagnostics: Vec<Diagnostic>,
}

impl FrameworkError {
    pub fn new(file: impl Into<String>, diagnostics: Vec<Diagnostic>) -> Self {
        FrameworkError {
            file: file.into(),
            diagnostics,
        }
    }

    pub fn whole_file(file: impl Into<String>, message: impl Into<String>) -> Self {
        Self::new(file, vec![Diagnostic::whole_file(message)])
    }

    /// One line per problem, as `validate` prints them.
    pub fn lines(&self) -> impl Iterator<Item = String> + '_ {
        self.diagnostics
            .iter()
            .map(|diagnostic| diagnostic.render(&self.file))
    }
}

impl fmt::Display for FrameworkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut first = true;
        for line in self.lines() {
            if !first {
                f.write_str("\n")?;
            }
            first = false;
            f.write_str(&line)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_file_line_column_field_and_message() {
        let diagnostic = Diagnostic {
            position: Some(Position {
                line: 12,
                column: 9,
            }),
            field: Some("outcomes[3].code".into()),
            message: "duplicate code `LO2`".into(),
        };
        assert_eq!(
            diagnostic.render("a.yaml"),
            "a.yaml:12:9: outcomes[3].code: duplicate code `LO2`"
        );
    }

    #[test]
    fn leaves_out_what_is_unknown() {
        assert_eq!(
            Diagnostic::whole_file("the file is empty").render("a.yaml"),
            "a.yaml: the file is empty"
        );
    }
}
