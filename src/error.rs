//! The one error type. Every message says where (a line, a column or a
//! policy key) so a user can act on it.

use std::fmt;

/// What went wrong, and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Error {
    /// The input ended inside a quoted field that opened on `line`.
    UnclosedQuote { line: u64 },
    /// A record has a different number of fields from the first record.
    RaggedRow {
        line: u64,
        expected: usize,
        found: usize,
    },
    /// A cell that an operator must read as text is not valid UTF-8.
    InvalidUtf8 { line: u64, column: String },
    /// The policy is malformed or refers to something that does not exist.
    Policy(String),
    /// The key is missing or unusable.
    Key(String),
    /// Options passed to the masker or scanner are invalid.
    Options(String),
    /// The caller used the streaming API out of order (e.g. push after finish).
    State(&'static str),
}

impl Error {
    /// The 1-based input line the error refers to, if any.
    pub fn line(&self) -> Option<u64> {
        match self {
            Error::UnclosedQuote { line }
            | Error::RaggedRow { line, .. }
            | Error::InvalidUtf8 { line, .. } => Some(*line),
            _ => None,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::UnclosedQuote { line } => write!(
                f,
                "line {line}: unclosed quote: the quoted field that starts here never ends"
            ),
            Error::RaggedRow {
                line,
                expected,
                found,
            } => write!(
                f,
                "line {line}: expected {expected} fields, found {found} (allow ragged rows to accept this)"
            ),
            Error::InvalidUtf8 { line, column } => write!(
                f,
                "line {line}, column {column}: cell is not valid UTF-8 text (if the file was saved as Windows-1252 or \"ANSI\", read it with that encoding)"
            ),
            Error::Policy(msg) => write!(f, "policy: {msg}"),
            Error::Key(msg) => write!(f, "key: {msg}"),
            Error::Options(msg) => write!(f, "options: {msg}"),
            Error::State(msg) => f.write_str(msg),
        }
    }
}

impl std::error::Error for Error {}
