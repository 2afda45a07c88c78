//! Guessing the dialect from the first lines of a file.

/// The delimiters [`sniff_delimiter`] chooses between, in order of preference.
pub const DELIMITERS: [u8; 4] = [b',', b';', b'\t', b'|'];

/// Picks the delimiter that splits the sample's records most consistently
/// into more than one field. Ties go to the earlier of [`DELIMITERS`]; a
/// sample that no candidate splits gives `,`.
///
/// ```
/// assert_eq!(pii_mask::csv::sniff_delimiter(b"a;b;c\n1,5;2;3\n"), b';');
/// assert_eq!(pii_mask::csv::sniff_delimiter(b"just one column\n"), b',');
/// ```
pub fn sniff_delimiter(sample: &[u8]) -> u8 {
    let mut best = (b',', 0.0f64);
    for &delim in &DELIMITERS {
        let counts = field_counts(sample, delim);
        let Some(mode) = mode(&counts) else { continue };
        if mode < 2 {
            continue;
        }
        let same = counts.iter().filter(|&&c| c == mode).count();
        let consistency = same as f64 / counts.len() as f64;
        if consistency > best.1 {
            best = (delim, consistency);
        }
    }
    best.0
}

/// The record terminator the sample uses: `\r\n`, `\r` or `\n` (the default).
pub fn sniff_line_ending(sample: &[u8]) -> &'static [u8] {
    match sample.iter().position(|&b| b == b'\n' || b == b'\r') {
        Some(i) if sample[i] == b'\r' => match sample.get(i + 1) {
            Some(b'\n') | None => b"\r\n",
            Some(_) => b"\r",
        },
        _ => b"\n",
    }
}

/// Field counts of the complete records in `sample` (the last record is left
/// out when the sample does not end with a terminator: it may be cut short).
fn field_counts(sample: &[u8], delim: u8) -> Vec<usize> {
    let mut rdr = csv_core::ReaderBuilder::new().delimiter(delim).build();
    let mut out = [0u8; 4096];
    let mut ends = [0usize; 512];
    let mut counts = Vec::new();
    let mut input = sample;
    let mut fields = 0;
    loop {
        let (res, nin, _, nend) = rdr.read_record(input, &mut out, &mut ends);
        input = &input[nin..];
        fields += nend;
        match res {
            csv_core::ReadRecordResult::Record => {
                counts.push(fields);
                fields = 0;
            }
            // A field longer than the scratch buffer: keep counting fields.
            csv_core::ReadRecordResult::OutputFull | csv_core::ReadRecordResult::OutputEndsFull => {
            }
            csv_core::ReadRecordResult::InputEmpty | csv_core::ReadRecordResult::End => {
                if input.is_empty() {
                    break;
                }
            }
        }
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
    }

    #[test]
    fn line_endings() {
        assert_eq!(sniff_line_ending(b"a\r\nb"), b"\r\n");
        assert_eq!(sniff_line_ending(b"a\rb"), b"\r");
        assert_eq!(sniff_line_ending(b"a\nb"), b"\n");
        assert_eq!(sniff_line_ending(b"a"), b"\n");
    }
}
