//! A spreadsheet's bytes as UTF-8 text, decoded while they stream in, so that a file of any size is read
//! in the memory of one record, and the line of each record can still be told.

use std::fmt;
use std::io::{self, BufRead, Read};

use super::values::Encoding;

/// Decoded text can only be counted back to the last line asked for; text before it is dropped once this
/// much has piled up (copying the rest down less often than every record).
const KEEP: usize = 64 * 1024;

/// How much decoded text one step produces at most.
const STEP: usize = 16 * 1024;

/// The bytes are not text in the encoding they are being read in.
#[derive(Debug)]
struct BadEncoding;

impl fmt::Display for BadEncoding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("not valid text in this encoding")
    }
}

impl std::error::Error for BadEncoding {}

/// Whether a read failed because the bytes are not text in the chosen encoding (rather than because the
/// file could not be read).
pub fn is_bad_encoding(e: &io::Error) -> bool {
    e.get_ref().is_some_and(|inner| inner.is::<BadEncoding>())
}

/// UTF-8 text decoded from `inner` as it is read. It keeps the text from the start of the last record
/// whose line was asked for, so that `line_at` can count newlines, and nothing much older.
pub struct Decoded<R> {
    inner: R,
    decoder: encoding_rs::Decoder,
    /// Decoded text from stream offset `base` on.
    text: Vec<u8>,
    base: u64,
    /// How much of `text` the reader has taken.
    handed: usize,
    /// Stream offset up to which newlines are counted, and their number.
    pos: u64,
    newlines: u64,
    /// The input ended and the decoder has given everything back.
    done: bool,
}

impl<R: BufRead> Decoded<R> {
    /// `inner` starts after any byte-order mark.
    pub fn new(inner: R, encoding: Encoding) -> Self {
        Decoded {
            inner,
            decoder: encoding.decoder(),
            text: Vec::new(),
            base: 0,
            handed: 0,
            pos: 0,
            newlines: 0,
            done: false,
        }
    }

    /// Decodes more text onto `text`; false when the input has ended.
    fn more(&mut self) -> io::Result<bool> {
        while !self.done {
            let src = self.inner.fill_buf()?;
            let last = src.is_empty();
            let old = self.text.len();
            self.text.resize(old + STEP, 0);
            let (result, read, written) =
                self.decoder
                    .decode_to_utf8_without_replacement(src, &mut self.text[old..], last);
            self.text.truncate(old + written);
            self.inner.consume(read);
            match result {
                encoding_rs::DecoderResult::Malformed(..) => {
                    return Err(io::Error::new(io::ErrorKind::InvalidData, BadEncoding));
                }
                encoding_rs::DecoderResult::InputEmpty if last => self.done = true,
                _ => {}
            }
            if written > 0 {
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// The text up to the end of its `lines`th line (or all of it when shorter), without handing it to the
    /// reader yet: what the delimiter is guessed from. Only before anything is read.
    pub fn head(&mut self, lines: usize) -> io::Result<&[u8]> {
        let mut end = None;
        let mut from = 0;
        let mut seen = 0;
        while end.is_none() {
            for (i, b) in self.text.iter().enumerate().skip(from) {
                if *b == b'\n' {
                    seen += 1;
                    if seen == lines {
                        end = Some(i);
                        break;
                    }
                }
            }
            from = self.text.len();
            if end.is_none() && !self.more()? {
                break;
            }
        }
        Ok(&self.text[..end.unwrap_or(self.text.len())])
    }

    /// The 1-based line of the first character of a record starting at stream offset `at`. Offsets only
    /// grow. The csv reader's own line count lags by one after a CRLF line end (it places a record's start
    /// before the `\n`), and blank lines before a record are part of it, so the line is counted here: the
    /// newlines before `at`, and those in the run of line ends that starts there.
    pub fn line_at(&mut self, at: u64) -> u64 {
        let to = at.max(self.pos).min(self.base + self.text.len() as u64);
        let (from, to) = (self.index(self.pos), self.index(to));
        self.newlines += self.text[from..to].iter().filter(|b| **b == b'\n').count() as u64;
        self.pos = self.base + to as u64;
        let skipped = self.text[to..]
            .iter()
            .take_while(|b| **b == b'\r' || **b == b'\n')
            .filter(|b| **b == b'\n')
            .count() as u64;
        if to >= KEEP && to >= self.text.len() / 2 {
            // Nothing before `pos` is asked for again, and the reader has taken it all.
            let cut = to.min(self.handed);
            self.text.drain(..cut);
            self.base += cut as u64;
            self.handed -= cut;
        }
        self.newlines + skipped + 1
    }

    /// The index in `text` of stream offset `at` (which is in the kept text).
    fn index(&self, at: u64) -> usize {
        usize::try_from(at.saturating_sub(self.base))
            .unwrap_or(usize::MAX)
            .min(self.text.len())
    }

    /// Decodes what is left, to find out whether all of it is text in this encoding.
    pub fn check_rest(&mut self) -> io::Result<()> {
        while self.more()? {
            self.handed = self.text.len();
            self.line_at(self.base + self.text.len() as u64);
        }
        Ok(())
    }

    /// All the text (for input that is small anyway).
    pub fn into_string(mut self) -> io::Result<String> {
        while self.more()? {}
        String::from_utf8(self.text).map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))
    }
}

impl<R: BufRead> Read for Decoded<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        while self.handed == self.text.len() {
            if !self.more()? {
                return Ok(0);
            }
        }
        let rest = &self.text[self.handed..];
        let n = rest.len().min(buf.len());
        buf[..n].copy_from_slice(&rest[..n]);
        self.handed += n;
        Ok(n)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    /// The line of each record as a reader over the whole text in memory sees it: one plus the newlines
    /// before the record's first character that is not a line end.
    fn lines_whole(text: &str) -> Vec<u64> {
        let mut rdr = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes());
        let mut out = Vec::new();
        for rec in rdr.records() {
            let at = rec.unwrap().position().unwrap().byte() as usize;
            let start = at
                + text.as_bytes()[at..]
                    .iter()
                    .take_while(|b| **b == b'\r' || **b == b'\n')
                    .count();
            out.push(text[..start].matches('\n').count() as u64 + 1);
        }
        out
    }

    /// The same through `Decoded` with tiny buffers everywhere, so records and line ends straddle reads.
    fn lines_streamed(bytes: &[u8], encoding: Encoding, buf: usize) -> Vec<u64> {
        let inner = io::BufReader::with_capacity(buf, bytes);
        let mut rdr = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .buffer_capacity(buf)
            .from_reader(Decoded::new(inner, encoding));
        let mut rec = csv::StringRecord::new();
        let mut out = Vec::new();
        while rdr.read_record(&mut rec).unwrap() {
            let at = rec.position().unwrap().byte();
            out.push(rdr.get_mut().line_at(at));
        }
        out
    }

    #[test]
    fn lines_of_records_survive_streaming() {
        let long = "x".repeat(3 * KEEP);
        let texts = [
            "a,b\r\nc,d\r\n\r\n\r\ne,f\r\n".to_string(),
            "a,b\nc,d\n\n\ne,f".to_string(),
            "a,\"two\r\nlines\"\r\nb,c\r\n\r\n".to_string(),
            "\r\n\r\na\rb\r\rc\n".to_string(),
            format!("a,{long}\r\nb\r\n\r\nc,\"{long}\n{long}\"\nd\n"),
            (0..5000)
                .map(|i| format!("{i},第{i}行\r\n{}", "\r\n".repeat(i % 3)))
                .collect(),
        ];
        for t in &texts {
            let want = lines_whole(t);
            assert!(!want.is_empty());
            for buf in [1, 3, 64, 8192] {
                assert_eq!(lines_streamed(t.as_bytes(), Encoding::Utf8, buf), want);
            }
            let (gbk, _, _) = encoding_rs::GB18030.encode(t);
            assert_eq!(lines_streamed(&gbk, Encoding::Gb18030, 5), want);
        }
    }

    #[test]
    fn head_stops_after_its_lines_and_leaves_the_text_to_read() {
        let mut d = Decoded::new(
            io::BufReader::with_capacity(2, "a;b\nc;d\ne;f\n".as_bytes()),
            Encoding::Utf8,
        );
        assert_eq!(d.head(2).unwrap(), b"a;b\nc;d");
        assert_eq!(d.head(9).unwrap(), b"a;b\nc;d\ne;f\n");
        let mut all = String::new();
        d.read_to_string(&mut all).unwrap();
        assert_eq!(all, "a;b\nc;d\ne;f\n");
    }

    #[test]
    fn bad_bytes_anywhere_are_told_apart_from_read_failures() {
        let mut bytes = "a,b\n".repeat(10_000).into_bytes();
        bytes.push(0xFF);
        let mut d = Decoded::new(io::BufReader::new(&bytes[..]), Encoding::Utf8);
        let err = io::copy(&mut d, &mut io::sink()).unwrap_err();
        assert!(is_bad_encoding(&err));
        // A truncated UTF-16 file: the odd last byte.
        let d = Decoded::new(&b"a\0b\0c"[..], Encoding::Utf16Le);
        assert!(is_bad_encoding(&d.into_string().unwrap_err()));
        assert!(!is_bad_encoding(&io::Error::other("disk gone")));
    }
}
