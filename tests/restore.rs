//! Restoring: masked output and AI-like answers that quote tokens (re-cased,
//! wrapped in Markdown, with hyphens, spaces and escapes in place of `_`,
//! possessives, split across stream chunks) get every original back;
//! look-alike tokens stay as they are and are counted; the output never
//! depends on the chunk cuts.

use pii_mask::{restore, MaskOptions, Masker, Policy, RestoreReport, Restorer, Vault};
use proptest::prelude::*;

const KEY: &[u8] = b"0123456789abcdef0123456789abcdef";

const CSV: &str = "id,name,email,notes\n\
    1,Ann Lee,ann@example.com,call 415-555-0132 today\n\
    2,Bo Chan,bo@example.org,mail ann@example.com please\n\
    3,Ann Lee,cy@example.net,nothing to say\n";

fn masked() -> (String, Vault) {
    let policy = r#"{"version": 1, "columns": {
        "name": {"op": "tokenize", "entity": "PERSON"},
        "email": {"op": "tokenize"},
        "notes": {"op": "scrub", "replace": "tokenize"}}}"#;
    let opts = MaskOptions {
        key: Some(KEY.to_vec()),
        ..MaskOptions::default()
    };
    let mut m = Masker::new(Policy::from_json(policy).unwrap(), opts).unwrap();
    let mut out = Vec::new();
    m.push(CSV.as_bytes(), &mut out).unwrap();
    m.finish(&mut out).unwrap();
    (String::from_utf8(out).unwrap(), m.vault())
}

fn token_of(masked: &str, row: usize, col: usize) -> String {
    masked
        .lines()
        .nth(row)
        .unwrap()
        .split(',')
        .nth(col)
        .unwrap()
        .to_string()
}

fn chunked(text: &str, vault: &Vault, cuts: &[usize]) -> (String, RestoreReport) {
    let mut r = Restorer::new(vault);
    let mut out = String::new();
    let mut last = 0;
    let mut cuts: Vec<usize> = cuts
        .iter()
        .map(|c| c % (text.len() + 1))
        .filter(|c| text.is_char_boundary(*c))
        .collect();
    cuts.sort_unstable();
    for c in cuts {
        r.push(&text[last..c], &mut out);
        last = c;
    }
    r.push(&text[last..], &mut out);
    let report = r.finish(&mut out);
    (out, report)
}

#[test]
fn restoring_the_masked_csv_gives_the_original_back() {
    let (out, vault) = masked();
    assert!(!out.contains("Ann Lee"));
    let (back, report) = restore(&out, &vault);
    assert_eq!(back, CSV);
    assert_eq!(report.restored["PERSON"], 3);
    assert_eq!(report.restored["EMAIL_ADDRESS"], 4);
    assert_eq!(report.restored["PHONE_NUMBER"], 1);
    assert_eq!(report.unknown, 0);
}

#[test]
fn mangled_answers_are_restored() {
    let (out, vault) = masked();
    let ann = token_of(&out, 1, 1);
    let email = token_of(&out, 1, 2);
    let (name, num) = ann.split_once('_').unwrap();
    let (_, enum_) = email.rsplit_once('_').unwrap();
    let cases = [
        (
            format!("{ann} has three overdue invoices."),
            "Ann Lee has three overdue invoices.",
        ),
        (format!("**{ann}**"), "**Ann Lee**"),
        (format!("_{ann}_ and `{ann}`"), "_Ann Lee_ and `Ann Lee`"),
        (format!("{}'s order", ann.to_lowercase()), "Ann Lee's order"),
        (
            format!("\u{201C}Person_{num}\u{201D}"),
            "\u{201C}Ann Lee\u{201D}",
        ),
        (format!("{name}-{num}"), "Ann Lee"),
        (format!("{name}\u{2011}{num}"), "Ann Lee"),
        (format!("{name} {num}"), "Ann Lee"),
        (format!("{name}\\_{num}"), "Ann Lee"),
        (format!("{name}\u{00A0}{num}"), "Ann Lee"),
        (format!("{name}_\n{num}"), "Ann Lee"),
        (format!("{name}_{}-{}", &num[..3], &num[3..]), "Ann Lee"),
        (format!("[{ann}]"), "[Ann Lee]"),
        (format!("<b>{ann}</b>"), "<b>Ann Lee</b>"),
        (format!("{{\"who\": \"{ann}\"}}"), "{\"who\": \"Ann Lee\"}"),
        (format!("{ann}s"), "Ann Lees"),
        (format!("Email-Address-{enum_}"), "ann@example.com"),
        (format!("email address {enum_}"), "ann@example.com"),
        (format!("EMAIL\\_ADDRESS\\_{enum_}"), "ann@example.com"),
    ];
    let mut restored = 0;
    for (answer, want) in &cases {
        let (got, report) = restore(answer, &vault);
        assert_eq!(&got, want, "{answer:?}");
        assert_eq!(report.unknown, 0, "{answer:?}");
        restored += report.restored.values().sum::<u64>();
    }
    assert_eq!(restored, cases.len() as u64 + 1, "two in one answer");
}

#[test]
fn look_alikes_stay_and_are_counted_prose_is_not() {
    let (out, vault) = masked();
    let ann = token_of(&out, 1, 1);
    let (_, num) = ann.split_once('_').unwrap();
    // Another number, one digit less or more, another entity.
    let other = if num == "000000" { "000001" } else { "000000" };
    let text = format!(
        "PERSON_{other} and PERSON_{num}1 and PERSON_7 and US_SSN_{num}; person 2 of COVID_19, a PERSONAL_{num} note, X{ann}"
    );
    let (got, report) = restore(&text, &vault);
    assert_eq!(got, text, "nothing guessed");
    assert_eq!(report.unknown, 4, "{text}");
    assert!(report.restored.is_empty());
}

#[test]
fn a_token_split_across_chunks_is_restored() {
    let (out, vault) = masked();
    let ann = token_of(&out, 1, 1);
    let text = format!("Dear **{ann}**, see {ann}'s note.");
    for cut in 0..=text.len() {
        if !text.is_char_boundary(cut) {
            continue;
        }
        let (got, _) = chunked(&text, &vault, &[cut]);
        assert_eq!(got, "Dear **Ann Lee**, see Ann Lee's note.", "cut at {cut}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Any cuts give the same text and report as the whole at once.
    #[test]
    fn output_does_not_depend_on_the_cuts(
        picks in proptest::collection::vec(0usize..12, 1..30),
        cuts in proptest::collection::vec(any::<usize>(), 0..12),
    ) {
        let (out, vault) = masked();
        let ann = token_of(&out, 1, 1);
        let (name, num) = ann.split_once('_').unwrap();
        let email = token_of(&out, 1, 2);
        let pieces = [
            ann.clone(),
            ann.to_lowercase(),
            format!("{name}\u{2010}{num}"),
            format!("{name} {num}"),
            email.clone(),
            "PERSON_000000".to_string(),
            " ".to_string(),
            "**".to_string(),
            "'s ".to_string(),
            "é日😀".to_string(),
            "_\\-".to_string(),
            "1234".to_string(),
        ];
        let text: String = picks.iter().map(|&i| pieces[i].as_str()).collect();
        let whole = restore(&text, &vault);
        let parts = chunked(&text, &vault, &cuts);
        prop_assert_eq!(parts, whole);
    }
}

/// A file masked with surrogates, for the chunking property.
fn masked_surrogates() -> (String, Vault) {
    let policy = r#"{"version": 1, "columns": {
        "name": {"op": "tokenize", "entity": "PERSON", "style": "surrogate"},
        "email": {"op": "tokenize", "entity": "EMAIL_ADDRESS", "style": "surrogate"},
        "notes": {"op": "scrub", "replace": "tokenize", "style": "surrogate"}}}"#;
    let opts = MaskOptions {
        key: Some(KEY.to_vec()),
        ..MaskOptions::default()
    };
    let mut m = Masker::new(Policy::from_json(policy).unwrap(), opts).unwrap();
    let mut out = Vec::new();
    m.push(CSV.as_bytes(), &mut out).unwrap();
    m.finish(&mut out).unwrap();
    (String::from_utf8(out).unwrap(), m.vault())
}

#[test]
fn restoring_the_csv_masked_with_surrogates_gives_the_original_back() {
    let (out, vault) = masked_surrogates();
    assert!(!out.contains("Ann Lee") && !out.contains("415-555-0132"));
    let (back, report) = restore(&out, &vault);
    assert_eq!(back, CSV);
    assert_eq!(report.restored["PERSON"], 3);
    assert_eq!(report.restored["EMAIL_ADDRESS"], 4);
    assert_eq!(report.restored["PHONE_NUMBER"], 1);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Surrogates, their parts and mangled forms: any cuts give the same
    /// text and report as the whole at once.
    #[test]
    fn surrogate_restores_do_not_depend_on_the_cuts(
        picks in proptest::collection::vec(0usize..12, 1..30),
        cuts in proptest::collection::vec(any::<usize>(), 0..12),
    ) {
        let (out, vault) = masked_surrogates();
        let ann = token_of(&out, 1, 1);
        let (given, surname) = ann.split_once(' ').unwrap();
        let phone = token_of(&out, 1, 3).trim_start_matches("call ").trim_end_matches(" today").to_string();
        let pieces = [
            ann.clone(),
            ann.to_uppercase(),
            format!("Mr. {surname}"),
            format!("{given}\n{surname}"),
            format!("{given} \u{00A0}{surname}"),
            token_of(&out, 1, 2),
            phone.replace('-', " "),
            " ".to_string(),
            "**".to_string(),
            "'s ".to_string(),
            "é日😀".to_string(),
            given.to_string(),
        ];
        let text: String = picks.iter().map(|&i| pieces[i].as_str()).collect();
        let whole = restore(&text, &vault);
        let parts = chunked(&text, &vault, &cuts);
        prop_assert_eq!(parts, whole);
    }
}

#[test]
fn restore_marked_says_where_each_original_went() {
    let (out, vault) = masked();
    let ann = token_of(&out, 1, 1);
    let email = token_of(&out, 1, 2);
    let answer = format!(
        "**{}** (é) wrote from {}; PERSON_000000 is unknown.",
        ann.to_lowercase(),
        email
    );
    let (text, report, spans) = pii_mask::restore::restore_marked(&answer, &vault);
    assert_eq!(
        text,
        "**Ann Lee** (é) wrote from ann@example.com; PERSON_000000 is unknown."
    );
    assert_eq!(report.unknown, 1);
    let got: Vec<(&str, &str)> = spans
        .iter()
        .map(|s| (&text[s.start..s.end], s.entity.as_str()))
        .collect();
    assert_eq!(
        got,
        [("Ann Lee", "PERSON"), ("ann@example.com", "EMAIL_ADDRESS")]
    );
    // In UTF-16 units (the é before the email is one unit but two bytes).
    let mut utf16 = spans.clone();
    pii_mask::restore::spans_to_utf16(&text, &mut utf16);
    assert_eq!((utf16[0].start, utf16[0].end), (2, 9));
    assert_eq!(utf16[1].start, spans[1].start - 1);
    assert_eq!(utf16[1].end - utf16[1].start, "ann@example.com".len());
}
