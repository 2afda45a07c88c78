//! Coarser values that keep some use: a date to its year, a postcode to its
//! leading characters (what HIPAA's Safe Harbor allows for both), a number
//! to its band (top- and bottom-coded) or to a multiple of a step.

use super::date::{iso_week, DateFormat};
use super::decimal;
use crate::policy::{Generalization, Op};

/// `generalize` compiled: its parameters checked and put on one decimal
/// scale, so bands are computed exactly as they are printed.
///
/// ```
/// use pii_mask::{ops::Generalizer, policy::Op};
/// let op: Op = serde_json::from_str(
///     r#"{"op": "generalize", "to": "band", "width": 10, "max": 90}"#).unwrap();
/// let g = Generalizer::new(&op).unwrap();
/// let band = |v: &str| { let mut out = Vec::new(); g.apply(v, &mut out); String::from_utf8(out).unwrap() };
/// assert_eq!((band("34"), band("95"), band("n/a")), ("30-39".into(), "90+".into(), "".into()));
/// ```
#[derive(Clone, Debug)]
pub enum Generalizer {
    Year,
    /// Letters and digits kept; `None`: by the postcode's shape ([`prefix_for`]).
    Prefix(Option<usize>),
    Band(Bands),
    /// To the nearest multiple of `units · 10^-decimals`.
    Round {
        units: i128,
        decimals: u32,
    },
    /// A date (in its format, else ISO) to its month, quarter or ISO week.
    Date(Generalization, Option<DateFormat>),
}

/// Bands of a fixed width (from `min`, else from 0) or between edges, all
/// in units of `10^-scale`.
#[derive(Clone, Debug)]
pub struct Bands {
    scale: u32,
    width: Option<i128>,
    edges: Vec<i128>,
    min: Option<i128>,
    max: Option<i128>,
}

/// A refused parameter: the field, and why.
pub type BadParam = (&'static str, String);

impl Generalizer {
    /// Checks a `generalize` operator's parameters (what its type cannot
    /// say) and compiles it.
    pub fn new(op: &Op) -> Result<Generalizer, BadParam> {
        let Op::Generalize {
            to,
            chars,
            width,
            edges,
            min,
            max,
            step,
            format,
        } = op
        else {
            return Err(("op", format!("{} is not generalize", op.name())));
        };
        let given = [
            ("chars", chars.is_some()),
            ("width", width.is_some()),
            ("edges", edges.is_some()),
            ("min", min.is_some()),
            ("max", max.is_some()),
            ("step", step.is_some()),
            ("format", format.is_some()),
        ];
        let allowed: &[&str] = match to {
            Generalization::Year => &[],
            Generalization::Prefix => &["chars"],
            Generalization::Band => &["width", "edges", "min", "max"],
            Generalization::Round => &["step"],
            Generalization::Month | Generalization::Quarter | Generalization::Week => &["format"],
        };
        if let Some((field, _)) = given.iter().find(|(f, on)| *on && !allowed.contains(f)) {
            let to = serde_json::to_value(to).unwrap_or_default();
            return Err((field, format!("generalize to {to} takes no {field}")));
        }
        Ok(match to {
            Generalization::Month | Generalization::Quarter | Generalization::Week => {
                let format = format
                    .as_deref()
                    .map(|f| match DateFormat::parse(f) {
                        Ok(d) if d.has_date() => Ok(d),
                        Ok(_) => Err(format!("date format {f:?} needs %Y, %m and %d")),
                        Err(e) => Err(e),
                    })
                    .transpose()
                    .map_err(|e| ("format", e))?;
                Generalizer::Date(*to, format)
            }
            Generalization::Year => Generalizer::Year,
            Generalization::Prefix => match chars {
                Some(0) => return Err(("chars", "generalize chars must be at least 1".into())),
                c => Generalizer::Prefix(*c),
            },
            Generalization::Band => {
                Generalizer::Band(Bands::new(*width, edges.as_deref(), *min, *max)?)
            }
            Generalization::Round => {
                let step = step.ok_or(("step", "generalize to round needs a step".to_string()))?;
                match decimal::from_param(step) {
                    Some((units, decimals)) if units > 0 => Generalizer::Round { units, decimals },
                    _ => {
                        return Err((
                            "step",
                            format!(
                        "step must be a number above 0 with at most {} decimals, not {step}",
                        decimal::MAX_DECIMALS
                    ),
                        ))
                    }
                }
            }
        })
    }

    /// Appends the coarser value of `text`. A number operator writes
    /// nothing for a cell that is not a number (plain decimal notation) and
    /// returns `None`.
    pub fn apply(&self, text: &str, out: &mut Vec<u8>) -> Option<()> {
        match self {
            Generalizer::Year => to_year(text, out),
            Generalizer::Prefix(n) => to_prefix(text, n.unwrap_or_else(|| prefix_for(text)), out),
            Generalizer::Band(b) => return b.apply(text, out),
            Generalizer::Date(to, format) => {
                let date = match format {
                    Some(f) => f.read(text.as_bytes()),
                    None => iso_date(text),
                };
                match date {
                    Some([y, m, d, ..]) => {
                        let coarse = match to {
                            Generalization::Month => format!("{y:04}-{m:02}"),
                            Generalization::Quarter => format!("{y:04}-Q{}", (m - 1) / 3 + 1),
                            _ => {
                                let (year, week) = iso_week(y, m, d);
                                format!("{year:04}-W{week:02}")
                            }
                        };
                        out.extend_from_slice(coarse.as_bytes());
                    }
                    None => out.extend_from_slice(b"[DATE_TIME]"),
                }
            }
            Generalizer::Round { units, decimals } => {
                let (m, d) = decimal::parse(text)?;
                // num/den is the value in steps, exactly.
                let scale = d.max(*decimals);
                let num = m * 10i128.pow(scale - d);
                let den = units * 10i128.pow(scale - decimals);
                let half_up = (num.abs() + den / 2) / den;
                let q = if num < 0 { -half_up } else { half_up };
                decimal::write(q * units, *decimals, out);
            }
        }
        Some(())
    }

    /// Whether cells that are not numbers are written empty.
    pub fn numeric(&self) -> bool {
        matches!(self, Generalizer::Band(_) | Generalizer::Round { .. })
    }
}

impl Bands {
    fn new(
        width: Option<f64>,
        given_edges: Option<&[f64]>,
        min: Option<f64>,
        max: Option<f64>,
    ) -> Result<Bands, BadParam> {
        let number = |field: &'static str, x: f64| {
            decimal::from_param(x).ok_or((
                field,
                format!(
                    "{field} must be a number of at most 1e15 with at most {} decimals, not {x}",
                    decimal::MAX_DECIMALS
                ),
            ))
        };
        let mut all = Vec::new();
        for (field, x) in [("width", width), ("min", min), ("max", max)] {
            if let Some(x) = x {
                all.push((field, number(field, x)?));
            }
        }
        for &x in given_edges.unwrap_or_default() {
            all.push(("edges", number("edges", x)?));
        }
        let scale = all.iter().map(|(_, (_, d))| *d).max().unwrap_or(0);
        let at = |field: &str| {
            all.iter()
                .find(|(f, _)| *f == field)
                .map(|(_, (m, d))| decimal::floor_to(*m, *d, scale))
        };
        let edges: Vec<i128> = all
            .iter()
            .filter(|(f, _)| *f == "edges")
            .map(|(_, (m, d))| decimal::floor_to(*m, *d, scale))
            .collect();
        let bands = Bands {
            scale,
            width: at("width"),
            edges,
            min: at("min"),
            max: at("max"),
        };
        match (bands.width, given_edges.is_some()) {
            (Some(_), true) => return Err(("edges", "give width or edges, not both".into())),
            (None, false) => {
                return Err(("width", "generalize to band needs a width or edges".into()))
            }
            (Some(w), _) if w <= 0 => return Err(("width", "width must be above 0".into())),
            _ => {}
        }
        if given_edges.is_some_and(|e| e.is_empty() || e.len() > 1000) {
            return Err(("edges", "edges must list 1 to 1000 numbers".into()));
        }
        if bands.edges.windows(2).any(|w| w[0] >= w[1]) {
            return Err(("edges", "edges must be in increasing order".into()));
        }
        if let (Some(lo), Some(hi)) = (bands.min, bands.max) {
            if lo >= hi {
                return Err(("max", "max must be above min".into()));
            }
        }
        Ok(bands)
    }

    fn apply(&self, text: &str, out: &mut Vec<u8>) -> Option<()> {
        let (m, d) = decimal::parse(text)?;
        let x = decimal::floor_to(m, d, self.scale);
        let write = |n: i128, out: &mut Vec<u8>| decimal::write(n, self.scale, out);
        let below = |bound: i128, out: &mut Vec<u8>| {
            out.push(b'<');
            write(bound, out);
        };
        let above = |bound: i128, out: &mut Vec<u8>| {
            write(bound, out);
            out.push(b'+');
        };
        if let Some(min) = self.min.filter(|&min| x < min) {
            below(min, out);
            return Some(());
        }
        if let Some(max) = self.max.filter(|&max| x >= max) {
            above(max, out);
            return Some(());
        }
        let (lo, hi) = match self.width {
            Some(w) => {
                let origin = self.min.unwrap_or(0);
                let lo = origin + (x - origin).div_euclid(w) * w;
                (lo, self.max.map_or(lo + w, |max| (lo + w).min(max)))
            }
            None => {
                let first = self.edges[0];
                let last = self.edges[self.edges.len() - 1];
                if x < first {
                    below(first, out);
                    return Some(());
                }
                if x >= last {
                    above(last, out);
                    return Some(());
                }
                let i = self.edges.partition_point(|&e| e <= x) - 1;
                (self.edges[i], self.edges[i + 1])
            }
        };
        if self.scale == 0 {
            // Whole numbers: the band as its first and last member.
            write(lo, out);
            if hi - 1 > lo {
                out.push(b'-');
                write(hi - 1, out);
            }
        } else {
            out.push(b'[');
            write(lo, out);
            out.extend_from_slice(b", ");
            write(hi, out);
            out.push(b')');
        }
        Some(())
    }
}

/// An ISO date `YYYY-MM-DD` at the start of `text`, alone or before a
/// time (`T` or a space).
fn iso_date(text: &str) -> Option<[u32; 6]> {
    let t = text.trim();
    let (date, rest) = t.split_at_checked(10)?;
    if !(rest.is_empty() || rest.starts_with(['T', ' '])) {
        return None;
    }
    DateFormat::parse("%Y-%m-%d").ok()?.read(date.as_bytes())
}

/// The one year (1000 to 2999) written in a date, if there is exactly one
/// four-digit number of that kind in it. Two-digit years are ambiguous and
/// give `None`.
pub(crate) fn year_of(text: &str) -> Option<&str> {
    let bytes = text.as_bytes();
    let mut found = None;
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        if i - start == 4 && matches!(bytes[start], b'1' | b'2') {
            if found.is_some() {
                return None;
            }
            found = Some(&text[start..i]);
        }
    }
    found
}

/// A date as its year; a value without one year is redacted whole.
fn to_year(text: &str, out: &mut Vec<u8>) {
    match year_of(text) {
        Some(year) => out.extend_from_slice(year.as_bytes()),
        None => out.extend_from_slice(b"[DATE_TIME]"),
    }
}

/// The first `keep` letters and digits stay; the others become `*`
/// (separators stay, so "SW1A 2AA" becomes "SW1* ***").
/// How many letters and digits of a postcode to keep when the policy does
/// not say, by the postcode's shape: a UK postcode keeps its outward code
/// (the district, `SW1A`), a Canadian one its forward sortation area
/// (`K1A`), a Dutch one (`1234 AB`) and other four-digit ones the first two
/// digits, five digits or ZIP+4 the first three (the US ZIP3 of HIPAA Safe
/// Harbor; a French département and a German Leitregion are coarser
/// still), anything else three.
pub fn prefix_for(text: &str) -> usize {
    let code: Vec<char> = text.trim().chars().filter(|c| *c != ' ').collect();
    let digit = |i: usize| code.get(i).is_some_and(char::is_ascii_digit);
    let letter = |i: usize| code.get(i).is_some_and(char::is_ascii_alphabetic);
    let n = code.len();
    // UK: an outward code of 2-4 (a letter first), then a digit and two letters.
    if (5..=7).contains(&n) && letter(0) && digit(n - 3) && letter(n - 2) && letter(n - 1) {
        return n - 3;
    }
    // Canada: A9A 9A9.
    if n == 6 && (0..6).all(|i| if i % 2 == 0 { letter(i) } else { digit(i) }) {
        return 3;
    }
    let digits = code.iter().take_while(|c| c.is_ascii_digit()).count();
    match (digits, n) {
        (4, 4) | (4, 6) => 2,
        _ => 3,
    }
}

fn to_prefix(text: &str, keep: usize, out: &mut Vec<u8>) {
    let mut seen = 0;
    for c in text.chars() {
        if c.is_alphanumeric() {
            seen += 1;
            if seen > keep {
                out.push(b'*');
                continue;
            }
        }
        let mut buf = [0; 4];
        out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn year(s: &str) -> String {
        let mut out = Vec::new();
        to_year(s, &mut out);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn dates_become_their_year() {
        assert_eq!(year("1984-03-07"), "1984");
        assert_eq!(year("07/03/1984"), "1984");
        assert_eq!(year("7. März 1984"), "1984");
        assert_eq!(year("March 7, 1984"), "1984");
        assert_eq!(year("07/03/84"), "[DATE_TIME]");
        assert_eq!(year("1984 to 1990"), "[DATE_TIME]");
        assert_eq!(year("19840307"), "[DATE_TIME]");
    }

    fn run(op: &str, value: &str) -> String {
        let op: Op = serde_json::from_str(op).unwrap();
        let g = Generalizer::new(&op).unwrap();
        let mut out = Vec::new();
        let _ = g.apply(value, &mut out);
        String::from_utf8(out).unwrap()
    }

    fn refused(op: &str) -> &'static str {
        let op: Op = serde_json::from_str(op).unwrap();
        Generalizer::new(&op).unwrap_err().0
    }

    #[test]
    fn numbers_go_to_bands() {
        let age = r#"{"op": "generalize", "to": "band", "width": 10, "max": 90}"#;
        let cases = [
            ("0", "0-9"),
            ("39", "30-39"),
            ("39.9", "30-39"),
            ("89", "80-89"),
            ("90", "90+"),
            ("104", "90+"),
            ("-3", "-10--1"),
            (" 40 ", "40-49"),
        ];
        for (v, want) in cases {
            assert_eq!(run(age, v), want, "{v}");
        }
        for v in ["", "abc", "1e3", "4O"] {
            assert_eq!(run(age, v), "", "{v:?}");
        }
        let bottom = r#"{"op": "generalize", "to": "band", "width": 5, "min": 18, "max": 65}"#;
        assert_eq!(run(bottom, "17"), "<18");
        assert_eq!(run(bottom, "18"), "18-22");
        assert_eq!(run(bottom, "64"), "63-64");
        assert_eq!(run(bottom, "65"), "65+");
        let edges = r#"{"op": "generalize", "to": "band", "edges": [0, 18, 30, 65]}"#;
        assert_eq!(run(edges, "-1"), "<0");
        assert_eq!(run(edges, "17"), "0-17");
        assert_eq!(run(edges, "30"), "30-64");
        assert_eq!(run(edges, "65"), "65+");
        let money = r#"{"op": "generalize", "to": "band", "width": 0.5}"#;
        assert_eq!(run(money, "2.3"), "[2.0, 2.5)");
        assert_eq!(run(money, "2.5"), "[2.5, 3.0)");
    }

    #[test]
    fn numbers_round_to_a_step() {
        let step = |s: &str, v: &str| {
            run(
                &format!(r#"{{"op": "generalize", "to": "round", "step": {s}}}"#),
                v,
            )
        };
        assert_eq!(step("1000", "52499"), "52000");
        assert_eq!(step("1000", "52500"), "53000");
        assert_eq!(step("1000", "-52500"), "-53000");
        assert_eq!(step("0.05", "2.32"), "2.30");
        assert_eq!(step("0.05", "2.325"), "2.35");
        assert_eq!(step("5", "2.5"), "5");
        assert_eq!(step("5", "x"), "");
    }

    #[test]
    fn dates_to_month_quarter_and_week() {
        let to = |g: &str, v: &str| run(&format!(r#"{{"op": "generalize", "to": "{g}"}}"#), v);
        assert_eq!(to("month", "2024-03-05"), "2024-03");
        assert_eq!(to("month", "2024-03-05T10:11:12Z"), "2024-03");
        assert_eq!(to("quarter", "2024-03-31"), "2024-Q1");
        assert_eq!(to("quarter", "2024-10-01 08:00"), "2024-Q4");
        assert_eq!(to("week", "2024-03-05"), "2024-W10");
        assert_eq!(to("week", "2021-01-03"), "2020-W53");
        for bad in ["2024-02-30", "05/03/2024", "2024-03-05x", "soon"] {
            assert_eq!(to("month", bad), "[DATE_TIME]", "{bad}");
        }
        let dmy = r#"{"op": "generalize", "to": "month", "format": "%d/%m/%Y"}"#;
        assert_eq!(run(dmy, "05/03/2024"), "2024-03");
        assert_eq!(run(dmy, "2024-03-05"), "[DATE_TIME]");
        assert_eq!(
            refused(r#"{"op": "generalize", "to": "week", "format": "%Y-%m"}"#),
            "format"
        );
        assert_eq!(
            refused(r#"{"op": "generalize", "to": "week", "format": "%Q"}"#),
            "format"
        );
        assert_eq!(
            refused(r#"{"op": "generalize", "to": "year", "format": "%Y"}"#),
            "format"
        );
        assert_eq!(
            refused(r#"{"op": "generalize", "to": "month", "step": 1}"#),
            "step"
        );
    }

    #[test]
    fn parameters_are_checked() {
        assert_eq!(
            refused(r#"{"op": "generalize", "to": "year", "chars": 2}"#),
            "chars"
        );
        assert_eq!(
            refused(r#"{"op": "generalize", "to": "prefix", "chars": 0}"#),
            "chars"
        );
        assert_eq!(refused(r#"{"op": "generalize", "to": "band"}"#), "width");
        assert_eq!(
            refused(r#"{"op": "generalize", "to": "band", "width": 5, "edges": [1]}"#),
            "edges"
        );
        assert_eq!(
            refused(r#"{"op": "generalize", "to": "band", "width": 0}"#),
            "width"
        );
        assert_eq!(
            refused(r#"{"op": "generalize", "to": "band", "edges": [3, 3]}"#),
            "edges"
        );
        assert_eq!(
            refused(r#"{"op": "generalize", "to": "band", "edges": []}"#),
            "edges"
        );
        assert_eq!(
            refused(r#"{"op": "generalize", "to": "band", "width": 1, "min": 5, "max": 5}"#),
            "max"
        );
        assert_eq!(
            refused(r#"{"op": "generalize", "to": "band", "width": 1e-9}"#),
            "width"
        );
        assert_eq!(refused(r#"{"op": "generalize", "to": "round"}"#), "step");
        assert_eq!(
            refused(r#"{"op": "generalize", "to": "round", "step": -1}"#),
            "step"
        );
        assert_eq!(
            refused(r#"{"op": "generalize", "to": "round", "step": 1, "width": 2}"#),
            "width"
        );
    }

    #[test]
    fn postcodes_keep_their_lead() {
        let prefix = |s: &str, n| {
            let mut out = Vec::new();
            to_prefix(s, n, &mut out);
            String::from_utf8(out).unwrap()
        };
        assert_eq!(prefix("94103", 3), "941**");
        assert_eq!(prefix("SW1A 2AA", 3), "SW1* ***");
        assert_eq!(prefix("1017 GC", 3), "101* **");
        assert_eq!(prefix("", 3), "");
    }

    fn prefix(s: &str) -> String {
        let mut out = Vec::new();
        to_prefix(s, prefix_for(s), &mut out);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn postcodes_keep_what_their_country_shares_widely() {
        assert_eq!(prefix("SW1A 2AA"), "SW1A ***");
        assert_eq!(prefix("M1 1AE"), "M1 ***");
        assert_eq!(prefix("EC1A1BB"), "EC1A***");
        assert_eq!(prefix("K1A 0B1"), "K1A ***");
        assert_eq!(prefix("1012 AB"), "10** **");
        assert_eq!(prefix("2000"), "20**");
        assert_eq!(prefix("90210"), "902**");
        assert_eq!(prefix("90210-1234"), "902**-****");
        assert_eq!(prefix("10115"), "101**");
        assert_eq!(prefix("110001"), "110***");
    }
}
