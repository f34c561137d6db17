//! Reading a framework file: guard the bytes, parse the YAML, validate the
//! content, and place every problem at a line and column.

use super::error::{Diagnostic, FrameworkError, Position};
use super::model::Framework;
use super::nesting::check_shape;
use super::source_map::SourceMap;
use super::validate::validate;
use sha2::{Digest, Sha256};
use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

/// Framework files are small; anything larger is a mistake or an attack.
pub const MAX_FILE_BYTES: u64 = 10 * 1024 * 1024;

const NO_VALUE: &str = "the file holds no YAML value (only comments or blank lines)";

/// Loads and validates the framework file at `path`.
pub fn load_file(path: &Path) -> Result<Framework, FrameworkError> {
    let name = path.display().to_string();
    let text =
        read_text(path).map_err(|diagnostic| FrameworkError::new(&name, vec![diagnostic]))?;
    load_str(&name, &text)
}

/// Parses and validates framework text; `name` labels it in errors.
pub fn load_str(name: &str, text: &str) -> Result<Framework, FrameworkError> {
    // Editors on Windows often start UTF-8 files with a byte order mark.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(FrameworkError::whole_file(
            name,
            "the file is empty: a framework file starts with `format_version` and `framework`",
        ));
    }
    check_shape(text).map_err(|diagnostic| FrameworkError::new(name, vec![diagnostic]))?;
    load_shaped(name, text)
}

/// Parses and validates text already known to be shaped as a framework
/// file can be (nesting and aliases within bounds): the bundled files,
/// whose shape a test checks, skip that second parse at every start.
pub(super) fn load_shaped(name: &str, text: &str) -> Result<Framework, FrameworkError> {
    // `Option` so that a document of only comments (or `~`) reads as nothing.
    let framework: Option<Framework> = serde_yaml::from_str(text)
        .map_err(|error| FrameworkError::new(name, vec![parse_diagnostic(&error)]))?;
    let Some(framework) = framework else {
        return Err(FrameworkError::whole_file(name, NO_VALUE));
    };
    let problems = validate(&framework);
    if problems.is_empty() {
        return Ok(Framework {
            content_hash: content_hash(text),
            ..framework
        });
    }
    let source_map = SourceMap::build(text);
    let mut diagnostics: Vec<Diagnostic> = problems
        .into_iter()
        .map(|problem| Diagnostic {
            position: source_map.find(&problem.field),
            field: Some(problem.field),
            message: problem.message,
        })
        .collect();
    // Problems in file order; those that cannot be placed come last.
    diagnostics.sort_by_key(|diagnostic| (diagnostic.position.is_none(), diagnostic.position));
    Err(FrameworkError::new(name, diagnostics))
}

/// Loads text that was also prepared as JSON (`prepared`) from the same
/// YAML when the binary was built: the JSON when it gives a valid
/// framework, else the YAML, whose problems are then placed in the file.
pub(super) fn load_prepared(
    name: &str,
    text: &str,
    prepared: &str,
) -> Result<Framework, FrameworkError> {
    match serde_json::from_str::<Framework>(prepared) {
        Ok(framework) if validate(&framework).is_empty() => Ok(Framework {
            content_hash: content_hash(text),
            ..framework
        }),
        _ => load_shaped(name, text),
    }
}

/// The SHA-256 of the file's text, as enrolments record it.
fn content_hash(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    digest.iter().map(|byte| format!("{byte:02x}")).collect()
}

/// Reads the file as UTF-8 text, refusing what cannot be a framework file.
fn read_text(path: &Path) -> Result<String, Diagnostic> {
    let metadata = std::fs::metadata(path).map_err(|error| unreadable(&error))?;
    if metadata.is_dir() {
        return Err(Diagnostic::whole_file(
            "is a directory; give the path of a framework YAML file",
        ));
    }
    if metadata.len() > MAX_FILE_BYTES {
        return Err(too_large());
    }
    // `take` also bounds files whose size the metadata does not tell (pipes, devices).
    let file = File::open(path).map_err(|error| unreadable(&error))?;
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|error| unreadable(&error))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large());
    }
    let utf8_end = match std::str::from_utf8(&bytes) {
        Ok(_) => bytes.len(),
        Err(error) => error.valid_up_to(),
    };
    // A NUL is valid UTF-8 but never belongs in YAML: it marks a binary file.
    let first_bad = bytes[..utf8_end]
        .iter()
        .position(|&byte| byte == 0)
        .or((utf8_end < bytes.len()).then_some(utf8_end));
    if let Some(offset) = first_bad {
        return Err(not_text(&bytes, offset));
    }
    String::from_utf8(bytes)
        .map_err(|error| not_text(error.as_bytes(), error.utf8_error().valid_up_to()))
}

fn unreadable(error: &io::Error) -> Diagnostic {
    let reason = match error.kind() {
        io::ErrorKind::NotFound => "no such file".to_string(),
        io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => error.to_string(),
    };
    Diagnostic::whole_file(format!("cannot read the file: {reason}"))
}

fn too_large() -> Diagnostic {
    Diagnostic::whole_file(format!(
        "the file is larger than {} MB; a framework file is a few kilobytes of YAML",
        MAX_FILE_BYTES / (1024 * 1024)
    ))
}

/// Names where the first byte that is not text sits.
fn not_text(bytes: &[u8], offset: usize) -> Diagnostic {
    let before = &bytes[..offset];
    let line = before.iter().filter(|&&byte| byte == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|&byte| byte == b'\n')
        .map_or(0, |newline| newline + 1);
    let column = String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count()
        + 1;
    Diagnostic {
        position: Some(Position { line, column }),
        field: None,
        message: format!(
            "not a text file: byte 0x{:02X} at offset {offset} is not UTF-8 text; framework files are YAML",
            bytes[offset]
        ),
    }
}

/// Turns a parser or type error into a diagnostic, moving the position the
/// message ends with into the diagnostic's own line and column.
fn parse_diagnostic(error: &serde_yaml::Error) -> Diagnostic {
    let mut message = error.to_string();
    let position = error.location().map(|location| Position {
        line: location.line(),
        column: location.column(),
    });
    if let Some(position) = position {
        let suffix = format!(" at line {} column {}", position.line, position.column);
        if let Some(start) = message.find(&suffix) {
            message.replace_range(start..start + suffix.len(), "");
        }
    }
    if message == "EOF while parsing a value" {
        message = NO_VALUE.to_string();
    }
    Diagnostic {
        position,
        field: None,
        message: in_plain_words(message),
    }
}

/// The deserialiser names Rust types; a person writing YAML needs other words.
fn in_plain_words(mut message: String) -> String {
    for (rust_words, plain_words) in [
        (
            "expected u32",
            "expected a whole number from 0 to 4294967295",
        ),
        ("expected f64", "expected a number"),
        ("expected a boolean", "expected true or false"),
    ] {
        message = message.replace(rust_words, plain_words);
    }
    // "expected struct Metadata" → "expected a mapping"
    if let Some(start) = message.find("expected struct ") {
        let name_start = start + "expected struct ".len();
        let name_end = message[name_start..]
            .find(|c: char| !c.is_alphanumeric())
            .map_or(message.len(), |end| name_start + end);
        message.replace_range(start..name_end, "expected a mapping");
    }
    message
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_type_error_keeps_its_path_and_moves_its_position() {
        let error = load_str("f.yaml", "format_version: one\n").unwrap_err();
        assert_eq!(error.diagnostics.len(), 1);
        let diagnostic = &error.diagnostics[0];
        assert_eq!(
            diagnostic.position,
            Some(Position {
                line: 1,
                column: 17
            })
        );
        assert!(
            diagnostic
                .message
                .starts_with("format_version: invalid type: string \"one\""),
            "{}",
            diagnostic.message
        );
        assert!(
            !diagnostic.message.contains("at line"),
            "{}",
            diagnostic.message
        );
    }

    #[test]
    fn comments_only_is_reported_as_holding_no_value() {
        let error = load_str("f.yaml", "# nothing here\n").unwrap_err();
        assert_eq!(
            error.to_string(),
            "f.yaml: the file holds no YAML value (only comments or blank lines)"
        );
    }

    #[test]
    fn a_bad_byte_is_placed_by_line_and_column() {
        let diagnostic = not_text(b"ab\ncd\xFFe", 5);
        assert_eq!(diagnostic.position, Some(Position { line: 2, column: 3 }));
        assert!(diagnostic.message.contains("0xFF at offset 5"));
    }
}
