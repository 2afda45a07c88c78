//! Dates written in a declared format (`%Y-%m-%d`, `%d/%m/%Y %H:%M`),
//! read exactly and checked against the calendar: for validation rules,
//! for coarsening dates to a month, quarter or week, and for shifting them
//! (written back in the same format).

#[derive(Clone, Debug)]
enum Piece {
    Literal(u8),
    /// The index into [year, month, day, hour, minute, second], and digits.
    Field(usize, usize),
}

#[derive(Clone, Debug)]
pub struct DateFormat(Vec<Piece>);

/// Year, month, day, hour, minute, second; comparable in that order.
pub type DateKey = [u32; 6];

impl DateFormat {
    pub fn parse(f: &str) -> Result<DateFormat, String> {
        let mut pieces = Vec::new();
        let mut seen = [false; 6];
        let mut bytes = f.bytes();
        while let Some(b) = bytes.next() {
            if b != b'%' {
                pieces.push(Piece::Literal(b));
                continue;
            }
            let (i, n) = match bytes.next() {
                Some(b'Y') => (0, 4),
                Some(b'm') => (1, 2),
                Some(b'd') => (2, 2),
                Some(b'H') => (3, 2),
                Some(b'M') => (4, 2),
                Some(b'S') => (5, 2),
                Some(b'%') => {
                    pieces.push(Piece::Literal(b'%'));
                    continue;
                }
                other => {
                    let what =
                        other.map_or("the end".to_string(), |c| format!("%{}", char::from(c)));
                    return Err(format!(
                        "date format {f:?}: {what} is not a field (use %Y %m %d %H %M %S, or %% for %)"
                    ));
                }
            };
            if std::mem::replace(&mut seen[i], true) {
                return Err(format!("date format {f:?} has a field twice"));
            }
            pieces.push(Piece::Field(i, n));
        }
        if !seen.iter().any(|s| *s) {
            return Err(format!("date format {f:?} has no field (e.g. %Y-%m-%d)"));
        }
        Ok(DateFormat(pieces))
    }

    /// Whether it names a whole date: year, month and day.
    pub fn has_date(&self) -> bool {
        (0..3).all(|i| {
            self.0
                .iter()
                .any(|p| matches!(p, Piece::Field(j, _) if *j == i))
        })
    }

    /// The value's date, if it is one in this format that the calendar has.
    pub fn read(&self, v: &[u8]) -> Option<DateKey> {
        let mut key = [0u32; 6];
        let mut at = 0;
        for p in &self.0 {
            match *p {
                Piece::Literal(b) => {
                    if v.get(at) != Some(&b) {
                        return None;
                    }
                    at += 1;
                }
                Piece::Field(i, n) => {
                    let digits = v.get(at..at + n)?;
                    if !digits.iter().all(u8::is_ascii_digit) {
                        return None;
                    }
                    key[i] = digits
                        .iter()
                        .fold(0, |acc, d| acc * 10 + u32::from(d - b'0'));
                    at += n;
                }
            }
        }
        if at != v.len() {
            return None;
        }
        let has = |i: usize| {
            self.0
                .iter()
                .any(|p| matches!(p, Piece::Field(j, _) if *j == i))
        };
        let [y, m, d, hh, mm, ss] = key;
        let month_ok = !has(1) || (1..=12).contains(&m);
        // Without a year, 29 February is a day; without a month, 31 is.
        let days = match (has(1), m) {
            (false, _) => 31,
            (true, 2) if !has(0) || (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) => 29,
            (true, 2) => 28,
            (true, 4 | 6 | 9 | 11) => 30,
            _ => 31,
        };
        let day_ok = !has(2) || (1..=days).contains(&d);
        (month_ok && day_ok && hh < 24 && mm < 60 && ss < 60).then_some(key)
    }
}

impl DateFormat {
    /// Writes `key` in this format: the inverse of [`DateFormat::read`]
    /// for the fields it names. `None` when a field does not fit its digits
    /// (a year past 9999).
    pub fn write(&self, key: &DateKey, out: &mut Vec<u8>) -> Option<()> {
        for p in &self.0 {
            match *p {
                Piece::Literal(b) => out.push(b),
                Piece::Field(i, n) => {
                    let text = format!("{:0n$}", key[i]);
                    if text.len() != n {
                        return None;
                    }
                    out.extend_from_slice(text.as_bytes());
                }
            }
        }
        Some(())
    }
}

/// The calendar date `shift` days after (before, when negative) y-m-d;
/// `None` outside the years 1 to 9999.
pub fn add_days(y: u32, m: u32, d: u32, shift: i64) -> Option<(u32, u32, u32)> {
    let (year, month, day) = from_days(days(i64::from(y), i64::from(m), i64::from(d)) + shift);
    (1..=9999)
        .contains(&year)
        .then_some((year as u32, month as u32, day as u32))
}

/// Days since 1970-01-01 of a calendar date (proleptic Gregorian).
pub fn days(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The calendar date (year, month, day) `n` days after 1970-01-01: the
/// inverse of [`days`] (H. Hinnant's civil_from_days).
pub fn from_days(n: i64) -> (i64, i64, i64) {
    let z = n + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(month <= 2), month, day)
}

/// The ISO 8601 week of a date: (week-numbering year, week 1 to 53).
pub fn iso_week(y: u32, m: u32, d: u32) -> (i64, u32) {
    let (y, m, d) = (i64::from(y), i64::from(m), i64::from(d));
    let n = days(y, m, d);
    // 1970-01-01 was a Thursday; Monday is 1, Sunday 7.
    let weekday = (n + 3).rem_euclid(7) + 1;
    // The week's Thursday decides its year.
    let thursday = n + 4 - weekday;
    let year = if days(y + 1, 1, 1) <= thursday {
        y + 1
    } else if thursday < days(y, 1, 1) {
        y - 1
    } else {
        y
    };
    let week = (thursday - days(year, 1, 1)) / 7 + 1;
    (year, week as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_weeks_at_the_year_ends() {
        assert_eq!(iso_week(2024, 3, 5), (2024, 10));
        assert_eq!(iso_week(2021, 1, 3), (2020, 53));
        assert_eq!(iso_week(2024, 12, 30), (2025, 1));
        assert_eq!(iso_week(2026, 1, 1), (2026, 1));
        assert_eq!(iso_week(2027, 1, 1), (2026, 53));
        assert_eq!(days(1970, 1, 1), 0);
        assert_eq!(days(2000, 3, 1), 11_017);
    }

    #[test]
    fn days_added_cross_months_years_and_leap_days() {
        assert_eq!(add_days(2024, 2, 28, 1), Some((2024, 2, 29)));
        assert_eq!(add_days(2023, 2, 28, 1), Some((2023, 3, 1)));
        assert_eq!(add_days(2024, 12, 31, 1), Some((2025, 1, 1)));
        assert_eq!(add_days(2024, 3, 1, -366), Some((2023, 3, 1)));
        assert_eq!(add_days(1, 1, 1, -1), None);
        assert_eq!(add_days(9999, 12, 31, 1), None);
        // Every day of four centuries round-trips through the day count.
        let mut date = (1999, 12, 31);
        for n in 1..146_097 {
            let next = add_days(1999, 12, 31, n).unwrap();
            assert_eq!(add_days(date.0, date.1, date.2, 1), Some(next));
            assert_eq!(
                days(next.0.into(), next.1.into(), next.2.into()),
                days(1999, 12, 31) + n
            );
            date = next;
        }
    }

    #[test]
    fn a_date_is_written_back_in_its_format() {
        let f = DateFormat::parse("%d/%m/%Y %H:%M").unwrap();
        let key = f.read(b"07/03/1984 09:05").unwrap();
        let mut out = Vec::new();
        f.write(&key, &mut out).unwrap();
        assert_eq!(out, b"07/03/1984 09:05");
        assert!(f.write(&[10_000, 1, 1, 0, 0, 0], &mut Vec::new()).is_none());
    }
}
