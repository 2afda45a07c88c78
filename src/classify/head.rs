//! Whether a file's first row names its columns, decided from the data when
//! the user has not said.
//!
//! A file without a header row must not have its first record written out
//! verbatim as "the header". The test is the one Python's
//! `csv.Sniffer.has_header` made familiar: a header cell is typed unlike the
//! column below it (a word above numbers, a word above emails); a first row
//! typed like the rows below it is data. One rule comes first: a first-row
//! cell that is itself personal data means the row is data.

use super::header_hint;
use crate::detect::{judge, Entity};
use serde::Serialize;

/// Whether the first row names the columns.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Header {
    /// Decide from the data (the default).
    #[default]
    Auto,
    /// The first row is a header.
    Present,
    /// Every row is data.
    Absent,
}

impl From<bool> for Header {
    fn from(present: bool) -> Header {
        if present {
            Header::Present
        } else {
            Header::Absent
        }
    }
}

/// Data rows read below the first before deciding.
pub(crate) const SNIFF_ROWS: usize = 20;
/// Columns looked at (the vote of a few hundred is plenty).
const SNIFF_COLUMNS: usize = 256;

/// Whether a header cell is itself a piece of personal data (an email, a
/// card number, a name that is not a header word): such a cell is never
/// echoed as a column name.
///
/// ```
/// assert!(pii_mask::classify::looks_like_data("jane@example.com"));
/// assert!(!pii_mask::classify::looks_like_data("email"));
/// ```
pub fn looks_like_data(cell: &str) -> bool {
    let cell = cell.trim();
    if cell.is_empty() || header_hint(cell).entity.is_some() {
        return false;
    }
    judge(cell).is_some()
}

/// What a cell looks like, for comparing a first-row cell with its column.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Number,
    Entity(Entity),
    Text,
}

fn kind(cell: &str) -> Kind {
    let bytes = cell.as_bytes();
    let numeric = bytes.iter().any(u8::is_ascii_digit)
        && bytes
            .iter()
            .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b',' | b'-' | b'+' | b' '));
    if let Some(e) = judge(cell) {
        Kind::Entity(e)
    } else if numeric {
        Kind::Number
    } else {
        Kind::Text
    }
}

/// Decides whether `first` is a header, given the rows below it.
pub(crate) fn sniff_header(first: &[Vec<u8>], rows: &[Vec<Vec<u8>>]) -> bool {
    let text = |b: &[u8]| String::from_utf8_lossy(b).trim().to_string();
    let mut votes = 0i64;
    for (i, cell) in first.iter().enumerate().take(SNIFF_COLUMNS) {
        let head = text(cell);
        if head.is_empty() {
            continue;
        }
        let hint = header_hint(&head);
        if hint.entity.is_some() {
            // A word that names a kind of personal data ("email", "Vorname").
            votes += 2;
            continue;
        }
        let head_kind = kind(&head);
        if matches!(head_kind, Kind::Entity(e) if !matches!(e, Entity::Person | Entity::Location)) {
            return false;
        }
        let below: Vec<String> = rows
            .iter()
            .filter_map(|r| r.get(i))
            .map(|c| text(c))
            .filter(|c| !c.is_empty())
            .collect();
        if below.is_empty() {
            continue;
        }
        let kinds: Vec<Kind> = below.iter().map(|c| kind(c)).collect();
        let most = |k: Kind| kinds.iter().filter(|&&x| x == k).count() * 5 >= kinds.len() * 4;
        let typed = [Kind::Number]
            .into_iter()
            .chain(kinds.iter().copied())
            .find(|&k| k != Kind::Text && most(k));
        if let Some(k) = typed {
            votes += if head_kind == k { -1 } else { 1 };
        } else if below.len() >= 2 && below.iter().all(|c| c.len() == below[0].len()) {
            votes += if head.len() == below[0].len() { -1 } else { 1 };
        } else if head_kind == Kind::Entity(Entity::Person) {
            // A name above free text or other names: weak evidence of data.
            votes -= 1;
        }
    }
    // No evidence either way: a header, as most CSV files have one.
    votes >= 0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(csv: &str) -> Vec<Vec<Vec<u8>>> {
        csv.lines()
            .map(|l| l.split(',').map(|c| c.as_bytes().to_vec()).collect())
            .collect()
    }

    fn has_header(csv: &str) -> bool {
        let r = rows(csv);
        sniff_header(&r[0], &r[1..])
    }

    #[test]
    fn a_header_of_words_over_typed_columns() {
        assert!(has_header(
            "id,email,ssn\n1,ann@example.com,078-05-1120\n2,bo@example.org,219-09-9999"
        ));
        assert!(has_header("a,b\n1,2\n3,4"));
        assert!(has_header(
            "Vorname,Nachname,Ort\nAnna,Schmidt,Berlin\nJonas,Weber,Köln"
        ));
        assert!(has_header(
            "name,notes\nAnn Lee,call me tomorrow\nBo Chan,fine"
        ));
        assert!(has_header("only,a,header"));
    }

    #[test]
    fn a_first_row_of_personal_data_is_data() {
        assert!(!has_header("jane.doe@example.com,078-05-1120,4111 1111 1111 1111\nbo@example.org,219-09-9999,5500 0000 0000 0004"));
        assert!(!has_header("1,ann@example.com\n2,bo@example.org"));
        assert!(!has_header("ann@example.com"));
        assert!(!has_header("17,42.5,3\n18,40.1,7\n19,39.9,2"));
    }

    #[test]
    fn data_cells_are_never_names() {
        assert!(looks_like_data("jane.doe@example.com"));
        assert!(looks_like_data("078-05-1120"));
        assert!(!looks_like_data("email"));
        assert!(!looks_like_data("Full Name"));
        assert!(!looks_like_data("#1"));
    }
}
