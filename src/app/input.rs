//! A text editing buffer measured in display cells: the cursor is a char index, and layout wraps by display
//! width (CJK characters take two cells and are never split across lines).

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use unicode_width::UnicodeWidthChar;

/// Display width of one char; control characters count as zero.
fn cw(c: char) -> usize {
    c.width().unwrap_or(0)
}

/// An editable text with a cursor, single- or multi-line.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Input {
    text: String,
    /// Cursor as a char index into `text` (0..=char count).
    cursor: usize,
    multiline: bool,
    /// The display column kept while moving Up/Down through shorter lines.
    goal: Option<usize>,
}

impl Input {
    /// A buffer holding `text` with the cursor at its end. A single-line buffer turns newlines into spaces.
    pub fn new(text: &str, multiline: bool) -> Input {
        let mut input = Input {
            text: String::new(),
            cursor: 0,
            multiline,
            goal: None,
        };
        input.set_text(text);
        input
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// Replaces the text and puts the cursor at its end.
    pub fn set_text(&mut self, text: &str) {
        let text = text.replace("\r\n", "\n").replace('\r', "\n");
        self.text = if self.multiline {
            text
        } else {
            text.replace('\n', " ")
        };
        self.cursor = self.len();
        self.goal = None;
    }

    /// The cursor as a char index.
    pub fn cursor(&self) -> usize {
        self.cursor
    }

    /// Moves the cursor to a char index (clamped to the text).
    pub fn set_cursor(&mut self, cursor: usize) {
        self.cursor = cursor.min(self.len());
        self.goal = None;
    }

    pub fn is_multiline(&self) -> bool {
        self.multiline
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// Number of chars in the text.
    pub fn len(&self) -> usize {
        self.text.chars().count()
    }

    /// Inserts one char at the cursor (a newline only when multiline; other control chars are dropped).
    pub fn insert(&mut self, c: char) -> bool {
        if c == '\n' && !self.multiline || c != '\n' && c.is_control() {
            return false;
        }
        let b = self.byte_at(self.cursor);
        self.text.insert(b, c);
        self.cursor += 1;
        self.goal = None;
        true
    }

    /// Inserts text at the cursor (e.g. a paste), filtered like typed chars.
    pub fn insert_str(&mut self, s: &str) -> bool {
        let mut changed = false;
        for c in s.replace("\r\n", "\n").chars() {
            let c = if c == '\n' && !self.multiline { ' ' } else { c };
            changed |= self.insert(c);
        }
        changed
    }

    /// Applies an editing key. True when the key was consumed and changed the text or moved the cursor.
    pub fn handle_key(&mut self, key: &KeyEvent) -> bool {
        if key.kind == KeyEventKind::Release {
            return false;
        }
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let alt = key.modifiers.contains(KeyModifiers::ALT);
        let vertical = matches!(key.code, KeyCode::Up | KeyCode::Down);
        if !vertical {
            self.goal = None;
        }
        match key.code {
            KeyCode::Char('u' | 'U') if ctrl && !alt => self.kill_to_line_start(),
            // Ctrl-Alt-char is how some terminals report AltGr characters: treat it as typing.
            KeyCode::Char(_) if ctrl != alt => false,
            KeyCode::Char(c) => self.insert(c),
            KeyCode::Enter if self.multiline && !ctrl && !alt => self.insert('\n'),
            KeyCode::Backspace if !ctrl && !alt => {
                if self.cursor == 0 {
                    return false;
                }
                self.cursor -= 1;
                self.remove_at(self.cursor);
                true
            }
            KeyCode::Delete if !ctrl && !alt => {
                if self.cursor >= self.len() {
                    return false;
                }
                self.remove_at(self.cursor);
                true
            }
            KeyCode::Left => self.move_to(self.cursor.saturating_sub(1)),
            KeyCode::Right => self.move_to((self.cursor + 1).min(self.len())),
            KeyCode::Home => self.move_to(self.line_start()),
            KeyCode::End => self.move_to(self.line_end()),
            KeyCode::Up if self.multiline => self.vertical(false),
            KeyCode::Down if self.multiline => self.vertical(true),
            _ => false,
        }
    }

    /// The text as visual lines wrapped to `width` cells, and the cursor's (x, y) in cells within them.
    pub fn layout(&self, width: u16) -> (Vec<String>, (u16, u16)) {
        let (lines, pos) = wrap_impl(&self.text, Some(self.cursor), width as usize);
        let (x, y) = pos.unwrap_or((0, 0));
        (lines, (to_u16(x), to_u16(y)))
    }

    /// A one-row window of a single-line text, `width` cells wide, scrolled so the cursor is visible, and the
    /// cursor's x within it. A cell is kept free after the text so the cursor can sit at its end.
    pub fn view(&self, width: u16) -> (String, u16) {
        let w = width as usize;
        if w == 0 {
            return (String::new(), 0);
        }
        let chars: Vec<char> = self
            .text
            .chars()
            .map(|c| if c == '\n' { ' ' } else { c })
            .collect();
        let cur = self.cursor.min(chars.len());
        let mut start = 0;
        let mut before: usize = chars[..cur].iter().map(|c| cw(*c)).sum();
        while before > w.saturating_sub(1) && start < cur {
            before -= cw(chars[start]);
            start += 1;
        }
        let mut out = String::new();
        let mut used = 0;
        for c in &chars[start..] {
            if used + cw(*c) > w {
                break;
            }
            used += cw(*c);
            out.push(*c);
        }
        (out, to_u16(before))
    }

    fn byte_at(&self, ci: usize) -> usize {
        self.text
            .char_indices()
            .nth(ci)
            .map_or(self.text.len(), |(b, _)| b)
    }

    fn remove_at(&mut self, ci: usize) {
        let b = self.byte_at(ci);
        if b < self.text.len() {
            self.text.remove(b);
        }
    }

    fn move_to(&mut self, to: usize) -> bool {
        let moved = to != self.cursor;
        self.cursor = to;
        moved
    }

    /// Char index where the cursor's line begins.
    fn line_start(&self) -> usize {
        let chars: Vec<char> = self.text.chars().collect();
        let mut i = self.cursor.min(chars.len());
        while i > 0 && chars[i - 1] != '\n' {
            i -= 1;
        }
        i
    }

    /// Char index of the end of the cursor's line (before its newline).
    fn line_end(&self) -> usize {
        let chars: Vec<char> = self.text.chars().collect();
        let mut i = self.cursor.min(chars.len());
        while i < chars.len() && chars[i] != '\n' {
            i += 1;
        }
        i
    }

    pub(crate) fn kill_to_line_start(&mut self) -> bool {
        let start = self.line_start();
        if start == self.cursor {
            return false;
        }
        let (a, b) = (self.byte_at(start), self.byte_at(self.cursor));
        self.text.replace_range(a..b, "");
        self.cursor = start;
        true
    }

    /// Moves to the previous or next logical line, keeping the display column.
    fn vertical(&mut self, down: bool) -> bool {
        let lines: Vec<Vec<char>> = self.text.split('\n').map(|l| l.chars().collect()).collect();
        // Which line the cursor is on and where that line starts.
        let (mut row, mut start) = (0, 0);
        for (i, l) in lines.iter().enumerate() {
            if self.cursor <= start + l.len() {
                row = i;
                break;
            }
            start += l.len() + 1;
        }
        let col = self.goal.unwrap_or_else(|| {
            let line = lines.get(row).map_or(&[][..], |l| &l[..]);
            line[..(self.cursor - start).min(line.len())]
                .iter()
                .map(|c| cw(*c))
                .sum()
        });
        let target = if down {
            if row + 1 >= lines.len() {
                return false;
            }
            row + 1
        } else {
            if row == 0 {
                return false;
            }
            row - 1
        };
        let target_start: usize = lines[..target].iter().map(|l| l.len() + 1).sum();
        let mut w = 0;
        let mut off = 0;
        for c in &lines[target] {
            if w + cw(*c) > col {
                break;
            }
            w += cw(*c);
            off += 1;
        }
        self.cursor = target_start + off;
        self.goal = Some(col);
        true
    }
}

fn to_u16(n: usize) -> u16 {
    u16::try_from(n).unwrap_or(u16::MAX)
}

/// Wraps text into visual lines of at most `width` cells (hard newlines kept, wide chars never split).
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    wrap_impl(text, None, width).0
}

/// Wraps and, given a cursor char index, finds its cell position. A cursor that would sit just past a full
/// line moves to the start of the next visual line.
fn wrap_impl(
    text: &str,
    cursor: Option<usize>,
    width: usize,
) -> (Vec<String>, Option<(usize, usize)>) {
    let w = width.max(1);
    let mut lines = Vec::new();
    let mut cur = String::new();
    let mut cur_w = 0;
    let mut pos = None;
    let mut n = 0;
    for (i, c) in text.chars().enumerate() {
        n = i + 1;
        if c == '\n' {
            if cursor == Some(i) {
                if cur_w >= w {
                    lines.push(std::mem::take(&mut cur));
                    cur_w = 0;
                }
                pos = Some((cur_w, lines.len()));
            }
            lines.push(std::mem::take(&mut cur));
            cur_w = 0;
            continue;
        }
        let c_w = cw(c);
        if cur_w + c_w > w && !cur.is_empty() {
            lines.push(std::mem::take(&mut cur));
            cur_w = 0;
        }
        if cursor == Some(i) {
            pos = Some((cur_w, lines.len()));
        }
        cur.push(c);
        cur_w += c_w;
    }
    if let Some(c) = cursor
        && c >= n
    {
        if cur_w >= w {
            lines.push(std::mem::take(&mut cur));
            cur_w = 0;
        }
        pos = Some((cur_w, lines.len()));
    }
    lines.push(cur);
    (lines, pos)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    fn typed(s: &str, multiline: bool) -> Input {
        let mut i = Input::new("", multiline);
        for c in s.chars() {
            let code = if c == '\n' {
                KeyCode::Enter
            } else {
                KeyCode::Char(c)
            };
            i.handle_key(&key(code));
        }
        i
    }

    #[test]
    fn chinese_cursor_is_measured_in_cells() {
        let mut i = typed("中文ab", false);
        assert_eq!(i.text(), "中文ab");
        assert!(i.handle_key(&key(KeyCode::Left)));
        assert!(i.handle_key(&key(KeyCode::Left)));
        assert_eq!(i.cursor(), 2);
        let (lines, pos) = i.layout(20);
        assert_eq!(lines, vec!["中文ab".to_string()]);
        assert_eq!(pos, (4, 0));
        assert_eq!(i.view(20), ("中文ab".to_string(), 4));
    }

    #[test]
    fn editing_keys() {
        let mut i = typed("hello", false);
        assert!(i.handle_key(&key(KeyCode::Home)));
        assert!(!i.handle_key(&key(KeyCode::Left)));
        assert!(!i.handle_key(&key(KeyCode::Backspace)));
        assert!(i.handle_key(&key(KeyCode::Delete)));
        assert_eq!(i.text(), "ello");
        assert!(i.handle_key(&key(KeyCode::Char('H'))));
        assert!(i.handle_key(&key(KeyCode::End)));
        assert!(!i.handle_key(&key(KeyCode::Delete)));
        assert!(i.handle_key(&key(KeyCode::Backspace)));
        assert_eq!(i.text(), "Hell");
        // Enter and Up/Down are not for a single-line buffer; Ctrl-S belongs to the form.
        assert!(!i.handle_key(&key(KeyCode::Enter)));
        assert!(!i.handle_key(&key(KeyCode::Up)));
        assert!(!i.handle_key(&KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL)));
        assert_eq!(i.text(), "Hell");
        i.handle_key(&key(KeyCode::Left));
        assert!(i.handle_key(&KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL)));
        assert_eq!(i.text(), "l");
        assert_eq!(i.cursor(), 0);
        // Shifted letters are typing.
        assert!(i.handle_key(&KeyEvent::new(KeyCode::Char('A'), KeyModifiers::SHIFT)));
        assert_eq!(i.text(), "Al");
    }

    #[test]
    fn multiline_keeps_the_display_column() {
        let mut i = typed("中文ab\nx\n清源县", true);
        assert_eq!(i.text(), "中文ab\nx\n清源县");
        // From the end of line 3 (col 6) up to "x" (col 1), then up again back to col 6 (end of "中文ab").
        assert!(i.handle_key(&key(KeyCode::Up)));
        assert_eq!(i.layout(40).1, (1, 1));
        assert!(i.handle_key(&key(KeyCode::Up)));
        assert_eq!(i.layout(40).1, (6, 0));
        assert_eq!(i.cursor(), 4);
        assert!(!i.handle_key(&key(KeyCode::Up)));
        // From col 5 (after "中文a") down twice: col 5 is inside 县 (cells 4-5), so the cursor lands before it.
        assert!(i.handle_key(&key(KeyCode::Left)));
        assert!(i.handle_key(&key(KeyCode::Down)));
        assert!(i.handle_key(&key(KeyCode::Down)));
        assert_eq!(i.layout(40).1, (4, 2));
        assert!(!i.handle_key(&key(KeyCode::Down)));
        assert!(i.handle_key(&key(KeyCode::Home)));
        assert_eq!(i.layout(40).1, (0, 2));
        assert!(i.handle_key(&KeyEvent::new(KeyCode::End, KeyModifiers::NONE)));
        assert!(i.handle_key(&KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL)));
        assert_eq!(i.text(), "中文ab\nx\n");
        assert!(i.handle_key(&key(KeyCode::Backspace)));
        assert_eq!(i.text(), "中文ab\nx");
    }

    #[test]
    fn wrapping_never_splits_a_wide_char() {
        // 5 cells wide: "ab中" is 4 cells, 文 would make 6, so it moves to the next line.
        let i = Input::new("ab中文cd", false);
        let (lines, pos) = i.layout(5);
        assert_eq!(lines, vec!["ab中".to_string(), "文cd".to_string()]);
        assert_eq!(pos, (4, 1));
        for l in &lines {
            assert!(crate::text::width(l) <= 5);
        }
        // A cursor just past a full line goes to the next visual line.
        let full = Input::new("中文", false);
        assert_eq!(full.layout(4), (vec!["中文".into(), String::new()], (0, 1)));
        assert_eq!(wrap("中文", 4), vec!["中文".to_string()]);
        assert_eq!(wrap("a\n\nb", 4), vec!["a", "", "b"]);
    }

    #[test]
    fn view_scrolls_to_the_cursor() {
        let mut i = Input::new("清源县交通运输局", false);
        let (s, x) = i.view(8);
        assert!(s.ends_with("运输局"));
        assert_eq!(x as usize, crate::text::width(&s));
        assert!(x < 8);
        i.set_cursor(0);
        assert_eq!(i.view(8), ("清源县交".to_string(), 0));
    }
}
