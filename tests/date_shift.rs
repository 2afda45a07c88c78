//! `date_shift`: one subject's dates move together (by another column's
//! original value, under the key), intervals kept, the format kept, and
//! errors that name the field.

use pii_mask::{Header, MaskOptions, Masker, Policy};

const KEY: &[u8] = b"a key of sixteen bytes or more";

fn mask(policy: &str, input: &[u8], key: Option<&[u8]>) -> Result<String, pii_mask::Error> {
    let opts = MaskOptions {
        key: key.map(<[u8]>::to_vec),
        ..MaskOptions::default()
    };
    let mut m = Masker::new(Policy::from_json(policy)?, opts)?;
    let mut out = Vec::new();
    m.push(input, &mut out)?;
    m.finish(&mut out)?;
    Ok(String::from_utf8(out).unwrap())
}

fn rows(csv: &str) -> Vec<Vec<String>> {
    csv.lines()
        .skip(1)
        .map(|l| l.split(',').map(String::from).collect())
        .collect()
}

/// Days since 1970-01-01 of an ISO date, the slow and obvious way.
fn day_number(iso: &str) -> i64 {
    let p: Vec<i64> = iso[..10].split('-').map(|x| x.parse().unwrap()).collect();
    let (y, m, d) = (p[0], p[1], p[2]);
    let leap = |y: i64| (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let mut n = 0;
    for year in 1900..y {
        n += if leap(year) { 366 } else { 365 };
    }
    let months = [
        31,
        if leap(y) { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    n + months[..(m - 1) as usize].iter().sum::<i64>() + d - 1
}

const VISITS: &str = "patient_id,admitted,discharged,note\n\
P-1,2024-01-10,2024-01-15,a\n\
P-2,2024-02-28,2024-03-02,b\n\
P-1,2024-06-01,2024-06-03T08:30:00,c\n\
P-3,2023-12-31,2024-01-01,d\n\
P-2,2025-01-01,2025-01-01,e\n";

const SHIFT: &str = r#"{"version": 1, "columns": {
    "admitted": {"op": "date_shift", "by": "patient_id", "days": 365},
    "discharged": {"op": "date_shift", "by": "patient_id", "days": 365}}}"#;

#[test]
fn one_subjects_dates_move_together_and_intervals_are_kept() {
    let out = mask(SHIFT, VISITS.as_bytes(), Some(KEY)).unwrap();
    let before = rows(VISITS);
    let after = rows(&out);
    let mut offsets = std::collections::BTreeMap::new();
    for (b, a) in before.iter().zip(&after) {
        assert_eq!(a[0], b[0], "the subject column is kept");
        for c in [1, 2] {
            let offset = day_number(&a[c]) - day_number(&b[c]);
            assert!(offset != 0 && offset.abs() <= 365, "{offset}");
            // One offset per subject, in every row and column.
            assert_eq!(
                *offsets.entry(b[0].clone()).or_insert(offset),
                offset,
                "{b:?} -> {a:?}"
            );
        }
        // A time after the date is kept as it is.
        assert_eq!(a[2].get(10..), b[2].get(10..));
    }
    assert_eq!(offsets.len(), 3);
    let distinct: std::collections::BTreeSet<_> = offsets.values().collect();
    assert!(distinct.len() > 1, "{offsets:?}");
    // The same key gives the same offsets in another file.
    let other = "patient_id,seen\nP-3,2020-02-29\n";
    let policy = r#"{"version": 1, "columns": {"seen": {"op": "date_shift", "by": "patient_id", "days": 365}}}"#;
    let seen = rows(&mask(policy, other.as_bytes(), Some(KEY)).unwrap());
    assert_eq!(
        day_number(&seen[0][1]) - day_number("2020-02-29"),
        offsets["P-3"]
    );
}

/// The subject is the column's value as read, even when that column is
/// masked itself (hashed here): the offsets do not change.
#[test]
fn the_subject_is_the_original_value_even_when_masked() {
    let masked_too = r#"{"version": 1, "columns": {
        "patient_id": {"op": "hash"},
        "admitted": {"op": "date_shift", "by": "patient_id", "days": 365},
        "discharged": {"op": "date_shift", "by": "patient_id", "days": 365}}}"#;
    let a = rows(&mask(masked_too, VISITS.as_bytes(), Some(KEY)).unwrap());
    let b = rows(&mask(SHIFT, VISITS.as_bytes(), Some(KEY)).unwrap());
    for (x, y) in a.iter().zip(&b) {
        assert_ne!(x[0], y[0]);
        assert_eq!(x[1..3], y[1..3]);
    }
    // Dropped too: still read from the input.
    let dropped = r#"{"version": 1, "columns": {
        "patient_id": {"op": "drop"},
        "admitted": {"op": "date_shift", "by": "patient_id", "days": 365}}}"#;
    let c = rows(&mask(dropped, VISITS.as_bytes(), Some(KEY)).unwrap());
    for (x, y) in c.iter().zip(&b) {
        assert_eq!(x[0], y[1]);
    }
}

#[test]
fn the_format_is_kept_and_non_dates_are_redacted() {
    let input = "id,when\n7,05/03/2024 10:00\n7,31/12/2024 23:59\n8,not a date\n9,\n";
    let policy = r#"{"version": 1, "columns": {"when": {"op": "date_shift", "by": "id", "days": 30, "format": "%d/%m/%Y %H:%M"}}}"#;
    let out = rows(&mask(policy, input.as_bytes(), Some(KEY)).unwrap());
    let iso = |dmy: &str| format!("{}-{}-{}", &dmy[6..10], &dmy[3..5], &dmy[..2]);
    let shift = |i: usize, orig: &str| day_number(&iso(&out[i][1])) - day_number(&iso(orig));
    assert_eq!(shift(0, "05/03/2024"), shift(1, "31/12/2024"));
    assert_eq!(&out[0][1][10..], " 10:00");
    assert_eq!(out[2][1], "[DATE_TIME]");
    assert_eq!(out[3].get(1).map(String::as_str).unwrap_or(""), "");
}

#[test]
fn by_index_without_a_header() {
    let input = "P-1,2024-01-10\nP-1,2024-01-20\n";
    let policy =
        r##"{"version": 1, "columns": {"#1": {"op": "date_shift", "by": "#0", "days": 10}}}"##;
    let opts = MaskOptions {
        key: Some(KEY.to_vec()),
        header: Header::Absent,
        ..MaskOptions::default()
    };
    let mut m = Masker::new(Policy::from_json(policy).unwrap(), opts).unwrap();
    let mut out = Vec::new();
    m.push(input.as_bytes(), &mut out).unwrap();
    m.finish(&mut out).unwrap();
    let text = String::from_utf8(out).unwrap();
    let days: Vec<i64> = text.lines().map(|l| day_number(&l[4..])).collect();
    assert_eq!(days[1] - days[0], 10, "{text}");
}

#[test]
fn errors_name_the_field() {
    // The subject column is not in the file: named with the operator's place.
    let policy = r#"{"version": 1, "columns": {"admitted": {"op": "date_shift", "by": "patient", "days": 30}}}"#;
    let err = mask(policy, VISITS.as_bytes(), Some(KEY)).unwrap_err();
    assert_eq!(err.code(), "policy_unknown_column");
    assert_eq!(err.field(), Some("/columns/admitted/by"));
    assert_eq!(err.column(), Some("admitted"));
    assert!(err.to_string().contains("date_shift by \"patient\": the file has no such column (columns: patient_id, admitted, discharged, note)"), "{err}");
    // Parameters the policy reader refuses, by field.
    for (op, field) in [
        (
            r#"{"op": "date_shift", "by": "", "days": 30}"#,
            "/columns/a/by",
        ),
        (
            r#"{"op": "date_shift", "by": "id", "days": 0}"#,
            "/columns/a/days",
        ),
        (
            r#"{"op": "date_shift", "by": "id", "days": 40000}"#,
            "/columns/a/days",
        ),
        (
            r#"{"op": "date_shift", "by": "id", "days": 3, "format": "%m/%Y"}"#,
            "/columns/a/format",
        ),
        (
            r#"{"op": "date_shift", "by": "id", "days": 3, "step": 1}"#,
            "/columns/a/step",
        ),
        (r#"{"op": "date_shift", "days": 3}"#, "/columns/a"),
    ] {
        let json = format!(r#"{{"version": 1, "columns": {{"a": {op}}}}}"#);
        let err = Policy::from_json(&json).unwrap_err();
        assert_eq!(err.field(), Some(field), "{op}: {err}");
    }
    // The key is needed.
    let err = mask(SHIFT, VISITS.as_bytes(), None).unwrap_err();
    assert_eq!(err.code(), "missing_key");
}

/// No original date is left in the shifted columns.
#[test]
fn no_original_date_is_left() {
    let out = mask(SHIFT, VISITS.as_bytes(), Some(KEY)).unwrap();
    for (b, a) in rows(VISITS).iter().zip(rows(&out)) {
        assert_ne!(a[1], b[1]);
        assert_ne!(a[2], b[2]);
    }
}
