//! The generalisation that reaches a target k with the least information
//! lost.
//!
//! Each quasi-identifier gets a ladder of operators, chosen from the values
//! it holds: a date goes to its month, quarter and year (month and quarter
//! only when its format is known: ISO, or one unambiguous day-month-year
//! order), then is dropped; a code (a postcode)
//! loses one trailing character at a time, then is dropped; a number goes
//! into wider and wider bands, then is dropped; anything else is kept or
//! dropped. A column is generalised as a whole, every value to the same
//! rung (full-domain generalisation, as in Samarati's and Sweeney's
//! algorithms and ARX), and no record is suppressed.
//!
//! The loss minimised is Sweeney's precision loss (1 − Prec, *Achieving
//! k-anonymity privacy protection using generalization and suppression*,
//! 2002): the mean over the quasi-identifiers of rung / ladder height, 0
//! when every value is kept and 1 when every column is dropped. Candidates
//! are tried in order of that loss; k only grows as rungs rise, so a
//! candidate below one that failed is skipped, and the first that reaches
//! the target is the least lossy.

use super::Classes;
use crate::ops::{decimal, year_of, Generalizer};
use crate::policy::{Generalization, Op};
use serde::Serialize;
use std::collections::HashMap;

/// Candidates tried at most.
pub const MAX_TRIED: u64 = 5000;
/// Classes visited at most over the whole search (the time it may take).
const MAX_WORK: u64 = 200_000_000;
/// Lattices larger than this are climbed greedily instead.
const MAX_LATTICE: usize = 200_000;

/// Operators for the quasi-identifiers that reach a target k.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct Suggestion {
    /// The k asked for.
    pub target: u64,
    /// Whether the suggested operators reach it (not when the table has
    /// fewer records than the target, or the search stopped first).
    pub reached: bool,
    /// k with the suggested operators.
    pub k: u64,
    /// Sweeney's precision loss, 0 (every value kept) to 1 (every
    /// quasi-identifier dropped).
    pub loss: f64,
    /// One operator per quasi-identifier, in the order given.
    pub columns: Vec<SuggestedColumn>,
    /// Candidates whose k was computed.
    pub tried: u64,
    /// Whether the search covered every candidate it had to (false: it was
    /// stopped by its bounds, or the lattice was too large and was climbed
    /// greedily, so a less lossy answer may exist).
    pub complete: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct SuggestedColumn {
    /// As the quasi-identifier was named.
    pub column: String,
    pub op: Op,
    /// The rung on this column's ladder (0: kept).
    pub level: u32,
    /// The ladder's height (its last rung drops the column).
    pub levels: u32,
}

/// The rungs the suggestion climbs for a column holding `values` (its
/// distinct values): keep first, drop last.
///
/// ```
/// use pii_mask::risk::ladder;
/// let rungs = ladder(&["1984-03-07", "1990-11-02"]);
/// let json: Vec<String> = rungs.iter().map(|op| serde_json::to_string(op).unwrap()).collect();
/// assert_eq!(json, [
///     r#"{"op":"keep"}"#,
///     r#"{"op":"generalize","to":"month"}"#,
///     r#"{"op":"generalize","to":"quarter"}"#,
///     r#"{"op":"generalize","to":"year"}"#,
///     r#"{"op":"drop"}"#,
/// ]);
/// ```
pub fn ladder(values: &[&str]) -> Vec<Op> {
    let filled: Vec<&str> = values.iter().copied().filter(|v| !v.is_empty()).collect();
    let most = |f: &dyn Fn(&str) -> bool| {
        !filled.is_empty() && filled.iter().filter(|v| f(v)).count() * 10 >= filled.len() * 9
    };
    let alnum = |v: &str| v.chars().filter(|c| c.is_alphanumeric()).count();
    let mut rungs = vec![Op::Keep];
    // A date has a year and another number: a column of years is a number.
    let date = |v: &str| {
        year_of(v).is_some()
            && v.split(|c: char| !c.is_ascii_digit())
                .filter(|p| !p.is_empty())
                .count()
                > 1
    };
    let len = filled.first().map_or(0, |v| alnum(v));
    let code = |v: &str| {
        alnum(v) == len && (v.chars().any(char::is_alphabetic) || v.starts_with('0') || len >= 5)
    };
    if most(&date) {
        if let Some(format) = date_format(&filled) {
            for to in [Generalization::Month, Generalization::Quarter] {
                let mut op = Op::generalize(to);
                if let Op::Generalize { format: f, .. } = &mut op {
                    *f = format.map(String::from);
                }
                rungs.push(op);
            }
        }
        rungs.push(Op::generalize(Generalization::Year));
    } else if len >= 3 && most(&|v| alnum(v) == len) && filled.iter().any(|v| code(v)) {
        for chars in (len.saturating_sub(5).max(1)..len).rev() {
            rungs.push(with(Generalization::Prefix, Some(chars), None));
        }
    } else if most(&|v| decimal::parse(v).is_some()) {
        rungs.extend(bands(&filled));
    }
    rungs.push(Op::Drop);
    rungs
}

/// Day-month-year orders the month and quarter rungs can read.
const DATE_FORMATS: [&str; 6] = [
    "%d/%m/%Y", "%m/%d/%Y", "%d.%m.%Y", "%d-%m-%Y", "%m-%d-%Y", "%Y/%m/%d",
];

/// How most of the dates are written, for the month and quarter rungs:
/// `Some(None)` for ISO (the operators' default), `Some(Some(f))` for the
/// one format of [`DATE_FORMATS`] that reads them, `None` when none does or
/// two do (`03/04/2020`: March or April?), so no month is guessed.
fn date_format(dates: &[&str]) -> Option<Option<&'static str>> {
    let most = |read: &dyn Fn(&str) -> bool| {
        dates.iter().filter(|v| read(v)).count() * 10 >= dates.len() * 9
    };
    let iso = Generalizer::new(&Op::generalize(Generalization::Month)).ok()?;
    if most(&|v| iso_reads(&iso, v)) {
        return Some(None);
    }
    let fitting: Vec<&'static str> = DATE_FORMATS
        .into_iter()
        .filter(|f| {
            crate::ops::date::DateFormat::parse(f)
                .is_ok_and(|format| most(&|v| format.read(v.as_bytes()).is_some()))
        })
        .collect();
    match fitting[..] {
        [one] => Some(Some(one)),
        _ => None,
    }
}

/// Whether the month generalizer read `v` as a date.
fn iso_reads(g: &Generalizer, v: &str) -> bool {
    let mut out = Vec::new();
    g.apply(v, &mut out);
    out != b"[DATE_TIME]"
}

/// `generalize` to `to` with `chars` or a band `width`.
fn with(to: Generalization, chars: Option<usize>, width: Option<f64>) -> Op {
    Op::Generalize {
        to,
        chars,
        width,
        edges: None,
        min: None,
        max: None,
        step: None,
        format: None,
    }
}

/// Band widths 1, 2, 5 × 10^n between a hundredth and a half of the values'
/// range, above their own precision; at most six.
fn bands(values: &[&str]) -> Vec<Op> {
    let parsed: Vec<(i128, u32)> = values.iter().filter_map(|v| decimal::parse(v)).collect();
    let scale = parsed.iter().map(|p| p.1).max().unwrap_or(0).min(6);
    let nums: Vec<f64> = parsed
        .iter()
        .map(|&(m, d)| m as f64 / 10f64.powi(d as i32))
        .collect();
    let (lo, hi) = nums
        .iter()
        .fold((f64::MAX, f64::MIN), |(a, b), &x| (a.min(x), b.max(x)));
    let range = hi - lo;
    let unit = 10f64.powi(-(scale as i32));
    if range <= unit {
        return Vec::new();
    }
    let mut widths = Vec::new();
    let mut e = (range / 100.0).log10().floor() as i32;
    while widths.len() < 6 {
        for m in [1.0, 2.0, 5.0] {
            let w = m * 10f64.powi(e);
            if w > unit && w >= range / 100.0 && w <= range / 2.0 && widths.len() < 6 {
                widths.push(w);
            }
        }
        e += 1;
        if 10f64.powi(e) > range {
            break;
        }
    }
    widths
        .into_iter()
        .filter_map(|w| decimal::from_param(w).map(|(m, d)| m as f64 / 10f64.powi(d as i32)))
        .map(|w| with(Generalization::Band, None, Some(w)))
        .collect()
}

/// One quasi-identifier: its ladder, and for each rung the id of each
/// distinct value's generalised form.
struct Column {
    rungs: Vec<Op>,
    ids: Vec<Vec<u32>>,
}

impl Column {
    fn new(values: &[&str]) -> Column {
        let rungs = ladder(values);
        let ids = rungs
            .iter()
            .map(|op| {
                let g = match op {
                    Op::Generalize { .. } => Generalizer::new(op).ok(),
                    _ => None,
                };
                let mut seen: HashMap<Vec<u8>, u32> = HashMap::new();
                values
                    .iter()
                    .map(|v| {
                        let mut out = Vec::new();
                        match (op, &g) {
                            // Empty cells stay empty, as the operators leave them.
                            _ if v.is_empty() => {}
                            (Op::Drop, _) => {}
                            (_, Some(g)) => {
                                let _ = g.apply(v, &mut out);
                            }
                            _ => out.extend_from_slice(v.as_bytes()),
                        }
                        let next = seen.len() as u32;
                        *seen.entry(out).or_insert(next)
                    })
                    .collect()
            })
            .collect();
        Column { rungs, ids }
    }

    fn height(&self) -> usize {
        self.rungs.len() - 1
    }
}

/// The classes' quasi-identifier values split back out of their keys.
fn decode(key: &[u8], n: usize) -> Vec<&[u8]> {
    let mut parts = Vec::with_capacity(n);
    let mut at = 0;
    while parts.len() < n && at + 4 <= key.len() {
        let len = u32::from_le_bytes([key[at], key[at + 1], key[at + 2], key[at + 3]]) as usize;
        parts.push(&key[at + 4..at + 4 + len]);
        at += 4 + len;
    }
    parts
}

struct Search {
    columns: Vec<Column>,
    /// Each class as one value id per quasi-identifier, with its size.
    classes: Vec<(Vec<u32>, u64)>,
    tried: u64,
}

impl Search {
    fn k(&mut self, levels: &[usize]) -> u64 {
        self.tried += 1;
        let mut sizes: HashMap<Vec<u32>, u64> = HashMap::new();
        for (ids, count) in &self.classes {
            let key: Vec<u32> = ids
                .iter()
                .zip(levels)
                .zip(&self.columns)
                .map(|((&id, &l), c)| c.ids[l][id as usize])
                .collect();
            *sizes.entry(key).or_insert(0) += count;
        }
        sizes.values().copied().min().unwrap_or(0)
    }

    fn loss(&self, levels: &[usize]) -> f64 {
        let sum: f64 = levels
            .iter()
            .zip(&self.columns)
            .map(|(&l, c)| l as f64 / c.height() as f64)
            .sum();
        sum / levels.len() as f64
    }

    fn out_of_budget(&self) -> bool {
        self.tried >= MAX_TRIED || self.tried * self.classes.len() as u64 >= MAX_WORK
    }
}

/// The least lossy operators for `names` (the quasi-identifiers, in the
/// classes' order) that make the table `target`-anonymous.
pub(super) fn suggest(classes: &Classes, names: &[String], target: u64) -> Suggestion {
    let n = names.len();
    let mut distinct: Vec<HashMap<&[u8], u32>> = vec![HashMap::new(); n];
    let mut rows = Vec::with_capacity(classes.map.len());
    for (key, class) in &classes.map {
        let ids = decode(key, n)
            .into_iter()
            .zip(distinct.iter_mut())
            .map(|(v, d)| {
                let next = d.len() as u32;
                *d.entry(v).or_insert(next)
            })
            .collect();
        rows.push((ids, class.count));
    }
    let columns = distinct
        .iter()
        .map(|d| {
            let mut values = vec![""; d.len()];
            for (v, &id) in d {
                values[id as usize] = std::str::from_utf8(v).unwrap_or("\u{fffd}");
            }
            Column::new(&values)
        })
        .collect();
    let mut search = Search {
        columns,
        classes: rows,
        tried: 0,
    };
    let heights: Vec<usize> = search.columns.iter().map(Column::height).collect();
    let (levels, k, complete) = find(&mut search, &heights, target);
    Suggestion {
        target,
        reached: k >= target,
        k,
        loss: search.loss(&levels),
        columns: names
            .iter()
            .zip(&levels)
            .zip(&search.columns)
            .map(|((name, &l), c)| SuggestedColumn {
                column: name.clone(),
                op: c.rungs[l].clone(),
                level: l as u32,
                levels: c.height() as u32,
            })
            .collect(),
        tried: search.tried,
        complete,
    }
}

/// The rungs chosen, their k, and whether the search was complete.
fn find(search: &mut Search, heights: &[usize], target: u64) -> (Vec<usize>, u64, bool) {
    // Dropping every quasi-identifier is the most any rung can do: when
    // that falls short (fewer records than the target), nothing reaches it.
    let top = heights.to_vec();
    let top_k = search.k(&top);
    if top_k < target {
        return (top, top_k, true);
    }
    let bottom = vec![0; heights.len()];
    let size = heights
        .iter()
        .try_fold(1usize, |acc, &h| acc.checked_mul(h + 1));
    match size {
        Some(size) if size <= MAX_LATTICE => {
            let mut nodes = Vec::with_capacity(size);
            let mut node = bottom;
            loop {
                nodes.push(node.clone());
                // The next node, as an odometer over the heights.
                let mut i = 0;
                while i < node.len() && node[i] == heights[i] {
                    node[i] = 0;
                    i += 1;
                }
                if i == node.len() {
                    break;
                }
                node[i] += 1;
            }
            let losses: Vec<f64> = nodes.iter().map(|n| search.loss(n)).collect();
            let mut order: Vec<usize> = (0..nodes.len()).collect();
            order.sort_by(|&a, &b| {
                losses[a]
                    .total_cmp(&losses[b])
                    .then_with(|| nodes[a].iter().sum::<usize>().cmp(&nodes[b].iter().sum()))
                    .then_with(|| nodes[a].cmp(&nodes[b]))
            });
            let mut failed: Vec<Vec<usize>> = Vec::new();
            let mut best: Option<(Vec<usize>, u64)> = None;
            for i in order {
                let node = &nodes[i];
                if failed
                    .iter()
                    .any(|f| node.iter().zip(f).all(|(a, b)| a <= b))
                {
                    continue;
                }
                if search.out_of_budget() {
                    let (levels, k) = best.unwrap_or((top, top_k));
                    return (levels, k, false);
                }
                let k = search.k(node);
                if k >= target {
                    return (node.clone(), k, true);
                }
                if best.as_ref().is_none_or(|b| k > b.1) {
                    best = Some((node.clone(), k));
                }
                failed.retain(|f| !f.iter().zip(node).all(|(a, b)| a <= b));
                failed.push(node.clone());
            }
            (top, top_k, true)
        }
        _ => {
            // Greedy: raise the column whose next rung gains the most k.
            let mut node = bottom;
            let mut k = search.k(&node);
            while k < target {
                if search.out_of_budget() {
                    return (top, top_k, false);
                }
                let mut step: Option<(usize, u64)> = None;
                for i in 0..node.len() {
                    if node[i] == heights[i] {
                        continue;
                    }
                    node[i] += 1;
                    let next = search.k(&node);
                    node[i] -= 1;
                    if step.is_none_or(|s| next > s.1) {
                        step = Some((i, next));
                    }
                }
                match step {
                    Some((i, next)) => {
                        node[i] += 1;
                        k = next;
                    }
                    None => break,
                }
            }
            (node, k, false)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(ops: &[Op]) -> Vec<String> {
        ops.iter()
            .map(|op| serde_json::to_string(op).unwrap())
            .collect()
    }

    #[test]
    fn ladders_follow_the_values() {
        let dates = ladder(&["1984-03-07", "1990-11-02T08:30", ""]);
        assert_eq!(
            names(&dates),
            [
                r#"{"op":"keep"}"#,
                r#"{"op":"generalize","to":"month"}"#,
                r#"{"op":"generalize","to":"quarter"}"#,
                r#"{"op":"generalize","to":"year"}"#,
                r#"{"op":"drop"}"#
            ]
        );
        // A day-month order that only one format reads: month and
        // quarter read in it.
        let dmy = ladder(&["07/03/1984", "25/11/1990"]);
        assert_eq!(
            names(&dmy[1..3]),
            [
                r#"{"op":"generalize","to":"month","format":"%d/%m/%Y"}"#,
                r#"{"op":"generalize","to":"quarter","format":"%d/%m/%Y"}"#,
            ]
        );
        // Either order reads these: no month is guessed, the year is safe.
        assert_eq!(
            names(&ladder(&["07/03/1984", "11/02/1990"])),
            [
                r#"{"op":"keep"}"#,
                r#"{"op":"generalize","to":"year"}"#,
                r#"{"op":"drop"}"#
            ]
        );
        // Written some other way: year only.
        assert_eq!(ladder(&["March 7, 1984", "May 2, 1990"]).len(), 3);
        let zips = ladder(&["02139", "02142", "10115"]);
        assert_eq!(zips.len(), 2 + 4);
        assert_eq!(
            serde_json::to_string(&zips[1]).unwrap(),
            r#"{"op":"generalize","to":"prefix","chars":4}"#
        );
        let ages = ladder(&["23", "41", "67", "88", "5"]);
        let widths: Vec<String> = names(&ages[1..ages.len() - 1]);
        assert_eq!(
            widths,
            ["2", "5", "10", "20"]
                .map(|w| format!(r#"{{"op":"generalize","to":"band","width":{w}.0}}"#))
        );
        assert_eq!(
            names(&ladder(&["F", "M", "X"])),
            [r#"{"op":"keep"}"#, r#"{"op":"drop"}"#]
        );
        // A column of years is a number, not a date.
        assert!(matches!(
            ladder(&["1984", "1990", "2001"])[1],
            Op::Generalize {
                to: Generalization::Band,
                ..
            }
        ));
    }
}
