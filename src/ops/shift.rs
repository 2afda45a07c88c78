//! `date_shift`: each subject's dates move by the same number of days, so
//! intervals within a subject survive while the calendar dates do not.
//!
//! The offset is drawn from an HMAC-SHA256 of the subject's value (another
//! column of the row, as read) under the key: one person's dates move
//! together in every row, column and file masked with that key and
//! `days`, and without the key the offset cannot be recomputed.

use super::date::{add_days, DateFormat};
use crate::ops::MIN_KEY_BYTES;
use hmac::{Hmac, Mac};
use sha2::Sha256;

/// The longest shift a policy may ask for: a century.
pub const MAX_DAYS: u32 = 36_500;

/// Separates these offsets from every other use of the key.
const DOMAIN: &[u8] = b"pii-mask date_shift v1\0";

/// A `date_shift` compiled for one column.
#[derive(Clone)]
pub struct DateShift {
    mac: Hmac<Sha256>,
    days: u32,
    allow_zero: bool,
    /// How the dates are written; ISO `%Y-%m-%d` (a time after it kept)
    /// when not given.
    format: Option<DateFormat>,
    /// The subject column, as the policy names it.
    pub by: String,
}

/// The fields of `date_shift` other than the key: the field at fault and
/// why, as the policy reader reports it.
pub fn check(
    by: &str,
    days: u32,
    format: Option<&str>,
) -> Result<Option<DateFormat>, (&'static str, String)> {
    if by.is_empty() {
        return Err(("by", "date_shift by must name a column".into()));
    }
    if !(1..=MAX_DAYS).contains(&days) {
        return Err((
            "days",
            format!("date_shift days must be 1 to {MAX_DAYS}, not {days}"),
        ));
    }
    format
        .map(|f| match DateFormat::parse(f) {
            Ok(d) if d.has_date() => Ok(d),
            Ok(_) => Err(format!("date format {f:?} needs %Y, %m and %d")),
            Err(e) => Err(e),
        })
        .transpose()
        .map_err(|e| ("format", e))
}

impl DateShift {
    pub fn new(
        key: &[u8],
        by: &str,
        days: u32,
        allow_zero: bool,
        format: Option<&str>,
    ) -> Result<DateShift, (&'static str, String)> {
        let format = check(by, days, format)?;
        if key.len() < MIN_KEY_BYTES {
            return Err((
                "",
                format!(
                    "the key is {} bytes; at least {MIN_KEY_BYTES} bytes (128 bits) are required",
                    key.len()
                ),
            ));
        }
        let mut mac = Hmac::<Sha256>::new_from_slice(key).map_err(|e| ("", e.to_string()))?;
        mac.update(DOMAIN);
        Ok(DateShift {
            mac,
            days,
            allow_zero,
            format,
            by: by.to_string(),
        })
    }

    /// The subject's offset in days: in `[-days, days]`, never 0 unless
    /// `allow_zero`, spread evenly (a 64-bit draw scaled to the range).
    pub fn offset(&self, subject: &[u8]) -> i64 {
        let mut mac = self.mac.clone();
        mac.update(subject);
        let digest = mac.finalize().into_bytes();
        let mut draw = [0u8; 8];
        draw.copy_from_slice(&digest[..8]);
        let d = i64::from(self.days);
        let choices = if self.allow_zero { 2 * d + 1 } else { 2 * d };
        let i = ((u128::from(u64::from_le_bytes(draw)) * choices as u128) >> 64) as i64;
        match i - d {
            o if o >= 0 && !self.allow_zero => o + 1,
            o => o,
        }
    }

    /// Writes `date` moved by `subject`'s offset, in the date's own format.
    /// A value that is no date (or would leave the years 1 to 9999) becomes
    /// `[DATE_TIME]` and `None` is returned.
    pub fn apply(&self, date: &str, subject: &[u8], out: &mut Vec<u8>) -> Option<()> {
        let start = out.len();
        let shifted = self.shift(date, subject, out);
        if shifted.is_none() {
            out.truncate(start);
            out.extend_from_slice(b"[DATE_TIME]");
        }
        shifted
    }

    fn shift(&self, date: &str, subject: &[u8], out: &mut Vec<u8>) -> Option<()> {
        let offset = self.offset(subject);
        match &self.format {
            Some(f) => {
                let mut key = f.read(date.as_bytes())?;
                let (y, m, d) = add_days(key[0], key[1], key[2], offset)?;
                key[..3].copy_from_slice(&[y, m, d]);
                f.write(&key, out)
            }
            None => {
                // ISO: the date, then a time (`T` or a space) kept as it is.
                let (day, rest) = date.split_at_checked(10)?;
                if !(rest.is_empty() || rest.starts_with(['T', ' '])) {
                    return None;
                }
                let key = DateFormat::parse("%Y-%m-%d").ok()?.read(day.as_bytes())?;
                let (y, m, d) = add_days(key[0], key[1], key[2], offset)?;
                out.extend_from_slice(format!("{y:04}-{m:02}-{d:02}{rest}").as_bytes());
                Some(())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &[u8] = b"0123456789abcdef";

    fn shift(s: &DateShift, date: &str, subject: &str) -> String {
        let mut out = Vec::new();
        let _ = s.apply(date, subject.as_bytes(), &mut out);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn offsets_cover_the_range_and_skip_zero_unless_asked() {
        let s = DateShift::new(KEY, "id", 3, false, None).unwrap();
        let mut seen = std::collections::BTreeSet::new();
        for i in 0..2000 {
            seen.insert(s.offset(format!("p{i}").as_bytes()));
        }
        assert_eq!(seen.into_iter().collect::<Vec<_>>(), [-3, -2, -1, 1, 2, 3]);
        let z = DateShift::new(KEY, "id", 1, true, None).unwrap();
        let mut seen = std::collections::BTreeSet::new();
        for i in 0..2000 {
            seen.insert(z.offset(format!("p{i}").as_bytes()));
        }
        assert_eq!(seen.into_iter().collect::<Vec<_>>(), [-1, 0, 1]);
    }

    #[test]
    fn one_subjects_dates_move_together_in_their_own_format() {
        let s = DateShift::new(KEY, "id", 365, false, None).unwrap();
        let o = s.offset(b"P-17");
        let want = |y, m, d| {
            let (y, m, d) = add_days(y, m, d, o).unwrap();
            format!("{y:04}-{m:02}-{d:02}")
        };
        assert_eq!(shift(&s, "2024-02-28", "P-17"), want(2024, 2, 28));
        assert_eq!(
            shift(&s, "2024-03-05T10:30:00Z", "P-17"),
            format!("{}T10:30:00Z", want(2024, 3, 5))
        );
        assert_eq!(shift(&s, "05/03/2024", "P-17"), "[DATE_TIME]");
        assert_eq!(shift(&s, "2024-02-30", "P-17"), "[DATE_TIME]");
        let dmy = DateShift::new(KEY, "id", 365, false, Some("%d/%m/%Y %H:%M")).unwrap();
        let (y, m, d) = add_days(2024, 3, 5, o).unwrap();
        assert_eq!(
            shift(&dmy, "05/03/2024 08:15", "P-17"),
            format!("{d:02}/{m:02}/{y:04} 08:15")
        );
        // Another key, another offset for most subjects.
        let other = DateShift::new(b"another key of 16+ bytes", "id", 365, false, None).unwrap();
        let differ = (0..50)
            .filter(|i| {
                s.offset(format!("{i}").as_bytes()) != other.offset(format!("{i}").as_bytes())
            })
            .count();
        assert!(differ > 45, "{differ}");
    }

    #[test]
    fn parameters_are_checked_by_field() {
        assert_eq!(check("", 10, None).unwrap_err().0, "by");
        assert_eq!(check("id", 0, None).unwrap_err().0, "days");
        assert_eq!(check("id", MAX_DAYS + 1, None).unwrap_err().0, "days");
        assert_eq!(check("id", 10, Some("%m/%Y")).unwrap_err().0, "format");
        assert_eq!(check("id", 10, Some("%Q")).unwrap_err().0, "format");
        assert!(check("id", 10, Some("%d.%m.%Y")).is_ok());
        assert!(DateShift::new(b"short", "id", 10, false, None).is_err());
    }
}
