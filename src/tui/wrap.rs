//! Styled lines wrapped at word boundaries before drawing, so a scrolled
//! pane knows how many lines it holds and can say how many more there are.

use super::text::{cut, width};
use ratatui::style::Style;
use ratatui::text::{Line, Span};

/// `line` broken into lines at most `cells` wide, each word keeping its
/// style; a word wider than a whole line is cut across lines. Lines after
/// the first start with `indent` spaces.
pub fn wrap(line: Line<'static>, cells: usize, indent: usize) -> Vec<Line<'static>> {
    let cells = cells.max(indent + 1);
    let mut lines = Vec::new();
    let mut current: Vec<Span<'static>> = Vec::new();
    let mut used = 0;
    for span in line.spans {
        let style = span.style;
        for word in words(&span.content) {
            let mut word = word.to_string();
            if used + width(&word) > cells && used > indent {
                lines.push(Line::from(std::mem::take(&mut current)));
                current.push(Span::raw(" ".repeat(indent)));
                used = indent;
                word = word.trim_start().to_string();
            }
            while used + width(&word) > cells {
                let mut head = cut(&word, cells - used);
                if head.is_empty() {
                    // A character wider than the room left still goes somewhere.
                    head = word.chars().take(1).collect();
                }
                word = word[head.len()..].to_string();
                current.push(Span::styled(head, style));
                lines.push(Line::from(std::mem::take(&mut current)));
                current.push(Span::raw(" ".repeat(indent)));
                used = indent;
            }
            used += width(&word);
            push(&mut current, word, style);
        }
    }
    lines.push(Line::from(current));
    lines
}

/// Words with the spaces before them: "a  b" is "a", "  b".
fn words(text: &str) -> Vec<&str> {
    let mut found = Vec::new();
    let mut start = 0;
    let mut in_word = false;
    for (at, c) in text.char_indices() {
        if c == ' ' && in_word {
            found.push(&text[start..at]);
            start = at;
            in_word = false;
        } else if c != ' ' {
            in_word = true;
        }
    }
    if start < text.len() {
        found.push(&text[start..]);
    }
    found
}

/// Adds `text` to the line, joining the last span when its style is the same.
fn push(spans: &mut Vec<Span<'static>>, text: String, style: Style) {
    match spans.last_mut() {
        Some(last) if last.style == style => last.content.to_mut().push_str(&text),
        _ => spans.push(Span::styled(text, style)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(lines: &[Line]) -> Vec<String> {
        lines.iter().map(|line| line.to_string()).collect()
    }

    #[test]
    fn lines_break_between_words_and_keep_their_indent() {
        let line = Line::from(vec![
            Span::raw("  LO3 "),
            Span::raw("competent: a long note"),
        ]);
        assert_eq!(
            text(&wrap(line, 14, 4)),
            ["  LO3 ", "    competent:", "    a long", "    note"]
        );
    }

    #[test]
    fn a_word_wider_than_the_line_is_cut_across_lines() {
        let line = Line::from("abcdefghij");
        assert_eq!(text(&wrap(line, 4, 0)), ["abcd", "efgh", "ij"]);
    }
}
