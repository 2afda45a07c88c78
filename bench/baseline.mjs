#!/usr/bin/env node
// The JavaScript way of the benchmark job, for comparison with pii-mask:
// Papa Parse (streaming) + one JS regex per entity for the notes scrub +
// HMAC-SHA256 from @noble/hashes for the names + simple masks.
//
//   node bench/baseline.mjs IN.csv [OUT.csv]        (OUT defaults to /dev/null)
//
// The job (the same as `EXPLICIT_POLICY` in run.mjs):
//   email        mask: local part -> '*', domain kept
//   first_name,
//   last_name    HMAC-SHA256 under the key, hex, first 16 chars
//   card         mask: every digit but the last four -> '*', separators kept
//   iban, ssn    redact: [IBAN_CODE], [US_SSN]
//   notes        scrub: emails, phones, cards (Luhn), IBANs (mod 97), SSNs -> [ENTITY]
//   the rest     keep
// Needs `npm install` in bench/ (papaparse, @noble/hashes; exact versions).

import { createReadStream, createWriteStream } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';
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

/** Runs the job from `inPath` to `outPath`; resolves to { rows, bytesOut }. */
export function runBaseline(inPath, outPath = '/dev/null', key = BENCH_KEY) {
  const hash = makeHasher(key);
  const out = createWriteStream(outPath);
  let ops = null;
  let rows = 0;
  let bytesOut = 0;
  const opFor = (name) => {
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
  return new Promise((resolve, reject) => {
    Papa.parse(createReadStream(inPath, { highWaterMark: 1 << 20 }), {
      delimiter: ',',
      newline: '\n',
      skipEmptyLines: true,
      // Papa's streaming mode: one callback per parsed chunk of rows.
      chunk(results, parser) {
        const data = results.data;
        let from = 0;
        if (ops === null) {
          ops = data[0].map(opFor);
          from = 1;
        }
        for (let r = from; r < data.length; r++) {
          const row = data[r];
          for (let i = 0; i < row.length; i++) {
            const op = ops[i];
            if (op !== null && op !== undefined) row[i] = op(row[i]);
          }
        }
        rows += data.length - from;
        if (data.length === 0) return;
        const text = Papa.unparse(data, { newline: '\n' }) + '\n';
        bytesOut += Buffer.byteLength(text);
        if (!out.write(text)) {
          parser.pause();
          out.once('drain', () => parser.resume());
        }
      },
      complete() {
        out.end(() => resolve({ rows, bytesOut }));
      },
      error: reject,
    });
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [inPath, outPath] = process.argv.slice(2);
  if (!inPath) {
    console.error('usage: node bench/baseline.mjs IN.csv [OUT.csv]');
    process.exit(2);
  }
  const t0 = performance.now();
  const { rows } = await runBaseline(inPath, outPath);
  console.error(`baseline: ${rows} rows in ${((performance.now() - t0) / 1000).toFixed(2)} s`);
}
