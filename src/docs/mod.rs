//! Documents from the record: the suggestion document, the urging letter, the return-visit record form and
//! the crime-analysis report outline, filled from a template (shipped in `assets/templates/`, or the office's
//! own beside its config) and written as Word (GB/T 9704-2012 layout) or Markdown.

mod docx;
pub mod template;
pub mod values;

use std::io::Write;
use std::path::{Path, PathBuf};

use template::{Block, Problem, Values};
use values::Refusal;

use crate::domain::Case;
use crate::i18n::{K, Lang};
use crate::store::Store;

/// Which document.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Suggestion,
    Urging,
    Visit,
    Analysis,
}

impl Kind {
    pub const ALL: [Kind; 4] = [Kind::Suggestion, Kind::Urging, Kind::Visit, Kind::Analysis];

    pub fn code(self) -> &'static str {
        match self {
            Kind::Suggestion => "suggestion",
            Kind::Urging => "urging",
            Kind::Visit => "visit",
            Kind::Analysis => "analysis",
        }
    }

    pub fn parse(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.code() == s.trim())
    }

    /// The document's name as the file is called (检察建议书, 催办函, ...).
    pub fn name_zh(self) -> &'static str {
        match self {
            Kind::Suggestion => "检察建议书",
            Kind::Urging => "催办函",
            Kind::Visit => "回访记录表",
            Kind::Analysis => "犯罪分析报告",
        }
    }

    fn builtin(self) -> &'static str {
        match self {
            Kind::Suggestion => include_str!("../../assets/templates/suggestion.txt"),
            Kind::Urging => include_str!("../../assets/templates/urging.txt"),
            Kind::Visit => include_str!("../../assets/templates/visit.txt"),
            Kind::Analysis => include_str!("../../assets/templates/analysis.txt"),
        }
    }

    pub fn template_file(self) -> String {
        format!("{}.txt", self.code())
    }
}

/// The file format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Docx,
    Md,
}

impl Format {
    pub fn parse(s: &str) -> Option<Format> {
        match s.trim().to_ascii_lowercase().as_str() {
            "docx" | "word" => Some(Format::Docx),
            "md" | "markdown" => Some(Format::Md),
            _ => None,
        }
    }
    pub fn extension(self) -> &'static str {
        match self {
            Format::Docx => "docx",
            Format::Md => "md",
        }
    }
}

/// The office's particulars for its documents (`[documents]` in config.toml) and where its own templates are.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Setup {
    /// The organ's full name, e.g. 清源县人民检察院.
    pub organ: String,
    /// The officer to contact about a document, and the telephone.
    pub contact: String,
    pub phone: String,
    /// A folder of the office's own templates (`suggestion.txt`, ...); default: `templates/` beside the
    /// config file.
    pub templates: Option<PathBuf>,
}

impl Setup {
    /// The organ's name, or a blank to fill in by hand when the office has not set it.
    pub fn organ_or_blank(mut self) -> Setup {
        if self.organ.trim().is_empty() {
            self.organ = "××县人民检察院".into();
        }
        self
    }
}

/// A document that could not be made, worded for the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocError(pub String);

/// The template of `kind`: the office's own file when there is one, else the shipped one; with the name to
/// show in messages.
pub fn template(kind: Kind, setup: &Setup, lang: Lang) -> Result<(String, String), DocError> {
    if let Some(dir) = &setup.templates {
        let path = dir.join(kind.template_file());
        match std::fs::read_to_string(&path) {
            Ok(t) => return Ok((t, path.display().to_string())),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(DocError(lang.f(K::DocReadTemplate, &[&path.display(), &e]))),
        }
    }
    Ok((
        kind.builtin().to_string(),
        format!("assets/templates/{}", kind.template_file()),
    ))
}

fn problem_text(p: &Problem, lang: Lang) -> String {
    match p {
        Problem::UnknownDirective(d) => lang.f(K::DocTplDirective, &[d]),
        Problem::UnknownPlaceholder(n) => lang.f(K::DocTplPlaceholder, &[n]),
        Problem::NotAlone(n) => lang.f(K::DocTplAlone, &[n]),
        Problem::Unclosed => lang.t(K::DocTplUnclosed).to_string(),
        Problem::StrayEnd => lang.t(K::DocTplStrayEnd).to_string(),
    }
}

/// Fills the template of `kind` and writes the document in `format`.
pub fn render(
    kind: Kind,
    values: &Values,
    setup: &Setup,
    format: Format,
    lang: Lang,
) -> Result<Vec<u8>, DocError> {
    let (text, shown) = template(kind, setup, lang)?;
    let blocks = template::fill(&text, values).map_err(|e| {
        DocError(lang.f(
            K::DocTplError,
            &[&shown, &e.line, &problem_text(&e.problem, lang)],
        ))
    })?;
    match format {
        Format::Docx => docx::render(&blocks).map_err(|e| DocError(lang.f(K::DocBuild, &[&e]))),
        Format::Md => Ok(markdown(&blocks).into_bytes()),
    }
}

/// The same document as Markdown (to read, mail or paste).
pub fn markdown(blocks: &[Block]) -> String {
    let mut out = String::new();
    for b in blocks {
        match b {
            Block::Organ(t) => out.push_str(&format!("**{t}**\n\n")),
            Block::DocNo(t) => out.push_str(&format!("{t}\n\n---\n\n")),
            Block::Title(t) => out.push_str(&format!("# {t}\n\n")),
            Block::H1(t) => out.push_str(&format!("## {t}\n\n")),
            Block::H2(t) => out.push_str(&format!("### {t}\n\n")),
            Block::To(t) | Block::Para(t) | Block::Note(t) => out.push_str(&format!("{t}\n\n")),
            Block::Right(t) => out.push_str(&format!("<p align=\"right\">{t}</p>\n\n")),
            Block::Copy(t) => out.push_str(&format!("---\n\n{t}\n\n---\n\n")),
            Block::Blank => {}
            Block::Table(rows) => {
                let cols = rows.iter().map(Vec::len).max().unwrap_or(1);
                for (i, r) in rows.iter().enumerate() {
                    let mut cells: Vec<String> = r.iter().map(|c| c.replace('|', "｜")).collect();
                    cells.resize(cols, String::new());
                    out.push_str(&format!("| {} |\n", cells.join(" | ")));
                    if i == 0 {
                        out.push_str(&format!("|{}\n", "---|".repeat(cols)));
                    }
                }
                out.push('\n');
            }
        }
    }
    out
}

/// A document made from the record.
#[derive(Debug)]
pub struct Made {
    pub bytes: Vec<u8>,
    /// The file name it is written under unless told otherwise.
    pub name: String,
    /// The check before issue's failing points (suggestion documents), worded for the user.
    pub warnings: Vec<String>,
}

/// The document of `kind` for the record `id` (a number, a document number or a case number).
pub fn make(
    store: &Store,
    kind: Kind,
    id: &str,
    format: Format,
    setup: &Setup,
    lang: Lang,
) -> Result<Made, DocError> {
    let fail = |e: crate::store::StoreError| DocError(e.message(lang));
    let today = store.today();
    let mut warnings = Vec::new();
    let (vals, name) = match kind {
        Kind::Analysis => {
            let cid = match id.trim().parse::<i64>() {
                Ok(n) => n,
                Err(_) => store
                    .case_id_by_no(id)
                    .map_err(fail)?
                    .ok_or_else(|| DocError(lang.f(K::DocNoSuchCase, &[&id])))?,
            };
            let detail = store.case_detail(cid).map_err(fail)?;
            let name = detail.row.case.case_no.clone();
            (values::analysis(&detail, today, setup), name)
        }
        _ => {
            let sid = match id.trim().parse::<i64>() {
                Ok(n) => n,
                Err(_) => store
                    .suggestion_id_by_doc_no(id)
                    .map_err(fail)?
                    .ok_or_else(|| DocError(lang.f(K::DocNoSuchDocNo, &[&id])))?,
            };
            let detail = store.suggestion_detail(sid).map_err(fail)?;
            let s = &detail.row.suggestion;
            let shown = s.doc_no.clone().unwrap_or_else(|| s.title.clone());
            let refused = |r: Refusal| {
                DocError(lang.f(
                    match r {
                        Refusal::NotOverdue => K::DocNotOverdue,
                        Refusal::NotReplied => K::DocNotReplied,
                    },
                    &[&shown, &detail.row.state.label(lang)],
                ))
            };
            let vals = match kind {
                Kind::Urging => values::urging(&detail, today, setup).map_err(refused)?,
                Kind::Visit => {
                    let unit = store.get(s.recipient_id).map_err(fail)?;
                    values::visit(&detail, &unit, setup).map_err(refused)?
                }
                _ => {
                    // The check before issue, as warnings beside the document (never a refusal).
                    let facts = store.issue_facts(s).map_err(fail)?;
                    let points = crate::domain::issue_check::check(
                        s,
                        &facts,
                        &store.rules().settings.doc_prefix,
                    );
                    warnings.extend(
                        crate::domain::issue_check::warnings(&points).map(|p| p.text(lang)),
                    );
                    let cases = detail
                        .cases
                        .iter()
                        .map(|(cid, _)| store.get::<Case>(*cid))
                        .collect::<Result<Vec<_>, _>>()
                        .map_err(fail)?;
                    values::suggestion(&detail, &cases, store.rules(), today, setup)
                }
            };
            (vals, shown)
        }
    };
    let bytes = render(kind, &vals, setup, format, lang)?;
    Ok(Made {
        bytes,
        name: file_name(&format!("{}-{name}.{}", kind.name_zh(), format.extension())),
        warnings,
    })
}

/// A file name without the characters Windows refuses.
fn file_name(s: &str) -> String {
    s.chars()
        .map(|c| if "/\\:*?\"<>|".contains(c) { '_' } else { c })
        .collect()
}

/// Writes `bytes` to `path`, private to the user (0600), never over an existing file unless `force`, and
/// then only over a regular file (through a temporary file beside it, renamed into place).
pub fn write_new(path: &Path, bytes: &[u8], force: bool, lang: Lang) -> Result<(), DocError> {
    let cannot = |e: &dyn std::fmt::Display| DocError(lang.f(K::CliWrite, &[&path.display(), e]));
    match std::fs::symlink_metadata(path) {
        Ok(_) if !force => Err(DocError(lang.f(K::DocExists, &[&path.display()]))),
        Ok(m) if !m.file_type().is_file() => {
            Err(DocError(lang.f(K::DocNotAFile, &[&path.display()])))
        }
        Ok(_) => {
            let name = path
                .file_name()
                .map_or_else(|| "document".into(), |n| n.to_string_lossy().into_owned());
            let tmp = path.with_file_name(format!(".{name}.part"));
            let _ = std::fs::remove_file(&tmp);
            write_private(&tmp, bytes).map_err(|e| cannot(&e))?;
            std::fs::rename(&tmp, path).map_err(|e| {
                let _ = std::fs::remove_file(&tmp);
                cannot(&e)
            })
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            write_private(path, bytes).map_err(|e| cannot(&e))
        }
        Err(e) => Err(cannot(&e)),
    }
}

/// Writes `bytes` into `dir` (created, private) as `name`, or `name (2)`, `name (3)`, ... when taken: the app's
/// documents never replace one another. Returns the path written.
pub fn write_unique(dir: &Path, name: &str, bytes: &[u8], lang: Lang) -> Result<PathBuf, DocError> {
    let cannot = |e: &dyn std::fmt::Display| DocError(lang.f(K::CliWrite, &[&dir.display(), e]));
    std::fs::create_dir_all(dir).map_err(|e| cannot(&e))?;
    let (stem, ext) = name.rsplit_once('.').unwrap_or((name, ""));
    for n in 1..1000 {
        let file = match n {
            1 => name.to_string(),
            n => format!("{stem} ({n}).{ext}"),
        };
        let path = dir.join(file);
        match write_private(&path, bytes) {
            Ok(()) => return Ok(path),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(cannot(&e)),
        }
    }
    Err(DocError(lang.f(K::DocExists, &[&dir.join(name).display()])))
}

/// Creates `path` (it must not exist) readable by the user alone, and writes it through.
fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    let mut f = opts.open(path)?;
    f.write_all(bytes)?;
    f.sync_all()
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    #[test]
    fn writes_never_overwrite_silently() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.docx");
        write_new(&p, b"one", false, Lang::En).unwrap();
        let e = write_new(&p, b"two", false, Lang::En).unwrap_err();
        assert!(e.0.contains("already exists"), "{}", e.0);
        assert_eq!(std::fs::read(&p).unwrap(), b"one");
        write_new(&p, b"two", true, Lang::En).unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"two");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&p).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        let e = write_new(dir.path(), b"x", true, Lang::En).unwrap_err();
        assert!(e.0.contains("not a regular file"), "{}", e.0);
    }

    #[test]
    fn shipped_templates_parse() {
        for k in Kind::ALL {
            let (t, _) = template(k, &Setup::default(), Lang::En).unwrap();
            assert!(t.lines().any(|l| l.starts_with('@')), "{k:?}");
        }
    }
}
