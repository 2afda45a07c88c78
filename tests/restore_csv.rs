//! Restoring a CSV cell by cell: any table of values (commas, quotes, line
//! breaks, Unicode, empty cells), masked with `tokenize` whole and inside
//! text, comes back cell for cell however the masked bytes are cut.

use pii_mask::csv::{read_all, CsvOptions};
use pii_mask::restore_csv::CsvRestorer;
use pii_mask::{MaskOptions, Masker, Policy, Vault};
use proptest::prelude::*;

const KEY: &[u8] = b"0123456789abcdef0123456789abcdef";

fn quote(cell: &str) -> String {
    if cell.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", cell.replace('"', "\"\""))
    } else {
        cell.to_string()
    }
}

fn mask(csv: &str) -> (Vec<u8>, Vault) {
    let policy = r#"{"version": 1, "columns": {
        "name": {"op": "tokenize", "entity": "PERSON"},
        "notes": {"op": "scrub", "replace": "tokenize"}}}"#;
    let opts = MaskOptions {
        key: Some(KEY.to_vec()),
        header: pii_mask::Header::from(true),
        ..MaskOptions::default()
    };
    let mut m = Masker::new(Policy::from_json(policy).unwrap(), opts).unwrap();
    let mut out = Vec::new();
    m.push(csv.as_bytes(), &mut out).unwrap();
    m.finish(&mut out).unwrap();
    (out, m.vault())
}

fn restore_cut(masked: &[u8], vault: &Vault, cuts: &[usize]) -> Vec<u8> {
    let mut cuts: Vec<usize> = cuts.iter().map(|c| c % (masked.len() + 1)).collect();
    cuts.sort_unstable();
    let mut r = CsvRestorer::new(vault);
    let mut out = Vec::new();
    let mut last = 0;
    for c in cuts {
        r.push(&masked[last..c], &mut out).unwrap();
        last = c;
    }
    r.push(&masked[last..], &mut out).unwrap();
    r.finish(&mut out).unwrap();
    out
}

fn cell() -> impl Strategy<Value = String> {
    prop_oneof![
        "[A-Z][a-z]{1,8} [A-Z][a-z]{1,8}",
        "[a-z]{1,8}@example\\.(com|org)",
        "mail [a-z]{1,6}@example\\.com, call \\+1 415 555 0[0-9]{3}",
        "[ -~]{0,12}",
        "[a-zé日😀\",\n ]{0,10}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn a_masked_table_comes_back_cell_for_cell_whatever_the_cuts(
        rows in proptest::collection::vec((cell(), cell(), cell()), 1..12),
        cuts in proptest::collection::vec(any::<usize>(), 0..10),
    ) {
        let mut csv = String::from("name,plan,notes\n");
        for (a, b, c) in &rows {
            csv.push_str(&format!("{},{},{}\n", quote(a), quote(b), quote(c)));
        }
        let (masked, vault) = mask(&csv);
        let back = restore_cut(&masked, &vault, &cuts);
        let opts = CsvOptions { delimiter: Some(b','), ..CsvOptions::default() };
        prop_assert_eq!(read_all(&back, &opts).unwrap(), read_all(csv.as_bytes(), &opts).unwrap());
        prop_assert_eq!(back, restore_cut(&masked, &vault, &[]));
    }
}
