//! Output meant for a person at a terminal: control characters in stored
//! text (written by another program, or an older version) are shown as
//! visible escapes on the way out, whichever command printed them.

use crate::cli::{
    ApprenticeCommand, CheckinCommand, Command, EvidenceCommand, ListFormat, RecordFormat,
    RecordsFormat, ReportFormat,
};
use crate::domain::visible_lines;
use std::io::{self, Write};

/// Writes through to `0`, escaping control characters other than line
/// breaks and tabs.
pub struct Visible<'a>(pub &'a mut dyn Write);

impl Write for Visible<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        // Commands write whole `str`s, so no character is split between calls.
        match std::str::from_utf8(buf) {
            // Most text holds nothing to escape: passed on without a copy.
            Ok(text) if !text.chars().any(needs_escape) => self.0.write_all(buf)?,
            _ => {
                let text = String::from_utf8_lossy(buf);
                self.0.write_all(visible_lines(&text).as_bytes())?;
            }
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.0.flush()
    }
}

/// The characters `visible_lines` would change.
fn needs_escape(c: char) -> bool {
    c.is_control() && c != '\n' && c != '\t'
}

/// Whether `command` prints for programs (JSON, CSV), which get text exactly
/// as stored.
pub fn for_programs(command: Option<&Command>) -> bool {
    let exact = |format: ReportFormat| matches!(format, ReportFormat::Json | ReportFormat::Csv);
    match command {
        Some(Command::Report { format, .. }) => exact(*format),
        Some(Command::Apprentice {
            command: ApprenticeCommand::List { format } | ApprenticeCommand::Show { format, .. },
        }) => *format == ListFormat::Json,
        // `checkin show --format csv` prints Markdown: it is for people.
        Some(Command::Checkin {
            command: CheckinCommand::Show { format, .. },
        }) => *format == ReportFormat::Json,
        Some(Command::Evidence {
            command: EvidenceCommand::List { format, .. },
        }) => *format != RecordsFormat::Text,
        Some(Command::Evidence {
            command: EvidenceCommand::Show { format, .. },
        }) => *format == RecordFormat::Json,
        // Scripts and roff: their backslashes and quotes are meant as they are.
        Some(Command::Completions { .. } | Command::Man { .. }) => true,
        _ => false,
    }
}
