//! Bytes to records and back, incrementally.
//!
//! [`Reader`] takes input in chunks of any size: a chunk may end inside a
//! quoted field, a CRLF, a UTF-8 character or the BOM, and the records it
//! yields never depend on where the cuts fall. Tokenising is csv-core's; this
//! module adds what a masker needs on top: delimiter sniffing, BOM stripping,
//! line numbers, blank-line skipping, and errors for an unclosed quote or a
//! ragged row.

mod encoding;
mod reader;
mod sniff;
mod writer;

pub use encoding::{decode_windows_1252, Encoding};
pub(crate) use reader::{dialect_delimiter, sniff_cut};
pub use reader::{read_all, CsvOptions, Reader, Record};
pub use sniff::{sniff_delimiter, sniff_line_ending, DELIMITERS};
pub use writer::Writer;
