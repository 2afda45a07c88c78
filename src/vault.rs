//! The vault: token -> original value, for putting originals back into an
//! AI's answer ([`crate::restore`]).
//!
//! **Tokens.** `tokenize` writes `ENTITY_NNNNNN`: the entity's name, an
//! underscore and a six-digit number (`PERSON_048213`, `EMAIL_ADDRESS_
//! 771904`). The number is the first candidate of HMAC-SHA256 under the
//! masking key (over the entity and the value) that the vault does not
//! already give to another value; candidate 0 is taken unless two values
//! collide, so a value's token does not depend on chunk cuts, on the
//! order of rows, or on the file, only on the key (a collision, about
//! n²/2·10⁻⁶ of n values of one entity, is settled by the order in which
//! the values first appear; after 32 collisions the number grows to 9, then
//! 12 digits). Why this shape:
//! - no angle brackets, which Markdown and HTML renderers swallow as tags;
//! - letters, digits and `_` only: `_` between letters and digits is not
//!   emphasis in CommonMark, and it survives quoting, bold/italic/code
//!   wrapping, possessives (`PERSON_048213's`) and plurals;
//! - the number is decimal, so a changed case cannot alter it and no letter
//!   can be mistaken for a digit (O/0, I/1); the entity's name is matched
//!   whatever its case, and the restorer accepts a `-`, a Unicode hyphen, a
//!   space, a line break or a Markdown escape (`\_`) where `_` was.
//!
//! **Memory.** The vault is the one part of masking that grows with the
//! input: one entry per distinct tokenized value, about the value's and the
//! token's length plus [`ENTRY_OVERHEAD`] bytes ([`Vault::stats`] reports
//! it). A million distinct values of 20 bytes take about 140 MB.
//!
//! **File.** [`Vault::export`] writes one file, all of it but the header
//! encrypted with AES-256-GCM under a key that Argon2id derives from a
//! passphrase; the header (authenticated as associated data) holds:
//!
//! | bytes | field |
//! |---|---|
//! | 0..8 | magic `PIIMASKV` |
//! | 8 | format version, 2 (1, without surrogates, is still read) |
//! | 9 | key derivation: 1 = Argon2id v1.3 |
//! | 10..22 | Argon2 memory (KiB), passes, lanes: three u32 little-endian |
//! | 22..38 | salt (random) |
//! | 38..50 | nonce (random) |
//! | 50..66 | passphrase check: bytes 32..48 of the Argon2 output |
//! | 66..74 | length of what follows, u64 little-endian |
//! | 74..82 | the first 8 bytes of SHA-256 of bytes 0..74 |
//! | 82.. | ciphertext and its 16-byte tag |
//!
//! The default parameters are OWASP's minimum for Argon2id: 19 MiB, 2
//! passes, 1 lane. The check tells a wrong passphrase from a damaged file
//! (it gives an attacker nothing the tag does not); the header's digest
//! tells a damaged header from a wrong passphrase.

use crate::{Error, ErrorKind};
use aes_gcm::aead::{Aead, KeyInit, Payload};
use aes_gcm::{Aes256Gcm, Nonce};
use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};
use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex, MutexGuard};
use zeroize::{Zeroize, Zeroizing};

/// Bytes counted per entry on top of its token and value (the map's node
/// and the two strings' headers), for [`Vault::stats`].
pub const ENTRY_OVERHEAD: u64 = 96;

const MAGIC: &[u8; 8] = b"PIIMASKV";
/// 2 added the surrogates; 1 is still read.
const FORMAT: u8 = 2;
const KDF_ARGON2ID: u8 = 1;
const HEADER: usize = 82;
const SALT: usize = 16;
const NONCE: usize = 12;
const TAG: usize = 16;

/// Argon2id's cost, written in the vault's header.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct VaultParams {
    /// Memory in KiB.
    pub memory_kib: u32,
    /// Passes over the memory.
    pub passes: u32,
    /// Lanes.
    pub lanes: u32,
}

impl Default for VaultParams {
    /// OWASP's minimum for Argon2id: 19 MiB, 2 passes, 1 lane.
    fn default() -> VaultParams {
        VaultParams {
            memory_kib: 19 * 1024,
            passes: 2,
            lanes: 1,
        }
    }
}

impl VaultParams {
    /// The bounds a file's parameters must keep (so that a crafted header
    /// cannot ask for gigabytes or hours).
    fn check(self) -> Result<argon2::Params, String> {
        if !(1..=16).contains(&self.lanes)
            || !(1..=64).contains(&self.passes)
            || self.memory_kib < 8 * self.lanes
            || self.memory_kib > 1024 * 1024
        {
            return Err(format!(
                "Argon2 parameters out of range (memory {} KiB, {} passes, {} lanes; allowed: up to 1 GiB, 1 to 64 passes, 1 to 16 lanes)",
                self.memory_kib, self.passes, self.lanes
            ));
        }
        argon2::Params::new(self.memory_kib, self.passes, self.lanes, Some(48))
            .map_err(|e| e.to_string())
    }
}

/// How big a vault is: its entries and their approximate memory.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct VaultStats {
    /// Distinct tokens.
    pub tokens: u64,
    /// Bytes held: tokens, values and [`ENTRY_OVERHEAD`] per entry.
    pub bytes: u64,
}

#[derive(Default)]
struct Inner {
    /// Token -> original value (a hash map: tokenizing 400,000 distinct
    /// values ran at 11 MB/s against 4.4 with a B-tree; the file is
    /// written in token order all the same).
    entries: HashMap<String, Zeroizing<String>>,
    /// The entries that are surrogates, not tokens: surrogate -> entity.
    surrogates: HashMap<String, String>,
    /// Fingerprints of every original value ([`fingerprint`]), so that no
    /// surrogate is drawn equal to one.
    originals: HashSet<u64>,
    /// Which masking key made the tokens (an HMAC of a fixed label under
    /// it), so that a vault continued with another key is refused.
    key_id: Option<[u8; 16]>,
    bytes: u64,
}

impl Drop for Inner {
    fn drop(&mut self) {
        // The values zeroise themselves; the key's fingerprint too.
        self.key_id.zeroize();
    }
}

impl Inner {
    fn insert(&mut self, token: String, value: &str) {
        self.bytes += (token.len() + value.len()) as u64 + ENTRY_OVERHEAD;
        self.originals.insert(fingerprint(value));
        self.entries
            .insert(token, Zeroizing::new(value.to_string()));
    }

    /// The token of `value`: see [`Vault::token`].
    fn token(&mut self, mac: &Hmac<Sha256>, entity: &str, value: &str) -> String {
        let mut k: u32 = 0;
        loop {
            let digest = candidate(mac, b"pii-mask token\0", k, entity, value);
            let mut n = [0u8; 8];
            n.copy_from_slice(&digest[..8]);
            let n = u64::from_le_bytes(n);
            let token = match k {
                0..32 => format!("{entity}_{:06}", n % 1_000_000),
                32..64 => format!("{entity}_{:09}", n % 1_000_000_000),
                _ => format!("{entity}_{:012}", n % 1_000_000_000_000),
            };
            match self.entries.get(&token) {
                Some(v) if v.as_str() == value => return token,
                Some(_) => k += 1,
                None => {
                    self.insert(token.clone(), value);
                    return token;
                }
            }
        }
    }
}

/// What "equal" means when a surrogate is checked against the originals:
/// the letters and digits, case folded (`Ann Lee` = `ANN-LEE`).
fn fingerprint(value: &str) -> u64 {
    let mut h = Sha256::new();
    for c in value.chars().filter(|c| c.is_alphanumeric()) {
        for l in c.to_lowercase() {
            let mut b = [0u8; 4];
            h.update(l.encode_utf8(&mut b).as_bytes());
        }
    }
    let mut n = [0u8; 8];
    n.copy_from_slice(&h.finalize()[..8]);
    u64::from_le_bytes(n)
}

/// Candidates a value's surrogate may take before it gets a token
/// instead (a format with few fictional values, such as a UK drama
/// number's thousand, can run out).
const SURROGATE_ATTEMPTS: u32 = 16;

/// Token -> original value, shared by the masker that fills it and the
/// caller that exports it (a cheap handle: clones share one vault).
#[derive(Clone, Default)]
pub struct Vault {
    inner: Arc<Mutex<Inner>>,
}

impl std::fmt::Debug for Vault {
    // Never the contents.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let s = self.stats();
        write!(f, "Vault {{ tokens: {}, bytes: {} }}", s.tokens, s.bytes)
    }
}

/// The `k`-th candidate digest for `value` of `entity` under the masking
/// key (`mac`): a token's number or a surrogate's seed, by `label`.
fn candidate(mac: &Hmac<Sha256>, label: &[u8], k: u32, entity: &str, value: &str) -> [u8; 32] {
    mac.clone()
        .chain_update(label)
        .chain_update(k.to_le_bytes())
        .chain_update(entity.as_bytes())
        .chain_update([0])
        .chain_update(value.as_bytes())
        .finalize()
        .into_bytes()
        .into()
}

fn key_id(key: &[u8]) -> [u8; 16] {
    let mut id = [0u8; 16];
    if let Ok(mac) = <Hmac<Sha256> as Mac>::new_from_slice(key) {
        let out = mac.chain_update(b"pii-mask vault key id").finalize();
        id.copy_from_slice(&out.into_bytes()[..16]);
    }
    id
}

impl Vault {
    /// An empty vault.
    pub fn new() -> Vault {
        Vault::default()
    }

    fn lock(&self) -> MutexGuard<'_, Inner> {
        // A panic while holding the lock cannot leave the map half-changed
        // (each change is one insert), so a poisoned lock is still usable.
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Entries and their approximate memory.
    pub fn stats(&self) -> VaultStats {
        let inner = self.lock();
        VaultStats {
            tokens: inner.entries.len() as u64,
            bytes: inner.bytes,
        }
    }

    /// Whether the vault holds no token.
    pub fn is_empty(&self) -> bool {
        self.lock().entries.is_empty()
    }

    /// The original value of `token` (exactly as written by the masker).
    pub fn get(&self, token: &str) -> Option<Zeroizing<String>> {
        self.lock().entries.get(token).cloned()
    }

    /// The entity names its tokens carry (`PERSON`, custom names, `VALUE`).
    pub fn entity_names(&self) -> Vec<String> {
        let inner = self.lock();
        let mut names: Vec<String> = inner
            .entries
            .keys()
            .filter(|t| !inner.surrogates.contains_key(*t))
            .filter_map(|t| t.rsplit_once('_').map(|(name, _)| name.to_string()))
            .collect();
        names.dedup();
        names.sort_unstable();
        names.dedup();
        names
    }

    /// Adds every entry of `other` to this vault (e.g. a copy that crossed
    /// to a worker and came back with more tokens). Refused, with nothing
    /// changed, when the two were made with different keys or give one token
    /// two values.
    pub fn absorb(&self, other: &Vault) -> Result<(), Error> {
        if Arc::ptr_eq(&self.inner, &other.inner) {
            return Ok(());
        }
        // One lock at a time: `other` is read into a copy first.
        let (entries, surrogates, originals, key_id) = {
            let o = other.lock();
            (
                o.entries.clone(),
                o.surrogates.clone(),
                o.originals.clone(),
                o.key_id,
            )
        };
        let mut inner = self.lock();
        let clash = match (inner.key_id, key_id) {
            (Some(a), Some(b)) => a != b,
            _ => false,
        } || entries.iter().any(|(t, v)| {
            inner
                .entries
                .get(t)
                .is_some_and(|w| w.as_str() != v.as_str())
        });
        if clash {
            return Err(Error::new(
                ErrorKind::VaultKey,
                "vault: the two vaults were made with different keys (one token stands for two values); they cannot be joined",
            ));
        }
        inner.key_id = inner.key_id.or(key_id);
        for (token, value) in entries {
            if !inner.entries.contains_key(&token) {
                inner.bytes += (token.len() + value.len()) as u64 + ENTRY_OVERHEAD;
                inner.entries.insert(token, value);
            }
        }
        inner.surrogates.extend(surrogates);
        inner.originals.extend(originals);
        Ok(())
    }

    /// Ties the vault to the masking key: the first key is remembered, and
    /// another is refused (its tokens would not match the vault's).
    pub(crate) fn bind_key(&self, key: &[u8]) -> Result<(), Error> {
        let id = key_id(key);
        let mut inner = self.lock();
        match inner.key_id {
            Some(old) if old != id => Err(Error::new(
                ErrorKind::VaultKey,
                "vault: its tokens were made with another key; mask with the key the vault was made with, or start a new vault",
            )),
            Some(_) => Ok(()),
            None => {
                inner.key_id = Some(id);
                Ok(())
            }
        }
    }

    /// The token of `value` under `mac` (keyed with the masking key):
    /// `ENTITY_` and the first candidate number not taken by another value.
    pub(crate) fn token(&self, mac: &Hmac<Sha256>, entity: &str, value: &str) -> String {
        self.lock().token(mac, entity, value)
    }

    /// The surrogate of `value` under `mac`: the first candidate (drawn
    /// from an HMAC of the candidate's number, the entity and the value)
    /// that the vault gives to no other value and that equals no original
    /// value the vault holds (nor `value` itself), compared by letters and
    /// digits whatever their case. After [`SURROGATE_ATTEMPTS`] refused
    /// candidates, or for a value with nothing to redraw, the value's
    /// token. `shift` is the key's date shift.
    pub(crate) fn surrogate(
        &self,
        mac: &Hmac<Sha256>,
        entity: &str,
        value: &str,
        shift: i64,
    ) -> String {
        let mut inner = self.lock();
        let own = fingerprint(value);
        for k in 0..SURROGATE_ATTEMPTS {
            let digest = candidate(mac, b"pii-mask surrogate\0", k, entity, value);
            let mut seed = [0u8; 32];
            seed.copy_from_slice(&digest);
            let mut draw = crate::ops::surrogate::Draw::new(seed);
            let Some(candidate) = crate::ops::surrogate::make(entity, value, shift, k, &mut draw)
            else {
                break;
            };
            match inner.entries.get(&candidate) {
                Some(v) if v.as_str() == value => return candidate,
                Some(_) => continue,
                None => {}
            }
            let print = fingerprint(&candidate);
            if print == own || inner.originals.contains(&print) {
                continue;
            }
            inner.bytes += (candidate.len() + entity.len()) as u64;
            inner
                .surrogates
                .insert(candidate.clone(), entity.to_string());
            inner.insert(candidate.clone(), value);
            return candidate;
        }
        inner.token(mac, entity, value)
    }

    /// The surrogates: (surrogate, original, entity), for the restorer.
    pub(crate) fn surrogates(&self) -> Vec<(String, Zeroizing<String>, String)> {
        let inner = self.lock();
        inner
            .surrogates
            .iter()
            .filter_map(|(s, e)| Some((s.clone(), inner.entries.get(s)?.clone(), e.clone())))
            .collect()
    }

    /// Whether `text` is a surrogate this vault made (exactly as written).
    pub(crate) fn is_surrogate(&self, text: &str) -> bool {
        self.lock().surrogates.contains_key(text)
    }

    /// The vault as one encrypted file, under Argon2id's default cost.
    pub fn export(&self, passphrase: &str) -> Result<Vec<u8>, Error> {
        self.export_with(passphrase, VaultParams::default())
    }

    /// [`Vault::export`] at another cost (cheaper ones are for tests).
    pub fn export_with(&self, passphrase: &str, params: VaultParams) -> Result<Vec<u8>, Error> {
        if passphrase.is_empty() {
            return Err(vault_error(
                ErrorKind::VaultPassphrase,
                "the passphrase is empty",
            ));
        }
        let argon = params
            .check()
            .map_err(|e| Error::option("vaultParams", e))?;
        let mut salt = [0u8; SALT];
        let mut nonce = [0u8; NONCE];
        getrandom::getrandom(&mut salt)
            .and_then(|()| getrandom::getrandom(&mut nonce))
            .map_err(|e| Error::state(&format!("vault: no random numbers: {e}")))?;
        let derived = derive(passphrase, &salt, argon)?;
        let plain = self.serialise();
        let mut header = Vec::with_capacity(HEADER);
        header.extend_from_slice(MAGIC);
        header.push(FORMAT);
        header.push(KDF_ARGON2ID);
        for n in [params.memory_kib, params.passes, params.lanes] {
            header.extend_from_slice(&n.to_le_bytes());
        }
        header.extend_from_slice(&salt);
        header.extend_from_slice(&nonce);
        header.extend_from_slice(&derived[32..48]);
        header.extend_from_slice(&((plain.len() + TAG) as u64).to_le_bytes());
        let digest = Sha256::digest(&header);
        header.extend_from_slice(&digest[..8]);
        let cipher = Aes256Gcm::new_from_slice(&derived[..32])
            .map_err(|_| Error::state("vault: bad key length"))?;
        let sealed = cipher
            .encrypt(
                Nonce::from_slice(&nonce),
                Payload {
                    msg: &plain,
                    aad: &header,
                },
            )
            .map_err(|_| Error::state("vault: encryption failed"))?;
        header.extend_from_slice(&sealed);
        Ok(header)
    }

    /// Opens a vault file. A file that is not a vault, a damaged or cut
    /// one, or a wrong passphrase gives an error and no vault.
    pub fn open(file: &[u8], passphrase: &str) -> Result<Vault, Error> {
        let damaged = |what: &str| vault_error(ErrorKind::VaultDamaged, what);
        let format = |what: &str| vault_error(ErrorKind::VaultFormat, what);
        if file.len() < HEADER {
            return Err(if file.starts_with(MAGIC) {
                damaged("the file is cut short (its header is incomplete)")
            } else {
                format("not a pii-mask vault file")
            });
        }
        if &file[..8] != MAGIC {
            return Err(format("not a pii-mask vault file"));
        }
        let (header, sealed) = file.split_at(HEADER);
        if Sha256::digest(&header[..74])[..8] != header[74..82] {
            return Err(damaged("its header is damaged"));
        }
        if !(1..=FORMAT).contains(&header[8]) || header[9] != KDF_ARGON2ID {
            return Err(format(&format!(
                "format {} (key derivation {}) is not one this pii-mask reads (format {FORMAT}); update pii-mask",
                header[8], header[9]
            )));
        }
        let u32_at = |i: usize| {
            let mut b = [0u8; 4];
            b.copy_from_slice(&header[i..i + 4]);
            u32::from_le_bytes(b)
        };
        let params = VaultParams {
            memory_kib: u32_at(10),
            passes: u32_at(14),
            lanes: u32_at(18),
        };
        let argon = params.check().map_err(|e| format(&e))?;
        let mut len = [0u8; 8];
        len.copy_from_slice(&header[66..74]);
        let len = u64::from_le_bytes(len);
        if sealed.len() as u64 != len {
            return Err(damaged(&format!(
                "the file is {} bytes long where its header says {} (cut short or added to)",
                file.len(),
                len.saturating_add(HEADER as u64)
            )));
        }
        let derived = derive(passphrase, &header[22..38], argon)?;
        if derived[32..48] != header[50..66] {
            return Err(vault_error(
                ErrorKind::VaultPassphrase,
                "wrong passphrase: nothing was restored",
            ));
        }
        let cipher = Aes256Gcm::new_from_slice(&derived[..32])
            .map_err(|_| Error::state("vault: bad key length"))?;
        let plain = cipher
            .decrypt(
                Nonce::from_slice(&header[38..50]),
                Payload {
                    msg: sealed,
                    aad: header,
                },
            )
            .map_err(|_| damaged("its contents are damaged (they fail authentication)"))?;
        let plain = Zeroizing::new(plain);
        Vault::deserialise(&plain, header[8]).ok_or_else(|| damaged("its contents do not parse"))
    }

    /// key id flag and 16 bytes, entry count (u32), then per entry the
    /// token (u16 length) and the value (u32 length); from format 2 on,
    /// the surrogate count (u32), then per surrogate the surrogate (u16
    /// length) and its entity (u16 length).
    fn serialise(&self) -> Zeroizing<Vec<u8>> {
        let inner = self.lock();
        let mut out = Zeroizing::new(Vec::with_capacity(inner.bytes as usize + 32));
        out.push(u8::from(inner.key_id.is_some()));
        out.extend_from_slice(&inner.key_id.unwrap_or_default());
        out.extend_from_slice(&(inner.entries.len() as u32).to_le_bytes());
        let mut entries: Vec<_> = inner.entries.iter().collect();
        entries.sort_unstable_by(|a, b| a.0.cmp(b.0));
        for (token, value) in entries {
            out.extend_from_slice(&(token.len() as u16).to_le_bytes());
            out.extend_from_slice(token.as_bytes());
            out.extend_from_slice(&(value.len() as u32).to_le_bytes());
            out.extend_from_slice(value.as_bytes());
        }
        let mut surrogates: Vec<_> = inner.surrogates.iter().collect();
        surrogates.sort_unstable();
        out.extend_from_slice(&(surrogates.len() as u32).to_le_bytes());
        for (surrogate, entity) in surrogates {
            for s in [surrogate, entity] {
                out.extend_from_slice(&(s.len() as u16).to_le_bytes());
                out.extend_from_slice(s.as_bytes());
            }
        }
        out
    }

    fn deserialise(mut b: &[u8], format: u8) -> Option<Vault> {
        fn take<'a>(b: &mut &'a [u8], n: usize) -> Option<&'a [u8]> {
            let (head, rest) = (b.get(..n)?, b.get(n..)?);
            *b = rest;
            Some(head)
        }
        let mut inner = Inner::default();
        let flag = take(&mut b, 1)?[0];
        let mut id = [0u8; 16];
        id.copy_from_slice(take(&mut b, 16)?);
        inner.key_id = (flag == 1).then_some(id);
        let count = u32::from_le_bytes(take(&mut b, 4)?.try_into().ok()?);
        for _ in 0..count {
            let n = u16::from_le_bytes(take(&mut b, 2)?.try_into().ok()?);
            let token = std::str::from_utf8(take(&mut b, usize::from(n))?).ok()?;
            let n = u32::from_le_bytes(take(&mut b, 4)?.try_into().ok()?);
            let value = std::str::from_utf8(take(&mut b, n as usize)?).ok()?;
            inner.insert(token.to_string(), value);
        }
        if format >= 2 {
            let count = u32::from_le_bytes(take(&mut b, 4)?.try_into().ok()?);
            for _ in 0..count {
                let mut text = || {
                    let n = u16::from_le_bytes(take(&mut b, 2)?.try_into().ok()?);
                    std::str::from_utf8(take(&mut b, usize::from(n))?)
                        .ok()
                        .map(str::to_string)
                };
                let (surrogate, entity) = (text()?, text()?);
                if !inner.entries.contains_key(&surrogate) {
                    return None;
                }
                inner.bytes += (surrogate.len() + entity.len()) as u64;
                inner.surrogates.insert(surrogate, entity);
            }
        }
        b.is_empty().then(|| Vault {
            inner: Arc::new(Mutex::new(inner)),
        })
    }
}

fn vault_error(kind: ErrorKind, message: &str) -> Error {
    Error::new(kind, format!("vault: {message}"))
}

/// 48 bytes from Argon2id: the AES key, then the passphrase check.
fn derive(
    passphrase: &str,
    salt: &[u8],
    params: argon2::Params,
) -> Result<Zeroizing<[u8; 48]>, Error> {
    let mut out = Zeroizing::new([0u8; 48]);
    argon2::Argon2::new(argon2::Algorithm::Argon2id, argon2::Version::V0x13, params)
        .hash_password_into(passphrase.as_bytes(), salt, out.as_mut())
        .map_err(|e| Error::state(&format!("vault: key derivation failed: {e}")))?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mac() -> Hmac<Sha256> {
        <Hmac<Sha256> as Mac>::new_from_slice(b"0123456789abcdef").unwrap()
    }

    #[test]
    fn equal_values_share_a_token_and_collisions_probe_on() {
        let v = Vault::new();
        let a = v.token(&mac(), "PERSON", "Ann Lee");
        assert_eq!(v.token(&mac(), "PERSON", "Ann Lee"), a);
        assert!(a.starts_with("PERSON_") && a.len() == "PERSON_".len() + 6);
        // Force a collision: put another value under Ann's token first.
        let w = Vault::new();
        w.lock()
            .entries
            .insert(a.clone(), Zeroizing::new("someone else".into()));
        let b = w.token(&mac(), "PERSON", "Ann Lee");
        assert_ne!(a, b);
        assert_eq!(w.get(&b).unwrap().as_str(), "Ann Lee");
        assert_eq!(w.stats().tokens, 2);
    }

    #[test]
    fn params_are_bounded() {
        assert!(VaultParams::default().check().is_ok());
        assert!(VaultParams::default().memory_kib >= 19 * 1024);
        let huge = VaultParams {
            memory_kib: u32::MAX,
            ..VaultParams::default()
        };
        assert!(huge.check().is_err());
    }
}
