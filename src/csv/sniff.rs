//! Guessing the dialect from the first lines of a file.

/// The delimiters [`sniff_delimiter`] chooses between, in order of preference.
pub const DELIMITERS: [u8; 4] = [b',', b';', b'\t', b'|'];

/// Picks the delimiter that splits the sample's lines most consistently
/// into more than one field, counting only delimiters outside quotes. Ties
/// go to the one giving more fields, then to the earlier of [`DELIMITERS`];
/// a sample that no candidate splits gives `,`.
///
/// ```
/// assert_eq!(pii_mask::csv::sniff_delimiter(b"a;b;c\n1,5;2;3\n"), b';');
/// assert_eq!(pii_mask::csv::sniff_delimiter(b"just one column\n"), b',');
/// ```
pub fn sniff_delimiter(sample: &[u8]) -> u8 {
    let mut best = (b',', 0.0f64, 0usize);
    for &delim in &DELIMITERS {
        let counts = field_counts(sample, delim);
        let Some(mode) = mode(&counts) else { continue };
        if mode < 2 {
            continue;
        }
        let same = counts.iter().filter(|&&c| c == mode).count();
        let consistency = same as f64 / counts.len() as f64;
        if consistency > best.1 || (consistency == best.1 && mode > best.2) {
            best = (delim, consistency, mode);
        }
    }
    best.0
}

/// The record terminator the sample uses (`\r\n`, `\r` or `\n`, the
/// default), judged from the first line break outside quotes.
pub fn sniff_line_ending(sample: &[u8]) -> &'static [u8] {
    let mut quoted = false;
    for (i, &b) in sample.iter().enumerate() {
        match b {
            b'"' => quoted = !quoted,
            b'\n' if !quoted => return b"\n",
            b'\r' if !quoted => {
                return match sample.get(i + 1) {
                    Some(b'\n') | None => b"\r\n",
                    Some(_) => b"\r",
                }
            }
            _ => {}
        }
    }
    b"\n"
}

/// Fields per non-blank line, splitting on `delim` outside quotes. A quote
/// toggles the quoted state, which also handles doubled quotes.
fn field_counts(sample: &[u8], delim: u8) -> Vec<usize> {
    let mut counts = Vec::new();
    let (mut quoted, mut fields, mut blank) = (false, 1, true);
    for &b in sample {
        match b {
            b'"' => quoted = !quoted,
            b'\n' | b'\r' if !quoted => {
                if !blank {
                    counts.push(fields);
                }
                (fields, blank) = (1, true);
                continue;
            }
            _ if b == delim && !quoted => fields += 1,
            _ => {}
        }
        blank = false;
    }
    if !blank {
        counts.push(fields);
    }
    counts
}

fn mode(counts: &[usize]) -> Option<usize> {
    let mut sorted = counts.to_vec();
    sorted.sort_unstable();
    let mut best: Option<(usize, usize)> = None;
    for run in sorted.chunk_by(|a, b| a == b) {
        if best.is_none_or(|(_, n)| run.len() > n) {
            best = Some((run[0], run.len()));
        }
    }
    best.map(|(v, _)| v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picks_the_consistent_delimiter() {
        assert_eq!(sniff_delimiter(b"a,b,c\n1,2,3\n"), b',');
        assert_eq!(sniff_delimiter(b"a\tb\tc\n1,5\t2\t3\n"), b'\t');
        assert_eq!(sniff_delimiter(b"a|b\n\"x|y\"|2\n"), b'|');
        assert_eq!(sniff_delimiter(b""), b',');
    }

    #[test]
    fn commas_inside_text_do_not_win_over_semicolons() {
        let sample = b"name;note\nAnn;hi, there, you\nBob;ok\nCid;a,b\n";
        assert_eq!(sniff_delimiter(sample), b';');
        assert_eq!(
            sniff_delimiter(b"Field1;Field2;\"Field,3,\"\"3,3\";Field4"),
            b';'
        );
    }

    #[test]
    fn more_fields_break_a_tie() {
        assert_eq!(
            sniff_delimiter(b"one|two,two|three\nfour|five,five|six"),
            b'|'
        );
    }

    #[test]
    fn line_endings() {
        assert_eq!(sniff_line_ending(b"a\r\nb"), b"\r\n");
        assert_eq!(sniff_line_ending(b"a\rb"), b"\r");
        assert_eq!(sniff_line_ending(b"a\nb"), b"\n");
        assert_eq!(sniff_line_ending(b"a"), b"\n");
        assert_eq!(sniff_line_ending(b"\"a\nb\",c\r\nd"), b"\r\n");
    }
}
