//! The recognizers on arbitrary text (bytes read as UTF-8, lossily).
//!
//! Invariants: no panic; `find` returns spans that are non-empty, within the
//! text, on char boundaries, sorted and non-overlapping; `find_utf16` gives
//! the same spans in UTF-16 units with the matched text; `judge` agrees on
//! a cell and on the same cell with surrounding white space; `mask_value`
//! and `mask_chars` keep the number of characters.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pii_mask::detect::{find, find_utf16, judge};
use pii_mask::ops::{mask_chars, mask_value};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let text: &str = &text;

    let found = find(text);
    let mut last_end = 0;
    for f in &found {
        assert!(f.start < f.end, "empty span {f:?}");
        assert!(f.end <= text.len(), "span past the end {f:?}");
        assert!(
            text.is_char_boundary(f.start) && text.is_char_boundary(f.end),
            "span not on char boundaries {f:?}"
        );
        assert!(
            f.start >= last_end,
            "spans overlap or are unsorted: {found:?}"
        );
        last_end = f.end;
    }

    let spans = find_utf16(text);
    assert_eq!(spans.len(), found.len());
    let units: Vec<u16> = text.encode_utf16().collect();
    for (s, f) in spans.iter().zip(&found) {
        assert_eq!(s.entity, f.entity);
        assert_eq!(s.text, &text[f.start..f.end]);
        assert!(
            s.start < s.end && s.end <= units.len(),
            "UTF-16 span out of range {s:?}"
        );
        assert_eq!(String::from_utf16_lossy(&units[s.start..s.end]), s.text);
    }

    let judged = judge(text);
    if !text.trim().is_empty() && text.len() < 4096 {
        assert_eq!(
            judge(&format!(" {text}\t")),
            judged,
            "white space around a cell changes its judgement"
        );
    }

    let n = text.chars().count();
    assert_eq!(mask_value(text, None, '*').chars().count(), n);
    assert_eq!(mask_value(text, judged, '#').chars().count(), n);
    let k = data.first().map_or(0, |b| usize::from(*b) % 8);
    assert_eq!(
        mask_chars(text, '*', k, data.len() % 2 == 0)
            .chars()
            .count(),
        n
    );
});
