//! Where each field of a YAML file starts, so that problems found after
//! deserialising (which forgets positions) can still name a line and column.
//!
//! Paths use the same form as the YAML deserialiser's errors:
//! `outcomes[3].code`, `gateway.rules[0].check.requirement`.

use super::error::Position;
use saphyr_parser::{Event, Parser, Span};
use std::collections::HashMap;

/// Field path → position of its value (scalars) or of its key (collections).
#[derive(Debug, Default)]
pub struct SourceMap {
    positions: HashMap<String, Position>,
}

/// A collection being walked: the path to it, and where the walk is inside it.
enum Frame {
    Mapping { path: String, key: Option<String> },
    Sequence { path: String, next_index: usize },
}

impl SourceMap {
    /// Maps as much of `text` as parses; a syntax error ends the map early,
    /// since the deserialiser reports that error with its own position.
    /// Aliases are not followed, so an alias bomb costs nothing here.
    pub fn build(text: &str) -> SourceMap {
        let mut map = SourceMap::default();
        map.top_level_keys(text);
        let mut stack: Vec<Frame> = Vec::new();
        for event in Parser::new_from_str(text) {
            let Ok((event, span)) = event else { break };
            match event {
                Event::Scalar(value, ..) => map.on_scalar(&mut stack, &value, span),
                Event::Alias(_) => map.on_scalar(&mut stack, "", span),
                Event::MappingStart(..) => {
                    let path = map.on_node(&mut stack, span, false);
                    stack.push(Frame::Mapping { path, key: None });
                }
                Event::SequenceStart(..) => {
                    let path = map.on_node(&mut stack, span, false);
                    stack.push(Frame::Sequence {
                        path,
                        next_index: 0,
                    });
                }
                Event::MappingEnd | Event::SequenceEnd => {
                    stack.pop();
                }
                _ => {}
            }
        }
        map
    }

    /// Top-level keys found by their lines alone (`key:` at the start of a
    /// line), so that a problem can still be placed in its section when the
    /// event parser stops early on something the deserialiser accepted.
    fn top_level_keys(&mut self, text: &str) {
        for (index, line) in text.lines().enumerate() {
            let Some((key, _)) = line.split_once(':') else {
                continue;
            };
            if !key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
                self.positions.entry(key.to_string()).or_insert(Position {
                    line: index + 1,
                    column: 1,
                });
            }
        }
    }

    /// The position of `path`, or of its nearest ancestor that has one.
    pub fn find(&self, path: &str) -> Option<Position> {
        let mut path = path;
        loop {
            if let Some(position) = self.positions.get(path) {
                return Some(*position);
            }
            let cut = path.rfind(['.', '['])?;
            path = &path[..cut];
        }
    }

    /// A scalar is either a mapping key (remember it) or a value (record it).
    fn on_scalar(&mut self, stack: &mut [Frame], value: &str, span: Span) {
        if let Some(Frame::Mapping {
            path,
            key: key @ None,
        }) = stack.last_mut()
        {
            let key_path = join(path, value);
            self.positions.insert(key_path, position(span));
            *key = Some(value.to_string());
            return;
        }
        self.on_node(stack, span, true);
    }

    /// Records a value's position and returns its path. A collection keeps
    /// its key's position where it has one: that is where a reader looks.
    fn on_node(&mut self, stack: &mut [Frame], span: Span, is_scalar: bool) -> String {
        let path = match stack.last_mut() {
            None => String::new(),
            Some(Frame::Mapping { path, key }) => match key.take() {
                Some(key) => join(path, &key),
                // A collection used as a key: give it a path nothing will ask for.
                None => format!("{path}.?"),
            },
            Some(Frame::Sequence { path, next_index }) => {
                *next_index += 1;
                format!("{path}[{}]", *next_index - 1)
            }
        };
        if is_scalar {
            self.positions.insert(path.clone(), position(span));
        } else {
            self.positions.entry(path.clone()).or_insert(position(span));
        }
        path
    }
}

fn join(parent: &str, key: &str) -> String {
    if parent.is_empty() {
        key.to_string()
    } else {
        format!("{parent}.{key}")
    }
}

fn position(span: Span) -> Position {
    Position {
        line: span.start.line(),
        column: span.start.col() + 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "\
framework:
  id: pcso
outcomes:
  - code: LO1
    title: First
  - code: LO2
    title: Second
gateway:
  rules:
    - check: { requirement: diploma }
";

    fn at(line: usize, column: usize) -> Option<Position> {
        Some(Position { line, column })
    }

    #[test]
    fn finds_scalar_values_in_mappings_and_sequences() {
        let map = SourceMap::build(TEXT);
        assert_eq!(map.find("framework.id"), at(2, 7));
        assert_eq!(map.find("outcomes[1].code"), at(6, 11));
        assert_eq!(map.find("outcomes[1].title"), at(7, 12));
    }

    #[test]
    fn finds_values_in_flow_mappings() {
        let map = SourceMap::build(TEXT);
        assert_eq!(map.find("gateway.rules[0].check.requirement"), at(10, 29));
    }

    #[test]
    fn collections_point_at_their_key() {
        let map = SourceMap::build(TEXT);
        assert_eq!(map.find("outcomes"), at(3, 1));
        assert_eq!(map.find("gateway.rules"), at(9, 3));
    }

    #[test]
    fn a_missing_field_falls_back_to_its_nearest_ancestor() {
        let map = SourceMap::build(TEXT);
        assert_eq!(map.find("outcomes[1].description"), at(6, 5));
        assert_eq!(map.find("nothing.at.all"), None);
    }

    #[test]
    fn a_parser_that_stops_early_still_leaves_the_sections_placed() {
        let text = "a:\n  b: \"unterminated\n  - x\nlater:\n  - id: y\n";
        let map = SourceMap::build(text);
        assert_eq!(map.find("later[0].id"), at(4, 1));
    }
}
