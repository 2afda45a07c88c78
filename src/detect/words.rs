//! What the names and places passes share: the words of a text, and the
//! capitalised words that are neither people nor places.

/// The hash of the word lists: the keys are short words from lists that
/// ship with the program, so a keyed hash (SipHash, the default) buys
/// nothing here and cost a good part of the names pass. Eight bytes per
/// multiply (byte-at-a-time FNV-1a was the previous step), and a folded
/// multiply at the end so that the high bits the table's tags use are mixed.
/// (`FnvBuild` keeps its old name for the modules that use it.)
#[derive(Default, Clone, Copy)]
pub(super) struct Fnv(u64);

const MUL: u64 = 0x9E37_79B9_7F4A_7C15;

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        let m = u128::from(self.0) * u128::from(MUL);
        (m as u64) ^ ((m >> 64) as u64)
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = self.0;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            h = (h.rotate_left(23) ^ u64::from_le_bytes(w)).wrapping_mul(MUL);
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut w = [0u8; 8];
            w[..rest.len()].copy_from_slice(rest);
            // The length keeps "ab" and "ab\0" apart.
            let tail = u64::from_le_bytes(w) ^ ((rest.len() as u64) << 59);
            h = (h.rotate_left(23) ^ tail).wrapping_mul(MUL);
        }
        self.0 = h;
    }
    // A packed word (see `Lexicon`): two multiplies, no loop.
    fn write_u128(&mut self, n: u128) {
        let h = (self.0.rotate_left(23) ^ n as u64).wrapping_mul(MUL);
        self.0 = (h.rotate_left(23) ^ (n >> 64) as u64).wrapping_mul(MUL);
    }
}

pub(super) type FnvBuild = std::hash::BuildHasherDefault<Fnv>;

/// Lower-case words, looked up with ASCII case ignored (`eq_ignore_ascii_case`
/// against each), by one hash of the word's bytes lower-cased as they are
/// read: no allocation, no UTF-8 check, no scan of a list. Words of up to 15
/// bytes (nearly all) are kept packed into one number with their length, so
/// that a lookup compares numbers, not strings (the string compares, and
/// reading the listed words' bytes, were much of the time of a lookup).
pub(super) struct Lexicon {
    short: std::collections::HashSet<u128, FnvBuild>,
    long: std::collections::HashSet<&'static [u8], FnvBuild>,
    /// The first bytes of the listed words: a word that starts with no
    /// other is in no set without hashing it (a capitalised word among
    /// the particles, a lower-case one among the titles).
    first: [bool; 256],
}

/// `word` (with ASCII letters lower-cased if `lower`) and its length in
/// one number, if it has at most 15 bytes. Built in registers: bytes
/// copied to the stack and read back as one number stalled every lookup.
fn packed(word: &[u8], lower: bool) -> Option<u128> {
    if word.len() > 15 {
        return None;
    }
    let mut key = (word.len() as u128) << 120;
    for (i, &c) in word.iter().enumerate() {
        let c = if lower { c.to_ascii_lowercase() } else { c };
        key |= u128::from(c) << (8 * i);
    }
    Some(key)
}

impl Lexicon {
    pub fn new(words: impl IntoIterator<Item = &'static str>) -> Self {
        let mut lex = Lexicon {
            short: Default::default(),
            long: Default::default(),
            first: [false; 256],
        };
        for word in words {
            if let Some(&c) = word.as_bytes().first() {
                lex.first[usize::from(c)] = true;
            }
            match packed(word.as_bytes(), false) {
                Some(key) => lex.short.insert(key),
                None => lex.long.insert(word.as_bytes()),
            };
        }
        lex
    }

    /// Whether `word` is in the set, ASCII case aside. No listed word is
    /// longer than 32 bytes.
    pub fn has(&self, word: &str) -> bool {
        match word.as_bytes().first() {
            Some(&c) if !self.first[usize::from(c.to_ascii_lowercase())] => return false,
            _ => {}
        }
        if let Some(key) = packed(word.as_bytes(), true) {
            return self.short.contains(&key);
        }
        let mut buf = [0u8; 32];
        let Some(lower) = buf.get_mut(..word.len()) else {
            return false;
        };
        lower.copy_from_slice(word.as_bytes());
        lower.make_ascii_lowercase();
        self.long.contains(&*lower)
    }

    /// Whether `word` is in the set as it is (case counts).
    pub fn has_exact(&self, word: &str) -> bool {
        match word.as_bytes().first() {
            Some(&c) if !self.first[usize::from(c)] => return false,
            _ => {}
        }
        match packed(word.as_bytes(), false) {
            Some(key) => self.short.contains(&key),
            None => self.long.contains(word.as_bytes()),
        }
    }
}

#[derive(Clone, Copy, Debug)]
pub(super) struct Word<'a> {
    pub text: &'a str,
    pub start: usize,
    pub end: usize,
}

/// Words: runs of letters, with inner apostrophes and hyphens (O'Brien,
/// Anne-Marie) and a trailing period kept out.
pub(super) fn words(text: &str) -> Vec<Word<'_>> {
    // ASCII bytes are classified as bytes; only other characters are
    // decoded (most text is ASCII, and decoding every character was a good
    // part of this function).
    let b = text.as_bytes();
    let char_at = |i: usize| match b.get(i) {
        Some(&c) if c.is_ascii() => Some(char::from(c)),
        Some(_) => text.get(i..).and_then(|t| t.chars().next()),
        None => None,
    };
    // About one word per eight bytes of text: one growth at most, mostly.
    let mut out = Vec::with_capacity(text.len() / 8 + 1);
    let mut start = None;
    let mut i = 0;
    while let Some(&byte) = b.get(i) {
        // Inside or starting a word on an ASCII letter (most bytes): no
        // other test, and the run of them taken at once.
        if byte.is_ascii_alphabetic() {
            start.get_or_insert(i);
            i += 1;
            while b.get(i).is_some_and(u8::is_ascii_alphabetic) {
                i += 1;
            }
            continue;
        }
        // Any other ASCII byte but an inner mark ends a word, if one.
        if byte.is_ascii() && byte != b'\'' && byte != b'-' {
            if let Some(s) = start.take() {
                out.push(Word {
                    text: &text[s..i],
                    start: s,
                    end: i,
                });
            }
            i += 1;
            continue;
        }
        let Some(c) = char_at(i) else {
            break;
        };
        let next = i + c.len_utf8();
        let letter = if c.is_ascii() {
            c.is_ascii_alphabetic()
        } else {
            c.is_alphabetic()
        };
        let inner = !letter
            && (c == '\'' || c == '-' || c == '’')
            && start.is_some()
            && char_at(next).is_some_and(char::is_alphabetic);
        if letter || inner {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            out.push(Word {
                text: &text[s..i],
                start: s,
                end: i,
            });
        }
        i = next;
    }
    if let Some(s) = start {
        out.push(Word {
            text: &text[s..],
            start: s,
            end: text.len(),
        });
    }
    out
}

/// Capitalised or all capitals, two letters or more (`Smith`, `McDonald`,
/// `Zoë`, `SMITH`).
pub(super) fn capitalised(w: &str) -> bool {
    // ASCII first letter (most words): no decoding.
    match w.as_bytes() {
        [c, rest @ ..] if c.is_ascii() => return c.is_ascii_uppercase() && !rest.is_empty(),
        _ => {}
    }
    let mut chars = w.chars();
    chars.next().is_some_and(char::is_uppercase) && chars.next().is_some()
}

/// Forms of address before a name ("Dr", "Mme"): capitalised, but neither
/// the name nor a place.
pub(super) const TITLES: &[&str] = &[
    "Mr", "Mrs", "Ms", "Miss", "Mx", "Dr", "Prof", "Sir", "Dame", "Madam", "Mme", "Mlle", "Herr",
    "Frau", "Sr", "Sra", "Srta", "Dhr", "Mevr", "Sig", "Sig.ra", "Dott", "Monsieur", "Madame",
    // French "M." (Monsieur), Dutch and Italian forms written out, Austrian
    // "Mag." (Magister).
    "M", "Mevrouw", "Meneer", "Signora", "Signor", "Señor", "Señora", "Mag",
];

/// Whether `w` is one of [`TITLES`]: one hashed lookup, not a scan of the
/// list (every capitalised word, and the word before it, is looked up).
pub(super) fn is_title(w: &str) -> bool {
    static SET: std::sync::OnceLock<Lexicon> = std::sync::OnceLock::new();
    SET.get_or_init(|| Lexicon::new(TITLES.iter().copied()))
        .has_exact(w)
}

/// Days and months: capitalised, and neither names nor places ("May",
/// "June", "August" are also given names).
#[rustfmt::skip]
pub(super) const CALENDAR: &[&str] = &[
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lexicon_ignores_ascii_case_only() {
        // Short words are packed, long ones are not: both kinds.
        let lex = Lexicon::new(["chère", "of", "rue", "ansprechpartnerin", "abcdefghijklmno"]);
        for word in [
            "rue",
            "Rue",
            "RUE",
            "OF",
            "chère",
            "Chère",
            "Ansprechpartnerin",
            "abcdefghijklmno",
        ] {
            assert!(lex.has(word), "{word}");
        }
        // As `eq_ignore_ascii_case`: other letters' case counts.
        for word in [
            "CHÈRE",
            "ru",
            "ruee",
            "rue\0",
            "",
            &"r".repeat(40),
            "ansprechpartneri",
            "abcdefghijklmnop",
            "abcdefghijklmn",
        ] {
            assert!(!lex.has(word), "{word}");
        }
        assert!(lex.has_exact("rue") && !lex.has_exact("Rue"));
    }

    #[test]
    fn words_with_inner_marks_and_other_scripts() {
        let text = "O'Brien, Anne-Marie y Zoë—'quoted' 電話 end-";
        let got: Vec<&str> = words(text).iter().map(|w| w.text).collect();
        assert_eq!(
            got,
            ["O'Brien", "Anne-Marie", "y", "Zoë", "quoted", "電話", "end"]
        );
    }
}
