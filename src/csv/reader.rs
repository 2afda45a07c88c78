use super::encoding::{decode_windows_1252, Encoding};
use super::sniff::{sniff_delimiter, sniff_line_ending};
use crate::{Error, ErrorKind};
use csv_core::ReadRecordResult;

/// How to read the input.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CsvOptions {
    /// The field delimiter; `None` sniffs it from the first lines.
    pub delimiter: Option<u8>,
    /// Accept records whose field count differs from the first record's.
    pub allow_ragged: bool,
    /// How bytes are read as text; non-UTF-8 input is decoded first.
    pub encoding: Encoding,
}

/// The sniffer looks at the first `SNIFF_LINES` lines, or `SNIFF_BYTES` if
/// they are longer. The cut depends only on the input, never on the chunks.
const SNIFF_LINES: usize = 20;
const SNIFF_BYTES: usize = 64 * 1024;
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// One record: its fields (unescaped bytes) and the line it starts on.
#[derive(Debug)]
pub struct Record<'a> {
    data: &'a [u8],
    ends: &'a [usize],
    line: u64,
    delimiter: u8,
    line_ending: &'static [u8],
}

impl<'a> Record<'a> {
    /// Number of fields.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Whether the record has no fields (never true for records the reader yields).
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// The `i`th field.
    pub fn get(&self, i: usize) -> Option<&'a [u8]> {
        let end = *self.ends.get(i)?;
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        self.data.get(start..end)
    }

    /// The fields in order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = &'a [u8]> + '_ {
        (0..self.len()).map(|i| self.get(i).unwrap_or_default())
    }

    /// The 1-based line of the input this record starts on.
    pub fn line(&self) -> u64 {
        self.line
    }

    /// The input's delimiter.
    pub fn delimiter(&self) -> u8 {
        self.delimiter
    }

    /// The input's record terminator (`\n`, `\r\n` or `\r`).
    pub fn line_ending(&self) -> &'static [u8] {
        self.line_ending
    }
}

/// An incremental CSV reader: push chunks, get complete records.
///
/// ```
/// use pii_mask::csv::{Reader, CsvOptions};
/// let mut rdr = Reader::new(CsvOptions::default());
/// let mut rows = Vec::new();
/// for chunk in [&b"name;ci"[..], b"ty\r\nAnn;\"Pa", b"ris\"\r\n"] {
///     rdr.push(chunk, &mut |r| { rows.push(r.iter().map(|f| f.to_vec()).collect::<Vec<_>>()); Ok(()) }).unwrap();
/// }
/// rdr.finish(&mut |r| { rows.push(r.iter().map(|f| f.to_vec()).collect()); Ok(()) }).unwrap();
/// assert_eq!(rows, vec![vec![b"name".to_vec(), b"city".to_vec()], vec![b"Ann".to_vec(), b"Paris".to_vec()]]);
/// assert_eq!(rdr.delimiter(), Some(b';'));
/// ```
#[derive(Debug)]
pub struct Reader {
    opts: CsvOptions,
    /// Input held back until the dialect is known.
    pending: Vec<u8>,
    parser: Option<Parser>,
    finished: bool,
    /// Scratch for a chunk decoded to UTF-8.
    decoded: Vec<u8>,
}

impl Reader {
    pub fn new(opts: CsvOptions) -> Reader {
        Reader {
            opts,
            pending: Vec::new(),
            parser: None,
            finished: false,
            decoded: Vec::new(),
        }
    }

    /// The delimiter in use, once known (after the first lines are read).
    pub fn delimiter(&self) -> Option<u8> {
        self.parser.as_ref().map(|p| p.delimiter)
    }

    /// The input's record terminator, once known; writers reuse it.
    pub fn line_ending(&self) -> Option<&'static [u8]> {
        self.parser.as_ref().map(|p| p.line_ending)
    }

    /// Reads `chunk`, calling `on_record` for every record it completes.
    pub fn push<F>(&mut self, chunk: &[u8], on_record: &mut F) -> Result<(), Error>
    where
        F: FnMut(&Record<'_>) -> Result<(), Error>,
    {
        if self.finished {
            return Err(Error::state("push after finish"));
        }
        if self.opts.encoding == Encoding::Windows1252 {
            let mut decoded = std::mem::take(&mut self.decoded);
            decoded.clear();
            decode_windows_1252(chunk, &mut decoded);
            let result = self.push_text(&decoded, on_record);
            self.decoded = decoded;
            return result;
        }
        self.push_text(chunk, on_record)
    }

    fn push_text<F>(&mut self, chunk: &[u8], on_record: &mut F) -> Result<(), Error>
    where
        F: FnMut(&Record<'_>) -> Result<(), Error>,
    {
        if let Some(parser) = &mut self.parser {
            return parser.feed(chunk, on_record);
        }
        self.pending.extend_from_slice(chunk);
        match self.sniff_cut() {
            Some(cut) => self.start(cut, on_record),
            None => Ok(()),
        }
    }

    /// Fixes the dialect from the input so far, without waiting for the
    /// usual sample, and yields the complete records held back meanwhile.
    /// For previews of a file's start; [`Reader::finish`] ends a whole file.
    pub fn flush<F>(&mut self, on_record: &mut F) -> Result<(), Error>
    where
        F: FnMut(&Record<'_>) -> Result<(), Error>,
    {
        if self.parser.is_none() && !self.finished {
            self.start(self.pending.len(), on_record)?;
        }
        Ok(())
    }

    /// Ends the input: yields the last record, or an error if it is incomplete.
    pub fn finish<F>(&mut self, on_record: &mut F) -> Result<(), Error>
    where
        F: FnMut(&Record<'_>) -> Result<(), Error>,
    {
        if self.finished {
            return Err(Error::state("finish called twice"));
        }
        if self.parser.is_none() {
            self.start(self.pending.len(), on_record)?;
        }
        self.finished = true;
        match &mut self.parser {
            Some(parser) => parser.finish(on_record),
            None => Ok(()),
        }
    }

    /// Makes the next record's line `line`: a reader primed with a file's
    /// first records continues in a later part of it (see [`crate::split`]).
    /// False unless the reader is between records with its dialect fixed.
    pub(crate) fn resume_at_line(&mut self, line: u64) -> bool {
        match &mut self.parser {
            Some(p) if p.at_record_start && !self.finished => {
                p.core.set_line(line);
                p.skipped_lines = 0;
                true
            }
            _ => false,
        }
    }

    /// Whether every byte pushed so far belongs to a record already yielded.
    pub(crate) fn between_records(&self) -> bool {
        self.parser.as_ref().is_some_and(|p| p.at_record_start)
    }

    /// Where the sniff sample ends, once enough input has arrived.
    fn sniff_cut(&self) -> Option<usize> {
        sniff_cut(&self.pending)
    }

    fn start<F>(&mut self, cut: usize, on_record: &mut F) -> Result<(), Error>
    where
        F: FnMut(&Record<'_>) -> Result<(), Error>,
    {
        let pending = std::mem::take(&mut self.pending);
        refuse_non_text(&pending[..cut.min(pending.len())])?;
        let cut_in_pending = cut;
        let body = pending.strip_prefix(BOM).unwrap_or(&pending);
        let cut = cut.saturating_sub(pending.len() - body.len());
        let sample = &body[..cut.min(body.len())];
        let delimiter = dialect_delimiter(&self.opts, &pending, cut_in_pending);
        let parser = self.parser.insert(Parser::new(
            delimiter,
            sniff_line_ending(sample),
            self.opts.allow_ragged,
        ));
        parser.feed(body, on_record)
    }
}

/// Where the sniff sample of an input starting with `buf` ends, once `buf`
/// is long enough to tell. The cut depends only on the input.
pub(crate) fn sniff_cut(buf: &[u8]) -> Option<usize> {
    let mut lines = 0;
    for (i, &b) in buf.iter().enumerate().take(SNIFF_BYTES) {
        if b == b'\n' {
            lines += 1;
            if lines == SNIFF_LINES {
                return Some(i + 1);
            }
        }
    }
    (buf.len() >= SNIFF_BYTES).then_some(SNIFF_BYTES)
}

/// The delimiter [`Reader`] settles on for an input that starts with `text`
/// (decoded to UTF-8), the sniff sample cut at `cut`.
pub(crate) fn dialect_delimiter(opts: &CsvOptions, text: &[u8], cut: usize) -> u8 {
    let body = text.strip_prefix(BOM).unwrap_or(text);
    let cut = cut.saturating_sub(text.len() - body.len());
    opts.delimiter
        .unwrap_or_else(|| sniff_delimiter(&body[..cut.min(body.len())]))
}

/// Refuses input that is not 8-bit text, judged by its first bytes: UTF-16
/// (a byte-order mark, or every other byte zero) would otherwise read as
/// one field per line, and a binary file as garbage rows.
fn refuse_non_text(sample: &[u8]) -> Result<(), Error> {
    let utf16 = sample.starts_with(&[0xFF, 0xFE]) || sample.starts_with(&[0xFE, 0xFF]) || {
        let pairs = sample.len() / 2;
        let zero_odd = sample
            .chunks_exact(2)
            .filter(|p| p[0] != 0 && p[1] == 0)
            .count();
        let zero_even = sample
            .chunks_exact(2)
            .filter(|p| p[0] == 0 && p[1] != 0)
            .count();
        pairs >= 2 && (zero_odd.max(zero_even) * 10 >= pairs * 9)
    };
    if utf16 {
        return Err(Error::new(
            ErrorKind::Utf16Input,
            "the file is UTF-16 text; save it as UTF-8 (in Excel: \"CSV UTF-8\") and try again",
        ));
    }
    // Stray NUL and control bytes occur in real exports and stay ordinary
    // bytes; a known binary signature at the start means another format.
    const MAGIC: [&[u8]; 8] = [
        b"PK\x03\x04",                       // zip: .xlsx, .ods, .docx
        b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", // OLE: .xls
        b"\x1F\x8B",                         // gzip
        b"%PDF-",
        b"\x89PNG",
        b"\xFF\xD8\xFF", // JPEG
        b"SQLite format 3\x00",
        b"PAR1", // Parquet
    ];
    if MAGIC.iter().any(|m| sample.starts_with(m)) {
        return Err(Error::new(
            ErrorKind::BinaryInput,
            "the file is not text: is it a spreadsheet (.xlsx, .xls), an archive or a PDF rather than a CSV?",
        ));
    }
    Ok(())
}

/// Reads a whole input into records of fields; a convenience for tests and
/// small inputs.
///
/// ```
/// use pii_mask::csv::{read_all, CsvOptions};
/// let rows = read_all(b"a,\"b \"\"q\"\"\"\n1,2\n", &CsvOptions::default()).unwrap();
/// assert_eq!(rows[0][1], b"b \"q\"");
/// ```
pub fn read_all(input: &[u8], opts: &CsvOptions) -> Result<Vec<Vec<Vec<u8>>>, Error> {
    let mut rows = Vec::new();
    let mut rdr = Reader::new(opts.clone());
    let mut collect = |r: &Record<'_>| {
        rows.push(r.iter().map(<[u8]>::to_vec).collect());
        Ok(())
    };
    rdr.push(input, &mut collect)?;
    rdr.finish(&mut collect)?;
    Ok(rows)
}

/// The tokenising state once the dialect is fixed.
#[derive(Debug)]
struct Parser {
    core: csv_core::Reader,
    delimiter: u8,
    line_ending: &'static [u8],
    allow_ragged: bool,
    out: Vec<u8>,
    ends: Vec<usize>,
    nout: usize,
    nend: usize,
    /// Between records: blank lines are skipped here, before csv-core.
    at_record_start: bool,
    /// Newlines skipped outside csv-core, which does not count them (its
    /// own count starts at 1).
    skipped_lines: u64,
    record_line: u64,
    expected_fields: Option<usize>,
}

impl Parser {
    fn new(delimiter: u8, line_ending: &'static [u8], allow_ragged: bool) -> Parser {
        let mut core = csv_core::ReaderBuilder::new().delimiter(delimiter).build();
        // csv-core strips a BOM at the start of its first read, which is not
        // always the file's start (blank lines are skipped before it) and may
        // hold only part of the BOM: that would depend on the chunks. One
        // read of a blank line uses up its first read; the file's own BOM is
        // stripped by `Reader::start`.
        let _ = core.read_record(b"\n", &mut [], &mut []);
        core.set_line(1);
        Parser {
            core,
            delimiter,
            line_ending,
            allow_ragged,
            out: vec![0; 64 * 1024],
            ends: vec![0; 64],
            nout: 0,
            nend: 0,
            at_record_start: true,
            skipped_lines: 0,
            record_line: 1,
            expected_fields: None,
        }
    }

    fn feed<F>(&mut self, mut input: &[u8], on_record: &mut F) -> Result<(), Error>
    where
        F: FnMut(&Record<'_>) -> Result<(), Error>,
    {
        loop {
            if self.at_record_start {
                let blank = input
                    .iter()
                    .take_while(|&&b| b == b'\n' || b == b'\r')
                    .count();
                self.skipped_lines += input[..blank].iter().filter(|&&b| b == b'\n').count() as u64;
                input = &input[blank..];
                if input.is_empty() {
                    return Ok(());
                }
                self.at_record_start = false;
                self.record_line = self.core.line() + self.skipped_lines;
            }
            // csv-core reads empty input as the end of the file.
            if input.is_empty() {
                return Ok(());
            }
            let (res, nin, nout, nend) = self.core.read_record(
                input,
                &mut self.out[self.nout..],
                &mut self.ends[self.nend..],
            );
            input = &input[nin..];
            self.nout += nout;
            self.nend += nend;
            match res {
                ReadRecordResult::InputEmpty | ReadRecordResult::End => return Ok(()),
                ReadRecordResult::OutputFull => {
                    let len = self.out.len();
                    self.out.resize(len * 2, 0);
                }
                ReadRecordResult::OutputEndsFull => {
                    let len = self.ends.len();
                    self.ends.resize(len * 2, 0);
                }
                ReadRecordResult::Record => self.emit(on_record)?,
            }
        }
    }

    fn finish<F>(&mut self, on_record: &mut F) -> Result<(), Error>
    where
        F: FnMut(&Record<'_>) -> Result<(), Error>,
    {
        if self.at_record_start {
            return Ok(());
        }
        // A terminator ends the last record unless it sits inside an open
        // quote, where csv-core would take it as field content.
        let (res, _, nout, nend) = self.core.read_record(
            b"\n",
            &mut self.out[self.nout..],
            &mut self.ends[self.nend..],
        );
        self.nout += nout;
        self.nend += nend;
        match res {
            ReadRecordResult::Record => self.emit(on_record),
            _ => Err(Error::new(
                ErrorKind::UnclosedQuote,
                "unclosed quote: the quoted field that starts here never ends",
            )
            .at_line(self.record_line)),
        }
    }

    fn emit<F>(&mut self, on_record: &mut F) -> Result<(), Error>
    where
        F: FnMut(&Record<'_>) -> Result<(), Error>,
    {
        let record = Record {
            data: &self.out[..self.nout],
            ends: &self.ends[..self.nend],
            line: self.record_line,
            delimiter: self.delimiter,
            line_ending: self.line_ending,
        };
        self.nout = 0;
        self.nend = 0;
        self.at_record_start = true;
        match self.expected_fields {
            None => self.expected_fields = Some(record.len()),
            Some(expected) if expected != record.len() && !self.allow_ragged => {
                return Err(Error::new(
                    ErrorKind::RaggedRow,
                    format!(
                        "expected {expected} fields, found {} (allow ragged rows to accept this)",
                        record.len()
                    ),
                )
                .at_line(record.line))
            }
            Some(_) => {}
        }
        on_record(&record)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(input: &[u8]) -> Result<Vec<Vec<String>>, Error> {
        Ok(read_all(input, &CsvOptions::default())?
            .into_iter()
            .map(|r| {
                r.into_iter()
                    .map(|f| String::from_utf8(f).unwrap())
                    .collect()
            })
            .collect())
    }

    #[test]
    fn quotes_newlines_and_crlf() {
        let got = rows(b"a,b\r\n\"x\r\ny\",\"say \"\"hi\"\"\"\r\n").unwrap();
        assert_eq!(got, vec![vec!["a", "b"], vec!["x\r\ny", "say \"hi\""]]);
    }

    #[test]
    fn blank_lines_are_skipped_and_lines_still_counted() {
        let err = rows(b"a,b\n\n\n1,2\n3\n").unwrap_err();
        assert_eq!((err.kind(), err.line()), (ErrorKind::RaggedRow, Some(5)));
        assert_eq!(
            err.to_string(),
            "line 5: expected 2 fields, found 1 (allow ragged rows to accept this)"
        );
    }

    #[test]
    fn utf16_and_binary_input_are_named_not_parsed() {
        let utf16le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("a,b\n1,2\n".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(rows(&utf16le).unwrap_err().kind(), ErrorKind::Utf16Input);
        let no_bom: Vec<u8> = "name,city\nAnn,Paris\n"
            .encode_utf16()
            .flat_map(u16::to_be_bytes)
            .collect();
        assert_eq!(rows(&no_bom).unwrap_err().kind(), ErrorKind::Utf16Input);
        let zip = b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00[Content_Types].xml";
        assert_eq!(rows(zip).unwrap_err().kind(), ErrorKind::BinaryInput);
        // Text with a tab, a form feed and Windows-1252 bytes is text.
        assert!(read_all(b"a\tb\x0c,c\n\xe9t\xe9,2\n", &CsvOptions::default()).is_ok());
    }

    #[test]
    fn unclosed_quote_names_the_line_it_opened_on() {
        let err = rows(b"a,b\n1,2\n3,\"never\nclosed\n").unwrap_err();
        assert_eq!(err.kind(), ErrorKind::UnclosedQuote);
        assert_eq!(err.line(), Some(3));
    }

    #[test]
    fn closing_quote_at_eof_is_fine() {
        assert_eq!(rows(b"a,\"b\"").unwrap(), vec![vec!["a", "b"]]);
        assert_eq!(rows(b"a,b,").unwrap(), vec![vec!["a", "b", ""]]);
    }

    #[test]
    fn line_numbers_count_newlines_inside_quotes() {
        let err = rows(b"a,b\n\"1\n2\n3\",x\r\nonly\n").unwrap_err();
        assert_eq!(err.line(), Some(5));
    }

    #[test]
    fn bom_is_stripped_even_when_split() {
        let mut rdr = Reader::new(CsvOptions::default());
        let mut got = Vec::new();
        let mut f = |r: &Record<'_>| {
            got.push(r.get(0).unwrap().to_vec());
            Ok(())
        };
        for b in b"\xEF\xBB\xBFid\n7\n" {
            rdr.push(&[*b], &mut f).unwrap();
        }
        rdr.finish(&mut f).unwrap();
        assert_eq!(got, vec![b"id".to_vec(), b"7".to_vec()]);
    }

    #[test]
    fn an_empty_chunk_is_not_the_end_of_input() {
        let mut rdr = Reader::new(CsvOptions {
            delimiter: Some(b','),
            ..CsvOptions::default()
        });
        let mut n = 0;
        let mut f = |_: &Record<'_>| {
            n += 1;
            Ok(())
        };
        rdr.push(b"a,b\n\"x,", &mut f).unwrap();
        rdr.push(b"", &mut f).unwrap();
        rdr.push(b"y\",z\n", &mut f).unwrap();
        rdr.finish(&mut f).unwrap();
        assert_eq!(n, 2);
    }

    #[test]
    fn empty_input_has_no_records() {
        assert!(rows(b"").unwrap().is_empty());
        assert!(rows(b"\n\r\n").unwrap().is_empty());
    }

    #[test]
    fn ragged_rows_can_be_allowed() {
        let opts = CsvOptions {
            allow_ragged: true,
            ..CsvOptions::default()
        };
        assert_eq!(read_all(b"a,b\n1\n", &opts).unwrap().len(), 2);
    }

    #[test]
    fn push_after_finish_is_refused() {
        let mut rdr = Reader::new(CsvOptions::default());
        let mut f = |_: &Record<'_>| Ok(());
        rdr.finish(&mut f).unwrap();
        assert!(rdr.push(b"x", &mut f).is_err());
    }
}
