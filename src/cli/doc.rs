//! `yufang doc suggestion|urging|visit|analysis ID`: a document from the record, as Word or Markdown, written
//! to a new file (never over one without `--force`) or to standard output.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::{Ctx, Fail};
use crate::docs::{self, Format, Kind};
use crate::i18n::K;

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
    let made =
        docs::make(&ctx.store, kind, id, format, &ctx.docs, lang).map_err(|e| Fail::run(e.0))?;
    for w in &made.warnings {
        eprintln!("{}", lang.f(K::DocWarning, &[w]));
    }
    let (bytes, name) = (made.bytes, made.name);
    if out == Some(Path::new("-")) {
        let mut stdout = std::io::stdout().lock();
        return stdout
            .write_all(&bytes)
            .and_then(|()| stdout.flush())
            .map_err(|e| Fail::run(e.to_string()));
    }
    let path = out.map_or_else(|| PathBuf::from(&name), Path::to_path_buf);
    docs::write_new(&path, &bytes, force, lang).map_err(|e| Fail::run(e.0))?;
    println!("{}", lang.f(K::DocWritten, &[&path.display()]));
    Ok(())
}
