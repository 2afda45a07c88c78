//! Helpers shared by the fuzz targets: reading a small configuration from
//! the front of the fuzz input, and choosing chunk cuts from it.

/// Takes configuration bytes off the front of the input; missing bytes read
/// as 0, so every input is usable.
pub struct Config<'a> {
    bytes: &'a [u8],
}

impl<'a> Config<'a> {
    /// Splits `data` into `n` configuration bytes and the rest.
    pub fn split(data: &'a [u8], n: usize) -> (Config<'a>, &'a [u8]) {
        let n = n.min(data.len());
        (Config { bytes: &data[..n] }, &data[n..])
    }

    pub fn byte(&self, i: usize) -> u8 {
        self.bytes.get(i).copied().unwrap_or(0)
    }
}

/// Cut positions (sorted, deduplicated, strictly inside `0..len`) drawn
/// from `seed`: up to 15 pseudo-random cuts, or every byte when the low
/// nibble is 15 (one-byte chunks, the hardest case for a chunked reader).
pub fn cuts(len: usize, seed: u16) -> Vec<usize> {
    if len < 2 {
        return Vec::new();
    }
    let count = usize::from(seed & 0x0f);
    if count == 15 {
        return (1..len).collect();
    }
    let mut state = u32::from(seed) | 0x1_0000;
    let mut out: Vec<usize> = (0..count)
        .map(|_| {
            // xorshift32: deterministic, cheap, good enough to spread cuts.
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            1 + (state as usize) % (len - 1)
        })
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// The chunks of `data` between the cuts.
pub fn chunks<'a>(data: &'a [u8], cuts: &[usize]) -> Vec<&'a [u8]> {
    let mut out = Vec::with_capacity(cuts.len() + 1);
    let mut start = 0;
    for &c in cuts {
        out.push(&data[start..c]);
        start = c;
    }
    out.push(&data[start..]);
    out
}
