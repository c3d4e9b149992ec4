//! `yufang doc suggestion|urging|visit|analysis ID`: a document from the record, as Word or Markdown, written
//! to a new file (never over one without `--force`) or to standard output.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::{Ctx, Fail};
use crate::docs::values::{self, Refusal};
use crate::docs::{self, Format, Kind};
use crate::domain::Case;
use crate::i18n::{K, Lang};

/// The document of `kind` for the record `id` (a number, a document number or a case number) as bytes, with
/// the file name it is written under by default.
pub fn make(ctx: &Ctx, kind: Kind, id: &str, format: Format) -> Result<(Vec<u8>, String), Fail> {
    let lang = ctx.lang;
    let store = &ctx.store;
    let fail = |e: crate::store::StoreError| Fail::run(e.message(lang));
    let setup = &ctx.docs;
    let (vals, name) = match kind {
        Kind::Analysis => {
            let cid = match id.trim().parse::<i64>() {
                Ok(n) => n,
                Err(_) => store
                    .case_id_by_no(id)
                    .map_err(fail)?
                    .ok_or_else(|| Fail::usage(lang.f(K::DocNoSuchCase, &[&id])))?,
            };
            let detail = store.case_detail(cid).map_err(fail)?;
            let name = detail.row.case.case_no.clone();
            (values::analysis(&detail, ctx.today, setup), name)
        }
        _ => {
            let sid = match id.trim().parse::<i64>() {
                Ok(n) => n,
                Err(_) => store
                    .suggestion_id_by_doc_no(id)
                    .map_err(fail)?
                    .ok_or_else(|| Fail::usage(lang.f(K::DocNoSuchDocNo, &[&id])))?,
            };
            let detail = store.suggestion_detail(sid).map_err(fail)?;
            let s = &detail.row.suggestion;
            let shown = s.doc_no.clone().unwrap_or_else(|| s.title.clone());
            let refused = |r: Refusal| {
                Fail::run(lang.f(
                    match r {
                        Refusal::NotOverdue => K::DocNotOverdue,
                        Refusal::NotReplied => K::DocNotReplied,
                    },
                    &[&shown, &detail.row.state.label(lang)],
                ))
            };
            let vals = match kind {
                Kind::Urging => values::urging(&detail, ctx.today, setup).map_err(refused)?,
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
                    for p in crate::domain::issue_check::warnings(&points) {
                        eprintln!("{}", lang.f(K::DocWarning, &[&p.text(lang)]));
                    }
                    let cases = detail
                        .cases
                        .iter()
                        .map(|(cid, _)| store.get::<Case>(*cid))
                        .collect::<Result<Vec<_>, _>>()
                        .map_err(fail)?;
                    values::suggestion(&detail, &cases, store.rules(), ctx.today, setup)
                }
            };
            (vals, shown)
        }
    };
    let bytes = docs::render(kind, &vals, setup, format, lang).map_err(|e| Fail::run(e.0))?;
    Ok((
        bytes,
        file_name(&format!("{}-{name}.{}", kind.name_zh(), format.extension())),
    ))
}

/// A file name without the characters Windows refuses.
fn file_name(s: &str) -> String {
    s.chars()
        .map(|c| if "/\\:*?\"<>|".contains(c) { '_' } else { c })
        .collect()
}

pub fn run(
    ctx: &Ctx,
    kind: &str,
    id: &str,
    format: &str,
    out: Option<&Path>,
    force: bool,
) -> Result<(), Fail> {
    let lang = ctx.lang;
    let kind = Kind::parse(kind).ok_or_else(|| Fail::usage(lang.f(K::DocBadKind, &[&kind])))?;
    let format =
        Format::parse(format).ok_or_else(|| Fail::usage(lang.f(K::DocBadFormat, &[&format])))?;
    let (bytes, name) = make(ctx, kind, id, format)?;
    if out == Some(Path::new("-")) {
        let mut stdout = std::io::stdout().lock();
        return stdout
            .write_all(&bytes)
            .and_then(|()| stdout.flush())
            .map_err(|e| Fail::run(e.to_string()));
    }
    let path = out.map_or_else(|| PathBuf::from(&name), Path::to_path_buf);
    docs::write_new(&path, &bytes, force, lang).map_err(|e| Fail::run(e.0))?;
    println!("{}", written(lang, &path));
    Ok(())
}

pub fn written(lang: Lang, path: &Path) -> String {
    lang.f(K::DocWritten, &[&path.display()])
}
