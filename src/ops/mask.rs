//! Partial masking that fits the shape of each kind of value.

use crate::detect::{checksum, judge, Entity};

/// Presidio's mask operator: masks the first `count` characters (the last,
/// with `from_end`), or all of them when `count` exceeds the length.
///
/// ```
/// assert_eq!(pii_mask::ops::mask_chars("4111111111111111", '*', 12, false), "************1111");
/// ```
pub fn mask_chars(text: &str, ch: char, count: usize, from_end: bool) -> String {
    let len = text.chars().count();
    let count = count.min(len);
    let (lo, hi) = if from_end {
        (len - count, len)
    } else {
        (0, count)
    };
    text.chars()
        .enumerate()
        .map(|(i, c)| if (lo..hi).contains(&i) { ch } else { c })
        .collect()
}

/// Values with fewer letters and digits than this are masked whole.
const SHORT: usize = 8;

/// Masks a value according to its entity (judged from the value when not
/// given). No entity shows more than about half of a value, and short
/// values are masked whole.
///
/// ```
/// use pii_mask::ops::mask_value;
/// assert_eq!(mask_value("ab@x.com", None, '*'), "**@x.com");
/// assert_eq!(mask_value("4111-1111-1111-1111", None, '*'), "****-****-****-1111");
/// assert_eq!(mask_value("Ann Lee", None, '*'), "*** ***");
/// ```
pub fn mask_value(value: &str, entity: Option<Entity>, ch: char) -> String {
    mask_fitted(value, entity.or_else(|| judge(value)), ch)
}

/// Masks `value` in the shape of `entity`, which the caller has checked the
/// value is; without one, every letter and digit.
fn mask_fitted(value: &str, entity: Option<Entity>, ch: char) -> String {
    let alnum = if value.is_ascii() {
        value.bytes().filter(u8::is_ascii_alphanumeric).count()
    } else {
        value.chars().filter(|c| c.is_alphanumeric()).count()
    };
    match entity {
        Some(Entity::EmailAddress) => match value.rfind('@') {
            Some(at) => {
                let mut out = mask_alnum(&value[..at], ch, 0);
                out.push_str(&value[at..]);
                out
            }
            None => mask_alnum(value, ch, 0),
        },
        Some(Entity::CreditCard | Entity::UsSsn | Entity::PhoneNumber | Entity::UsBankNumber)
            if alnum >= SHORT =>
        {
            let keep = if alnum >= 9 { 4 } else { 2 };
            mask_alnum(value, ch, keep)
        }
        // Country code and last four: at most 6 of 15 to 34 characters.
        Some(Entity::IbanCode) if alnum >= SHORT => mask_alnum_kept(value, ch, 2, 4),
        Some(Entity::IpAddress) if value.contains('.') => {
            // The first octet (network class) stays.
            let first = value.find('.').unwrap_or(0);
            let mut out = value[..first].to_string();
            out.push_str(&mask_alnum(&value[first..], ch, 0));
            out
        }
        _ => mask_alnum(value, ch, 0),
    }
}

/// What the `mask` operator writes for a cell of a column holding `entity`
/// (if known), and the entity the cell was taken to be. A mask fitted to an
/// entity (an email keeps its domain, a card its last four) applies only to
/// a cell that is that entity: "a@b.com (mobile ...)" in an email column,
/// or a card followed by its CVV, is masked whole. A mask by count
/// (`chars`, as Presidio's) never shows more than the entity's own mask.
///
/// ```
/// use pii_mask::{detect::Entity, ops::mask_cell};
/// let email = Some(Entity::EmailAddress);
/// assert_eq!(mask_cell("ann@example.com", '*', None, false, email).0, "***@example.com");
/// assert_eq!(mask_cell("ann@example.com (home)", '*', None, false, email).0, "***@*******.*** (****)");
/// ```
pub fn mask_cell(
    text: &str,
    ch: char,
    chars: Option<usize>,
    from_end: bool,
    entity: Option<Entity>,
) -> (String, Option<Entity>) {
    let fits = match entity {
        Some(e) => match plainly(text.trim(), e) {
            Some(is) => is.then_some(e),
            None => judge(text).filter(|j| *j == e),
        },
        None => judge(text),
    };
    let masked = match (chars, fits) {
        (Some(n), Some(_)) => mask_union(
            &mask_chars(text, ch, n, from_end),
            &mask_fitted(text, fits, ch),
            ch,
        ),
        (Some(n), None) if entity.is_none() => mask_chars(text, ch, n, from_end),
        _ => mask_fitted(text, fits, ch),
    };
    (masked, fits)
}

/// Whether `text` is nothing but one `entity`, by its shape and check, for
/// the entities whose fitted mask shows part of a value; `None` for the
/// others (then the detector judges). Cheaper than the detector, and as
/// strict: a cell with anything around the value is not it.
fn plainly(text: &str, entity: Entity) -> Option<bool> {
    let b = text.as_bytes();
    let only = |ok: fn(u8) -> bool| b.iter().all(|&c| ok(c));
    let digits = || b.iter().filter(|c| c.is_ascii_digit()).count();
    Some(match entity {
        Entity::EmailAddress => {
            let Some((local, domain)) = text.split_once('@') else {
                return Some(false);
            };
            !local.is_empty()
                && !domain.contains('@')
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && b.iter().all(|&c| {
                    c.is_ascii_graphic()
                        && !matches!(
                            c,
                            b'(' | b')' | b'<' | b'>' | b'[' | b']' | b',' | b';' | b':' | b'"'
                        )
                        || c >= 0x80
                })
                && (text.is_ascii() || !text.contains(char::is_whitespace))
        }
        Entity::CreditCard => {
            only(|c| c.is_ascii_digit() || c == b' ' || c == b'-')
                && (13..=19).contains(&digits())
                && {
                    // At most 19 digits (checked above): no allocation per cell.
                    let mut d = [0u8; 19];
                    let mut n = 0;
                    for &c in b.iter().filter(|c| c.is_ascii_digit()) {
                        d[n] = c;
                        n += 1;
                    }
                    checksum::luhn(&d[..n])
                }
        }
        Entity::UsSsn => only(|c| c.is_ascii_digit() || c == b' ' || c == b'-') && digits() == 9,
        Entity::PhoneNumber | Entity::UsBankNumber => {
            only(|c| c.is_ascii_digit() || b" -.()+/".contains(&c)) && (7..=17).contains(&digits())
        }
        Entity::IbanCode => {
            only(|c| c.is_ascii_alphanumeric() || c == b' ') && {
                // An IBAN has at most 34 characters: no allocation per cell.
                let mut alnum = [0u8; 34];
                let mut n = 0;
                for &c in b.iter().filter(|c| c.is_ascii_alphanumeric()) {
                    if n == alnum.len() {
                        return Some(false);
                    }
                    alnum[n] = c.to_ascii_uppercase();
                    n += 1;
                }
                let alnum = &alnum[..n];
                alnum.len() >= 15
                    && alnum[..2].iter().all(u8::is_ascii_alphabetic)
                    && checksum::iban_mod97(alnum)
            }
        }
        Entity::IpAddress => {
            let mut parts = 0;
            let ok = text.split('.').all(|p| {
                parts += 1;
                !p.is_empty() && p.len() <= 3 && p.parse::<u8>().is_ok()
            });
            ok && parts == 4
        }
        _ => return None,
    })
}

/// Both masks at once: a character is shown only where both show it. Both
/// must come from the same value (masks keep the count of characters).
fn mask_union(a: &str, b: &str, ch: char) -> String {
    a.chars()
        .zip(b.chars())
        .map(|(x, y)| if y == ch { ch } else { x })
        .collect()
}

/// Replaces letters and digits with `ch`, except the last `keep` of them;
/// other characters (separators, `+`, brackets) stay so the shape is kept.
fn mask_alnum(value: &str, ch: char, keep: usize) -> String {
    mask_alnum_kept(value, ch, 0, keep)
}

/// Like [`mask_alnum`], also keeping the first `first` letters and digits.
fn mask_alnum_kept(value: &str, ch: char, first: usize, last: usize) -> String {
    // ASCII (most values): byte by byte, the same letters and digits.
    if value.is_ascii() && ch.is_ascii() {
        let mut masked = value.as_bytes().to_vec();
        let total = masked.iter().filter(|c| c.is_ascii_alphanumeric()).count();
        let (lo, hi) = (first, total.saturating_sub(last));
        let mut seen = 0;
        for c in masked.iter_mut().filter(|c| c.is_ascii_alphanumeric()) {
            seen += 1;
            if seen > lo && seen <= hi {
                *c = ch as u8;
            }
        }
        return String::from_utf8(masked).unwrap_or_default();
    }
    let total = value.chars().filter(|c| c.is_alphanumeric()).count();
    let mut seen = 0;
    value
        .chars()
        .map(|c| {
            if !c.is_alphanumeric() {
                return c;
            }
            seen += 1;
            if seen <= first || seen > total.saturating_sub(last) {
                c
            } else {
                ch
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_entity_keeps_only_its_safe_part() {
        let cases = [
            ("john.smith@example.com", "****.*****@example.com"),
            ("+1 (415) 555-0132", "+* (***) ***-0132"),
            ("123-45-6789", "***-**-6789"),
            ("DE89 3704 0044 0532 0130 00", "DE** **** **** **** **30 00"),
            ("192.168.10.7", "192.***.**.*"),
            ("Zoë Ångström", "*** ********"),
        ];
        for (value, want) in cases {
            assert_eq!(mask_value(value, None, '*'), want, "{value}");
        }
    }

    #[test]
    fn never_more_than_half_is_shown() {
        for value in [
            "ab@x.com",
            "4111111111111111",
            "+44 20 7946 0958",
            "078-05-1123",
            "hello",
        ] {
            let masked = mask_value(value, None, '#');
            let shown = masked
                .chars()
                .zip(value.chars())
                .filter(|(m, v)| v.is_alphanumeric() && m == v)
                .count();
            let local_or_all = value.split('@').next().unwrap_or(value);
            let total = local_or_all.chars().filter(|c| c.is_alphanumeric()).count();
            if value.contains('@') {
                assert!(masked.starts_with("##@"), "{masked}");
            } else {
                assert!(shown * 2 <= total, "{value} -> {masked}");
            }
        }
    }

    #[test]
    fn presidio_style_counts() {
        assert_eq!(mask_chars("text", '*', 3, false), "***t");
        assert_eq!(mask_chars("text", '*', 3, true), "t***");
        assert_eq!(mask_chars("text", '*', 10, false), "****");
        assert_eq!(mask_chars("", '*', 2, false), "");
    }

    #[test]
    fn a_known_column_shows_part_only_of_plain_values() {
        let cases = [
            (Entity::EmailAddress, "ann@example.com", "***@example.com"),
            (
                Entity::EmailAddress,
                "ann@example.com bo@x.org",
                "***@*******.*** **@*.***",
            ),
            (
                Entity::EmailAddress,
                "ann@example.com\u{a0}(home)",
                "***@*******.***\u{a0}(****)",
            ),
            (
                Entity::CreditCard,
                "4111 1111 1111 1111",
                "**** **** **** 1111",
            ),
            (
                Entity::CreditCard,
                "4111 1111 1111 1111 737",
                "**** **** **** **** ***",
            ),
            (Entity::UsSsn, "078-05-1120", "***-**-1120"),
            (Entity::UsSsn, "078-05-1120 (old)", "***-**-**** (***)"),
            (Entity::IpAddress, "192.168.10.7", "192.***.**.*"),
            (
                Entity::IpAddress,
                "alice.smith@example.com",
                "*****.*****@*******.***",
            ),
            (
                Entity::IbanCode,
                "DE89 3704 0044 0532 0130 00",
                "DE** **** **** **** **30 00",
            ),
            (
                Entity::IbanCode,
                "DE89 3704 0044 0532 0130 01",
                "**** **** **** **** **** **",
            ),
            (Entity::IbanCode, &"DE89".repeat(10), &"*".repeat(40)),
        ];
        for (entity, value, want) in cases {
            assert_eq!(
                mask_cell(value, '*', None, false, Some(entity)).0,
                want,
                "{value}"
            );
        }
    }
}
