//! Look-alike characters, folded for matching: fullwidth forms to ASCII (as
//! NFKC does), every Unicode decimal digit to its ASCII digit, Unicode spaces
//! to a space and dashes to a hyphen, and invisible characters (zero-width,
//! soft hyphen, bidirectional marks) removed. The recognizers are ASCII; a
//! cell written with these (`４１１１ １１１１ ...`, `jane\u{200B}.doe@...`)
//! is matched in its folded copy, and each span is mapped back to the
//! original bytes, covering the original span whole.
//!
//! Only cells holding such characters pay for it: ASCII text and ordinary
//! accented text are matched as they are.

use std::cell::RefCell;

/// What a character becomes for matching.
#[derive(Clone, Copy, PartialEq, Debug)]
enum Folded {
    Same,
    Gone,
    Ascii(u8),
}

/// The code points of the digit zero of each Unicode decimal digit block
/// (general category Nd, Unicode 14; each block runs zero to nine).
#[rustfmt::skip]
const DIGIT_ZEROS: &[u32] = &[
    0x660, 0x6F0, 0x7C0, 0x966, 0x9E6, 0xA66, 0xAE6, 0xB66, 0xBE6, 0xC66, 0xCE6, 0xD66, 0xDE6,
    0xE50, 0xED0, 0xF20, 0x1040, 0x1090, 0x17E0, 0x1810, 0x1946, 0x19D0, 0x1A80, 0x1A90, 0x1B50,
    0x1BB0, 0x1C40, 0x1C50, 0xA620, 0xA8D0, 0xA900, 0xA9D0, 0xA9F0, 0xAA50, 0xABF0, 0xFF10,
    0x104A0, 0x10D30, 0x11066, 0x110F0, 0x11136, 0x111D0, 0x112F0, 0x11450, 0x114D0, 0x11650,
    0x116C0, 0x11730, 0x118E0, 0x11950, 0x11C50, 0x11D50, 0x11DA0, 0x16A60, 0x16AC0, 0x16B50,
    0x1D7CE, 0x1D7D8, 0x1D7E2, 0x1D7EC, 0x1D7F6, 0x1E140, 0x1E2F0, 0x1E950, 0x1FBF0,
];

fn fold(c: char) -> Folded {
    let u = u32::from(c);
    if u < 0x80 {
        return Folded::Same;
    }
    let ascii = |b: u32| Folded::Ascii(b as u8);
    match u {
        // Fullwidth ASCII (NFKC folds these to ASCII).
        0xFF01..=0xFF5E => ascii(u - 0xFF01 + 0x21),
        // Spaces: no-break, en to hair, narrow no-break, medium mathematical,
        // ideographic, ogham.
        0xA0 | 0x1680 | 0x2000..=0x200A | 0x202F | 0x205F | 0x3000 => ascii(0x20),
        // Zero-width, joiners, soft hyphen, word joiner, BOM, bidirectional
        // marks and isolates, Mongolian vowel separator: invisible.
        0xAD
        | 0x180E
        | 0x200B..=0x200F
        | 0x202A..=0x202E
        | 0x2060..=0x2064
        | 0x2066..=0x2069
        | 0xFEFF => Folded::Gone,
        // Hyphens and dashes, minus signs, small forms.
        0x2010..=0x2015 | 0x2212 | 0xFE58 | 0xFE63 => ascii(u32::from(b'-')),
        0xFE52 | 0x2024 => ascii(u32::from(b'.')),
        0xFE6B => ascii(u32::from(b'@')),
        // Latin, Greek, Cyrillic, Hebrew; CJK and Hangul: no digits there.
        _ if u < 0x660 || (0x2E80..0xA620).contains(&u) || (0xAC00..0xFE00).contains(&u) => {
            Folded::Same
        }
        _ => match DIGIT_ZEROS.binary_search(&u) {
            Ok(_) => ascii(u32::from(b'0')),
            Err(0) => Folded::Same,
            Err(i) => {
                let d = u - DIGIT_ZEROS[i - 1];
                if d < 10 {
                    ascii(u32::from(b'0') + d)
                } else {
                    Folded::Same
                }
            }
        },
    }
}

/// Whether `text` holds a character that folds (ASCII text never does).
/// Only the characters whose first byte can start a folding one are
/// decoded: accented Latin (0xC3..), Greek, Cyrillic and most CJK are not.
///
/// A space or dash between other characters than letters and digits
/// ("word — word") changes no match: prose with dashes stays on the fast path.
fn needs_folding(text: &str) -> bool {
    let b = text.as_bytes();
    !text.is_ascii()
        && b.iter().enumerate().any(|(i, &lead)| {
            if !matches!(
                lead,
                0xC2 | 0xD9 | 0xDB | 0xDF | 0xE0..=0xE3 | 0xEA | 0xEF | 0xF0
            ) {
                return false;
            }
            let Some(c) = text.get(i..).and_then(|t| t.chars().next()) else {
                return false;
            };
            match fold(c) {
                Folded::Same => false,
                Folded::Ascii(b' ' | b'-') => {
                    let before = i.checked_sub(1).and_then(|j| b.get(j));
                    let after = b.get(i + c.len_utf8());
                    before.is_some_and(u8::is_ascii_alphanumeric)
                        && after.is_some_and(|&a| a.is_ascii_alphanumeric() || a >= 0x80)
                }
                _ => true,
            }
        })
}

/// A folded copy of a text and, for each of its bytes, where the character
/// it came from starts and ends in the original.
#[derive(Default)]
pub(super) struct Folding {
    pub text: String,
    starts: Vec<u32>,
    ends: Vec<u32>,
}

impl Folding {
    /// Folds `text` into `self`; false (and `self` untouched) when nothing
    /// folds, or the text is too long for 32-bit offsets.
    fn fill(&mut self, text: &str) -> bool {
        if !needs_folding(text) || u32::try_from(text.len()).is_err() {
            return false;
        }
        self.text.clear();
        self.starts.clear();
        self.ends.clear();
        for (i, c) in text.char_indices() {
            let (start, end) = (i as u32, (i + c.len_utf8()) as u32);
            let n = match fold(c) {
                Folded::Gone => 0,
                Folded::Ascii(b) => {
                    self.text.push(char::from(b));
                    1
                }
                Folded::Same => {
                    self.text.push(c);
                    c.len_utf8()
                }
            };
            for _ in 0..n {
                self.starts.push(start);
                self.ends.push(end);
            }
        }
        true
    }

    /// The original span of the folded span `start..end` (not empty).
    pub fn original(&self, start: usize, end: usize) -> (usize, usize) {
        let s = self.starts.get(start).copied();
        let e = end.checked_sub(1).and_then(|i| self.ends.get(i)).copied();
        match (s, e) {
            (Some(s), Some(e)) => (s as usize, e as usize),
            _ => (start, end), // unreachable for spans of the folded text
        }
    }
}

thread_local! {
    static FOLDING: RefCell<Folding> = RefCell::new(Folding::default());
}

/// Calls `matched` on the folded copy of `text` when it has characters to
/// fold; `None` (and no call) when it has none. One buffer per thread is
/// reused (re-entered, a fresh one keeps it correct).
pub(super) fn with_folded<R>(text: &str, matched: impl FnOnce(&Folding) -> R) -> Option<R> {
    if !needs_folding(text) {
        return None;
    }
    FOLDING.with(|cell| match cell.try_borrow_mut() {
        Ok(mut f) => {
            let r = f.fill(text).then(|| matched(&f));
            // A huge cell should not keep its buffers for the whole run.
            if f.starts.capacity() > 1 << 20 {
                *f = Folding::default();
            }
            r
        }
        Err(_) => {
            let mut f = Folding::default();
            f.fill(text).then(|| matched(&f))
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folded(text: &str) -> String {
        let mut f = Folding::default();
        if f.fill(text) {
            f.text
        } else {
            text.to_string()
        }
    }

    #[test]
    fn folds_look_alikes_to_ascii() {
        assert_eq!(
            folded("４１１１\u{3000}ｊａｎｅ＠ｘ．ｃｏ"),
            "4111 jane@x.co"
        );
        assert_eq!(folded("٠١٢٣٤٥٦٧٨٩ ۰۹ ०९ ๙ 𝟗"), "0123456789 09 09 9 9");
        assert_eq!(folded("a\u{200B}b\u{AD}c\u{FEFF}d\u{2067}e"), "abcde");
        assert_eq!(folded("1\u{A0}2\u{2009}3\u{2014}4\u{2212}5"), "1 2 3-4-5");
        assert_eq!(folded("Zoë née Müller ½ ²"), "Zoë née Müller ½ ²");
    }

    #[test]
    fn every_folding_character_is_seen() {
        // Each character that folds has a first byte the quick scan looks at.
        for u in 0x80..=0x10FFFF {
            let Some(c) = char::from_u32(u) else { continue };
            if fold(c) != Folded::Same {
                assert!(needs_folding(&format!("a{c}b")), "U+{u:04X}");
            }
        }
        assert!(!needs_folding("Zoë née Müller, 日本語 Ελλάδα"));
        assert!(!needs_folding("prose — with dashes, 1 — 2"));
        assert!(needs_folding("4111\u{2014}1111") && needs_folding("x 1\u{A0}٢"));
    }

    #[test]
    fn spans_map_back_to_the_original_whole() {
        let text = "x ٤١\u{200B}١ y";
        let mut f = Folding::default();
        assert!(f.fill(text));
        assert_eq!(f.text, "x 411 y");
        let (s, e) = f.original(2, 5);
        assert_eq!(&text[s..e], "٤١\u{200B}١");
        assert!(!f.fill("plain ascii") && !f.fill("Zoë"));
    }
}
