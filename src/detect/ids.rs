//! Check digits of national identifiers and crypto addresses. Each function
//! takes the identifier without separators (ASCII) and says whether it is
//! well formed and its check passes.

use super::checksum::{digit_values, luhn, number};
use sha2::{Digest, Sha256};

/// The shape of every check here: the identifier's characters, no separators.
pub type Check = fn(&[u8]) -> bool;

/// UK NHS number: 10 digits, mod 11 over the first nine with weights 10..2.
pub fn uk_nhs(s: &[u8]) -> bool {
    let Some(d) = digit_values(s).filter(|d| d.len() == 10) else {
        return false;
    };
    let sum: u32 = d[..9].iter().zip((2..=10).rev()).map(|(x, w)| x * w).sum();
    match 11 - sum % 11 {
        11 => d[9] == 0,
        10 => false,
        c => d[9] == c,
    }
}

/// Dutch BSN: 9 digits, the "11-test" (weights 9..2 and -1).
pub fn nl_bsn(s: &[u8]) -> bool {
    let Some(d) = digit_values(s).filter(|d| d.len() == 9) else {
        return false;
    };
    let sum: i64 = d[..8]
        .iter()
        .zip((2..=9).rev())
        .map(|(&x, w)| i64::from(x) * w)
        .sum::<i64>()
        - i64::from(d[8]);
    sum % 11 == 0 && d.iter().any(|&x| x != 0)
}

/// German tax id (Steuer-ID): 11 digits, no leading zero, one digit of the
/// first ten repeated (twice or three times), ISO 7064 MOD 11,10 check.
pub fn de_tax_id(s: &[u8]) -> bool {
    let Some(d) = digit_values(s).filter(|d| d.len() == 11 && d[0] != 0) else {
        return false;
    };
    let mut counts = [0u8; 10];
    for &x in &d[..10] {
        counts[x as usize] += 1;
    }
    let repeated = counts.iter().filter(|&&c| c >= 2).count();
    if repeated != 1 || counts.iter().any(|&c| c > 3) {
        return false;
    }
    let mut product = 10;
    for &x in &d[..10] {
        let mut sum = (x + product) % 10;
        if sum == 0 {
            sum = 10;
        }
        product = (sum * 2) % 11;
    }
    let check = (11 - product) % 10;
    check == d[10]
}

const NIF_LETTERS: &[u8; 23] = b"TRWAGMYFPDXBNJZSQVHLCKE";

/// Spanish DNI/NIF: 8 digits (7 when a leading zero is left out) and the
/// letter of their value mod 23.
pub fn es_nif(s: &[u8]) -> bool {
    let Some((&letter, number)) = s.split_last() else {
        return false;
    };
    matches!(number.len(), 7 | 8)
        && number.iter().all(u8::is_ascii_digit)
        && nif_letter(number) == Some(letter)
}

/// Spanish NIE: X, Y or Z (read as 0, 1, 2), 7 digits and the NIF letter.
pub fn es_nie(s: &[u8]) -> bool {
    let lead = match s.first() {
        Some(b'X') => b'0',
        Some(b'Y') => b'1',
        Some(b'Z') => b'2',
        _ => return false,
    };
    let mut number = vec![lead];
    number.extend_from_slice(s.get(1..8).unwrap_or(&[]));
    s.len() == 9 && nif_letter(&number) == Some(s[8])
}

fn nif_letter(number: &[u8]) -> Option<u8> {
    let n: u32 = std::str::from_utf8(number).ok()?.parse().ok()?;
    Some(NIF_LETTERS[(n % 23) as usize])
}

/// French NIR (numéro de sécurité sociale): 13 characters (Corsica's 2A/2B
/// read as 19/18) and a 2-digit key, 97 minus the number mod 97.
pub fn fr_nir(s: &[u8]) -> bool {
    if s.len() != 15 || !matches!(s[0], b'1' | b'2' | b'7' | b'8') {
        return false;
    }
    let mut body = s[..13].to_vec();
    let corsica = match &body[5..7] {
        b"2A" => Some(1_000_000),
        b"2B" => Some(2_000_000),
        _ => None,
    };
    if corsica.is_some() {
        body[6] = b'0';
    }
    let (Some(body), Some(key)) = (number(&body), number(&s[13..])) else {
        return false;
    };
    let body = body - corsica.unwrap_or(0);
    key == 97 - body % 97
}

/// Italian codice fiscale: 16 characters, the last a check letter computed
/// from the others with the odd/even position tables.
pub fn it_fiscal_code(s: &[u8]) -> bool {
    const ODD: [u32; 26] = [
        1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24,
        23,
    ];
    if s.len() != 16 || !s.iter().all(u8::is_ascii_alphanumeric) {
        return false;
    }
    let value = |c: u8| -> u32 {
        match c {
            b'0'..=b'9' => u32::from(c - b'0'),
            _ => u32::from(c.to_ascii_uppercase() - b'A'),
        }
    };
    let sum: u32 = s[..15]
        .iter()
        .enumerate()
        .map(|(i, &c)| {
            let v = value(c) as usize;
            // 1-based odd positions are the 0-based even indexes.
            if i % 2 == 0 {
                ODD[v]
            } else {
                v as u32
            }
        })
        .sum();
    s[15].to_ascii_uppercase() == b'A' + (sum % 26) as u8
}

/// Indian Aadhaar: 12 digits, not starting with 0 or 1, Verhoeff check.
pub fn in_aadhaar(s: &[u8]) -> bool {
    const D: [[u8; 10]; 10] = [
        [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
        [1, 2, 3, 4, 0, 6, 7, 8, 9, 5],
        [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
        [3, 4, 0, 1, 2, 8, 9, 5, 6, 7],
        [4, 0, 1, 2, 3, 9, 5, 6, 7, 8],
        [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
        [6, 5, 9, 8, 7, 1, 0, 4, 3, 2],
        [7, 6, 5, 9, 8, 2, 1, 0, 4, 3],
        [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
        [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
    ];
    const P: [[u8; 10]; 8] = [
        [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
        [1, 5, 7, 6, 2, 8, 3, 0, 9, 4],
        [5, 8, 0, 3, 7, 9, 6, 1, 4, 2],
        [8, 9, 1, 6, 0, 4, 3, 5, 2, 7],
        [9, 4, 5, 3, 1, 2, 6, 8, 7, 0],
        [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
        [2, 7, 9, 3, 8, 0, 6, 4, 1, 5],
        [7, 0, 4, 6, 9, 1, 3, 2, 5, 8],
    ];
    let Some(d) = digit_values(s).filter(|d| d.len() == 12 && d[0] >= 2) else {
        return false;
    };
    let mut c = 0u8;
    for (i, &x) in d.iter().rev().enumerate() {
        c = D[c as usize][P[i % 8][x as usize] as usize];
    }
    c == 0
}

/// Canadian SIN: 9 digits, Luhn, first digit not 0 (never issued; the
/// textbook sample 046 454 286 uses it) or 8 (business numbers).
pub fn ca_sin(s: &[u8]) -> bool {
    s.len() == 9 && !matches!(s[0], b'0' | b'8') && luhn(s)
}

/// US ABA routing number: 9 digits, weights 3-7-1.
pub fn aba_routing(s: &[u8]) -> bool {
    let Some(d) = digit_values(s).filter(|d| d.len() == 9) else {
        return false;
    };
    let sum: u32 = d
        .iter()
        .zip([3, 7, 1].iter().cycle())
        .map(|(x, w)| x * w)
        .sum();
    sum % 10 == 0 && d.iter().any(|&x| x != 0)
}

/// Australian tax file number: 9 digits (weights 1,4,3,7,5,8,6,9,10) or the
/// older 8 (10,7,8,4,6,3,5,1), sum mod 11 = 0.
pub fn au_tfn(s: &[u8]) -> bool {
    let weights: &[u32] = match s.len() {
        9 => &[1, 4, 3, 7, 5, 8, 6, 9, 10],
        8 => &[10, 7, 8, 4, 6, 3, 5, 1],
        _ => return false,
    };
    let Some(d) = digit_values(s) else {
        return false;
    };
    let sum: u32 = d.iter().zip(weights).map(|(x, w)| x * w).sum();
    sum % 11 == 0 && d.iter().any(|&x| x != 0)
}

/// Australian Medicare number: 10 or 11 digits, first 2 to 6, 9th digit the
/// weighted sum (1,3,7,9) of the first eight mod 10.
pub fn au_medicare(s: &[u8]) -> bool {
    let Some(d) = digit_values(s).filter(|d| matches!(d.len(), 10 | 11) && (2..=6).contains(&d[0]))
    else {
        return false;
    };
    let sum: u32 = d[..8]
        .iter()
        .zip([1, 3, 7, 9].iter().cycle())
        .map(|(x, w)| x * w)
        .sum();
    sum % 10 == d[8]
}

/// Singapore NRIC/FIN (S, T, F, G series): weighted digits, a check letter.
pub fn sg_nric(s: &[u8]) -> bool {
    if s.len() != 9 {
        return false;
    }
    let Some(d) = digit_values(&s[1..8]) else {
        return false;
    };
    let sum: u32 = d
        .iter()
        .zip([2, 7, 6, 5, 4, 3, 2])
        .map(|(x, w)| x * w)
        .sum();
    let (offset, table): (u32, &[u8; 11]) = match s[0] {
        b'S' => (0, b"JZIHGFEDCBA"),
        b'T' => (4, b"JZIHGFEDCBA"),
        b'F' => (0, b"XWUTRQPNMLK"),
        b'G' => (4, b"XWUTRQPNMLK"),
        _ => return false,
    };
    table[((sum + offset) % 11) as usize] == s[8]
}

/// UK National Insurance number: two prefix letters (with the letters and
/// pairs HMRC never issues excluded), six digits, suffix A-D.
pub fn uk_nino(s: &[u8]) -> bool {
    if s.len() != 9 || !s[2..8].iter().all(u8::is_ascii_digit) || !(b'A'..=b'D').contains(&s[8]) {
        return false;
    }
    let (a, b) = (s[0], s[1]);
    let first_ok = a.is_ascii_uppercase() && !b"DFIQUV".contains(&a);
    let second_ok = b.is_ascii_uppercase() && !b"DFIQUVO".contains(&b);
    let pair_banned = [b"BG", b"GB", b"KN", b"NK", b"NT", b"TN", b"ZZ"]
        .iter()
        .any(|p| p[..] == s[..2]);
    first_ok && second_ok && !pair_banned
}

/// US ITIN: 9 digits, area 9xx, group 50-65, 70-88, 90-92 or 94-99.
pub fn us_itin(s: &[u8]) -> bool {
    let Some(d) = digit_values(s).filter(|d| d.len() == 9 && d[0] == 9) else {
        return false;
    };
    let group = d[3] * 10 + d[4];
    matches!(group, 50..=65 | 70..=88 | 90..=92 | 94..=99)
}

const BASE58: &[u8; 58] = b"123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

/// Bitcoin legacy address: base58check of 25 bytes, version 0x00 or 0x05,
/// checksum = first 4 bytes of SHA-256(SHA-256(payload)).
pub fn bitcoin_base58(s: &[u8]) -> bool {
    let mut bytes = [0u8; 25];
    for &c in s {
        let Some(mut carry) = BASE58.iter().position(|&b| b == c).map(|v| v as u32) else {
            return false;
        };
        for b in bytes.iter_mut().rev() {
            carry += u32::from(*b) * 58;
            *b = (carry & 0xff) as u8;
            carry >>= 8;
        }
        if carry != 0 {
            return false;
        }
    }
    let check = Sha256::digest(Sha256::digest(&bytes[..21]));
    matches!(bytes[0], 0x00 | 0x05) && check[..4] == bytes[21..]
}

/// Bitcoin segwit address (BIP 173 bech32 / BIP 350 bech32m) with hrp `bc`.
pub fn bitcoin_bech32(s: &[u8]) -> bool {
    const CHARSET: &[u8; 32] = b"qpzry9x8gf2tvdw0s3jn54khce6mua7l";
    let lower = s.to_ascii_lowercase();
    if lower != s && s.to_ascii_uppercase() != s {
        return false; // mixed case is invalid
    }
    let Some(sep) = lower.iter().rposition(|&c| c == b'1') else {
        return false;
    };
    let (hrp, data) = (&lower[..sep], &lower[sep + 1..]);
    if hrp != b"bc" || data.len() < 6 {
        return false;
    }
    let mut values = Vec::with_capacity(hrp.len() * 2 + 1 + data.len());
    values.extend(hrp.iter().map(|c| u32::from(c >> 5)));
    values.push(0);
    values.extend(hrp.iter().map(|c| u32::from(c & 31)));
    for c in data {
        match CHARSET.iter().position(|x| x == c) {
            Some(v) => values.push(v as u32),
            None => return false,
        }
    }
    let mut chk: u32 = 1;
    for v in values {
        let top = chk >> 25;
        chk = ((chk & 0x1ff_ffff) << 5) ^ v;
        for (i, g) in [
            0x3b6a_57b2,
            0x2650_8e6d,
            0x1ea1_19fa,
            0x3d42_33dd,
            0x2a14_62b3,
        ]
        .iter()
        .enumerate()
        {
            if (top >> i) & 1 == 1 {
                chk ^= g;
            }
        }
    }
    chk == 1 || chk == 0x2bc8_30a3
}

#[cfg(test)]
mod tests {
    use super::*;

    // Published or generated-by-the-rule examples for each identifier.
    #[test]
    fn valid_examples() {
        assert!(uk_nhs(b"9434765919"));
        assert!(nl_bsn(b"111222333"));
        assert!(de_tax_id(b"86095742719"));
        assert!(es_nif(b"12345678Z"));
        assert!(es_nie(b"X1234567L"));
        assert!(fr_nir(b"255081416802538"));
        assert!(it_fiscal_code(b"RSSMRA85T10A562S"));
        assert!(in_aadhaar(b"234123412346"));
        assert!(ca_sin(b"130692544"));
        assert!(!ca_sin(b"046454286"));
        assert!(es_nif(b"1111111G"));
        assert!(aba_routing(b"011000015"));
        assert!(au_tfn(b"123456782"));
        assert!(au_medicare(b"2123456701"));
        assert!(sg_nric(b"S1234567D"));
        assert!(uk_nino(b"AB123456C"));
        assert!(us_itin(b"912701234"));
        assert!(bitcoin_base58(b"1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2"));
        assert!(bitcoin_base58(b"3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy"));
        assert!(bitcoin_bech32(
            b"bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq"
        ));
    }

    #[test]
    fn one_changed_character_fails() {
        assert!(!uk_nhs(b"9434765918"));
        assert!(!nl_bsn(b"111222334"));
        assert!(!de_tax_id(b"86095742718"));
        assert!(!es_nif(b"12345678A"));
        assert!(!es_nie(b"X1234567A"));
        assert!(!fr_nir(b"255081416802539"));
        assert!(!it_fiscal_code(b"RSSMRA85T10A562T"));
        assert!(!in_aadhaar(b"234123412347"));
        assert!(!ca_sin(b"046454287"));
        assert!(!aba_routing(b"011000016"));
        assert!(!au_tfn(b"123456783"));
        assert!(!au_medicare(b"2123456711"));
        assert!(!sg_nric(b"S1234567E"));
        assert!(!uk_nino(b"GB123456C"));
        assert!(!us_itin(b"912931234"));
        assert!(!bitcoin_base58(b"1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN3"));
        assert!(!bitcoin_bech32(
            b"bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdr"
        ));
    }
}
