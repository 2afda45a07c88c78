//! The checks of the recognizers in `recognizers.rs`: given the whole text
//! and a candidate span, the span to report (possibly trimmed) or `None`.

use super::checksum::{digits, iban_length, iban_mod97, luhn, number};
use super::cues::{clause_words, cued, CONTACT_CUES, OTHER_NUMBER_CUES, PHONE_CUES};
use super::ids;

fn before(text: &str, start: usize) -> Option<u8> {
    start.checked_sub(1).map(|i| text.as_bytes()[i])
}

fn after(text: &str, end: usize) -> Option<u8> {
    text.as_bytes().get(end).copied()
}

fn is_word(b: Option<u8>) -> bool {
    b.is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_')
}

pub(super) fn not_inside_word(text: &str, s: usize, e: usize) -> Option<(usize, usize)> {
    (!is_word(before(text, s)) && !is_word(after(text, e))).then_some((s, e))
}

/// Drops trailing punctuation that ends a sentence rather than a URL.
fn trim_trailing(text: &str, s: usize, mut e: usize) -> usize {
    while e > s
        && matches!(
            text.as_bytes()[e - 1],
            b'.' | b',' | b';' | b':' | b'!' | b'?' | b')' | b']' | b'}'
        )
    {
        e -= 1;
    }
    e
}

/// A bare number counts only after a word naming it, and with its check.
pub(super) fn cued_check(
    text: &str,
    s: usize,
    e: usize,
    cues: &[&str],
    valid: fn(&[u8]) -> bool,
) -> Option<(usize, usize)> {
    (cued(text, s, cues) && !part_of_longer(text, s, e) && valid(&digits(&text.as_bytes()[s..e])))
        .then_some((s, e))
}

/// Runs `valid` on the candidate with spaces and dashes taken out,
/// upper-cased (identifiers are written in either case).
pub(super) fn compact_check(
    text: &str,
    s: usize,
    e: usize,
    valid: fn(&[u8]) -> bool,
) -> Option<(usize, usize)> {
    let compact: Vec<u8> = text.as_bytes()[s..e]
        .iter()
        .filter(|b| !matches!(b, b' ' | b'-'))
        .map(u8::to_ascii_uppercase)
        .collect();
    valid(&compact).then_some((s, e))
}

/// Like [`compact_check`], for numbers written with one kind of separator.
pub(super) fn separated_check(
    text: &str,
    s: usize,
    e: usize,
    valid: fn(&[u8]) -> bool,
) -> Option<(usize, usize)> {
    let m = &text.as_bytes()[s..e];
    let ok = one_separator(m, b" -.:") && !part_of_longer(text, s, e) && valid(&digits(m));
    ok.then_some((s, e))
}

/// Whether the number is glued to more: a code before it (`SKU-540-...`),
/// or more digit groups before or after it (`50 791 924 681`).
pub(super) fn part_of_longer(text: &str, s: usize, e: usize) -> bool {
    let b = text.as_bytes();
    let joiner = |c: u8| matches!(c, b'-' | b'.' | b'/' | b'_' | b':');
    let code_before = s >= 2 && joiner(b[s - 1]) && b[s - 2].is_ascii_alphanumeric();
    let group_before = s >= 2 && b[s - 1] == b' ' && b[s - 2].is_ascii_digit();
    let group_after =
        e + 1 < b.len() && (joiner(b[e]) || b[e] == b' ') && b[e + 1].is_ascii_digit();
    code_before || group_before || group_after
}

/// Secrets: the random part must mix letters and digits (so `sk-learn-...`
/// prose is not a key); PEM blocks, JWTs and AWS keys are taken as they are.
pub(super) fn api_key(text: &str, s: usize, e: usize) -> Option<(usize, usize)> {
    let m = &text.as_bytes()[s..e];
    let whole = [&b"-----BEGIN"[..], b"eyJ", b"AKIA", b"ASIA"];
    if whole.iter().any(|p| m.starts_with(p)) {
        return Some((s, e));
    }
    let body = m
        .iter()
        .position(|&b| b == b'_' || b == b'-')
        .map_or(m, |i| &m[i + 1..]);
    let ok = body.iter().any(u8::is_ascii_digit) && body.iter().any(u8::is_ascii_alphabetic);
    ok.then_some((s, e))
}

pub(super) fn crypto(text: &str, s: usize, e: usize) -> Option<(usize, usize)> {
    let m = &text.as_bytes()[s..e];
    let ok = if m.starts_with(b"0x") {
        // Ethereum: 20 bytes of hex; a repeated digit is a placeholder.
        m[2..].iter().any(|&b| b != m[2])
    } else if m[..3].eq_ignore_ascii_case(b"bc1") {
        ids::bitcoin_bech32(m)
    } else {
        ids::bitcoin_base58(m)
    };
    ok.then_some((s, e))
}

pub(super) fn email(text: &str, s: usize, e: usize) -> Option<(usize, usize)> {
    let m = &text[s..e];
    let at = m.find('@')?;
    let local = &m[..at];
    if local.starts_with('.') || local.ends_with('.') || local.contains("..") {
        return None;
    }
    Some((s, e))
}

/// Host must have a dot and an alphabetic top-level label; `www.` forms need
/// three labels (`www.example` alone is not a URL).
pub(super) fn url(text: &str, s: usize, e: usize) -> Option<(usize, usize)> {
    if is_word(before(text, s)) && !text[s..e].contains("://") {
        return None;
    }
    let e = trim_trailing(text, s, e);
    let m = &text[s..e];
    let rest = m.find("://").map_or(m, |i| &m[i + 3..]);
    let host_end = rest.find(['/', '?', '#', ':']).unwrap_or(rest.len());
    let host = &rest[..host_end];
    let labels: Vec<&str> = host.split('.').collect();
    let tld = labels.last()?;
    let min_labels = if host
        .get(..4)
        .is_some_and(|h| h.eq_ignore_ascii_case("www."))
    {
        3
    } else {
        2
    };
    let named = labels.len() >= min_labels
        && labels.iter().all(|l| !l.is_empty())
        && tld.len() >= 2
        && tld.bytes().all(|b| b.is_ascii_alphabetic() || b >= 0x80);
    let ok = named || host.starts_with('[');
    ok.then_some((s, e))
}

pub(super) fn iban(text: &str, s: usize, e: usize) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    let len = iban_length(&[
        bytes[s].to_ascii_uppercase(),
        bytes[s + 1].to_ascii_uppercase(),
    ])?;
    let mut compact = Vec::with_capacity(34);
    let mut end = s;
    for (i, &b) in bytes[s..e].iter().enumerate() {
        if b.is_ascii_alphanumeric() {
            compact.push(b.to_ascii_uppercase());
            if compact.len() == len {
                end = s + i + 1;
                break;
            }
        }
    }
    if compact.len() != len || bytes.get(end).is_some_and(|b| b.is_ascii_alphanumeric()) {
        return None;
    }
    // Written in upper or in lower case, not a mix ("LV80 bANK ...").
    let letters = bytes[s..end].iter().filter(|b| b.is_ascii_alphabetic());
    let lower = letters.clone().filter(|b| b.is_ascii_lowercase()).count();
    if lower != 0 && lower != letters.count() {
        return None;
    }
    iban_mod97(&compact).then_some((s, end))
}

/// Separators, if any, are all the same character.
fn one_separator(m: &[u8], allowed: &[u8]) -> bool {
    let mut seps = m.iter().filter(|b| !b.is_ascii_digit());
    match seps.next() {
        None => true,
        Some(first) => allowed.contains(first) && seps.all(|b| b == first),
    }
}

/// A card number: a known issuer prefix and length, Luhn, one kind of
/// separator. A candidate that runs on into the next number is cut back at a
/// separator until it fits.
pub(super) fn credit_card(text: &str, s: usize, e: usize) -> Option<(usize, usize)> {
    let b = text.as_bytes();
    let group_ends =
        (s..e).filter(|&i| b[i].is_ascii_digit() && (i + 1 == e || !b[i + 1].is_ascii_digit()));
    let mut ends: Vec<usize> = group_ends.map(|i| i + 1).collect();
    ends.reverse();
    ends.into_iter().find_map(|end| {
        let m = &b[s..end];
        let d = digits(m);
        let ok = card_issuer_length(&d) && one_separator(m, b" -|") && luhn(&d);
        ok.then_some((s, end))
    })
}

/// Issuer prefixes and their lengths (ISO/IEC 7812 ranges of the major
/// networks), so that a Luhn-valid number of the wrong shape is not a card.
fn card_issuer_length(d: &[u8]) -> bool {
    let n = d.len();
    let prefix = |k: usize| number(&d[..k.min(n)]).unwrap_or(0);
    match d.first() {
        Some(b'1') => n == 15,                                       // UATP
        Some(b'2') => (2221..=2720).contains(&prefix(4)) && n == 16, // Mastercard 2-series
        Some(b'3') => match prefix(2) {
            34 | 37 => n == 15,                          // Amex
            35 => (16..=19).contains(&n),                // JCB
            30 | 36 | 38 | 39 => (14..=19).contains(&n), // Diners
            _ => false,
        },
        Some(b'4') => matches!(n, 16 | 19), // Visa (13 digits retired; EAN-13 barcodes look alike)
        Some(b'5') => (16..=19).contains(&n), // Mastercard, Maestro
        Some(b'6') => (16..=19).contains(&n), // Discover, UnionPay, Maestro
        _ => false,
    }
}

pub(super) fn mac(text: &str, s: usize, e: usize) -> Option<(usize, usize)> {
    let hex: Vec<u8> = text.as_bytes()[s..e]
        .iter()
        .copied()
        .filter(u8::is_ascii_hexdigit)
        .collect();
    let uniform = hex.iter().all(|h| h.eq_ignore_ascii_case(&hex[0]));
    if uniform && matches!(hex[0], b'0' | b'f' | b'F') {
        return None;
    }
    not_inside_word(text, s, e)
}

fn octets_ok(m: &str) -> bool {
    let parts: Vec<&str> = m.split('.').collect();
    parts.len() == 4
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.len() <= 3 && p.parse::<u16>().is_ok_and(|v| v <= 255))
}

/// A trailing `/N` is kept only when it is a valid prefix length.
fn with_prefix(text: &str, addr_end: usize, e: usize, max: u32) -> usize {
    match text[addr_end..e].strip_prefix('/') {
        Some(n) if n.parse::<u32>().is_ok_and(|n| n <= max) => e,
        _ => addr_end,
    }
}

pub(super) fn ipv4(text: &str, s: usize, e: usize) -> Option<(usize, usize)> {
    let addr_end = text[s..e].find('/').map_or(e, |i| s + i);
    // Part of a longer dotted run: a version string, not an address.
    if dotted_run(text, s, addr_end) || version_before(text, s) || !octets_ok(&text[s..addr_end]) {
        return None;
    }
    Some((s, with_prefix(text, addr_end, e, 32)))
}

/// Whether `s..e` continues a run of dot-separated numbers on either side.
fn dotted_run(text: &str, s: usize, e: usize) -> bool {
    let b = text.as_bytes();
    let before = s >= 2 && b[s - 1] == b'.' && b[s - 2].is_ascii_digit();
    let after = b.get(e) == Some(&b'.') && b.get(e + 1).is_some_and(u8::is_ascii_digit);
    before || after
}

/// A word naming a version among the three words before `s` ("fw 10.2.0.1",
/// "firmware updated to 10.2.0.1", "versie is 10.2.0.1", "v.10.2.0.1"): a
/// version, not an address.
fn version_before(text: &str, s: usize) -> bool {
    const VERSION: &[&str] = &[
        "version", "versions", "ver", "vers", "v", "fw", "firmware", "build", "release", "rev",
        "revision", "patch", "bios", "kernel", "versie", "versión", "versione", "versão",
    ];
    let mut buf: [&[u8]; 20] = [&[]; 20];
    let words = clause_words(text, s, &mut buf);
    words
        .iter()
        .rev()
        .take(3)
        .any(|w| VERSION.iter().any(|v| w.eq_ignore_ascii_case(v.as_bytes())))
}

/// `version 10.2.0.1`, `build 16.4.1.165`, `v 1.2.3.4`: a version, not an address.
fn after_version_word(text: &str, s: usize) -> bool {
    let before = text[..s].trim_end_matches([' ', ':', '=']);
    let start = before
        .char_indices()
        .rev()
        .find(|(_, c)| !c.is_alphabetic())
        .map_or(0, |(i, c)| i + c.len_utf8());
    let word = &before[start..];
    // In the six languages: "versie", "versione", "versión", "Version".
    [
        "version", "ver", "build", "release", "firmware", "v", "fw", "versie", "versione",
        "versión", "versao", "versão",
    ]
    .iter()
    .any(|w| word.eq_ignore_ascii_case(w) || word.to_lowercase() == *w)
}

pub(super) fn ipv6(text: &str, s: usize, e: usize) -> Option<(usize, usize)> {
    let b = text.as_bytes();
    if is_word(before(text, s)) || before(text, s) == Some(b':') {
        return None;
    }
    let addr_end = text[s..e].find(['/', '%']).map_or(e, |i| s + i);
    let zone_end = text[s..e].find('/').map_or(e, |i| s + i);
    text[s..addr_end].parse::<std::net::Ipv6Addr>().ok()?;
    // Followed by more of an address (`::ffff:192.168.1`): not a whole one.
    let dotted_after = b.get(e) == Some(&b'.') && b.get(e + 1).is_some_and(u8::is_ascii_digit);
    if is_word(b.get(e).copied()) || dotted_after {
        return None;
    }
    Some((s, with_prefix(text, zone_end, e, 128)))
}

pub(super) fn us_ssn(text: &str, s: usize, e: usize) -> Option<(usize, usize)> {
    let m = &text.as_bytes()[s..e];
    if !one_separator(m, b"-. ") {
        return None;
    }
    let d = digits(m);
    ssn_digits_ok(&d).then_some((s, e))
}

/// Area 001-899 except 666, group not 00, serial not 0000, and not one of
/// the numbers the SSA says were never valid (advertising samples).
pub(super) fn ssn_digits_ok(d: &[u8]) -> bool {
    if d.len() != 9 || !d.iter().all(u8::is_ascii_digit) {
        return false;
    }
    let area = &d[..3];
    !(area == b"000"
        || area == b"666"
        || area[0] == b'9'
        || &d[3..5] == b"00"
        || &d[5..] == b"0000")
        && d != b"078051120"
        && d != b"219099999"
        && d.iter().any(|&x| x != d[0])
}

pub(super) fn iso_date(text: &str, s: usize, e: usize) -> Option<(usize, usize)> {
    let b = text.as_bytes();
    let (m, d) = (number(&b[s + 5..s + 7])?, number(&b[s + 8..s + 10])?);
    ((1..=12).contains(&m) && (1..=31).contains(&d) && !is_word(after(text, e))).then_some((s, e))
}

/// `d/m/y`, `m/d/y`, `y-m-d` (any one separator) or `m/yyyy`, with a real
/// month and day in some order.
pub(super) fn numeric_date(text: &str, s: usize, e: usize) -> Option<(usize, usize)> {
    let m = &text.as_bytes()[s..e];
    let sep = *m.iter().find(|b| !b.is_ascii_digit())?;
    if !m.iter().filter(|b| !b.is_ascii_digit()).all(|&b| b == sep) {
        return None;
    }
    // Part of a longer dotted run (`13.4.7.2057`) or after `release`: a version.
    if sep == b'.' && (dotted_run(text, s, e) || after_version_word(text, s)) {
        return None;
    }
    let parts: Vec<&[u8]> = m.split(|&b| b == sep).collect();
    let n: Vec<u64> = parts.iter().map(|p| number(p)).collect::<Option<_>>()?;
    let month = |v: u64| (1..=12).contains(&v);
    // Four-digit years of living people and records; `9.7.3757` is a version.
    if parts
        .iter()
        .zip(&n)
        .any(|(p, &v)| p.len() == 4 && !(1900..=2100).contains(&v))
    {
        return None;
    }
    let day = |v: u64| (1..=31).contains(&v);
    let ok = match (parts.as_slice(), n.as_slice()) {
        ([_, y], [mo, _]) => y.len() == 4 && month(*mo),
        ([y, _, _], [_, mo, d]) if y.len() == 4 => month(*mo) && day(*d),
        // Dotted dates are day first (21.5.2021); `9.18.19` is a version.
        ([a, _, y], [x, z, _]) if a.len() <= 2 && (y.len() == 2 || y.len() == 4) && sep == b'.' => {
            day(*x) && month(*z)
        }
        ([a, _, y], [x, z, _]) if a.len() <= 2 && (y.len() == 2 || y.len() == 4) => {
            (month(*x) && day(*z)) || (day(*x) && month(*z))
        }
        _ => false,
    };
    ok.then_some((s, e))
}

/// `+CC ...`: checked against the country's numbering plan; a `(0)` trunk
/// prefix (`+44 (0)20 ...`) is not part of the number.
/// A candidate that runs on into a following number is cut back a group at
/// a time until it fits.
pub(super) fn phone_international(text: &str, s: usize, e: usize) -> Option<(usize, usize)> {
    if is_word(before(text, s)) {
        return None;
    }
    let b = text.as_bytes();
    let ends = (s + 1..=e)
        .rev()
        .filter(|&i| b[i - 1].is_ascii_digit() || b[i - 1] == b')');
    let group_ends = ends.filter(|&i| i == e || !b[i].is_ascii_digit());
    // `00` dialled instead of `+`: only with the groups apart (a bare run
    // of digits starting 00 is more often a code).
    let dialled = b[s..].starts_with(b"00");
    // More digit groups before it (an IBAN's), or a code it ends.
    let glued_before = s >= 2
        && match b[s - 1] {
            b' ' => b[s - 2].is_ascii_digit(),
            b'-' | b'.' | b'/' => b[s - 2].is_ascii_alphanumeric(),
            _ => false,
        };
    if dialled && (b[s..e].iter().all(u8::is_ascii_digit) || glued_before) {
        return None;
    }
    group_ends.take(4).find_map(|end| {
        let d = digits(text[s..end].replace("(0)", "").as_bytes());
        let d = if dialled { &d[2..] } else { &d[..] };
        super::phone::valid_international(d).then_some((s, end))
    })
}

pub(super) fn phone_nanp(text: &str, s: usize, e: usize) -> Option<(usize, usize)> {
    if part_of_longer(text, s, e) {
        return None;
    }
    let m = &text.as_bytes()[s..e];
    // The extension (from its `x` or `ext`) is no part of the number.
    let number = m
        .iter()
        .position(u8::is_ascii_alphabetic)
        .map_or(m, |i| &m[..i]);
    let d = digits(number);
    let national = &d[d.len().saturating_sub(10)..];
    // NANP area codes and exchanges never start with 0 or 1.
    let ok = national.len() == 10
        && national[0] >= b'2'
        && national[3] >= b'2'
        && !is_word(before(text, s));
    ok.then_some((s, e))
}

/// A national number with a trunk 0, written with at least one separator: a
/// bare run of digits in text is more often an id than a phone number.
pub(super) fn phone_trunk(text: &str, s: usize, e: usize) -> Option<(usize, usize)> {
    let m = &text.as_bytes()[s..e];
    let d = digits(m);
    // Eight digits with the 0 (Berlin `030 12345`, Italy `03 82 75 34`),
    // but not a date written with spaces (`01 12 2024`).
    let date =
        m.len() == 10 && m[2] == b' ' && m[5] == b' ' && (m[6..8] == *b"19" || m[6..8] == *b"20");
    let ok = (8..=13).contains(&d.len())
        && d.len() < m.len()
        && !date
        && !is_word(before(text, s))
        && !part_of_longer(text, s, e);
    ok.then_some((s, e))
}

/// A national number without a trunk 0 in its country's grouping, not glued
/// to more digits; `300 000 000` is an amount.
pub(super) fn phone_national(text: &str, s: usize, e: usize) -> Option<(usize, usize)> {
    let m = &text.as_bytes()[s..e];
    let last = m.rsplit(|b| !b.is_ascii_digit()).next().unwrap_or(m);
    let round = last.len() >= 3 && last.iter().all(|&b| b == b'0');
    let ok = !part_of_longer(text, s, e) && !round;
    ok.then_some((s, e))
}

/// A run of 8 to 12 digits alone: a phone number after a word naming one
/// ("tel. 01174960590"), after a contact's name and a comma ("Next of kin:
/// Ann Lee, 01174960590", "Contatto di emergenza: Dina Neri,
/// 3779488371") when a national plan allows it, or with a trunk 0 and the
/// length of a national number of the supported countries in text where no
/// word says it is an order, account or customer number.
pub(super) fn phone_bare(text: &str, s: usize, e: usize) -> Option<(usize, usize)> {
    if part_of_longer(text, s, e) {
        return None;
    }
    if cued(text, s, PHONE_CUES) {
        return Some((s, e));
    }
    let d = &text.as_bytes()[s..e];
    let contact = || {
        text[..s].strip_suffix(", ").is_some_and(|head| {
            let name = head
                .rsplit(|c: char| c.is_whitespace())
                .next()
                .is_some_and(|w| w.starts_with(char::is_uppercase));
            name && (cued(text, head.len(), PHONE_CUES) || cued(text, head.len(), CONTACT_CUES))
        })
    };
    if super::phone::valid_bare(d) && contact() {
        return Some((s, e));
    }
    // The word just before, past its full stop or colon ("Kundennr. ",
    // "Order: ") or anywhere in the clause.
    let other = || {
        let head = text[..s].trim_end_matches([' ', '.', ':', '#']);
        let last = head
            .rsplit(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("")
            .to_lowercase();
        OTHER_NUMBER_CUES.contains(&last.as_str())
            || ["nr", "no"]
                .iter()
                .any(|a| last.len() > 2 && last.ends_with(a))
            || cued(text, s, OTHER_NUMBER_CUES)
    };
    // In text only: a cell that holds nothing else is a column's value,
    // which the column's other cells and its header judge (a column of
    // account numbers with a leading 0 is no phone column).
    let alone = text[..s].trim().is_empty() && text[e..].trim().is_empty();
    // Set apart as a word of its own: not "./0123456789:" or "id=0123...".
    let apart = matches!(before(text, s), None | Some(b' ' | b'(' | b'\n' | b'\t'))
        && matches!(
            after(text, e),
            None | Some(b' ' | b')' | b',' | b'.' | b';' | b'!' | b'?' | b'\n' | b'\r' | b'\t')
        );
    (super::phone::trunk_national(d) && apart && !alone && !other()).then_some((s, e))
}

/// A passport or licence number: `min..=max` letters and digits, at least
/// `min_digits` of them digits, after a word naming the document.
pub(super) fn document(
    text: &str,
    s: usize,
    e: usize,
    cues: &[&str],
    min: usize,
    max: usize,
    min_digits: usize,
) -> Option<(usize, usize)> {
    let m = &text.as_bytes()[s..e];
    let alnum = m.iter().filter(|b| b.is_ascii_alphanumeric()).count();
    let digits = m.iter().filter(|b| b.is_ascii_digit()).count();
    let ok = (min..=max).contains(&alnum)
        && (digits >= min_digits || national_passport(m))
        && !part_of_longer(text, s, e)
        && cued(text, s, cues);
    ok.then_some((s, e))
}

/// A passport number of a national shape that may hold fewer digits: a
/// German one (nine characters from `CFGHJKLMNPRTVWXYZ` and digits, the
/// first `C`, `F`, `G`, `H`, `J` or `K`) or a Dutch one (two letters, six
/// letters or digits, a digit; no `O`).
pub(crate) fn national_passport(m: &[u8]) -> bool {
    let german = m.len() == 9
        && b"CFGHJK".contains(&m[0])
        && m.iter()
            .all(|c| c.is_ascii_digit() || b"CFGHJKLMNPRTVWXYZ".contains(c));
    let dutch = m.len() == 9
        && m[..2].iter().all(u8::is_ascii_uppercase)
        && m.iter()
            .all(|c| c.is_ascii_digit() || (c.is_ascii_uppercase() && *c != b'O'))
        && m[8].is_ascii_digit();
    german || dutch
}

/// Whether `s..e` lies inside a UUID (`9180756f-2bbb-41d2-...`): its groups
/// are hex digits, and a group of digits and one letter looks like an id.
pub(super) fn inside_uuid(text: &str, s: usize, e: usize) -> bool {
    let b = text.as_bytes();
    let hexish = |c: &u8| c.is_ascii_hexdigit() || *c == b'-';
    if !b[s..e].iter().all(hexish) {
        return false;
    }
    // A UUID is 36 bytes: look no further than that either side.
    let start = s - b[s.saturating_sub(36)..s]
        .iter()
        .rev()
        .take_while(|c| hexish(c))
        .count();
    let end = e + b[e..b.len().min(e + 36)]
        .iter()
        .take_while(|c| hexish(c))
        .count();
    let run = &b[start..end];
    let run = run.strip_prefix(b"-").unwrap_or(run);
    let run = run.strip_suffix(b"-").unwrap_or(run);
    run.len() == 36
        && run.iter().enumerate().all(|(i, c)| match i {
            8 | 13 | 18 | 23 => *c == b'-',
            _ => c.is_ascii_hexdigit(),
        })
}
