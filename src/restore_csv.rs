//! Restoring a CSV: each cell on its own, written again with the quoting its
//! original value needs (a name with a comma, a note with a line break), so
//! that restoring the masked file gives the input back cell for cell. Text
//! restore ([`crate::restore`]) would put such a value in raw and break the
//! row.
//!
//! ```
//! use pii_mask::{restore_csv::CsvRestorer, Masker, MaskOptions, Policy};
//! let policy = Policy::from_json(r#"{"version": 1, "columns": {"name": {"op": "tokenize", "entity": "PERSON"}}}"#).unwrap();
//! let opts = MaskOptions { key: Some(b"a key of 16+ bytes".to_vec()), ..MaskOptions::default() };
//! let mut m = Masker::new(policy, opts).unwrap();
//! let input = b"name\n\"Lee, Ann\"\n";
//! let mut masked = Vec::new();
//! m.push(input, &mut masked).unwrap();
//! m.finish(&mut masked).unwrap();
//! let mut r = CsvRestorer::new(&m.vault());
//! let mut out = Vec::new();
//! r.push(&masked, &mut out).unwrap();
//! let report = r.finish(&mut out).unwrap();
//! assert_eq!(out, input);
//! assert_eq!(report.restored["PERSON"], 1);
//! ```

use crate::csv::{CsvOptions, Reader, Record, Writer};
use crate::restore::{RestoreReport, Restorer};
use crate::vault::Vault;
use crate::Error;

/// Restores a CSV pushed in chunks; the output does not depend on the cuts.
pub struct CsvRestorer {
    reader: Reader,
    cells: Cells,
}

/// What each record goes through (apart from the reader that yields it).
struct Cells {
    writer: Option<Writer>,
    restorer: Restorer,
    cell: String,
}

impl Cells {
    fn record(&mut self, r: &Record<'_>, out: &mut Vec<u8>) {
        // The input's own delimiter and line ending.
        let w = self
            .writer
            .get_or_insert_with(|| Writer::new(r.delimiter(), r.line_ending()));
        for field in r.iter() {
            self.cell.clear();
            self.restorer
                .whole(&String::from_utf8_lossy(field), &mut self.cell);
            w.field(out, self.cell.as_bytes());
        }
        w.end_record(out);
    }
}

impl CsvRestorer {
    /// The delimiter is detected; rows may differ in length (an AI's CSV
    /// need not be rectangular).
    pub fn new(vault: &Vault) -> CsvRestorer {
        CsvRestorer {
            reader: Reader::new(CsvOptions {
                allow_ragged: true,
                ..CsvOptions::default()
            }),
            cells: Cells {
                writer: None,
                restorer: Restorer::new(vault),
                cell: String::new(),
            },
        }
    }

    /// Reads `chunk`; appends the restored records it completes to `out`.
    pub fn push(&mut self, chunk: &[u8], out: &mut Vec<u8>) -> Result<(), Error> {
        let cells = &mut self.cells;
        self.reader.push(chunk, &mut |r| {
            cells.record(r, out);
            Ok(())
        })
    }

    /// Ends the input (an unclosed quote is an error naming its line);
    /// returns the report.
    pub fn finish(&mut self, out: &mut Vec<u8>) -> Result<RestoreReport, Error> {
        let cells = &mut self.cells;
        self.reader.finish(&mut |r| {
            cells.record(r, out);
            Ok(())
        })?;
        let mut rest = String::new();
        Ok(self.cells.restorer.finish(&mut rest))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{MaskOptions, Masker, Policy};

    fn masked(input: &[u8]) -> (Vec<u8>, Vault) {
        let policy = Policy::from_json(
            r#"{"version": 1, "columns": {"name": {"op": "tokenize", "entity": "PERSON"}, "notes": {"op": "scrub", "replace": "tokenize"}}}"#,
        )
        .unwrap();
        let opts = MaskOptions {
            key: Some(b"0123456789abcdef".to_vec()),
            ..MaskOptions::default()
        };
        let mut m = Masker::new(policy, opts).unwrap();
        let mut out = Vec::new();
        m.push(input, &mut out).unwrap();
        m.finish(&mut out).unwrap();
        (out, m.vault())
    }

    #[test]
    fn the_masked_file_comes_back_whatever_the_cuts() {
        let input = "id;name;notes\r\n1;\"Lee; Ann\";\"mail ann@example.com, \"\"now\"\"\"\r\n2;\"Bo\nKim\";call +1 415 555 0132\r\n";
        let (out, vault) = masked(input.as_bytes());
        assert!(!String::from_utf8_lossy(&out).contains("Ann"));
        for cut in [1, 2, 7, out.len()] {
            let mut r = CsvRestorer::new(&vault);
            let mut back = Vec::new();
            for chunk in out.chunks(cut) {
                r.push(chunk, &mut back).unwrap();
            }
            let report = r.finish(&mut back).unwrap();
            assert_eq!(String::from_utf8(back).unwrap(), input, "cut {cut}");
            assert_eq!(report.restored["PERSON"], 2);
        }
    }

    #[test]
    fn a_token_at_a_cells_start_is_found_after_a_letter_in_the_cell_before() {
        let (out, vault) = masked(b"name,notes\nAnn Lee,x\n");
        let text = String::from_utf8(out).unwrap();
        let token = text.lines().nth(1).unwrap().split(',').next().unwrap();
        let mut r = CsvRestorer::new(&vault);
        let mut back = Vec::new();
        r.push(format!("a,b\nabc,{token}\n").as_bytes(), &mut back)
            .unwrap();
        r.finish(&mut back).unwrap();
        assert_eq!(back, b"a,b\nabc,Ann Lee\n");
    }

    #[test]
    fn an_unclosed_quote_is_an_error() {
        let mut r = CsvRestorer::new(&Vault::new());
        let mut out = Vec::new();
        r.push(b"a\n\"b\n", &mut out).unwrap();
        assert!(r.finish(&mut out).is_err());
    }
}
