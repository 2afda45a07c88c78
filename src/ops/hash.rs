//! Keyed pseudonyms: the same value and key always give the same hex string.

use crate::policy::HashAlgorithm;
use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

/// The shortest key accepted: 128 bits.
pub const MIN_KEY_BYTES: usize = 16;

/// A hasher keyed once; each value clones the keyed state, which is cheaper
/// than keying again (measured 1.13x on this stage).
#[derive(Clone)]
pub struct Hasher {
    state: State,
    hex_len: usize,
    /// The digests of recent values. A column of names, towns or countries
    /// holds the same values again and again, and each HMAC-SHA256 is two
    /// SHA-256 blocks (about 7,500 instructions natively, more in wasm):
    /// most of a column's hashing was the same values hashed again.
    recent: std::cell::RefCell<Recent>,
}

/// Values and their digests, in slots picked by a hash of the value (a
/// value takes its slot from whichever value had it); allocated at the
/// first value. A value is looked up by its bytes, so a slot shared by two
/// values only costs a hash again.
#[derive(Clone, Default)]
struct Recent {
    slots: Vec<Slot>,
}

#[derive(Clone, Default)]
struct Slot {
    value: Vec<u8>,
    digest: [u8; 32],
    full: bool,
}

/// Slots of [`Recent`]: a power of two.
const RECENT_SLOTS: usize = 2048;
/// Longer values are not kept (they are seldom repeated, and would make
/// the slots large).
const RECENT_MAX: usize = 64;

impl Recent {
    fn slot(&mut self, value: &[u8]) -> &mut Slot {
        if self.slots.is_empty() {
            self.slots = vec![Slot::default(); RECENT_SLOTS];
        }
        const MUL: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut h = value.len() as u64;
        for c in value.chunks(8) {
            let mut w = [0u8; 8];
            w[..c.len()].copy_from_slice(c);
            h = (h.rotate_left(23) ^ u64::from_le_bytes(w)).wrapping_mul(MUL);
        }
        let i = (h >> 40) as usize & (RECENT_SLOTS - 1);
        &mut self.slots[i]
    }
}

#[derive(Clone)]
enum State {
    Hmac(Hmac<Sha256>),
    Salted(Sha256),
}

/// The key of one column, for hashes that must not link equal values
/// across columns: HMAC-SHA256 under the user's key of a fixed label and the
/// column's name. Renaming the column changes its pseudonyms.
pub fn column_key(key: &[u8], column: &str) -> Result<[u8; 32], String> {
    let mac: Hmac<Sha256> = Hmac::new_from_slice(key).map_err(|e| e.to_string())?;
    Ok(mac
        .chain_update(b"pii-mask column key\0")
        .chain_update(column.as_bytes())
        .finalize()
        .into_bytes()
        .into())
}

impl Hasher {
    /// `hex_len` is how many hex characters to keep (8 to 64).
    pub fn new(key: &[u8], algorithm: HashAlgorithm, hex_len: usize) -> Result<Hasher, String> {
        if key.len() < MIN_KEY_BYTES {
            return Err(format!(
                "the key is {} bytes; at least {MIN_KEY_BYTES} bytes (128 bits) are required",
                key.len()
            ));
        }
        let state = match algorithm {
            HashAlgorithm::HmacSha256 => {
                State::Hmac(Hmac::new_from_slice(key).map_err(|e| e.to_string())?)
            }
            HashAlgorithm::Sha256 => State::Salted(Sha256::new_with_prefix(key)),
        };
        Ok(Hasher {
            state,
            hex_len: hex_len.clamp(8, 64),
            recent: Default::default(),
        })
    }

    /// Appends the hex digest of `value` to `out`.
    pub fn hash_into(&self, value: &[u8], out: &mut Vec<u8>) {
        let digest = if value.len() <= RECENT_MAX {
            let mut recent = self.recent.borrow_mut();
            let slot = recent.slot(value);
            if !slot.full || slot.value != value {
                slot.digest = self.digest(value);
                slot.value.clear();
                slot.value.extend_from_slice(value);
                slot.full = true;
            }
            slot.digest
        } else {
            self.digest(value)
        };
        const HEX: &[u8; 16] = b"0123456789abcdef";
        for &b in digest.iter().take(self.hex_len.div_ceil(2)) {
            out.push(HEX[usize::from(b >> 4)]);
            out.push(HEX[usize::from(b & 15)]);
        }
        out.truncate(out.len() - (self.hex_len % 2));
    }

    fn digest(&self, value: &[u8]) -> [u8; 32] {
        match &self.state {
            State::Hmac(mac) => mac
                .clone()
                .chain_update(value)
                .finalize()
                .into_bytes()
                .into(),
            State::Salted(sha) => sha.clone().chain_update(value).finalize().into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(h: &Hasher, v: &[u8]) -> String {
        let mut out = Vec::new();
        h.hash_into(v, &mut out);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn hmac_matches_rfc4231_test_case_1() {
        let key = [0x0bu8; 20];
        let h = Hasher::new(&key, HashAlgorithm::HmacSha256, 64).unwrap();
        assert_eq!(
            hex(&h, b"Hi There"),
            "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"
        );
        let short = Hasher::new(&key, HashAlgorithm::HmacSha256, 15).unwrap();
        assert_eq!(hex(&short, b"Hi There"), "b0344c61d8db385");
    }

    #[test]
    fn salted_sha256_is_sha256_of_key_then_value() {
        let key = b"0123456789abcdef";
        let h = Hasher::new(key, HashAlgorithm::Sha256, 64).unwrap();
        let want = Sha256::digest(b"0123456789abcdefabc");
        let want: String = want.iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(hex(&h, b"abc"), want);
    }

    #[test]
    fn repeated_and_colliding_values_hash_as_fresh_ones() {
        let key = b"0123456789abcdef";
        let cached = Hasher::new(key, HashAlgorithm::HmacSha256, 16).unwrap();
        // More values than slots, each twice, some longer than those kept,
        // and values that are prefixes of each other.
        let values: Vec<Vec<u8>> = (0..3 * RECENT_SLOTS)
            .map(|i| format!("v{i}").repeat(1 + i % 23).into_bytes())
            .chain([b"".to_vec(), b"a".to_vec(), b"a\0".to_vec()])
            .collect();
        for round in 0..2 {
            for v in &values {
                // A fresh hasher has seen nothing.
                let fresh = Hasher::new(key, HashAlgorithm::HmacSha256, 16).unwrap();
                assert_eq!(hex(&cached, v), hex(&fresh, v), "round {round}");
            }
        }
    }

    #[test]
    fn short_keys_are_refused() {
        let err = Hasher::new(b"too short", HashAlgorithm::HmacSha256, 16)
            .err()
            .unwrap();
        assert!(err.contains("at least 16 bytes"));
    }
}
