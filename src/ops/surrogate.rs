//! Surrogates: realistic fake values of an original's format, for
//! `tokenize`'s `surrogate` style, so that an AI reasons over natural data
//! and its answer can be restored from the vault.
//!
//! Every choice comes from [`Draw`], a stream of numbers seeded by an HMAC
//! of the value under the masking key (see [`crate::vault::Vault`]), so a
//! value's surrogate depends on the key and the value only, never on the
//! chunk cuts or the order of rows (except where the vault settles a
//! collision, as for tokens).
//!
//! | entity | surrogate |
//! |---|---|
//! | `PERSON` | given names and surnames from the census lists the detector reads (`detect/data`), one per word, in the original's shape (`Last, First`, initials, titles and case kept) |
//! | `EMAIL_ADDRESS` | a name-like local part of the original's shape at `example.com`, `.org` or `.net` (reserved, RFC 2606) |
//! | `PHONE_NUMBER` | the original's digit layout, in a range set aside for fiction: UK (`+44`, or 11 digits from `0`): Ofcom's drama numbers (`07700 900xxx`, `020 7946 0xxx`, `0113 496 0xxx`, ...); NANP (`+1`, or 10 digits): `NXX-555-01xx`; Australia (`+61`, or 10 digits from `0`): ACMA's `0x 5550 xxxx` / `0x 7010 xxxx`; any other: a UK drama mobile number, `+44 7700 900xxx` |
//! | `CREDIT_CARD` | the original's length and layout, Luhn-valid, under the issuer prefix of a card network's published test number (`411111`, `555555`, `378282`) |
//! | `IBAN_CODE` | the original's country and layout, other bank and account characters, valid check digits (the national check digits inside the BBAN are not computed) |
//! | `DATE_TIME` | the date moved by one shift per key (30 to 365 days either way), in the original's format (`2024-03-05`, `5/3/2024`, `05.03.2024`, a time after it kept); a day and month both up to 12 are read day first; a date in another format (`March 5, 2024`) gets a token |
//! | `IP_ADDRESS` | an address of the documentation ranges (RFC 5737 `192.0.2.0/24`, `198.51.100.0/24`, `203.0.113.0/24`; RFC 3849 `2001:db8::/32`) |
//! | `URL` | the host replaced by `example.com` (`.org`, `.net`), the path's letters and digits redrawn |
//! | anything else | each digit and letter redrawn (same case), the rest kept: the shape survives, the range is not reserved |

use crate::detect::checksum::luhn;
use crate::detect::{is_given_name, surrogate_names};
use crate::ops::date::{days, from_days};
use sha2::{Digest, Sha256};

/// A stream of numbers: SHA-256 of the seed and a counter, four numbers
/// per digest.
pub(crate) struct Draw {
    seed: [u8; 32],
    n: u32,
    block: [u8; 32],
    used: usize,
}

impl Draw {
    pub fn new(seed: [u8; 32]) -> Draw {
        Draw {
            seed,
            n: 0,
            block: [0; 32],
            used: 32,
        }
    }

    fn next(&mut self) -> u64 {
        if self.used == 32 {
            self.block.copy_from_slice(
                &Sha256::new()
                    .chain_update(self.seed)
                    .chain_update(self.n.to_le_bytes())
                    .finalize(),
            );
            self.n += 1;
            self.used = 0;
        }
        let mut b = [0u8; 8];
        b.copy_from_slice(&self.block[self.used..self.used + 8]);
        self.used += 8;
        u64::from_le_bytes(b)
    }

    /// A number below `n` (n > 0; the modulo's bias is below n / 2^64).
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    fn pick<T: Copy>(&mut self, list: &[T]) -> T {
        list[self.below(list.len() as u64) as usize]
    }

    fn digit(&mut self) -> char {
        char::from(b'0' + self.below(10) as u8)
    }

    fn letter(&mut self, upper: bool) -> char {
        let c = b'a' + self.below(26) as u8;
        char::from(if upper { c.to_ascii_uppercase() } else { c })
    }
}

/// The shift of dates under a key: 30 to 365 days, either way, from the
/// first number of `d`.
pub(crate) fn date_shift(d: &mut Draw) -> i64 {
    let n = 30 + d.below(336) as i64;
    if d.below(2) == 0 {
        n
    } else {
        -n
    }
}

/// The surrogate of `value` of `entity` (its name as tokens carry it);
/// `shift` is the key's date shift, `attempt` how many candidates the
/// vault refused before (dates move one more day per attempt). `None`
/// when nothing of the value can be redrawn (no letter and no digit) or
/// a date is in a format not read here: the vault gives a token then.
pub(crate) fn make(
    entity: &str,
    value: &str,
    shift: i64,
    attempt: u32,
    d: &mut Draw,
) -> Option<String> {
    let s = match entity {
        "PERSON" => person(value, d),
        "EMAIL_ADDRESS" => email(value, d),
        "PHONE_NUMBER" => phone(value, d),
        "CREDIT_CARD" => card(value, d),
        "IBAN_CODE" => iban(value, d),
        // A date in a format not read here gets a token: redrawn digits
        // would make no date.
        "DATE_TIME" => return date(value, shift + i64::from(attempt)),
        "IP_ADDRESS" => ip(value, d),
        "URL" => url(value, d),
        _ => None,
    };
    s.or_else(|| redraw(value, d))
}

/// Each ASCII digit and letter redrawn, case kept; other letters become
/// ASCII ones of their case; everything else stays.
fn redraw(value: &str, d: &mut Draw) -> Option<String> {
    if !value.chars().any(char::is_alphanumeric) {
        return None;
    }
    Some(
        value
            .chars()
            .map(|c| {
                if c.is_ascii_digit() {
                    d.digit()
                } else if c.is_alphabetic() {
                    d.letter(c.is_uppercase())
                } else {
                    c
                }
            })
            .collect(),
    )
}

/// `word` in the case of `like`: all capitals, all small, or capitalised.
fn cased(word: &str, like: &str) -> String {
    let letters = || like.chars().filter(|c| c.is_alphabetic());
    if letters().count() > 1 && letters().all(char::is_uppercase) {
        word.to_ascii_uppercase()
    } else if letters().all(char::is_lowercase) {
        word.to_string()
    } else {
        let mut c = word.chars();
        c.next()
            .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
            .unwrap_or_default()
    }
}

const TITLES: &[&str] = &[
    "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "dame", "madam", "mme", "mlle", "herr",
    "frau", "sr", "sra", "srta", "dhr", "mevr", "sig", "dott", "monsieur", "madame", "jr", "ii",
    "iii", "iv",
];

/// Words of a name: runs of letters (with `'` inside, as in O'Brien).
fn runs(value: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in value.char_indices().chain([(value.len(), ' ')]) {
        let inside = c.is_alphabetic() || (c == '\'' && start.is_some());
        match (inside, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    out
}

fn person(value: &str, d: &mut Draw) -> Option<String> {
    let (given, surnames) = surrogate_names();
    let words = runs(value);
    let comma = value.find(',');
    let is_title = |w: &str| TITLES.contains(&w.to_lowercase().as_str());
    // The name words: neither titles nor initials.
    let names: Vec<usize> = (0..words.len())
        .filter(|&i| {
            let w = &value[words[i].0..words[i].1];
            !is_title(w) && w.chars().count() > 1
        })
        .collect();
    if names.is_empty() {
        return None;
    }
    // The surname: before a comma ("Lee, Ann"); else the words after the
    // last space (a hyphenated "Smith-Jones" is one surname of two words).
    let last_space = words[*names.last()?].0;
    let last_space = value[..last_space].rfind(char::is_whitespace).unwrap_or(0);
    let one = names.len() == 1;
    let mut out = String::with_capacity(value.len() + 8);
    let mut at = 0;
    for (i, &(s, e)) in words.iter().enumerate() {
        out.push_str(&value[at..s]);
        at = e;
        let w = &value[s..e];
        if is_title(w) {
            out.push_str(w);
            continue;
        }
        if w.chars().count() == 1 {
            out.push(d.letter(w.chars().all(char::is_uppercase)));
            continue;
        }
        let surname = match comma {
            Some(c) => s < c,
            None if one => !is_given_name(w),
            None => s >= last_space && names.contains(&i) && i != names[0],
        };
        let list = if surname { surnames } else { given };
        out.push_str(&cased(d.pick(list), w));
    }
    out.push_str(&value[at..]);
    Some(out)
}

const DOMAINS: &[&str] = &["example.com", "example.org", "example.net"];

fn email(value: &str, d: &mut Draw) -> Option<String> {
    let (local, _) = value.rsplit_once('@')?;
    let (given, surnames) = surrogate_names();
    let mut out = String::with_capacity(value.len());
    let mut words = 0;
    let mut chars = local.chars().peekable();
    while let Some(&c) = chars.peek() {
        if c.is_alphabetic() {
            while chars.peek().is_some_and(|c| c.is_alphabetic()) {
                chars.next();
            }
            let list = if words == 0 { given } else { surnames };
            out.push_str(d.pick(list));
            words += 1;
        } else if c.is_ascii_digit() {
            chars.next();
            out.push(d.digit());
        } else {
            chars.next();
            out.push(c);
        }
    }
    out.push('@');
    out.push_str(d.pick(DOMAINS));
    Some(out)
}

/// The digits of `value`, replaced one for one by `digits` (same count);
/// else `fallback`.
fn fill(value: &str, digits: &str, fallback: String) -> String {
    if value.chars().filter(char::is_ascii_digit).count() != digits.len() {
        return fallback;
    }
    let mut new = digits.chars();
    value
        .chars()
        .map(|c| {
            if c.is_ascii_digit() {
                new.next().unwrap_or(c)
            } else {
                c
            }
        })
        .collect()
}

/// Ofcom's numbers for drama (national numbers without the 0), each
/// followed by three digits of the reserved thousand.
const UK_DRAMA: &[&str] = &[
    "1134960", "1144960", "1154960", "1164960", "1174960", "1184960", "1214960", "1314960",
    "1414960", "1514960", "1614960",
];

fn phone(value: &str, d: &mut Draw) -> Option<String> {
    let digits: String = value.chars().filter(char::is_ascii_digit).collect();
    let intl = value.trim_start().starts_with('+') || value.trim_start().starts_with("00");
    let plus = |p: &str| {
        let rest = digits.trim_start_matches("00");
        rest.starts_with(p).then(|| rest[p.len()..].to_string())
    };
    let three = |d: &mut Draw| (0..3).map(|_| d.digit()).collect::<String>();
    // The national number (no trunk 0 or country code) and how to print it.
    let uk = |national: &str, three: String| -> String {
        if national.starts_with('7') {
            format!("7700900{three}")
        } else if national.starts_with("20") {
            format!("2079460{three}")
        } else {
            format!(
                "{}{three}",
                UK_DRAMA[usize::from(three.as_bytes()[0] - b'0') % UK_DRAMA.len()]
            )
        }
    };
    let (prefix, national) = if intl {
        if let Some(n) = plus("44") {
            // `+44 (0)7911 ...`: the trunk 0 in brackets is no digit of it.
            let n = n.trim_start_matches('0');
            let t = three(d);
            ("44", uk(n, t))
        } else if let Some(n) = plus("61") {
            ("61", au(&n, d))
        } else if plus("1").is_some() {
            ("1", nanp(d))
        } else {
            let t = three(d);
            return Some(format!("+44 7700 900{t}"));
        }
    } else if digits.len() == 11 && digits.starts_with('0') {
        let t = three(d);
        ("0", uk(&digits[1..], t))
    } else if digits.len() == 10 && digits.starts_with('0') {
        ("0", au(&digits[1..], d))
    } else if digits.len() == 10 || (digits.len() == 11 && digits.starts_with('1')) {
        (if digits.len() == 11 { "1" } else { "" }, nanp(d))
    } else {
        let t = three(d);
        return Some(format!("+44 7700 900{t}"));
    };
    let new = format!("{prefix}{national}");
    let canonical = match prefix {
        "0" | "" => new.clone(),
        "44" => {
            // Grouped as Ofcom writes them: 7700 900xxx, 20 7946 0xxx,
            // 113 496 0xxx.
            let cut = match national.as_bytes().first() {
                Some(b'7') => 4,
                Some(b'2') => 2,
                _ => 3,
            };
            format!("+44 {} {}", &national[..cut], &national[cut..])
        }
        p => format!("+{p} {national}"),
    };
    // `00 44 ...` keeps its 00.
    let new = if intl && digits.starts_with("00") {
        format!("00{new}")
    } else {
        new
    };
    Some(fill(value, &new, canonical))
}

/// `NXX 555 01xx`: area code 2-9, 0-8, any (not N11), exchange 555, lines
/// 0100-0199, which NANPA keeps for fiction.
fn nanp(d: &mut Draw) -> String {
    let a = char::from(b'2' + d.below(8) as u8);
    let b = char::from(b'0' + d.below(9) as u8);
    let c = if b == '1' {
        char::from(b'2' + d.below(8) as u8)
    } else {
        d.digit()
    };
    format!("{a}{b}{c}55501{}{}", d.digit(), d.digit())
}

/// ACMA's fictional ranges: `2 5550 xxxx` (and 7), `3 7010 xxxx` (and 8).
fn au(national: &str, d: &mut Draw) -> String {
    let block = match national.as_bytes().first() {
        Some(b'3') => "37010",
        Some(b'7') => "75550",
        Some(b'8') => "87010",
        _ => "25550",
    };
    format!("{block}{}", (0..4).map(|_| d.digit()).collect::<String>())
}

fn card(value: &str, d: &mut Draw) -> Option<String> {
    let n = value.chars().filter(char::is_ascii_digit).count();
    if !(12..=19).contains(&n) {
        return None;
    }
    let prefix = match value.trim_start().as_bytes().first() {
        Some(b'3') => "378282",
        Some(b'2' | b'5') => "555555",
        _ => "411111",
    };
    let mut digits: Vec<u8> = prefix.bytes().collect();
    while digits.len() < n - 1 {
        digits.push(d.digit() as u8);
    }
    digits.push(b'0');
    for check in b'0'..=b'9' {
        digits[n - 1] = check;
        if luhn(&digits) {
            break;
        }
    }
    let digits = String::from_utf8(digits).ok()?;
    Some(fill(value, &digits, digits.clone()))
}

fn iban(value: &str, d: &mut Draw) -> Option<String> {
    let compact: Vec<char> = value.chars().filter(char::is_ascii_alphanumeric).collect();
    if compact.len() < 5 || !compact[..2].iter().all(char::is_ascii_alphabetic) {
        return None;
    }
    let country: String = compact[..2].iter().collect::<String>().to_ascii_uppercase();
    let bban: String = compact[4..]
        .iter()
        .map(|c| {
            if c.is_ascii_digit() {
                d.digit()
            } else {
                d.letter(true)
            }
        })
        .collect();
    // ISO 13616: check digits 98 - (BBAN, country, "00" mod 97).
    let mut rem = 0u32;
    for c in bban.chars().chain(country.chars()).chain(['0', '0']) {
        rem = match c {
            '0'..='9' => (rem * 10 + (c as u32 - '0' as u32)) % 97,
            _ => (rem * 100 + (c as u32 - 'A' as u32 + 10)) % 97,
        };
    }
    let new = format!("{country}{:02}{bban}", 98 - rem);
    let mut new_chars = new.chars();
    let out = value
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                let n = new_chars.next().unwrap_or(c);
                if c.is_ascii_lowercase() {
                    n.to_ascii_lowercase()
                } else {
                    n
                }
            } else {
                c
            }
        })
        .collect();
    Some(out)
}

fn month_days(y: i64, m: i64) -> i64 {
    match m {
        2 if y % 4 == 0 && (y % 100 != 0 || y % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// A date at the start of `value` (`Y-M-D`, `Y/M/D`, `D/M/Y`, `M/D/Y`,
/// `D.M.Y`, `D-M-Y`), moved by `shift` days, written as it was.
fn date(value: &str, shift: i64) -> Option<String> {
    let end = value
        .find(|c: char| !(c.is_ascii_digit() || matches!(c, '-' | '/' | '.')))
        .unwrap_or(value.len());
    let head = value[..end].trim_end_matches(['.', '-', '/']);
    let sep = head.chars().find(|c| !c.is_ascii_digit())?;
    let parts: Vec<&str> = head.split(sep).collect();
    let [a, b, c] = parts[..] else {
        return None;
    };
    let num = |s: &str| s.parse::<i64>().ok();
    let (na, nb, nc) = (num(a)?, num(b)?, num(c)?);
    // Which part is which: (year, month, day) indexes into [a, b, c].
    let order = if a.len() == 4 {
        [0, 1, 2]
    } else if c.len() == 4 && na > 12 {
        [2, 1, 0]
    } else if c.len() == 4 && nb > 12 && sep == '/' {
        [2, 0, 1]
    } else if c.len() == 4 {
        [2, 1, 0]
    } else {
        return None;
    };
    let n = [na, nb, nc];
    let (y, m, d) = (n[order[0]], n[order[1]], n[order[2]]);
    if !(1..=12).contains(&m) || d < 1 || d > month_days(y, m) {
        return None;
    }
    let (y2, m2, d2) = from_days(days(y, m, d) + shift);
    if !(1000..=9999).contains(&y2) {
        return None;
    }
    let new = [y2, m2, d2];
    let mut fields = [String::new(), String::new(), String::new()];
    for (k, &i) in order.iter().enumerate() {
        let width = parts[i].len();
        fields[i] = format!("{:0width$}", new[k]);
    }
    Some(format!(
        "{}{sep}{}{sep}{}{}",
        fields[0],
        fields[1],
        fields[2],
        &value[head.len()..]
    ))
}

fn ip(value: &str, d: &mut Draw) -> Option<String> {
    if value.contains(':') {
        let groups: Vec<String> = (0..4).map(|_| format!("{:x}", d.below(0x10000))).collect();
        return Some(format!("2001:db8::{}", groups.join(":")));
    }
    let net = d.pick(&["192.0.2", "198.51.100", "203.0.113"]);
    Some(format!("{net}.{}", 1 + d.below(254)))
}

fn url(value: &str, d: &mut Draw) -> Option<String> {
    let (scheme, rest) = match value.find("://") {
        Some(i) => value.split_at(i + 3),
        None => ("", value),
    };
    let host_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (host, path) = rest.split_at(host_end);
    let www = if host.to_ascii_lowercase().starts_with("www.") {
        "www."
    } else {
        ""
    };
    let path = if path.chars().any(char::is_alphanumeric) {
        redraw(path, d)?
    } else {
        path.to_string()
    };
    Some(format!("{scheme}{www}{}{path}", d.pick(DOMAINS)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draw(n: u8) -> Draw {
        Draw::new([n; 32])
    }

    #[test]
    fn phones_keep_their_layout_in_fictional_ranges() {
        for n in 0..50 {
            let d = &mut draw(n);
            let uk = phone("+44 (0)7911 123456", d).unwrap();
            // A layout whose digit count differs prints the canonical form.
            assert!(uk.starts_with("+44 7700 900"), "{uk}");
            let uk = phone("07911 123456", d).unwrap();
            assert!(uk.starts_with("07700 900"), "{uk}");
            let london = phone("020 7123 4567", d).unwrap();
            assert!(london.starts_with("020 7946 0"), "{london}");
            let leeds = phone("0113 222 3333", d).unwrap();
            assert!(
                UK_DRAMA
                    .iter()
                    .any(|p| leeds.replace(' ', "")[1..].starts_with(p)),
                "{leeds}"
            );
            let us = phone("(415) 867-5309", d).unwrap();
            assert!(
                us.starts_with('(') && us[5..].starts_with(" 555-01"),
                "{us}"
            );
            assert!(!us[1..4].ends_with("11"), "{us}");
            let us = phone("+1 415 867 5309", d).unwrap();
            assert!(
                us.starts_with("+1 ") && us[6..].starts_with(" 555 01"),
                "{us}"
            );
            let au = phone("(02) 9876 5432", d).unwrap();
            assert!(au.starts_with("(02) 5550 "), "{au}");
            let other = phone("+49 30 1234567", d).unwrap();
            assert!(other.starts_with("+44 7700 900"), "{other}");
        }
    }

    #[test]
    fn cards_and_ibans_check_out() {
        use crate::detect::checksum::iban_mod97;
        for n in 0..50 {
            let d = &mut draw(n);
            let c = card("4556-7375-8689-9855", d).unwrap();
            assert!(c.starts_with("4111-11") && c.len() == 19, "{c}");
            assert!(luhn(&c.replace('-', "").into_bytes()), "{c}");
            let amex = card("3782 822463 10005", d).unwrap();
            assert!(amex.starts_with("3782 82") && luhn(&amex.replace(' ', "").into_bytes()));
            let i = iban("GB82 WEST 1234 5698 7654 32", d).unwrap();
            assert_eq!(i.len(), 27);
            let compact = i.replace(' ', "");
            assert!(
                compact.starts_with("GB") && iban_mod97(compact.as_bytes()),
                "{i}"
            );
            assert!(compact[4..8].chars().all(|c| c.is_ascii_uppercase()), "{i}");
            assert!(compact[8..].chars().all(|c| c.is_ascii_digit()), "{i}");
        }
    }

    #[test]
    fn names_keep_their_shape_and_come_from_the_lists() {
        let (given, surnames) = surrogate_names();
        assert!(given.len() > 2000 && surnames.len() > 1000);
        for w in ["will", "may", "june", "street", "the"] {
            assert!(!given.contains(&w) && !surnames.contains(&w), "{w}");
        }
        for n in 0..50 {
            let d = &mut draw(n);
            let p = person("Lee, Ann", d).unwrap();
            let (s, g) = p.split_once(", ").unwrap();
            assert!(surnames.contains(&s.to_lowercase().as_str()), "{p}");
            assert!(given.contains(&g.to_lowercase().as_str()), "{p}");
            let p = person("Dr. ANN B. O'NEILL", d).unwrap();
            assert!(
                p.starts_with("Dr. ") && p == p.to_uppercase().replace("DR.", "Dr."),
                "{p}"
            );
            assert_eq!(p.split(' ').nth(2).map(str::len), Some(2), "{p}");
            let e = email("ann.lee42@corp.io", d).unwrap();
            let (local, domain) = e.split_once('@').unwrap();
            assert!(DOMAINS.contains(&domain), "{e}");
            assert!(
                local.contains('.') && local.ends_with(|c: char| c.is_ascii_digit()),
                "{e}"
            );
        }
    }

    #[test]
    fn dates_shift_by_whole_days_in_their_own_format() {
        assert_eq!(date("2024-03-05", 30).as_deref(), Some("2024-04-04"));
        assert_eq!(
            date("2024-03-05T10:00", -5).as_deref(),
            Some("2024-02-29T10:00")
        );
        assert_eq!(date("31/12/2023", 1).as_deref(), Some("01/01/2024"));
        assert_eq!(date("12/31/2023", 1).as_deref(), Some("01/01/2024"));
        assert_eq!(date("5.3.2024", 1).as_deref(), Some("6.3.2024"));
        assert_eq!(date("not a date", 1), None);
        for n in [-800_000, -1, 0, 59, 11_017, 20_000] {
            let (y, m, d) = from_days(n);
            assert_eq!(days(y, m, d), n);
        }
    }
}
