//! Refuses YAML nested deeper than any framework file needs, or that aliases
//! expand past a bound, before the deserialiser sees it: its parser slows
//! quadratically on deep flow nesting (100,000 `[` take seconds) and copies
//! every alias, so both are checked with a faster parser first, in one pass.

use super::aliases::Expansion;
use super::error::{Diagnostic, Position};
use saphyr_parser::{Event, Parser, Span};

/// The format itself nests seven levels deep; this leaves room for style.
pub const MAX_DEPTH: usize = 32;

/// An error when `text` nests collections deeper than `MAX_DEPTH`, or its
/// aliases expand it too far. Syntax errors are left for the deserialiser,
/// which reports them in its own words.
pub fn check_shape(text: &str) -> Result<(), Diagnostic> {
    let mut depth = 0usize;
    let mut expansion = Expansion::default();
    for event in Parser::new_from_str(text) {
        if let Ok((event, span)) = &event {
            expansion.count(event, *span, text)?;
        }
        match event {
            Ok((Event::MappingStart(..) | Event::SequenceStart(..), span)) => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err(too_deep(Some(span)));
                }
            }
            Ok((Event::MappingEnd | Event::SequenceEnd, _)) => depth = depth.saturating_sub(1),
            Ok(_) => {}
            // This parser stops on its own recursion limit before emitting the events.
            Err(error) if error.info().contains("recursion limit") => {
                let marker = *error.marker();
                return Err(too_deep(Some(Span::empty(marker))));
            }
            Err(_) => return Ok(()),
        }
    }
    Ok(())
}

fn too_deep(span: Option<Span>) -> Diagnostic {
    Diagnostic {
        position: span.map(|span| Position {
            line: span.start.line(),
            column: span.start.col() + 1,
        }),
        field: None,
        message: format!(
            "lists and mappings nest more than {MAX_DEPTH} levels deep; a framework file needs far fewer"
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_nesting_passes() {
        assert!(check_shape("a:\n  b:\n    - c: [1, {d: 2}]\n").is_ok());
    }

    #[test]
    fn deep_flow_nesting_is_refused_with_a_position() {
        let text = format!("a: {}", "[".repeat(100_000));
        let diagnostic = check_shape(&text).unwrap_err();
        assert_eq!(diagnostic.position.map(|p| p.line), Some(1));
        assert!(diagnostic.message.contains("nest more than 32 levels"));
    }

    #[test]
    fn deep_block_nesting_is_refused() {
        let text: String = (0..40)
            .map(|level| format!("{}k{level}:\n", "  ".repeat(level)))
            .collect();
        let diagnostic = check_shape(&format!("{text}{}x: 1\n", "  ".repeat(40))).unwrap_err();
        assert_eq!(diagnostic.position.map(|p| p.line), Some(33));
    }

    #[test]
    fn syntax_errors_are_left_to_the_deserialiser() {
        assert!(check_shape("a: [1, 2\n").is_ok());
    }
}
