//! Text from users or files, made safe to draw: control and escape
//! characters are shown escaped, never sent to the terminal raw.

/// `text` with every control character replaced by a visible escape, and
/// the joiners that fuse emoji dropped (see `fuses_emoji`).
pub fn clean(text: &str) -> String {
    let shown = crate::domain::visible(text);
    if shown.chars().any(fuses_emoji) {
        shown.chars().filter(|&c| !fuses_emoji(c)).collect()
    } else {
        shown
    }
}

/// Characters that fuse emoji into one glyph (zero-width joiner, emoji
/// presentation selectors, skin-tone modifiers). The layout measures a
/// fused emoji as two cells, but many terminals draw each part on its own
/// and push the rest of the line, borders included, to the right. Without
/// them every part is measured as it is drawn. Only the screen loses them;
/// what is stored stays as typed.
fn fuses_emoji(c: char) -> bool {
    matches!(
        c,
        '\u{200D}' | '\u{FE0E}' | '\u{FE0F}' | '\u{1F3FB}'..='\u{1F3FF}'
    )
}

/// How many terminal cells `text` takes, measured as the screen draws it.
pub fn width(text: &str) -> usize {
    ratatui::text::Span::raw(text).width()
}

/// The start of `text` that fits in `cells` terminal cells.
pub fn cut(text: &str, cells: usize) -> String {
    let mut used = 0;
    let mut kept = String::new();
    for c in text.chars() {
        used += width(c.encode_utf8(&mut [0; 4]));
        if used > cells {
            break;
        }
        kept.push(c);
    }
    kept
}

/// `text` in lines of at most `cells` cells, broken between words (a
/// word longer than a line is broken where it must be).
pub fn wrap_words(text: &str, cells: usize) -> Vec<String> {
    let cells = cells.max(1);
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let mut word = word.to_string();
        loop {
            let joined = if line.is_empty() {
                word.clone()
            } else {
                format!("{line} {word}")
            };
            if width(&joined) <= cells {
                line = joined;
                break;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
                continue;
            }
            let head = cut(&word, cells);
            word = word[head.len()..].to_string();
            lines.push(head);
            if word.is_empty() {
                break;
            }
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// `text` in `cells` cells, ending in "…" when cut, so a cut is seen.
pub fn cut_marked(text: &str, cells: usize) -> String {
    if width(text) <= cells {
        return text.to_string();
    }
    format!("{}…", cut(text, cells.saturating_sub(1)))
}

/// One line of `text`: line breaks become spaces, then `clean`.
pub fn one_line(text: &str) -> String {
    clean(&text.replace(['\n', '\r'], " "))
}

/// Input typed by the user, with control characters other than line breaks
/// dropped before it is kept.
pub fn typed(text: &str) -> String {
    text.chars()
        .filter(|&c| !c.is_control() || c == '\n')
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_never_reach_the_terminal() {
        assert_eq!(clean("red \u{1b}[31m"), "red \\u{1b}[31m");
        assert_eq!(one_line("a\nb"), "a b");
        assert_eq!(typed("ok\u{7}\nyes"), "ok\nyes");
    }

    #[test]
    fn words_wrap_between_words_and_a_long_word_is_broken() {
        assert_eq!(
            wrap_words("Police ethics, standards and human rights", 16),
            ["Police ethics,", "standards and", "human rights"]
        );
        assert_eq!(wrap_words("abcdefgh ij", 3), ["abc", "def", "gh", "ij"]);
        assert_eq!(wrap_words("", 5), [""]);
    }

    #[test]
    fn widths_are_terminal_cells_not_characters() {
        assert_eq!(width("Zoë"), 3);
        assert_eq!(width("日本"), 4);
        assert_eq!(cut("日本語", 5), "日本");
        assert_eq!(cut("abc", 5), "abc");
        assert_eq!(clean("👩\u{200D}🚒"), "👩🚒");
    }
}
