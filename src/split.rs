//! One file masked by several workers at once, with the output and report
//! of a single pass, byte for byte.
//!
//! How a host runs it (the native CLI with threads, the Node CLI with
//! `worker_threads`, the page with Web Workers):
//!
//! 1. If [`Masker::unsplittable`] gives a reason, mask in one pass.
//! 2. A [`Splitter`] reads the input ahead of the workers and finds cuts
//!    between records. The first part, the *head*, holds the records that
//!    fix the plan (the header, the sniffed dialect, the classified sample):
//!    the host masks it itself with an ordinary [`Masker`], the *main* one.
//! 3. Each worker builds [`Masker::for_parts`] from the head, which decides
//!    exactly what the main masker decided, then for each part it is given:
//!    [`Masker::begin_part`] with the part's [`PartStart`] (its first line
//!    and record in the whole file, so errors, noise and residual sampling
//!    see global numbers), `push`, then [`Masker::end_part`] for a [`Tally`].
//! 4. The host writes the parts' outputs in order and folds their tallies
//!    into the main masker ([`Masker::absorb`], and [`Masker::audit_part`]
//!    for an audit record), then calls `finish` on it for the report. The
//!    first error in file order is the run's error, as in one pass.
//!
//! Finding a cut needs no parsing: a byte machine that knows only quotes,
//! the delimiter and line breaks follows csv-core's states, so a `\n`
//! outside quotes is known to end a record (a quoted field may hold line
//! breaks; a quote inside an unquoted field is a plain byte). Cuts fall only
//! after `\n`: a file whose records end in a bare `\r` stays in one part.

use crate::csv::{decode_windows_1252, dialect_delimiter, sniff_cut, CsvOptions, Encoding};
use serde::{Deserialize, Serialize};

/// Where a part starts in the whole input.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartStart {
    /// The 1-based line of the part's first byte.
    pub line: u64,
    /// How many records (the header included) come before it.
    pub record: u64,
}

/// A cut found by [`Splitter::cut`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cut {
    /// Where the next part starts, as an offset into the bytes just given.
    pub at: usize,
    /// The next part's place in the whole input.
    pub next: PartStart,
}

/// What a worker counted in its parts: what the main masker adds to its
/// own to report as one pass would.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Tally {
    /// Data rows written.
    pub rows: u64,
    /// Entity name -> count.
    pub entities: Vec<(String, u64)>,
    /// Per column of the plan: cells changed, cells that were not numbers.
    pub columns: Vec<(u64, u64)>,
    /// Residual personal data seen: column (`None` beyond the header's
    /// width), entity name, count.
    pub residual: Vec<(Option<usize>, String, u64)>,
    /// Rows the residual check looked at.
    pub residual_checked: u64,
}

// Byte classes and states of the cut finder.
const OTHER: usize = 0;
const QUOTE: usize = 1;
const DELIM: usize = 2;
const LF: usize = 3;
const CR: usize = 4;

const RECORD_START: u8 = 0;
const FIELD_START: u8 = 1;
const UNQUOTED: u8 = 2;
const QUOTED: u8 = 3;
/// A quote seen inside a quoted field: it closes the field, or a second
/// quote makes it a literal one.
const QUOTE_IN_QUOTED: u8 = 4;

/// Next state per state and byte class, as csv-core moves (with its
/// defaults: `"` quotes, doubled quotes escape, any of CR, LF, CRLF ends a
/// record; the reader skips blank lines before csv-core sees them).
const NEXT: [[u8; 5]; 5] = [
    // OTHER,   QUOTE,  DELIM,       LF,           CR
    [UNQUOTED, QUOTED, FIELD_START, RECORD_START, RECORD_START], // RECORD_START
    [UNQUOTED, QUOTED, FIELD_START, RECORD_START, RECORD_START], // FIELD_START
    [UNQUOTED, UNQUOTED, FIELD_START, RECORD_START, RECORD_START], // UNQUOTED
    [QUOTED, QUOTE_IN_QUOTED, QUOTED, QUOTED, QUOTED],           // QUOTED
    [UNQUOTED, QUOTED, FIELD_START, RECORD_START, RECORD_START], // QUOTE_IN_QUOTED
];

/// Finds cuts between records in an input read front to back.
///
/// ```
/// use pii_mask::csv::CsvOptions;
/// use pii_mask::split::Splitter;
/// // Records of two lines each: a quoted field holds a line break.
/// let mut input = b"id,note\n".to_vec();
/// for i in 0..20_000 {
///     input.extend_from_slice(format!("{i},\"two\nlines\"\n").as_bytes());
/// }
/// // A head of at least 2 records, then parts of at least 16 KiB.
/// let mut s = Splitter::new(&input, true, &CsvOptions::default(), 2, 1 << 14).unwrap();
/// let head = s.cut(&input).unwrap();
/// // The head reaches past the lines the dialect is sniffed from, and ends
/// // between records, never inside the quoted line break.
/// assert!(head.next.record >= 2 && input[..head.at].ends_with(b"lines\"\n"));
/// assert_eq!(head.next.line, 2 * head.next.record);
/// let rest = &input[head.at..];
/// let next = s.cut(rest).unwrap();
/// assert!(next.at >= 1 << 14 && rest[..next.at].ends_with(b"lines\"\n"));
/// ```
#[derive(Clone, Debug)]
pub struct Splitter {
    class: [u8; 256],
    delimiter: u8,
    state: u8,
    /// Bytes scanned so far.
    pos: u64,
    /// A UTF-8 byte-order mark the reader strips: not part of a field.
    bom: u64,
    line: u64,
    records: u64,
    part_start: u64,
    head_records: u64,
    /// The head reaches at least here, so that a reader given only the
    /// head sniffs the dialect from the same bytes as the whole input's.
    sniff_end: u64,
    head_done: bool,
    part_bytes: u64,
}

impl Splitter {
    /// A splitter for an input that starts with `first`, read with `opts`.
    /// `first` must reach the end of the reader's sniff sample (64 KiB or
    /// 20 lines), or be the whole input (`complete`); otherwise `None`, and
    /// the host masks in one pass. The head holds at least `head_records`
    /// records ([`Masker::head_records`]); later parts at least `part_bytes`
    /// bytes, more up to the end of a record.
    ///
    /// [`Masker::head_records`]: crate::Masker::head_records
    pub fn new(
        first: &[u8],
        complete: bool,
        opts: &CsvOptions,
        head_records: u64,
        part_bytes: usize,
    ) -> Option<Splitter> {
        let decoded;
        let text = if opts.encoding == Encoding::Windows1252 {
            let mut d = Vec::new();
            decode_windows_1252(first, &mut d);
            decoded = d;
            &decoded[..]
        } else {
            first
        };
        let cut = match sniff_cut(text) {
            Some(cut) => cut,
            None if complete => text.len(),
            None => return None,
        };
        let delimiter = dialect_delimiter(opts, text, cut);
        // A delimiter that is a quote or a line break would make every
        // field's start ambiguous to this machine; such files stay whole.
        if matches!(delimiter, b'"' | b'\n' | b'\r') || delimiter >= 0x80 {
            return None;
        }
        let mut class = [OTHER as u8; 256];
        class[usize::from(b'"')] = QUOTE as u8;
        class[usize::from(delimiter)] = DELIM as u8;
        class[usize::from(b'\n')] = LF as u8;
        class[usize::from(b'\r')] = CR as u8;
        let bom = opts.encoding == Encoding::Utf8 && first.starts_with(b"\xEF\xBB\xBF");
        // In raw bytes: a Windows-1252 file's sniff sample ends no later.
        let sniff_end = sniff_cut(first).unwrap_or(first.len()) as u64;
        Some(Splitter {
            class,
            delimiter,
            state: RECORD_START,
            pos: 0,
            bom: if bom { 3 } else { 0 },
            line: 1,
            records: 0,
            part_start: 0,
            head_records,
            sniff_end,
            head_done: false,
            part_bytes: part_bytes.max(1) as u64,
        })
    }

    /// Reads `bytes`, the input's next bytes, up to the first cut due: the
    /// end of the head, or of a part of at least `part_bytes`. Without a
    /// cut all of `bytes` is read; give the following bytes next. After a
    /// cut give `&bytes[cut.at..]` again.
    pub fn cut(&mut self, bytes: &[u8]) -> Option<Cut> {
        let mut state = self.state;
        let mut records = self.records;
        let mut line = self.line;
        let mut found = None;
        let mut i = self.bom.saturating_sub(self.pos).min(bytes.len() as u64) as usize;
        while i < bytes.len() {
            // Most bytes change nothing: jump over them.
            match state {
                QUOTED => {
                    let rest = &bytes[i..];
                    let j = memchr::memchr(b'"', rest).unwrap_or(rest.len());
                    line += memchr::memchr_iter(b'\n', &rest[..j]).count() as u64;
                    i += j;
                }
                UNQUOTED => {
                    let rest = &bytes[i..];
                    i += memchr::memchr3(self.delimiter, b'\n', b'\r', rest).unwrap_or(rest.len());
                }
                _ => {}
            }
            let Some(&b) = bytes.get(i) else { break };
            let class = usize::from(self.class[usize::from(b)]);
            let next = NEXT[usize::from(state)][class];
            if next == RECORD_START && state != RECORD_START {
                records += 1;
            }
            state = next;
            i += 1;
            if class == LF {
                line += 1;
                if state == RECORD_START {
                    let end = self.pos + i as u64;
                    let due = if self.head_done {
                        end - self.part_start >= self.part_bytes
                    } else {
                        records >= self.head_records && end >= self.sniff_end
                    };
                    if due {
                        self.head_done = true;
                        self.part_start = end;
                        found = Some(Cut {
                            at: i,
                            next: PartStart {
                                line,
                                record: records,
                            },
                        });
                        break;
                    }
                }
            }
        }
        self.state = state;
        self.records = records;
        self.line = line;
        self.pos += found.map_or(bytes.len(), |c| c.at) as u64;
        found
    }
}
