//! The CSV reader: any bytes, cut into chunks anywhere.
//!
//! Input: byte 0 = options (bits 0-2 delimiter: sniff , ; tab |; bit 3
//! allow ragged; bit 4 windows-1252), bytes 1-2 = chunk-cut seed, the rest = the CSV.
//!
//! Invariants: no panic; `push` over any chunk cuts + `finish` yields the
//! same records and the same error as `read_all`; every record has at least
//! one field; line numbers never decrease; without `allow_ragged`, every
//! record has the first record's width; records written back with
//! `csv::Writer` read back the same; read as Windows-1252, every field is
//! UTF-8.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pii_mask::csv::{read_all, CsvOptions, Encoding, Reader, Record, Writer};
use pii_mask::ErrorKind;
use pii_mask_fuzz::{chunks, cuts, Config};

type Rows = Vec<Vec<Vec<u8>>>;

fn options(cfg: &Config<'_>) -> CsvOptions {
    let b = cfg.byte(0);
    CsvOptions {
        delimiter: [None, Some(b','), Some(b';'), Some(b'\t'), Some(b'|')][usize::from(b & 7) % 5],
        allow_ragged: b & 8 != 0,
        encoding: if b & 16 != 0 {
            Encoding::Windows1252
        } else {
            Encoding::Utf8
        },
    }
}

fn read_chunked(
    data: &[u8],
    opts: &CsvOptions,
    cuts: &[usize],
) -> (Rows, Vec<u64>, Result<(), pii_mask::Error>) {
    let mut rows = Vec::new();
    let mut lines = Vec::new();
    let mut rdr = Reader::new(opts.clone());
    let mut on = |r: &Record<'_>| {
        rows.push(r.iter().map(<[u8]>::to_vec).collect::<Vec<_>>());
        lines.push(r.line());
        Ok(())
    };
    let mut result = Ok(());
    for chunk in chunks(data, cuts) {
        result = rdr.push(chunk, &mut on);
        if result.is_err() {
            break;
        }
    }
    if result.is_ok() {
        result = rdr.finish(&mut on);
    }
    (rows, lines, result)
}

fuzz_target!(|data: &[u8]| {
    let (cfg, csv) = Config::split(data, 3);
    let opts = options(&cfg);
    let seed = u16::from_le_bytes([cfg.byte(1), cfg.byte(2)]);

    let whole = read_all(csv, &opts);
    let (rows, lines, result) = read_chunked(csv, &opts, &cuts(csv.len(), seed));
    match (&whole, &result) {
        (Ok(w), Ok(())) => assert_eq!(w, &rows, "records depend on chunking"),
        (Err(a), Err(b)) => assert_eq!(a, b, "errors depend on chunking"),
        _ => panic!(
            "one-shot {:?} but chunked {:?}",
            whole.as_ref().map(|_| ()),
            result
        ),
    }
    assert!(
        lines.windows(2).all(|w| w[0] <= w[1]),
        "line numbers go back: {lines:?}"
    );
    assert!(lines.iter().all(|&l| l >= 1), "line 0: {lines:?}");
    if let Err(e) = &result {
        if let Some(line) = e.line() {
            assert!(line >= 1, "error on line 0: {e}");
        }
        assert!(!e.to_string().is_empty());
        return;
    }
    assert!(
        rows.iter().all(|r| !r.is_empty()),
        "a record with no fields"
    );
    if opts.encoding == Encoding::Windows1252 {
        assert!(
            rows.iter()
                .flatten()
                .all(|f| std::str::from_utf8(f).is_ok()),
            "a field read as Windows-1252 is not UTF-8"
        );
    }
    if !opts.allow_ragged {
        if let Some(first) = rows.first() {
            assert!(
                rows.iter().all(|r| r.len() == first.len()),
                "ragged rows accepted"
            );
        }
    }

    // Written back with the same delimiter, the records read back the same
    // (a leading BOM in the first field aside: readers strip one).
    let mut delim = None;
    let mut rdr = Reader::new(opts.clone());
    let mut on = |r: &Record<'_>| {
        delim = Some(r.delimiter());
        Ok(())
    };
    let _ = rdr.push(csv, &mut on).and_then(|()| rdr.finish(&mut on));
    let Some(delim) = delim else { return };
    let mut w = Writer::new(delim, b"\n");
    let mut out = Vec::new();
    for r in &rows {
        for f in r {
            w.field(&mut out, f);
        }
        w.end_record(&mut out);
    }
    if out.starts_with(b"\xEF\xBB\xBF") {
        return;
    }
    let opts2 = CsvOptions {
        delimiter: Some(delim),
        allow_ragged: true,
        ..Default::default()
    };
    let back = match read_all(&out, &opts2) {
        Ok(back) => back,
        // The reader refuses input whose first bytes say it is UTF-16 or a
        // binary format (the writer unquotes a first field that started so).
        Err(e) if matches!(e.kind(), ErrorKind::Utf16Input | ErrorKind::BinaryInput) => return,
        Err(e) => panic!("written CSV reads back: {e:?}"),
    };
    assert_eq!(back, rows, "write/read round trip");
});
