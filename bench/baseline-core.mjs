// The JavaScript way's work on cells, shared by the Node runner
// (baseline.mjs) and the browser's (browser/baseline-worker.mjs): one JS
// regex per entity for the notes scrub (with Luhn / mod-97 validators),
// HMAC-SHA256 from @noble/hashes, simple masks.
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

export const BENCH_KEY = 'pii-mask benchmark key, 32 bytes';

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
const IBAN = /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?\b/g;
const CARD = /\b\d(?:[ -]?\d){12,18}\b/g;
const SSN = /\b(?!000|666|9\d\d)\d{3}-(?!00)\d{2}-(?!0000)\d{4}\b/g;
const PHONE = /(?:\+\d{1,3}[ .-]?)?(?:\(\d{2,4}\)[ .-]?|\b\d{2,4}[ .-])\d{3,8}(?:[ .-]\d{3,4})?\b/g;

function luhn(s) {
  const d = s.replace(/\D/g, '');
  let sum = 0;
  for (let i = 0; i < d.length; i++) {
    let v = d.charCodeAt(d.length - 1 - i) - 48;
    if (i % 2 === 1) { v *= 2; if (v > 9) v -= 9; }
    sum += v;
  }
  return sum % 10 === 0;
}

function ibanOk(s) {
  const c = s.replace(/ /g, '');
  const r = c.slice(4) + c.slice(0, 4);
  let m = 0;
  for (const ch of r) {
    const code = ch.charCodeAt(0);
    const v = code >= 65 ? String(code - 55) : ch;
    for (const dch of v) m = (m * 10 + (dch.charCodeAt(0) - 48)) % 97;
  }
  return m === 1;
}

export function scrub(text) {
  return text
    .replace(EMAIL, '[EMAIL_ADDRESS]')
    .replace(IBAN, (m) => (ibanOk(m) ? '[IBAN_CODE]' : m))
    .replace(CARD, (m) => (luhn(m) ? '[CREDIT_CARD]' : m))
    .replace(SSN, '[US_SSN]')
    .replace(PHONE, '[PHONE_NUMBER]');
}

export function maskEmail(v) {
  const at = v.lastIndexOf('@');
  if (at < 0) return '*'.repeat(v.length);
  return '*'.repeat(at) + v.slice(at);
}

export function maskCard(v) {
  let keep = 4;
  const chars = v.split('');
  for (let i = chars.length - 1; i >= 0; i--) {
    if (chars[i] >= '0' && chars[i] <= '9') {
      if (keep > 0) keep--;
      else chars[i] = '*';
    }
  }
  return chars.join('');
}

// Pre-keyed HMAC state, cloned per cell (as the wasm does): the fair, fast
// way with @noble/hashes.
export function makeHasher(key) {
  const keyed = hmac.create(sha256, utf8ToBytes(key));
  return (v) => bytesToHex(keyed.clone().update(utf8ToBytes(v)).digest()).slice(0, 16);
}

/**
 * The operation per column of a job, by header name (null: keep).
 * `explicit` is run.mjs's EXPLICIT_POLICY; `notes` scrubs the notes only.
 */
export function opsFor(job, header, hash) {
  const explicit = (name) => {
    switch (name) {
      case 'email': return maskEmail;
      case 'first_name': case 'last_name': return hash;
      case 'card': return maskCard;
      case 'iban': return () => '[IBAN_CODE]';
      case 'ssn': return () => '[US_SSN]';
      case 'notes': return scrub;
      default: return null;
    }
  };
  if (job === 'explicit') return header.map(explicit);
  if (job === 'notes') return header.map((name) => (name === 'notes' ? scrub : null));
  throw new Error(`unknown job ${job}: explicit or notes`);
}

/** Apply `ops` to the rows of `data` from index `from`, in place. */
export function applyOps(ops, data, from) {
  for (let r = from; r < data.length; r++) {
    const row = data[r];
    for (let i = 0; i < row.length; i++) {
      const op = ops[i];
      if (op) row[i] = op(row[i]);
    }
  }
}
