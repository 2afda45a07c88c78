//! Decimal numbers as integers of a power-of-ten unit, so the numeric
//! operators compute exactly what they print (no `0.30000000000000004`,
//! no `2.3` landing below `2.3`'s band through a binary fraction).

/// At most this many decimals in a policy's numbers.
pub const MAX_DECIMALS: u32 = 6;

/// A policy's number (`0.25`) as units of `10^-decimals` (`(25, 2)`), with
/// at most [`MAX_DECIMALS`] decimals and at most 1e15 in size.
pub fn from_param(x: f64) -> Option<(i128, u32)> {
    if !x.is_finite() || x.abs() > 1e15 {
        return None;
    }
    for decimals in 0..=MAX_DECIMALS {
        let units = x * 10f64.powi(decimals as i32);
        if (units - units.round()).abs() < 1e-9 * units.abs().max(1.0) {
            return Some((units.round() as i128, decimals));
        }
    }
    None
}

/// A cell's number: optional sign, digits, optional decimals (no exponent,
/// no thousands separators), as `(mantissa, decimals)`. Spaces around are
/// allowed; more than 30 digits is not a number here.
pub fn parse(text: &str) -> Option<(i128, u32)> {
    let t = text.trim();
    let (negative, t) = match t.as_bytes().first()? {
        b'-' => (true, &t[1..]),
        b'+' => (false, &t[1..]),
        _ => (false, t),
    };
    let (int, frac) = t.split_once('.').unwrap_or((t, ""));
    let digits = int.len() + frac.len();
    if digits == 0 || digits > 30 || !int.bytes().chain(frac.bytes()).all(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut m: i128 = 0;
    for b in int.bytes().chain(frac.bytes()) {
        m = m * 10 + i128::from(b - b'0');
    }
    Some((if negative { -m } else { m }, frac.len() as u32))
}

/// `(m, from)` decimals rescaled to `to` decimals, rounding toward minus
/// infinity (so a value stays in the band it lies in).
pub fn floor_to(m: i128, from: u32, to: u32) -> i128 {
    if from <= to {
        m * 10i128.pow(to - from)
    } else {
        m.div_euclid(10i128.pow(from - to))
    }
}

/// `n · 10^-decimals` in plain decimal notation.
pub fn write(n: i128, decimals: u32, out: &mut Vec<u8>) {
    if n < 0 {
        out.push(b'-');
    }
    let digits = n.unsigned_abs().to_string();
    let d = decimals as usize;
    if d == 0 {
        out.extend_from_slice(digits.as_bytes());
        return;
    }
    let padded = format!("{digits:0>width$}", width = d + 1);
    let (int, frac) = padded.split_at(padded.len() - d);
    out.extend_from_slice(int.as_bytes());
    out.push(b'.');
    out.extend_from_slice(frac.as_bytes());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn params_cells_and_printing() {
        assert_eq!(from_param(0.25), Some((25, 2)));
        assert_eq!(from_param(500.0), Some((500, 0)));
        assert_eq!(from_param(-2.5), Some((-25, 1)));
        assert!(from_param(1e-7).is_none() && from_param(f64::NAN).is_none());
        assert_eq!(parse(" 2.30 "), Some((230, 2)));
        assert_eq!(parse("-7"), Some((-7, 0)));
        assert_eq!(parse(".5"), Some((5, 1)));
        for bad in ["", "-", ".", "1e3", "1,000", "12a", "1.2.3"] {
            assert_eq!(parse(bad), None, "{bad:?}");
        }
        assert_eq!(floor_to(-235, 2, 1), -24);
        assert_eq!(floor_to(23, 1, 3), 2300);
        let mut out = Vec::new();
        write(-5, 2, &mut out);
        assert_eq!(out, b"-0.05");
        out.clear();
        write(12345, 2, &mut out);
        assert_eq!(out, b"123.45");
    }
}
