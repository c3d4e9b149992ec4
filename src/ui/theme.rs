//! Semantic styles. With `NO_COLOR` set only modifiers remain, and no state is ever shown by colour alone
//! (overdue rows also carry `!` and a day count; the cursor row also carries `›`).

use ratatui::style::{Color, Modifier, Style};

#[derive(Clone, Copy, Debug)]
pub struct Theme {
    pub color: bool,
}

impl Theme {
    pub fn from_env() -> Theme {
        Theme {
            color: std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
        }
    }
    pub fn plain() -> Theme {
        Theme { color: false }
    }
    fn fg(&self, c: Color) -> Style {
        if self.color {
            Style::default().fg(c)
        } else {
            Style::default()
        }
    }
    pub fn overdue(&self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }
    pub fn soon(&self) -> Style {
        self.fg(Color::Yellow)
    }
    pub fn done(&self) -> Style {
        self.fg(Color::Green)
    }
    pub fn dim(&self) -> Style {
        Style::default().add_modifier(Modifier::DIM)
    }
    pub fn heading(&self) -> Style {
        Style::default().add_modifier(Modifier::BOLD)
    }
    pub fn header_row(&self) -> Style {
        Style::default().add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
    }
    pub fn cursor(&self) -> Style {
        Style::default().add_modifier(Modifier::REVERSED)
    }
    /// The base style of a list row: reversed on the cursor row.
    pub fn row(&self, selected: bool) -> Style {
        if selected {
            self.cursor()
        } else {
            Style::default()
        }
    }
    pub fn active_tab(&self) -> Style {
        Style::default().add_modifier(Modifier::REVERSED | Modifier::BOLD)
    }
    pub fn error(&self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }
    pub fn key(&self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }
}
