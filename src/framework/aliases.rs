//! Bounds how far aliases can expand a file. The deserialiser copies an
//! anchored value for every alias to it, so one large string aliased a
//! thousand times costs a thousand copies (a 2 MB file became 1 GB). The
//! expanded size is counted from the parser's events, where an alias is
//! only a number, and the file is refused at the alias that passes the bound.

use super::error::{Diagnostic, Position};
use saphyr_parser::{Event, Span};
use std::collections::HashMap;

/// Twice the largest file accepted: room for any honest use of aliases.
pub const MAX_EXPANDED_BYTES: u64 = 20 * 1024 * 1024;

/// Each node counts at least this, so many tiny aliases are bounded too.
const NODE_COST: u64 = 1;

/// The expanded size so far, and the size of every anchored value.
#[derive(Debug, Default)]
pub struct Expansion {
    total: u64,
    anchored: HashMap<usize, u64>,
    /// Open collections: their anchor (0 for none) and size so far.
    open: Vec<(usize, u64)>,
}

impl Expansion {
    /// Counts one event; an error at the alias that passes the bound.
    pub fn count(&mut self, event: &Event, span: Span, text: &str) -> Result<(), Diagnostic> {
        match event {
            Event::Scalar(value, _, anchor, _) => {
                let size = value.len() as u64 + NODE_COST;
                self.remember(*anchor, size);
                self.add(size);
            }
            Event::Alias(anchor) => {
                let size = self.anchored.get(anchor).copied().unwrap_or(NODE_COST);
                self.add(size);
                if self.total > MAX_EXPANDED_BYTES {
                    return Err(too_large(span, text));
                }
            }
            Event::SequenceStart(anchor, _) | Event::MappingStart(anchor, _) => {
                self.total = self.total.saturating_add(NODE_COST);
                self.open.push((*anchor, NODE_COST));
            }
            Event::SequenceEnd | Event::MappingEnd => {
                if let Some((anchor, size)) = self.open.pop() {
                    self.remember(anchor, size);
                    if let Some((_, parent)) = self.open.last_mut() {
                        *parent = parent.saturating_add(size);
                    }
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// Adds a value's size to the document and to the collection it is in.
    fn add(&mut self, size: u64) {
        self.total = self.total.saturating_add(size);
        if let Some((_, open)) = self.open.last_mut() {
            *open = open.saturating_add(size);
        }
    }

    fn remember(&mut self, anchor: usize, size: u64) {
        if anchor != 0 {
            self.anchored.insert(anchor, size);
        }
    }
}

fn too_large(span: Span, text: &str) -> Diagnostic {
    let name = alias_at(span, text);
    Diagnostic {
        position: Some(Position {
            line: span.start.line(),
            column: span.start.col() + 1,
        }),
        field: None,
        message: format!(
            "the alias {name} makes the file expand past {} MB (each alias repeats its anchor's whole value); write the value out where it is needed, or anchor something smaller",
            MAX_EXPANDED_BYTES / (1024 * 1024)
        ),
    }
}

/// The alias as written (`*name`), read from the text at its position.
fn alias_at(span: Span, text: &str) -> String {
    let line = text.lines().nth(span.start.line().saturating_sub(1));
    let name: String = line
        .unwrap_or_default()
        .chars()
        .skip(span.start.col())
        .take_while(|c| !c.is_whitespace() && !",[]{}".contains(*c))
        .collect();
    if name.starts_with('*') {
        name
    } else {
        "here".to_string()
    }
}
