//! The one error type. Every message says where (a line, a column or a
//! policy field) so a user can act on it, and every error has a stable
//! [`ErrorKind`] and code so a program can act on it without reading the
//! message.
//!
//! ```
//! use pii_mask::{scan, ErrorKind, ScanOptions};
//! let err = scan(b"a,b\n1,2,3\n", ScanOptions::default()).unwrap_err();
//! assert_eq!(err.kind(), ErrorKind::RaggedRow);
//! assert_eq!(err.code(), "ragged_row");
//! assert_eq!(err.line(), Some(2));
//! ```

use crate::report::ValidationProblem;
use std::fmt;

/// What kind of error, as a program needs to tell them apart. The
/// [`code`](ErrorKind::code) of each is stable and the same across the
/// Rust, JavaScript and command-line interfaces.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The input ended inside a quoted field.
    UnclosedQuote,
    /// A record has a different number of fields from the first record.
    RaggedRow,
    /// A cell that an operator must read as text is not valid UTF-8.
    InvalidUtf8,
    /// The input is UTF-16 text, which pii-mask does not read.
    Utf16Input,
    /// The input is not text.
    BinaryInput,
    /// The policy is not valid JSON.
    PolicyJson,
    /// The policy's version is missing or not supported.
    PolicyVersion,
    /// The policy has a field its format does not have.
    PolicyUnknownField,
    /// A policy field has a value it cannot take.
    PolicyInvalid,
    /// A custom entity declaration in the policy is wrong.
    PolicyEntities,
    /// The policy names a column the file does not have.
    PolicyUnknownColumn,
    /// Two policy keys name the same column.
    PolicyDuplicateColumn,
    /// The policy names columns by header, but the file has none.
    PolicyNoHeader,
    /// The policy drops every column.
    PolicyAllDropped,
    /// An operator needs a key and none was given.
    MissingKey,
    /// The key is shorter than 16 bytes.
    KeyTooShort,
    /// An option is unknown or has a value it cannot take.
    InvalidOption,
    /// The streaming API was used out of order (e.g. a push after finish).
    InvalidState,
    /// Rows break the policy's validation rules (mode `reject`): the
    /// error's [`problems`](Error::problems) say where.
    ValidationFailed,
    /// A vault's passphrase is wrong (or empty).
    VaultPassphrase,
    /// A vault file is damaged: cut short, added to, or a byte changed.
    VaultDamaged,
    /// A file is not a vault, or one of a format this version does not read.
    VaultFormat,
    /// A vault is continued with another key than the one that made it.
    VaultKey,
}

impl ErrorKind {
    /// Every kind, in the order of the table in the README.
    pub const ALL: [ErrorKind; 23] = [
        ErrorKind::UnclosedQuote,
        ErrorKind::RaggedRow,
        ErrorKind::InvalidUtf8,
        ErrorKind::Utf16Input,
        ErrorKind::BinaryInput,
        ErrorKind::PolicyJson,
        ErrorKind::PolicyVersion,
        ErrorKind::PolicyUnknownField,
        ErrorKind::PolicyInvalid,
        ErrorKind::PolicyEntities,
        ErrorKind::PolicyUnknownColumn,
        ErrorKind::PolicyDuplicateColumn,
        ErrorKind::PolicyNoHeader,
        ErrorKind::PolicyAllDropped,
        ErrorKind::MissingKey,
        ErrorKind::KeyTooShort,
        ErrorKind::InvalidOption,
        ErrorKind::InvalidState,
        ErrorKind::ValidationFailed,
        ErrorKind::VaultPassphrase,
        ErrorKind::VaultDamaged,
        ErrorKind::VaultFormat,
        ErrorKind::VaultKey,
    ];

    /// The stable code, e.g. `"ragged_row"`.
    pub fn code(self) -> &'static str {
        match self {
            ErrorKind::UnclosedQuote => "unclosed_quote",
            ErrorKind::RaggedRow => "ragged_row",
            ErrorKind::InvalidUtf8 => "invalid_utf8",
            ErrorKind::Utf16Input => "utf16_input",
            ErrorKind::BinaryInput => "binary_input",
            ErrorKind::PolicyJson => "policy_json",
            ErrorKind::PolicyVersion => "policy_version",
            ErrorKind::PolicyUnknownField => "policy_unknown_field",
            ErrorKind::PolicyInvalid => "policy_invalid",
            ErrorKind::PolicyEntities => "policy_entities",
            ErrorKind::PolicyUnknownColumn => "policy_unknown_column",
            ErrorKind::PolicyDuplicateColumn => "policy_duplicate_column",
            ErrorKind::PolicyNoHeader => "policy_no_header",
            ErrorKind::PolicyAllDropped => "policy_all_dropped",
            ErrorKind::MissingKey => "missing_key",
            ErrorKind::KeyTooShort => "key_too_short",
            ErrorKind::InvalidOption => "invalid_option",
            ErrorKind::InvalidState => "invalid_state",
            ErrorKind::ValidationFailed => "validation_failed",
            ErrorKind::VaultPassphrase => "vault_passphrase",
            ErrorKind::VaultDamaged => "vault_damaged",
            ErrorKind::VaultFormat => "vault_format",
            ErrorKind::VaultKey => "vault_key",
        }
    }

    /// One line on when it happens, for the catalogue and the README.
    pub fn description(self) -> &'static str {
        match self {
            ErrorKind::UnclosedQuote => {
                "the input ended inside a quoted field (line: where it opened)"
            }
            ErrorKind::RaggedRow => "a record has another number of fields than the first",
            ErrorKind::InvalidUtf8 => "a cell is not UTF-8 text (line, column)",
            ErrorKind::Utf16Input => "the file is UTF-16 text; save it as UTF-8",
            ErrorKind::BinaryInput => "the file is not text",
            ErrorKind::PolicyJson => "the policy is not valid JSON",
            ErrorKind::PolicyVersion => "the policy's version is missing or not supported",
            ErrorKind::PolicyUnknownField => "the policy has a field its format does not have",
            ErrorKind::PolicyInvalid => "a policy field has a value it cannot take (field)",
            ErrorKind::PolicyEntities => "a custom entity declaration is wrong (field)",
            ErrorKind::PolicyUnknownColumn => "the policy names a column the file does not have",
            ErrorKind::PolicyDuplicateColumn => "two policy keys name the same column",
            ErrorKind::PolicyNoHeader => "the policy names columns by header; the file has none",
            ErrorKind::PolicyAllDropped => "the policy drops every column",
            ErrorKind::MissingKey => "an operator needs a key and none was given",
            ErrorKind::KeyTooShort => "the key is shorter than 16 bytes",
            ErrorKind::InvalidOption => "an option is unknown or has a bad value (field)",
            ErrorKind::InvalidState => "the streaming API was used out of order",
            ErrorKind::ValidationFailed => {
                "rows break the policy's validation rules (problems: line, column, rule)"
            }
            ErrorKind::VaultPassphrase => {
                "the vault's passphrase is wrong or empty; nothing was restored"
            }
            ErrorKind::VaultDamaged => {
                "the vault file is damaged (cut short, added to, or changed); nothing was restored"
            }
            ErrorKind::VaultFormat => "the file is not a pii-mask vault, or of a newer format",
            ErrorKind::VaultKey => "the vault was made with another key than the one given",
        }
    }

    /// Whether the error is about the input file (as against the policy,
    /// the key or the options).
    pub fn is_input(self) -> bool {
        matches!(
            self,
            ErrorKind::UnclosedQuote
                | ErrorKind::RaggedRow
                | ErrorKind::InvalidUtf8
                | ErrorKind::Utf16Input
                | ErrorKind::BinaryInput
                | ErrorKind::ValidationFailed
        )
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// What went wrong, and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    kind: ErrorKind,
    message: String,
    line: Option<u64>,
    column: Option<String>,
    field: Option<String>,
    /// With `validation_failed`: each problem found (never a value).
    problems: Vec<ValidationProblem>,
}

impl Error {
    /// An error of `kind` whose message is `message` as the user reads it
    /// (without the line, which [`Error::at_line`] adds).
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Error {
        Error {
            kind,
            message: message.into(),
            line: None,
            column: None,
            field: None,
            problems: Vec::new(),
        }
    }

    /// Places the error on a 1-based input line.
    pub fn at_line(mut self, line: u64) -> Error {
        self.line = Some(line);
        self
    }

    /// Names the column as users see it: a header name or `#N`.
    pub fn in_column(mut self, column: impl Into<String>) -> Error {
        self.column = Some(column.into());
        self
    }

    /// Names the place in the policy or options: a JSON pointer such as
    /// `/columns/email/length`, or an option's name.
    pub fn at_field(mut self, field: impl Into<String>) -> Error {
        self.field = Some(field.into());
        self
    }

    /// Lists the problems behind a `validation_failed` error.
    pub fn with_problems(mut self, problems: Vec<ValidationProblem>) -> Error {
        self.problems = problems;
        self
    }

    /// With `validation_failed`: where each problem is (line, column,
    /// rule); empty for other errors.
    pub fn problems(&self) -> &[ValidationProblem] {
        &self.problems
    }

    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// The stable code of the kind, e.g. `"ragged_row"`.
    pub fn code(&self) -> &'static str {
        self.kind.code()
    }

    /// The 1-based input line the error refers to, if any.
    pub fn line(&self) -> Option<u64> {
        self.line
    }

    /// The column the error refers to, as users see it, if any.
    pub fn column(&self) -> Option<&str> {
        self.column.as_deref()
    }

    /// The place in the policy or options the error refers to, if any.
    pub fn field(&self) -> Option<&str> {
        self.field.as_deref()
    }

    /// The message without its line prefix.
    pub fn message(&self) -> &str {
        &self.message
    }

    pub(crate) fn policy(kind: ErrorKind, message: impl Into<String>) -> Error {
        Error::new(kind, format!("policy: {}", message.into()))
    }

    pub(crate) fn key(kind: ErrorKind, message: impl Into<String>) -> Error {
        Error::new(kind, format!("key: {}", message.into()))
    }

    pub(crate) fn option(field: &str, message: impl Into<String>) -> Error {
        Error::new(
            ErrorKind::InvalidOption,
            format!("options: {}", message.into()),
        )
        .at_field(field)
    }

    pub(crate) fn state(message: &str) -> Error {
        Error::new(ErrorKind::InvalidState, message)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, &self.column, self.kind.is_input()) {
            (Some(line), Some(column), true) => {
                write!(f, "line {line}, column {column}: {}", self.message)
            }
            (Some(line), _, _) => write!(f, "line {line}: {}", self.message),
            _ => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for Error {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_distinct_snake_case_words() {
        let mut seen = std::collections::HashSet::new();
        for k in ErrorKind::ALL {
            assert!(seen.insert(k.code()), "{k:?} repeats a code");
            assert!(k
                .code()
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_'));
            assert!(!k.description().is_empty());
        }
    }

    #[test]
    fn the_message_says_where() {
        let e = Error::new(ErrorKind::InvalidUtf8, "cell is not valid UTF-8 text")
            .at_line(7)
            .in_column("\"name\"");
        assert_eq!(
            e.to_string(),
            "line 7, column \"name\": cell is not valid UTF-8 text"
        );
        assert_eq!((e.line(), e.column()), (Some(7), Some("\"name\"")));
        let p = Error::policy(
            ErrorKind::PolicyUnknownColumn,
            "column \"x\" is not in the header",
        )
        .in_column("x");
        assert_eq!(p.to_string(), "policy: column \"x\" is not in the header");
    }
}
