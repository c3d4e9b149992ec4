//! The template language of documents: one line per paragraph, `@directive` for its layout, `{{name}}` for a
//! value from the record. Parsed and filled in one pass into layout blocks; every problem names its line.

use std::collections::BTreeMap;

/// One paragraph (or table) of a document, by its role in the GB/T 9704-2012 layout.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Block {
    /// The organ's name in red (发文机关标志).
    Organ(String),
    /// The document number with the red line under it.
    DocNo(String),
    Title(String),
    /// The recipient (主送机关), flush left.
    To(String),
    H1(String),
    H2(String),
    Para(String),
    /// Flush right, two characters in (the organ's name and the date under the text).
    Right(String),
    Note(String),
    /// The copied-to line between two rules (版记).
    Copy(String),
    Blank,
    Table(Vec<Vec<String>>),
}

/// A value for a placeholder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    Text(String),
    /// Several paragraphs; the placeholder stands alone on its line.
    Paras(Vec<String>),
    /// Table rows; the placeholder stands alone on a line inside `@table`.
    Rows(Vec<Vec<String>>),
}

pub type Values = BTreeMap<&'static str, Value>;

/// What is wrong with a template line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    UnknownDirective(String),
    UnknownPlaceholder(String),
    /// A multi-paragraph value inside other text.
    NotAlone(String),
    Unclosed,
    StrayEnd,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TemplateError {
    /// 1-based.
    pub line: usize,
    pub problem: Problem,
}

/// The placeholders of a line, in order.
fn placeholders(line: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = line;
    while let Some(a) = rest.find("{{") {
        let Some(b) = rest[a + 2..].find("}}") else {
            break;
        };
        out.push(rest[a + 2..a + 2 + b].trim());
        rest = &rest[a + 2 + b + 2..];
    }
    out
}

/// Fills the placeholders of a one-paragraph line; `None` when every placeholder in it is empty (the line is
/// left out).
fn fill_line(line: &str, values: &Values, n: usize) -> Result<Option<String>, TemplateError> {
    let err = |problem| TemplateError { line: n, problem };
    let names = placeholders(line);
    let mut out = line.to_string();
    let mut any_filled = false;
    for name in &names {
        let v = values
            .get(name)
            .ok_or_else(|| err(Problem::UnknownPlaceholder(name.to_string())))?;
        let Value::Text(t) = v else {
            return Err(err(Problem::NotAlone(name.to_string())));
        };
        any_filled |= !t.trim().is_empty();
        out = out.replacen(&format!("{{{{{name}}}}}", name = name), t, 1);
        // Spaced spellings ({{ name }}) too.
        out = out.replacen(&format!("{{{{ {name} }}}}"), t, 1);
    }
    Ok((names.is_empty() || any_filled).then_some(out))
}

/// The value of a line that is one placeholder alone, if it is.
fn alone<'v>(line: &str, values: &'v Values, n: usize) -> Result<Option<&'v Value>, TemplateError> {
    let t = line.trim();
    let names = placeholders(t);
    if names.len() == 1 && t.starts_with("{{") && t.ends_with("}}") && t.matches("{{").count() == 1
    {
        let v = values.get(names[0]).ok_or(TemplateError {
            line: n,
            problem: Problem::UnknownPlaceholder(names[0].to_string()),
        })?;
        return Ok(Some(v));
    }
    Ok(None)
}

/// Parses and fills `template` with `values`.
pub fn fill(template: &str, values: &Values) -> Result<Vec<Block>, TemplateError> {
    let mut out = Vec::new();
    let mut table: Option<(usize, Vec<Vec<String>>)> = None;
    for (i, raw) in template.lines().enumerate() {
        let n = i + 1;
        let line = raw.trim_end();
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        if let Some((_, rows)) = &mut table {
            if line.trim() == "@end" {
                if let Some((_, rows)) = table.take()
                    && !rows.is_empty()
                {
                    out.push(Block::Table(rows));
                }
                continue;
            }
            match alone(line, values, n)? {
                Some(Value::Rows(r)) => rows.extend(r.iter().cloned()),
                Some(Value::Paras(_)) => {
                    return Err(TemplateError {
                        line: n,
                        problem: Problem::NotAlone(placeholders(line)[0].to_string()),
                    });
                }
                _ => {
                    // A row keeps its place even when its values are empty: a form has blanks to fill in.
                    let cells = line
                        .split('|')
                        .map(|c| fill_line(c.trim(), values, n).map(Option::unwrap_or_default))
                        .collect::<Result<Vec<_>, _>>()?;
                    rows.push(cells);
                }
            }
            continue;
        }
        let (directive, rest) = match line.strip_prefix('@') {
            Some(d) => {
                let (word, rest) = d.split_once(' ').unwrap_or((d, ""));
                (Some(word.trim()), rest.trim())
            }
            None => (None, line.trim()),
        };
        let block: fn(String) -> Block = match directive {
            None => {
                match alone(rest, values, n)? {
                    Some(Value::Paras(ps)) => {
                        out.extend(ps.iter().cloned().map(Block::Para));
                        continue;
                    }
                    Some(Value::Rows(_)) => {
                        return Err(TemplateError {
                            line: n,
                            problem: Problem::NotAlone(placeholders(rest)[0].to_string()),
                        });
                    }
                    Some(Value::Text(_)) | None => {}
                }
                Block::Para
            }
            Some("organ") => Block::Organ,
            Some("docno") => Block::DocNo,
            Some("title") => Block::Title,
            Some("to") => Block::To,
            Some("h1") => Block::H1,
            Some("h2") => Block::H2,
            Some("right") => Block::Right,
            Some("note") => Block::Note,
            Some("copy") => Block::Copy,
            Some("blank") => {
                out.push(Block::Blank);
                continue;
            }
            Some("table") => {
                table = Some((n, Vec::new()));
                continue;
            }
            Some("end") => {
                return Err(TemplateError {
                    line: n,
                    problem: Problem::StrayEnd,
                });
            }
            Some(other) => {
                return Err(TemplateError {
                    line: n,
                    problem: Problem::UnknownDirective(other.to_string()),
                });
            }
        };
        if let Some(text) = fill_line(rest, values, n)? {
            out.push(block(text));
        }
    }
    if let Some((n, _)) = table {
        return Err(TemplateError {
            line: n,
            problem: Problem::Unclosed,
        });
    }
    Ok(out)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    fn values() -> Values {
        let mut v = Values::new();
        v.insert("organ", Value::Text("清源县人民检察院".into()));
        v.insert("empty", Value::Text(String::new()));
        v.insert("list", Value::Paras(vec!["甲".into(), "乙".into()]));
        v.insert(
            "rows",
            Value::Rows(vec![
                vec!["1".into(), "x".into()],
                vec!["2".into(), "y".into()],
            ]),
        );
        v
    }

    #[test]
    fn fills_lines_and_leaves_out_empty_ones() {
        let t = "# comment\n@organ {{organ}}\n@copy 抄送：{{empty}}\n{{list}}\n正文{{ organ }}。\n@table\n序号 | 内容\n{{rows}}\n备注 | {{empty}}\n@end\n@blank";
        let b = fill(t, &values()).unwrap();
        assert_eq!(
            b,
            vec![
                Block::Organ("清源县人民检察院".into()),
                Block::Para("甲".into()),
                Block::Para("乙".into()),
                Block::Para("正文清源县人民检察院。".into()),
                Block::Table(vec![
                    vec!["序号".into(), "内容".into()],
                    vec!["1".into(), "x".into()],
                    vec!["2".into(), "y".into()],
                    vec!["备注".into(), String::new()],
                ]),
                Block::Blank,
            ]
        );
    }

    #[test]
    fn problems_name_the_line() {
        let bad = |t: &str| fill(t, &values()).unwrap_err();
        assert_eq!(
            bad("@organ x\n@bogus y"),
            TemplateError {
                line: 2,
                problem: Problem::UnknownDirective("bogus".into())
            }
        );
        assert_eq!(
            bad("正文{{nope}}").problem,
            Problem::UnknownPlaceholder("nope".into())
        );
        assert_eq!(bad("见{{list}}").problem, Problem::NotAlone("list".into()));
        assert_eq!(bad("\n@table\na | b").line, 2);
        assert_eq!(bad("@end").problem, Problem::StrayEnd);
    }
}
