//! Surrogates (`"style": "surrogate"`): each entity's surrogate is valid
//! for its format and never one of the originals (even originals drawn
//! from the same name lists and the same fictional ranges); equal values
//! get equal surrogates across files with one vault; mangled answers
//! (case, Markdown, possessives, name parts, regrouped numbers, chunk
//! cuts) restore to the originals; a name part of two people is reported,
//! not guessed; the residual check does not report surrogates.

use pii_mask::detect::checksum::{iban_mod97, luhn};
use pii_mask::vault::VaultParams;
use pii_mask::{restore, MaskOptions, Masker, Policy, Report, Restorer, Vault};
use std::collections::{BTreeMap, HashSet};

const KEY: &[u8] = b"0123456789abcdef0123456789abcdef";
const GIVEN: &str = include_str!("../src/detect/data/given_names.txt");
const SURNAMES: &str = include_str!("../src/detect/data/surnames.txt");

const POLICY: &str = r#"{"version": 1, "columns": {
    "name": {"op": "tokenize", "entity": "PERSON", "style": "surrogate"},
    "email": {"op": "tokenize", "entity": "EMAIL_ADDRESS", "style": "surrogate"},
    "phone": {"op": "tokenize", "entity": "PHONE_NUMBER", "style": "surrogate"},
    "card": {"op": "tokenize", "entity": "CREDIT_CARD", "style": "surrogate"},
    "iban": {"op": "tokenize", "entity": "IBAN_CODE", "style": "surrogate"},
    "born": {"op": "tokenize", "entity": "DATE_TIME", "style": "surrogate"},
    "notes": {"op": "scrub", "replace": "tokenize", "style": "surrogate"}}}"#;

fn cap(w: &str) -> String {
    let mut c = w.chars();
    c.next()
        .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
        .unwrap_or_default()
}

/// Luhn check digit appended to `body`.
fn with_luhn(body: &str) -> String {
    (0..10)
        .map(|d| format!("{body}{d}"))
        .find(|c| luhn(c.as_bytes()))
        .unwrap()
}

/// `n` rows whose originals come from the surrogates' own sources: names
/// of the census lists, UK drama numbers, NANP 555-01xx numbers, cards
/// under the test prefixes, dates a day apart.
fn file(n: usize) -> String {
    let given: Vec<&str> = GIVEN.lines().filter(|w| w.len() > 2).collect();
    let sur: Vec<&str> = SURNAMES.lines().filter(|w| w.len() > 2).collect();
    let mut csv = String::from("id,name,email,phone,card,iban,born,notes\n");
    for i in 0..n {
        let (g, s) = (
            cap(given[i * 7 % given.len()]),
            cap(sur[i * 13 % sur.len()]),
        );
        let name = match i % 4 {
            0 => format!("{g} {s}"),
            1 => format!("\"{s}, {g}\""),
            2 => format!("{} {s}", g.to_uppercase()),
            _ => format!("Dr. {g} J. {s}"),
        };
        let email = format!(
            "{}.{}{}@example.com",
            g.to_lowercase(),
            s.to_lowercase(),
            i % 10
        );
        let phone = match i % 3 {
            0 => format!("07700 900{:03}", i % 1000),
            1 => format!("(212) 555-01{:02}", i % 100),
            _ => format!("+44 20 7946 0{:03}", i % 1000),
        };
        let card = with_luhn(&format!("411111{:09}", i * 7919));
        let card = format!(
            "{} {} {} {}",
            &card[..4],
            &card[4..8],
            &card[8..12],
            &card[12..]
        );
        let iban = "GB82WEST12345698765432";
        let day = 1 + i % 28;
        let born = format!("1980-{:02}-{day:02}", 1 + i % 12);
        let notes = format!(
            "call {g} {s} on 07700 900{:03} or mail {g}@corp.io",
            (i + 500) % 1000
        );
        csv.push_str(&format!(
            "{i},{name},{email},{phone},{card},{iban},{born},{notes}\n"
        ));
    }
    csv
}

fn mask_with(csv: &str, policy: &str, vault: Option<Vault>) -> (String, Report, Vault) {
    let opts = MaskOptions {
        key: Some(KEY.to_vec()),
        vault,
        ..MaskOptions::default()
    };
    let mut m = Masker::new(Policy::from_json(policy).unwrap(), opts).unwrap();
    let mut out = Vec::new();
    m.push(csv.as_bytes(), &mut out).unwrap();
    let report = m.finish(&mut out).unwrap();
    (String::from_utf8(out).unwrap(), report, m.vault())
}

/// Cells of a CSV without quotes inside cells (commas inside quotes kept).
fn rows(csv: &str) -> Vec<Vec<String>> {
    csv.lines()
        .map(|l| {
            let mut cells = vec![String::new()];
            let mut quoted = false;
            for c in l.chars() {
                match c {
                    '"' => quoted = !quoted,
                    ',' if !quoted => cells.push(String::new()),
                    c => cells.last_mut().unwrap().push(c),
                }
            }
            cells
        })
        .collect()
}

fn fold(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

fn digits(s: &str) -> String {
    s.chars().filter(char::is_ascii_digit).collect()
}

fn days(date: &str) -> i64 {
    let p: Vec<i64> = date.split('-').map(|x| x.parse().unwrap()).collect();
    let (y, m, d) = (p[0], p[1], p[2]);
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    era * 146_097 + yoe * 365 + yoe / 4 - yoe / 100 + (153 * ((m + 9) % 12) + 2) / 5 + d - 1
}

#[test]
fn each_surrogate_is_valid_for_its_format_and_never_an_original() {
    let csv = file(400);
    let (out, report, _) = mask_with(&csv, POLICY, None);
    let (orig, masked) = (rows(&csv), rows(&out));
    // The original values met so far (this row's included), compared by
    // letters and digits: no surrogate equals one. (An original met later
    // may equal an earlier surrogate: the residual risk of streaming,
    // counted below; none of this file's is a real person's value.)
    let mut originals: HashSet<String> = HashSet::new();
    let all: HashSet<String> = orig[1..]
        .iter()
        .flat_map(|r| r[1..7].iter().map(|c| fold(c)))
        .collect();
    let mut later = 0;
    let mut phone_tokens = 0;
    let mut shifts = BTreeMap::new();
    for (o, m) in orig[1..].iter().zip(&masked[1..]) {
        originals.extend(o[1..7].iter().map(|c| fold(c)));
        for cell in &m[1..7] {
            assert!(!originals.contains(&fold(cell)), "{cell} is an original");
            later += usize::from(all.contains(&fold(cell)));
        }
        // A name: as many words, each capitalised like the original's.
        let (on, mn) = (&o[1], &m[1]);
        assert_eq!(on.split(' ').count(), mn.split(' ').count(), "{on} -> {mn}");
        assert_eq!(on.contains(','), mn.contains(','), "{on} -> {mn}");
        if on.starts_with("Dr. ") {
            assert!(mn.starts_with("Dr. "), "{mn}");
        }
        if on
            .split(' ')
            .next()
            .unwrap()
            .chars()
            .all(|c| c.is_uppercase())
        {
            assert!(
                mn.split(' ')
                    .next()
                    .unwrap()
                    .chars()
                    .all(|c| c.is_uppercase()),
                "{mn}"
            );
        }
        // An email at a reserved domain.
        let (local, domain) = m[2].rsplit_once('@').unwrap();
        assert!(
            ["example.com", "example.org", "example.net"].contains(&domain),
            "{}",
            m[2]
        );
        assert!(local.contains('.') && !local.is_empty(), "{}", m[2]);
        // A phone number of the same layout in a fictional range.
        let (op, mp) = (&o[3], &m[3]);
        if mp.starts_with("PHONE_NUMBER_") {
            // The range ran out (this file's originals fill half of it).
            phone_tokens += 1;
        } else {
            assert_eq!(
                op.replace(char::is_numeric, "0"),
                mp.replace(char::is_numeric, "0")
            );
            let d = digits(mp);
            assert!(
                d.starts_with("07700900")
                    || d.starts_with("442079460")
                    || (d.len() == 10 && &d[3..8] == "55501"),
                "{mp}"
            );
        }
        // A Luhn-valid card of the same layout under the test prefix.
        assert_eq!(o[4].len(), m[4].len());
        assert!(
            luhn(digits(&m[4]).as_bytes()) && m[4].starts_with("4111 11"),
            "{}",
            m[4]
        );
        // An IBAN of the same country and length with valid check digits.
        assert!(iban_mod97(m[5].as_bytes()) && m[5].starts_with("GB") && m[5].len() == 22);
        // A date, shifted.
        *shifts.entry(days(&m[6]) - days(&o[6])).or_insert(0) += 1;
    }
    // The same shift for nearly all dates (another only where it would
    // have made an original date).
    let (&shift, &most) = shifts.iter().max_by_key(|(_, n)| **n).unwrap();
    assert!((30..=365).contains(&shift.abs()), "{shift}");
    assert!(most * 10 >= 400 * 9 / 10, "{shifts:?}");
    // Notes: the pieces are surrogates too, and the residual check is quiet.
    for (o, m) in orig[1..].iter().zip(&masked[1..]) {
        assert!(
            m[7].starts_with("call ") && m[7].contains("@example."),
            "{}",
            m[7]
        );
        let phone = o[7]
            .split(" on ")
            .nth(1)
            .unwrap()
            .split(" or ")
            .next()
            .unwrap();
        assert!(
            !m[7].contains(phone) && !m[7].contains("corp.io"),
            "{}",
            m[7]
        );
    }
    assert!(report.residual.is_empty(), "{:?}", report.residual);
    // 400 UK drama numbers among 1,000 (and 555-01xx among 100 per area
    // code) as originals: a few later ones meet an earlier surrogate.
    assert!(later < 40, "{later}");
    assert!(phone_tokens < 20, "{phone_tokens}");
}

#[test]
fn the_residual_check_would_report_the_same_cells_kept() {
    // The check does fire on real values, so its silence above means
    // something.
    let policy = r#"{"version": 1, "columns": {"notes": {"op": "keep"}}}"#;
    let (_, report, _) = mask_with(
        "notes\ncall Ann Lee on 07700 900123 or ann@corp.io\n",
        policy,
        None,
    );
    assert!(!report.residual.is_empty());
    let (out, report, _) = mask_with(
        "notes\ncall Ann Lee on 07700 900123 or ann@corp.io\n",
        r#"{"version": 1, "columns": {"notes": {"op": "scrub", "replace": "tokenize", "style": "surrogate"}}}"#,
        None,
    );
    assert!(report.residual.is_empty(), "{:?} {out}", report.residual);
    // A surrogate kept as it is in a later file is not reported either.
    let vault = Vault::new();
    let (out, _, vault) = mask_with(
        "notes\nmail ann@corp.io\n",
        r#"{"version": 1, "columns": {"notes": {"op": "scrub", "replace": "tokenize", "style": "surrogate"}}}"#,
        Some(vault),
    );
    let (_, report, _) = mask_with(
        &out,
        r#"{"version": 1, "columns": {"notes": {"op": "keep"}}}"#,
        Some(vault),
    );
    assert!(report.residual.is_empty(), "{out} {:?}", report.residual);
}

#[test]
fn equal_values_get_equal_surrogates_across_files_with_one_vault() {
    let a = "id,name,email,phone,card,iban,born,notes\n1,Ann Lee,ann@corp.io,07911 123456,4556737586899855,DE89370400440532013000,1990-05-17,call Ann Lee\n";
    let b = "id,name,email,phone,card,iban,born,notes\n7,Bo Chan,bo@corp.io,07911 654321,4556737586899855,DE89370400440532013000,1990-05-18,mail ann@corp.io\n8,Ann Lee,ann@corp.io,07911 123456,x,y,1990-05-17,z\n";
    let (out_a, _, vault) = mask_with(a, POLICY, None);
    // Through the file, as a second run would.
    let params = VaultParams {
        memory_kib: 64,
        passes: 1,
        lanes: 1,
    };
    let file = vault.export_with("correct horse", params).unwrap();
    let vault = Vault::open(&file, "correct horse").unwrap();
    let (out_b, _, vault) = mask_with(b, POLICY, Some(vault));
    let (ra, rb) = (rows(&out_a), rows(&out_b));
    assert_eq!(rb[2][1], ra[1][1], "name");
    assert_eq!(rb[2][2], ra[1][2], "email");
    assert_eq!(rb[2][3], ra[1][3], "phone");
    assert_eq!(rb[1][4], ra[1][4], "card");
    assert_eq!(rb[1][5], ra[1][5], "iban");
    assert_eq!(rb[2][6], ra[1][6], "date");
    assert_eq!(
        ra[1][7],
        format!("call {}", ra[1][1]),
        "scrub's piece = the cell's"
    );
    assert_eq!(rb[1][7], format!("mail {}", ra[1][2]));
    // Consecutive days stay consecutive.
    assert_eq!(days(&rb[1][6]) - days(&ra[1][6]), 1);
    // And both files restore to their originals, cell for cell.
    assert_eq!(restore(&out_a, &vault).0, a);
    let (back, report) = restore(&out_b, &vault);
    assert_eq!(back, b);
    assert_eq!(report.unknown + report.ambiguous, 0);
}

fn chunked(text: &str, vault: &Vault, cut: usize) -> String {
    let mut r = Restorer::new(vault);
    let mut out = String::new();
    r.push(&text[..cut], &mut out);
    r.push(&text[cut..], &mut out);
    r.finish(&mut out);
    out
}

#[test]
fn mangled_answers_restore_to_the_originals() {
    let csv = "id,name,email,phone,card,iban,born,notes\n\
        1,Anna Lindqvist,anna@corp.se,+44 7911 123456,4556 7375 8689 9855,DE89 3704 0044 0532 0130 00,1984-02-29,x\n\
        2,Bo Chan,bo@corp.io,(415) 867-5309,378282246310005,GB82WEST12345698765432,1999-12-31,y\n";
    let (out, _, vault) = mask_with(csv, POLICY, None);
    let m = rows(&out);
    let (anna, email, phone, card, iban, born) =
        (&m[1][1], &m[1][2], &m[1][3], &m[1][4], &m[1][5], &m[1][6]);
    let (given, surname) = anna.split_once(' ').unwrap();
    let bo = &m[2][1];
    let compact = |s: &str| s.replace(' ', "");
    let cases = [
        (
            format!("{anna} has three overdue invoices."),
            "Anna Lindqvist has three overdue invoices.",
        ),
        (format!("**{anna}**'s order"), "**Anna Lindqvist**'s order"),
        (
            format!("`{}` and {}", anna.to_uppercase(), anna.to_lowercase()),
            "`Anna Lindqvist` and Anna Lindqvist",
        ),
        (
            format!("{given}\u{00A0}{surname}, then {given}\n{surname}"),
            "Anna Lindqvist, then Anna Lindqvist",
        ),
        (
            format!("Dear Mr. {surname}, and {given}'s note"),
            "Dear Mr. Lindqvist, and Anna's note",
        ),
        (format!("_{surname}_ met {bo}"), "_Lindqvist_ met Bo Chan"),
        (
            format!("Mail <{}>", email.to_uppercase()),
            "Mail <anna@corp.se>",
        ),
        (format!("{given} \u{00A0}{surname}"), "Anna Lindqvist"),
        (format!("ring {phone}!"), "ring +44 7911 123456!"),
        (
            format!("ring {}", phone.replace(' ', "-")),
            "ring +44 7911 123456",
        ),
        (format!("ring 0{}", &phone[4..]), "ring +44 7911 123456"),
        (
            format!("card {}", compact(card)),
            "card 4556 7375 8689 9855",
        ),
        (
            format!("IBAN {}", compact(iban)),
            "IBAN DE89 3704 0044 0532 0130 00",
        ),
        (format!("born **{born}**"), "born **1984-02-29**"),
    ];
    let mut restored = 0;
    for (answer, want) in &cases {
        let (got, report) = restore(answer, &vault);
        assert_eq!(&got, want, "{answer:?}");
        assert_eq!(report.unknown + report.ambiguous, 0, "{answer:?}");
        restored += report.restored.values().sum::<u64>();
        for cut in (0..=answer.len()).filter(|c| answer.is_char_boundary(*c)) {
            assert_eq!(
                &chunked(answer, &vault, cut),
                want,
                "{answer:?} cut at {cut}"
            );
        }
    }
    assert!(restored >= cases.len() as u64 + 4, "{restored}");
    // A word that is only a name part in lower case is prose: left alone.
    let text = format!("the {} of it", surname.to_lowercase());
    assert_eq!(restore(&text, &vault).0, text);
}

#[test]
fn a_name_part_of_two_people_is_reported_not_guessed() {
    // Enough people that two surrogates share a surname with different
    // originals (about n²/2 over the list's ~1,700 surnames).
    let csv = file(300);
    let (out, _, vault) = mask_with(&csv, POLICY, None);
    let (orig, masked) = (rows(&csv), rows(&out));
    // Every surrogate name (the column's, and the notes' where the scanner
    // found the name), word for word with its original.
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !(c.is_alphabetic() || c == '\''))
            .filter(|w| w.chars().count() > 1)
            .map(str::to_lowercase)
            .collect()
    };
    let between = |s: &str| {
        s.split(" on ")
            .next()
            .unwrap_or("")
            .trim_start_matches("call ")
            .to_string()
    };
    let mut by_part: BTreeMap<String, HashSet<String>> = BTreeMap::new();
    for (o, m) in orig[1..].iter().zip(&masked[1..]) {
        for (on, mn) in [
            (o[1].clone(), m[1].clone()),
            (between(&o[7]), between(&m[7])),
        ] {
            let (ow, mw) = (words(&on), words(&mn));
            if ow.len() != mw.len() || on == mn {
                continue;
            }
            for (a, b) in ow.into_iter().zip(mw) {
                if a != b {
                    by_part.entry(b).or_default().insert(a);
                }
            }
        }
    }
    let (part, _) = by_part
        .iter()
        .find(|(_, o)| o.len() > 1)
        .expect("two surrogates share a surname");
    let text = format!("Ask Mr. {} about it.", cap(part));
    let (got, report) = restore(&text, &vault);
    assert_eq!(got, text);
    assert_eq!(report.ambiguous, 1);
    // A shared part with one original is restored.
    let (part, orig_part) = by_part
        .iter()
        .find(|(_, o)| o.len() == 1)
        .map(|(p, o)| (p, o.iter().next().unwrap()))
        .unwrap();
    let (got, report) = restore(&format!("Ask Mr. {}.", cap(part)), &vault);
    assert_eq!(got.to_lowercase(), format!("ask mr. {orig_part}."));
    assert_eq!(report.restored["PERSON"], 1);
}

#[test]
fn surrogate_style_is_checked_in_the_policy() {
    let bad = r#"{"version": 1, "columns": {"n": {"op": "scrub", "style": "surrogate"}}}"#;
    let err = Policy::from_json(bad).err().unwrap();
    assert_eq!(err.field(), Some("/columns/n/style"), "{err}");
    let bad = r#"{"version": 1, "columns": {"n": {"op": "tokenize", "style": "fake"}}}"#;
    assert!(Policy::from_json(bad).is_err());
}
