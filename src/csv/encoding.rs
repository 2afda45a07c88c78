//! The input's text encoding. Output is always UTF-8.

use crate::Error;

/// How the input's bytes are read as text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-8 (a leading BOM is skipped). Cells that are not valid UTF-8
    /// pass through kept columns as they are and are an error in columns an
    /// operator must read.
    #[default]
    Utf8,
    /// Windows-1252 ("ANSI" in older Excel on Western European systems),
    /// as the WHATWG Encoding Standard defines it: every byte is a character,
    /// so no input is invalid. Decoded to UTF-8 before anything else.
    Windows1252,
}

impl Encoding {
    pub const ALL: [Encoding; 2] = [Encoding::Utf8, Encoding::Windows1252];

    /// The encoding with this WHATWG label or one of its aliases
    /// (case-insensitive).
    pub fn from_label(label: &str) -> Result<Encoding, Error> {
        let l = label.trim().to_ascii_lowercase();
        Encoding::ALL
            .into_iter()
            .find(|e| e.label() == l || e.aliases().contains(&l.as_str()))
            .ok_or_else(|| {
                Error::option(
                    "encoding",
                    format!("encoding {l:?} is not supported (use \"utf-8\" or \"windows-1252\")"),
                )
            })
    }

    /// The WHATWG label: `utf-8` or `windows-1252`.
    pub fn label(self) -> &'static str {
        match self {
            Encoding::Utf8 => "utf-8",
            Encoding::Windows1252 => "windows-1252",
        }
    }

    /// The name people know it by.
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Windows1252 => "Windows-1252 (\"ANSI\", Latin-1)",
        }
    }

    /// Other labels accepted for it; browsers read `latin1` and
    /// `iso-8859-1` as windows-1252 too.
    pub fn aliases(self) -> &'static [&'static str] {
        match self {
            Encoding::Utf8 => &["utf8"],
            Encoding::Windows1252 => &["cp1252", "latin1", "iso-8859-1"],
        }
    }
}

/// 0x80..=0x9F in Windows-1252 (WHATWG index-windows-1252); the five bytes
/// the code page leaves undefined map to the C1 control of the same value.
const HIGH: [u16; 32] = [
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, //
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F, //
    0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, //
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
];

/// Appends `input`, read as Windows-1252, to `out` as UTF-8. Stateless, so
/// chunks decode the same wherever they are cut.
pub fn decode_windows_1252(input: &[u8], out: &mut Vec<u8>) {
    out.reserve(input.len() + input.len() / 4);
    let mut rest = input;
    while !rest.is_empty() {
        let ascii = rest.iter().position(|&b| b >= 0x80).unwrap_or(rest.len());
        out.extend_from_slice(&rest[..ascii]);
        rest = &rest[ascii..];
        while let Some((&b, tail)) = rest.split_first() {
            if b < 0x80 {
                break;
            }
            let c = match b {
                0x80..=0x9F => HIGH[usize::from(b - 0x80)],
                _ => u16::from(b),
            };
            let c = char::from_u32(u32::from(c)).unwrap_or(char::REPLACEMENT_CHARACTER);
            out.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes());
            rest = tail;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(b: &[u8]) -> String {
        let mut out = Vec::new();
        decode_windows_1252(b, &mut out);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn decodes_ascii_latin1_and_the_0x80_block() {
        assert_eq!(decode(b"Jos\xe9,caf\xe9\n"), "José,café\n");
        assert_eq!(
            decode(b"\x80 \x93q\x94 \x9f \x81"),
            "€ \u{201C}q\u{201D} Ÿ \u{81}"
        );
        assert_eq!(decode(b"M\xfcller \xdf"), "Müller ß");
    }

    #[test]
    fn labels() {
        assert_eq!(
            Encoding::from_label("CP1252").unwrap(),
            Encoding::Windows1252
        );
        assert_eq!(Encoding::from_label("utf-8").unwrap(), Encoding::Utf8);
        let e = Encoding::from_label("shift_jis").unwrap_err().to_string();
        assert!(e.contains("shift_jis") && e.contains("windows-1252"), "{e}");
    }
}
