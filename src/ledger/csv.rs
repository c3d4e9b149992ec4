//! CSV/TSV text as offices save it: the encoding found (BOM, UTF-8, else GB18030), the delimiter sniffed,
//! and the records read as they stream in with the line each starts on.

use std::io::{self, BufRead, Read, Seek, SeekFrom};

use csv::StringRecord;

use super::text::{Decoded, is_bad_encoding};
use super::values::Encoding;

/// How many records at the start are kept for finding the header and for reading columns by their values.
pub const LEADING: usize = super::header::HEADER_SEARCH + super::header::SAMPLE_ROWS;

/// Why a pass over a file stopped early.
pub enum Stop {
    /// The bytes are not text in the encoding tried (for the first pass: in any encoding tried).
    Encoding,
    /// The file could not be read (the error's text).
    Read(String),
    Csv(csv::Error, Option<u64>),
}

/// What the first pass finds: the encoding, the delimiter, the leading records with their lines, and the
/// number of non-empty records.
pub struct Scan {
    pub encoding: Encoding,
    /// Length of the byte-order mark the text starts after.
    pub bom: u64,
    pub delimiter: u8,
    pub leading: Vec<(u64, Vec<String>)>,
    pub filled: u64,
}

/// Reads and parses the whole file once, so a bad byte or a broken record anywhere stops the import before
/// anything is written; only the leading records are kept. Valid UTF-8 all through, or else GB18030: only
/// the whole file tells.
pub fn scan<R: BufRead + Seek>(reader: &mut R) -> Result<Scan, Stop> {
    let mut head = Vec::new();
    reader.seek(SeekFrom::Start(0)).map_err(read_stop)?;
    reader
        .by_ref()
        .take(3)
        .read_to_end(&mut head)
        .map_err(read_stop)?;
    let (mut encoding, bom) = Encoding::from_bom(&head).unwrap_or((Encoding::Utf8, 0));
    let bom = bom as u64;
    loop {
        match scan_as(reader, encoding, bom) {
            Err(Stop::Encoding) if encoding == Encoding::Utf8 => encoding = Encoding::Gb18030,
            other => return other,
        }
    }
}

fn read_stop(e: io::Error) -> Stop {
    Stop::Read(e.to_string())
}

fn scan_as<R: BufRead + Seek>(reader: &mut R, encoding: Encoding, bom: u64) -> Result<Scan, Stop> {
    let stop = |e: io::Error| {
        if is_bad_encoding(&e) {
            Stop::Encoding
        } else {
            Stop::Read(e.to_string())
        }
    };
    reader.seek(SeekFrom::Start(bom)).map_err(stop)?;
    let mut text = Decoded::new(&mut *reader, encoding);
    let delimiter = sniff_delimiter(text.head(super::header::HEADER_SEARCH).map_err(stop)?);
    let mut rdr = csv_reader(delimiter, text);
    let mut rec = StringRecord::new();
    let mut leading = Vec::new();
    let mut count = 0u64;
    loop {
        match next(&mut rdr, &mut rec) {
            Ok(None) => break,
            Ok(Some(line)) => {
                if leading.len() < LEADING {
                    leading.push((line, rec.iter().map(str::to_string).collect()));
                }
                if filled(&rec) {
                    count += 1;
                }
            }
            Err(Stop::Csv(e, line)) => {
                // A bad byte further on means the encoding was guessed wrong: that comes first.
                rdr.into_inner().check_rest().map_err(stop)?;
                return Err(Stop::Csv(e, line));
            }
            Err(other) => return Err(other),
        }
    }
    Ok(Scan {
        encoding,
        bom,
        delimiter,
        leading,
        filled: count,
    })
}

/// The records of the text after the byte-order mark, decoded as they are read.
pub fn records<R: BufRead + Seek>(
    reader: &mut R,
    encoding: Encoding,
    bom: u64,
    delimiter: u8,
) -> io::Result<csv::Reader<Decoded<&mut R>>> {
    reader.seek(SeekFrom::Start(bom))?;
    Ok(csv_reader(delimiter, Decoded::new(reader, encoding)))
}

fn csv_reader<R: Read>(delimiter: u8, text: R) -> csv::Reader<R> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text)
}

/// Reads the next record into `rec`; its line, or `None` at the end.
pub fn next<R: BufRead>(
    rdr: &mut csv::Reader<Decoded<R>>,
    rec: &mut StringRecord,
) -> Result<Option<u64>, Stop> {
    match rdr.read_record(rec) {
        Ok(false) => Ok(None),
        Ok(true) => {
            let at = rec.position().map_or(0, csv::Position::byte);
            Ok(Some(rdr.get_mut().line_at(at)))
        }
        Err(e) => {
            let line = e.position().map(|p| rdr.get_mut().line_at(p.byte()));
            match e.kind() {
                csv::ErrorKind::Io(io) if is_bad_encoding(io) => Err(Stop::Encoding),
                // csv shows an I/O error as the error itself.
                csv::ErrorKind::Io(_) => Err(Stop::Read(e.to_string())),
                _ => Err(Stop::Csv(e, line)),
            }
        }
    }
}

/// Tab, semicolon or comma, whichever the first lines use most (Excel's "Unicode text" is tab-separated).
fn sniff_delimiter(head: &[u8]) -> u8 {
    let count = |c: u8| head.iter().filter(|b| **b == c).count();
    let (tabs, commas, semis) = (count(b'\t'), count(b','), count(b';'));
    if tabs > 0 && tabs >= commas {
        b'\t'
    } else if commas == 0 && semis > 0 {
        b';'
    } else {
        b','
    }
}

/// Whether a row has anything in it.
pub fn filled<S: AsRef<str>>(cells: impl IntoIterator<Item = S>) -> bool {
    cells.into_iter().any(|c| !c.as_ref().trim().is_empty())
}
