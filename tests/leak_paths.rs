//! The leak paths an attacker's review found (issue 10) and the safety net
//! of issue 9: each test fails on the code before the fix.

use pii_mask::CsvOptions;
use pii_mask::{Header, MaskOptions, Masker, Policy, Report};

const KEY: &[u8] = b"0123456789abcdef0123";

fn mask(policy: &str, opts: MaskOptions, input: &str) -> Result<(String, Report), pii_mask::Error> {
    let mut m = Masker::new(Policy::from_json(policy)?, opts)?;
    let mut out = Vec::new();
    // Small chunks: the decisions must not depend on where input is cut.
    for chunk in input.as_bytes().chunks(7) {
        m.push(chunk, &mut out)?;
    }
    let report = m.finish(&mut out)?;
    Ok((String::from_utf8(out).unwrap(), report))
}

fn opts() -> MaskOptions {
    MaskOptions {
        key: Some(KEY.to_vec()),
        ..MaskOptions::default()
    }
}

fn auto() -> &'static str {
    r#"{"version":1,"auto":true}"#
}

const HEADERLESS: &str = "jane.doe@example.com,078-05-1120,4111 1111 1111 1111\n\
                          bo.chan@example.org,219-09-9999,5500 0000 0000 0004\n\
                          al.ng@example.net,457-55-5462,4012 8888 8888 1881\n";

#[test]
fn a_headerless_file_keeps_no_record_as_header() {
    let (out, report) = mask(auto(), opts(), HEADERLESS).unwrap();
    assert!(!report.header && report.header_guessed);
    for value in ["jane.doe", "078-05-1120", "4111 1111 1111 1111"] {
        assert!(!out.contains(value), "{value} leaked:\n{out}");
    }
    assert_eq!(out.lines().count(), 3);
    let json = serde_json::to_string(&report).unwrap();
    assert!(!json.contains("jane"), "report echoes a cell: {json}");
}

#[test]
fn a_header_row_is_still_found() {
    let csv = "id,email,notes\n1,ann@example.com,fine\n2,bo@example.org,call 415-555-0132\n";
    let (out, report) = mask(auto(), opts(), csv).unwrap();
    assert!(report.header && report.header_guessed);
    assert!(out.starts_with("id,email,notes\n"), "{out}");
    assert_eq!(report.rows, 2);
}

#[test]
fn a_forced_header_of_data_is_masked_and_never_echoed() {
    let opts = MaskOptions {
        header: Header::Present,
        ..opts()
    };
    let policy = r##"{"version":1,"columns":{"#0":{"op":"mask"},"#1":{"op":"redact"}}}"##;
    let (out, report) = mask(policy, opts.clone(), HEADERLESS).unwrap();
    assert!(
        !out.contains("jane.doe") && !out.contains("078-05-1120"),
        "{out}"
    );
    assert_eq!(report.columns[0].name, "#0");
    let json = serde_json::to_string(&report).unwrap();
    assert!(!json.contains("jane") && !json.contains("078-05"), "{json}");
    // Nor does the error that lists the header's names.
    let err = mask(
        r#"{"version":1,"columns":{"email":{"op":"mask"}}}"#,
        opts,
        HEADERLESS,
    )
    .unwrap_err()
    .to_string();
    assert!(
        err.contains("not in the header") && !err.contains("jane"),
        "{err}"
    );
}

#[test]
fn ragged_cells_beyond_the_header_are_not_let_through() {
    let opts = MaskOptions {
        header: Header::Present,
        csv: CsvOptions {
            allow_ragged: true,
            ..CsvOptions::default()
        },
        ..opts()
    };
    let csv = "id,email\n1,ann@example.com\n2,bo@example.org,john@smith.org,078-05-1120\n";
    let policy = r#"{"version":1,"columns":{"email":{"op":"mask"}}}"#;
    let (out, report) = mask(policy, opts.clone(), csv).unwrap();
    assert!(
        !out.contains("john@smith.org") && !out.contains("078-05-1120"),
        "{out}"
    );
    assert!(
        out.contains("[EMAIL_ADDRESS]"),
        "a kept default scrubs: {out}"
    );
    assert_eq!(report.rows, 2);
    // The default applies when it does something.
    let policy = r#"{"version":1,"default":{"op":"redact"},"columns":{"id":{"op":"keep"}}}"#;
    let (out, _) = mask(policy, opts.clone(), csv).unwrap();
    assert!(
        out.ends_with("2,[EMAIL_ADDRESS],[REDACTED],[REDACTED]\n"),
        "{out}"
    );
    // A column named by index that only ragged rows have.
    let policy = r##"{"version":1,"columns":{"#3":{"op":"drop"},"email":{"op":"redact"}}}"##;
    let (out, _) = mask(policy, opts, csv).unwrap();
    assert!(
        out.ends_with("2,[EMAIL_ADDRESS],[EMAIL_ADDRESS]\n"),
        "{out}"
    );
}

#[test]
fn a_fitted_mask_applies_only_to_a_cell_that_is_its_entity() {
    let opts = MaskOptions {
        header: Header::Present,
        ..opts()
    };
    let csv = "email,ip,card\n\
               \"jane@doe.com (mobile +1 415 555 0132, SSN 078-05-1120)\",alice.smith@example.com,4111 1111 1111 1111 CVV 737\n\
               ann@example.com,192.168.10.7,4111 1111 1111 1111\n";
    let policy = r#"{"version":1,"columns":{"email":{"op":"mask","entity":"EMAIL_ADDRESS"},
        "ip":{"op":"mask","entity":"IP_ADDRESS"},"card":{"op":"mask","entity":"CREDIT_CARD"}}}"#;
    let (out, _) = mask(policy, opts, csv).unwrap();
    for value in ["doe.com", "0132", "1120", "alice", "example.com,", "737"] {
        assert!(
            !out.lines().nth(1).unwrap().contains(value),
            "{value} leaked: {out}"
        );
    }
    // Cells that are the entity keep their useful part.
    assert_eq!(
        out.lines().nth(2).unwrap(),
        "***@example.com,192.***.**.*,**** **** **** 1111"
    );
}

#[test]
fn a_mask_by_count_never_shows_more_than_the_entity_allows() {
    let opts = MaskOptions {
        header: Header::Present,
        ..opts()
    };
    let csv = "card,note\n4111111111111111,plain words here\n";
    let policy = r#"{"version":1,"columns":{"card":{"op":"mask","chars":4},"note":{"op":"mask","chars":5}}}"#;
    let (out, _) = mask(policy, opts, csv).unwrap();
    assert_eq!(
        out.lines().nth(1).unwrap(),
        "************1111,***** words here"
    );
    let err = Policy::from_json(r#"{"version":1,"columns":{"a":{"op":"mask","chars":0}}}"#)
        .unwrap_err()
        .to_string();
    assert!(err.contains("chars must be at least 1"), "{err}");
}

#[test]
fn hashes_link_across_columns_unless_asked_not_to() {
    let opts = MaskOptions {
        header: Header::Present,
        ..opts()
    };
    let csv = "a,b\nann@example.com,ann@example.com\n";
    let linked = r#"{"version":1,"default":{"op":"hash"}}"#;
    let (out, _) = mask(linked, opts.clone(), csv).unwrap();
    let row: Vec<&str> = out.lines().nth(1).unwrap().split(',').collect();
    assert_eq!(row[0], row[1]);
    let apart = r#"{"version":1,"default":{"op":"hash","per_column":true}}"#;
    let (out, _) = mask(apart, opts, csv).unwrap();
    let row: Vec<&str> = out.lines().nth(1).unwrap().split(',').collect();
    assert_ne!(row[0], row[1]);
    assert_eq!(row[0].len(), 16);
}

#[test]
fn weak_hashes_are_warned_about() {
    let opts = MaskOptions {
        header: Header::Present,
        ..opts()
    };
    let mut csv = String::from("email,name\n");
    for i in 0..20_000 {
        csv.push_str(&format!("u{i}@example.com,n{i}\n"));
    }
    let policy = r#"{"version":1,"columns":{"email":{"op":"hash","length":8},
        "name":{"op":"hash","algorithm":"sha256"}}}"#;
    let (_, report) = mask(policy, opts.clone(), &csv).unwrap();
    let codes: Vec<(&str, Option<&str>)> = report
        .warnings
        .iter()
        .map(|w| (w.code, w.column.as_deref()))
        .collect();
    assert_eq!(
        codes,
        [
            ("short_hash", Some("email")),
            ("sha256_algorithm", Some("name"))
        ]
    );
    let (_, report) = mask(
        r#"{"version":1,"columns":{"email":{"op":"hash"}}}"#,
        opts,
        &csv,
    )
    .unwrap();
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
}

#[test]
fn the_residual_check_names_what_was_kept_across_the_whole_file() {
    let opts = MaskOptions {
        header: Header::Present,
        ..opts()
    };
    // Clean for the first 3000 rows, emails in a kept column after that.
    let mut csv = String::from("id,comment\n");
    for i in 0..6000 {
        if i < 3000 {
            csv.push_str(&format!("{i},all good\n"));
        } else {
            csv.push_str(&format!("{i},write to user{i}@example.com\n"));
        }
    }
    let (_, report) = mask(r#"{"version":1}"#, opts.clone(), &csv).unwrap();
    assert_eq!(report.residual.len(), 1, "{:?}", report.residual);
    let r = &report.residual[0];
    assert_eq!(
        (r.index, r.name.as_str(), r.entity.as_str()),
        (Some(1), "comment", "EMAIL_ADDRESS")
    );
    assert!(r.count > 0 && report.residual_sampled < 6000);
    // Scrubbing removes them: nothing is left to report.
    let scrub = r#"{"version":1,"columns":{"comment":{"op":"scrub"}}}"#;
    let (_, report) = mask(scrub, opts.clone(), &csv).unwrap();
    assert!(report.residual.is_empty(), "{:?}", report.residual);
    // A scrub limited to phones leaves the emails, and says so.
    let phones =
        r#"{"version":1,"columns":{"comment":{"op":"scrub","entities":["PHONE_NUMBER"]}}}"#;
    let (_, report) = mask(phones, opts, &csv).unwrap();
    assert_eq!(report.residual[0].entity.as_str(), "EMAIL_ADDRESS");
}

#[test]
fn columns_that_mention_people_and_are_kept_are_listed() {
    let opts = MaskOptions {
        header: Header::Present,
        ..opts()
    };
    let csv = "email,created_at,qty\n\
               ann@example.com,2024-03-01 10:22:01,3\n\
               bo@example.org,2024-03-02 11:05:40,1\n";
    let (_, report) = mask(auto(), opts, csv).unwrap();
    let kept: Vec<(&str, Vec<&str>)> = report
        .kept
        .iter()
        .map(|k| {
            (
                k.name.as_str(),
                k.entities.iter().map(|e| e.as_str()).collect(),
            )
        })
        .collect();
    assert_eq!(kept, [("created_at", vec!["DATE_TIME"])]);
    assert!(report.residual.is_empty(), "{:?}", report.residual);
}

/// A notes cell that names its own row's person, in a shape detection does
/// not know (lower-case verbs, a surname on no list), still loses the name:
/// the row's masked columns say what is personal (issue 9).
#[test]
fn scrub_removes_the_rows_own_masked_values_from_its_text() {
    let csv = "name,email,town,notes\n\
               Adaeze Okonkwo,ada.ok@example.org,Wheeling,wrote back: okonkwo? no - Okonkwo agreed; mail ADA.OK@example.org; moving from Wheeling\n\
               Bo Chan,bo@example.org,Trani,fine\n";
    let policy = r#"{"version":1,"columns":{"name":{"op":"hash"},"email":{"op":"redact"},
        "town":{"op":"redact","entity":"LOCATION"},"notes":{"op":"scrub"}}}"#;
    let (out, _) = mask(policy, opts(), csv).unwrap();
    let first = out.lines().nth(1).unwrap();
    for value in ["Okonkwo agreed", "ADA.OK@example.org", "Wheeling"] {
        assert!(!first.contains(value), "{value} left in: {first}");
    }
    // A part matches as written: "okonkwo?" is not a name.
    assert!(first.contains("okonkwo?"), "{first}");

    // A column kept on purpose vouches for nothing.
    let kept = r#"{"version":1,"columns":{"name":{"op":"keep"},"email":{"op":"keep"},
        "town":{"op":"keep"},"notes":{"op":"scrub","entities":["PHONE_NUMBER"]}}}"#;
    let (out, _) = mask(kept, opts(), csv).unwrap();
    assert!(
        out.lines().nth(1).unwrap().contains("Okonkwo agreed"),
        "{out}"
    );
}
