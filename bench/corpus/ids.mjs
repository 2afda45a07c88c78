// Checksum-valid (or shape-faithful) identifiers that @faker-js/faker does not
// generate. Every function takes `r`, a small random source built on a seeded
// faker instance (see `randomSource`), so the corpus is deterministic.
//
// The algorithms are written from the public specifications named next to
// each function; nothing here is copied from another project.

import { createHash } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { keccak_256 } from '@noble/hashes/sha3.js';

/** A tiny random API over a seeded faker instance. */
export function randomSource(faker) {
  const r = {
    faker,
    int: (min, max) => faker.number.int({ min, max }),
    pick: (list) => list[faker.number.int({ min: 0, max: list.length - 1 })],
    chance: (p) => faker.number.float({ min: 0, max: 1 }) < p,
    digits: (n) => Array.from({ length: n }, () => String(faker.number.int({ min: 0, max: 9 }))).join(''),
    chars: (n, alphabet) => Array.from({ length: n }, () => r.pick(alphabet)).join(''),
    bytes: (n) => Uint8Array.from({ length: n }, () => faker.number.int({ min: 0, max: 255 })),
  };
  return r;
}

export const UPPER = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'];
export const LOWER = [...'abcdefghijklmnopqrstuvwxyz'];
export const DIGITS = [...'0123456789'];
const ALNUM = [...UPPER, ...LOWER, ...DIGITS];
const HEX = [...'0123456789abcdef'];

const toDigits = (s) => [...s].map(Number);

// ---------------------------------------------------------------- Luhn family

/** The Luhn check digit for a string of digits (ISO/IEC 7812-1). */
export function luhnCheckDigit(payload) {
  let sum = 0;
  const d = toDigits(payload).reverse();
  for (let i = 0; i < d.length; i++) {
    let v = d[i];
    if (i % 2 === 0) {
      v *= 2;
      if (v > 9) v -= 9;
    }
    sum += v;
  }
  return String((10 - (sum % 10)) % 10);
}

export function luhnValid(number) {
  const s = number.replace(/\D/g, '');
  return luhnCheckDigit(s.slice(0, -1)) === s.slice(-1);
}

/** Issuer ranges (IIN prefixes) and lengths of the common card brands. */
const CARD_BRANDS = {
  // 13-digit Visa numbers are long retired; 19-digit ones are issued.
  visa: { prefixes: () => ['4'], lengths: [16, 16, 16, 16, 19] },
  mastercard: { prefixes: (r) => [String(r.int(51, 55))], lengths: [16] },
  // Mastercard's 2-series, 2221-2720: missed by several tools.
  mastercard2: { prefixes: (r) => [String(r.int(2221, 2720))], lengths: [16] },
  amex: { prefixes: (r) => [r.pick(['34', '37'])], lengths: [15] },
  discover: { prefixes: (r) => [r.pick(['6011', '65', String(r.int(644, 649))])], lengths: [16] },
  jcb: { prefixes: (r) => [String(r.int(3528, 3589))], lengths: [16] },
  diners: { prefixes: (r) => [r.pick(['36', '38', '300', '305'])], lengths: [14] },
};

/** Digits only, Luhn-valid. */
export function cardDigits(r, brand) {
  const spec = CARD_BRANDS[brand];
  const prefix = spec.prefixes(r)[0];
  const length = r.pick(spec.lengths);
  const payload = prefix + r.digits(length - prefix.length - 1);
  return payload + luhnCheckDigit(payload);
}

/** A card number as people write it: compact, or grouped with one separator. */
export function formatCard(digits, style) {
  if (style === 'compact') return digits;
  const sep = style === 'dashed' ? '-' : ' ';
  if (digits.length === 15) return [digits.slice(0, 4), digits.slice(4, 10), digits.slice(10)].join(sep);
  if (digits.length === 14) return [digits.slice(0, 4), digits.slice(4, 10), digits.slice(10)].join(sep);
  return digits.match(/.{1,4}/g).join(sep);
}

export function creditCard(r) {
  const brand = r.pick(['visa', 'visa', 'mastercard', 'mastercard2', 'amex', 'discover', 'jcb', 'diners']);
  return formatCard(cardDigits(r, brand), r.pick(['compact', 'spaced', 'spaced', 'dashed']));
}

/** A 16-digit number that fails Luhn (a distractor). */
export function luhnFailing16(r) {
  const payload = r.pick(['4', '5', '3', '6', '9']) + r.digits(14);
  const good = Number(luhnCheckDigit(payload));
  return payload + String((good + r.int(1, 9)) % 10);
}

/** Canadian Social Insurance Number: 9 digits, Luhn, first digit not 0 or 8. */
export function caSin(r) {
  const payload = r.pick(['1', '2', '3', '4', '5', '6', '7', '9']) + r.digits(7);
  const d = payload + luhnCheckDigit(payload);
  return r.pick([d, `${d.slice(0, 3)} ${d.slice(3, 6)} ${d.slice(6)}`, `${d.slice(0, 3)}-${d.slice(3, 6)}-${d.slice(6)}`]);
}

// ---------------------------------------------------------------------- IBAN

// BBAN layouts per country (ECBS/SWIFT IBAN registry): n digits, a upper-case
// letters, c alphanumerics. Total length = 4 + BBAN length.
const IBAN_LAYOUTS = {
  AT: '16n', BE: '12n', BG: '4a6n8c', CH: '5n12c', CY: '8n16c', CZ: '20n', DE: '18n',
  DK: '14n', EE: '16n', ES: '20n', FI: '14n', FR: '10n11c2n', GB: '4a14n', GR: '7n16c',
  HR: '17n', HU: '24n', IE: '4a14n', IS: '22n', IT: '1a10n12c', LT: '16n', LU: '3n13c',
  LV: '4a13c', MT: '4a5n18c', NL: '4a10n', NO: '11n', PL: '24n', PT: '21n', RO: '4a16c',
  SE: '20n', SI: '15n', SK: '20n', SA: '2n18c', AE: '3n16n', TR: '5n1n16c', BR: '23n1a1c',
  IL: '19n', KW: '4a22c', QA: '4a21c', MU: '4a19n3a',
};
export const IBAN_COUNTRIES = Object.keys(IBAN_LAYOUTS);

function fromLayout(r, layout) {
  let out = '';
  for (const [, n, kind] of layout.matchAll(/(\d+)([nac])/g)) {
    const alphabet = kind === 'n' ? DIGITS : kind === 'a' ? UPPER : [...UPPER, ...DIGITS];
    out += r.chars(Number(n), alphabet);
  }
  return out;
}

/** ISO 13616 check digits: 98 - (BBAN + country + "00", letters as 10..35) mod 97. */
export function ibanCheckDigits(country, bban) {
  const rearranged = (bban + country + '00').replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  let rem = 0;
  for (const ch of rearranged) rem = (rem * 10 + Number(ch)) % 97;
  return String(98 - rem).padStart(2, '0');
}

// National check digits inside the BBAN, for the countries that have them in
// the layouts above (so the IBANs also pass a bank-level validator).
const esDigit = (digits) => {
  const w = [1, 2, 4, 8, 5, 10, 9, 7, 3, 6];
  const c = 11 - (toDigits(digits).reduce((s, d, i) => s + d * w[i], 0) % 11);
  return String(c === 11 ? 0 : c === 10 ? 1 : c);
};
const NATIONAL_CHECK = {
  // Spain: entity(4) office(4) DC(2) account(10).
  ES: (b) => b.slice(0, 8) + esDigit('00' + b.slice(0, 8)) + esDigit(b.slice(10)) + b.slice(10),
  // Belgium: the last two digits are the first ten mod 97 (97 for 0).
  BE: (b) => b.slice(0, 10) + String(Number(b.slice(0, 10)) % 97 || 97).padStart(2, '0'),
  // Norway: MOD11 with weights 5 4 3 2 7 6 5 4 3 2; a check of 10 has no number.
  NO: (b) => {
    const w = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];
    const c = 11 - (toDigits(b.slice(0, 10)).reduce((s, d, i) => s + d * w[i], 0) % 11);
    return c === 10 ? null : b.slice(0, 10) + String(c === 11 ? 0 : c);
  },
};

export function iban(r, country = r.pick(IBAN_COUNTRIES)) {
  let bban;
  do {
    bban = fromLayout(r, IBAN_LAYOUTS[country]);
    if (NATIONAL_CHECK[country]) bban = NATIONAL_CHECK[country](bban);
  } while (bban === null);
  const compact = country + ibanCheckDigits(country, bban) + bban;
  // Printed form in groups of four, or electronic form without spaces.
  return r.chance(0.5) ? compact : compact.match(/.{1,4}/g).join(' ');
}

// ------------------------------------------------------------------------ UK

/**
 * NHS number: 10 digits, weights 10..2, check = 11 - (sum mod 11); 10 is invalid.
 * Written compact or 3-3-4 with spaces, as NHS letters print it.
 */
export function nhsCheckDigit(nine) {
  const sum = toDigits(nine).reduce((s, d, i) => s + d * (10 - i), 0);
  const c = 11 - (sum % 11);
  return c === 11 ? '0' : c === 10 ? null : String(c);
}

export function ukNhs(r) {
  for (;;) {
    const nine = String(r.int(4, 9)) + r.digits(8);
    const c = nhsCheckDigit(nine);
    if (c === null) continue;
    const d = nine + c;
    return r.pick([d, `${d.slice(0, 3)} ${d.slice(3, 6)} ${d.slice(6)}`, `${d.slice(0, 3)} ${d.slice(3, 6)} ${d.slice(6)}`]);
  }
}

/** Ten digits whose NHS check digit is wrong (a distractor). */
export function nhsFailing10(r) {
  for (;;) {
    const nine = String(r.int(1, 9)) + r.digits(8);
    const c = nhsCheckDigit(nine);
    const last = r.digits(1);
    if (last !== c) return nine + last;
  }
}

/** National Insurance number (HMRC NIM39110): prefix rules, 6 digits, suffix A-D. */
export function ukNino(r) {
  const first = [...'ABCEGHJKLMNOPRSTWXYZ'];
  const second = [...'ABCEGHJKLMNPRSTWXYZ'];
  const banned = new Set(['BG', 'GB', 'KN', 'NK', 'NT', 'TN', 'ZZ']);
  let prefix;
  do prefix = r.pick(first) + r.pick(second);
  while (banned.has(prefix));
  const d = r.digits(6);
  const suffix = r.pick([...'ABCD']);
  return r.chance(0.5) ? `${prefix}${d}${suffix}` : `${prefix} ${d.slice(0, 2)} ${d.slice(2, 4)} ${d.slice(4)} ${suffix}`;
}

// ------------------------------------------------------------------------ US

/** SSN (SSA rules): area 001-899 except 666, group 01-99, serial 0001-9999. */
export function usSsn(r) {
  let area;
  do area = r.int(1, 899);
  while (area === 666);
  const s = [String(area).padStart(3, '0'), String(r.int(1, 99)).padStart(2, '0'), String(r.int(1, 9999)).padStart(4, '0')];
  return r.chance(0.85) ? s.join('-') : s.join(' ');
}

/**
 * ITIN (IRS): 9XX-GG-XXXX with group 50-65, 70-88, 90-92 or 94-99 (the IRS
 * added 50-65 in 2011; some validators, e.g. python-stdnum, still refuse them).
 */
export function usItin(r) {
  const group = r.pick([r.int(50, 65), r.int(70, 88), r.int(90, 92), r.int(94, 99)]);
  return `9${r.digits(2)}-${group}-${r.digits(4)}`;
}

/** US passport book number: 9 digits, or the next-generation letter + 8 digits. */
export function usPassport(r) {
  return r.chance(0.6) ? String(r.int(1, 9)) + r.digits(8) : r.pick([...'ACDEFGHJKLMNPRSTUVWXYZ']) + r.digits(8);
}

/** A driver licence number in the format of a few states (column context only). */
export function usDriverLicense(r) {
  return r.pick([
    () => r.pick(UPPER) + r.digits(7), // CA
    () => r.digits(9), // NY
    () => r.pick(UPPER) + r.digits(12), // FL, hyphenated on the card
    () => { const s = r.pick(UPPER) + r.digits(12); return `${s.slice(0, 4)}-${s.slice(4, 7)}-${s.slice(7, 9)}-${s.slice(9)}`; },
    () => r.digits(8), // TX
    () => r.pick(UPPER) + r.digits(3) + '-' + r.digits(4) + '-' + r.digits(4), // IL style
  ])();
}

/** ABA routing number: Federal Reserve prefix, 3-7-1 weighted sum divisible by 10. */
export function abaRouting(r) {
  const prefix = String(r.pick([r.int(1, 12), r.int(21, 32), r.int(61, 72), 80])).padStart(2, '0');
  const eight = prefix + r.digits(6);
  const w = [3, 7, 1, 3, 7, 1, 3, 7];
  const sum = toDigits(eight).reduce((s, d, i) => s + d * w[i], 0);
  return eight + String((10 - (sum % 10)) % 10);
}

/** A US bank account number: 8-17 digits, no checksum (column context only). */
export function usBankAccount(r) {
  return String(r.int(1, 9)) + r.digits(r.int(7, 16));
}

// ---------------------------------------------------------------- Europe

/** Dutch BSN: 9 digits, 9*d1 + 8*d2 + ... + 2*d8 - d9 divisible by 11. */
export function nlBsn(r) {
  for (;;) {
    const eight = String(r.int(1, 6)) + r.digits(7);
    const sum = toDigits(eight).reduce((s, d, i) => s + d * (9 - i), 0);
    const c = sum % 11;
    if (c === 10) continue;
    const d = eight + String(c);
    return r.chance(0.8) ? d : `${d.slice(0, 4)}.${d.slice(4, 6)}.${d.slice(6)}`;
  }
}

/** ISO 7064 MOD 11,10 check digit, as the German Steuer-ID uses it. */
export function iso7064Mod1110(digits) {
  let product = 10;
  for (const d of toDigits(digits)) {
    let sum = (d + product) % 10;
    if (sum === 0) sum = 10;
    product = (sum * 2) % 11;
  }
  const c = 11 - product;
  return String(c === 10 ? 0 : c);
}

/**
 * German Steuerliche Identifikationsnummer: 11 digits, first not 0; among the
 * first ten one digit appears twice (or three times, adjacent at most twice)
 * and the rest at most once; ISO 7064 check digit.
 */
export function deTaxId(r) {
  for (;;) {
    const pool = r.faker.helpers.shuffle([...DIGITS]);
    const repeated = pool[0];
    const times = r.chance(0.7) ? 2 : 3;
    const ten = r.faker.helpers.shuffle([...pool.slice(1, 11 - times), ...Array(times).fill(repeated)]);
    const s = ten.join('');
    if (s[0] === '0' || /(\d)\1\1/.test(s)) continue;
    const d = s + iso7064Mod1110(s);
    return r.chance(0.75) ? d : `${d.slice(0, 2)} ${d.slice(2, 5)} ${d.slice(5, 8)} ${d.slice(8)}`;
  }
}

const NIF_LETTERS = 'TRWAGMYFPDXBNJZSQVHLCKE';

/** Spanish DNI/NIF: 8 digits and the letter of (number mod 23). */
export function esNif(r) {
  const n = r.digits(8);
  const sep = r.pick(['', '', '-']);
  return n + sep + NIF_LETTERS[Number(n) % 23];
}

/** Spanish NIE: X/Y/Z (read as 0/1/2), 7 digits, letter of (number mod 23). */
export function esNie(r) {
  const lead = r.pick(['X', 'Y', 'Z']);
  const n = r.digits(7);
  const value = Number(String('XYZ'.indexOf(lead)) + n);
  return lead + n + r.pick(['', '', '-']) + NIF_LETTERS[value % 23];
}

/** French NIR (numéro de sécurité sociale): 13 digits + key 97 - (n mod 97). */
export function frNir(r) {
  const sex = r.pick(['1', '2']);
  const yy = r.digits(2);
  const mm = String(r.int(1, 12)).padStart(2, '0');
  let dept;
  do dept = String(r.int(1, 95)).padStart(2, '0');
  while (dept === '20');
  const commune = String(r.int(1, 999)).padStart(3, '0');
  const order = String(r.int(1, 999)).padStart(3, '0');
  const thirteen = sex + yy + mm + dept + commune + order;
  const key = String(97 - Number(BigInt(thirteen) % 97n)).padStart(2, '0');
  return r.chance(0.5) ? thirteen + key : [sex, yy, mm, dept, commune, order, key].join(' ');
}

// Italian codice fiscale (DM 23/12/1976): odd-position values of each character.
const CF_ODD = {
  0: 1, 1: 0, 2: 5, 3: 7, 4: 9, 5: 13, 6: 15, 7: 17, 8: 19, 9: 21,
  A: 1, B: 0, C: 5, D: 7, E: 9, F: 13, G: 15, H: 17, I: 19, J: 21, K: 2, L: 4, M: 18,
  N: 20, O: 11, P: 3, Q: 6, R: 8, S: 12, T: 14, U: 16, V: 10, W: 22, X: 25, Y: 24, Z: 23,
};
const cfEven = (c) => (/\d/.test(c) ? Number(c) : c.charCodeAt(0) - 65);

export function cfCheckChar(fifteen) {
  let sum = 0;
  for (let i = 0; i < 15; i++) sum += i % 2 === 0 ? CF_ODD[fifteen[i]] : cfEven(fifteen[i]);
  return String.fromCharCode(65 + (sum % 26));
}

function cfNamePart(name, isFirstName) {
  const letters = name.toUpperCase().normalize('NFD').replace(/[^A-Z]/g, '');
  const cons = letters.replace(/[AEIOU]/g, '');
  const vows = letters.replace(/[^AEIOU]/g, '');
  if (isFirstName && cons.length >= 4) return cons[0] + cons[2] + cons[3];
  return (cons + vows + 'XXX').slice(0, 3);
}

/** A codice fiscale for the given person (or a random one). */
export function itFiscalCode(r, first = r.faker.person.firstName(), last = r.faker.person.lastName()) {
  const yy = r.digits(2);
  const month = r.pick([...'ABCDEHLMPRST']);
  const day = r.int(1, 28) + (r.chance(0.5) ? 40 : 0);
  const comune = r.pick([...'ABCDEFGHILM']) + r.digits(3);
  const fifteen = cfNamePart(last, false) + cfNamePart(first, true) + yy + month + String(day).padStart(2, '0') + comune;
  return fifteen + cfCheckChar(fifteen);
}

// --------------------------------------------------------------------- India

// Verhoeff's dihedral-group check digit, used by Aadhaar.
const V_D = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 2, 3, 4, 0, 6, 7, 8, 9, 5], [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
  [3, 4, 0, 1, 2, 8, 9, 5, 6, 7], [4, 0, 1, 2, 3, 9, 5, 6, 7, 8], [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
  [6, 5, 9, 8, 7, 1, 0, 4, 3, 2], [7, 6, 5, 9, 8, 2, 1, 0, 4, 3], [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
  [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
];
const V_P = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 5, 7, 6, 2, 8, 3, 0, 9, 4], [5, 8, 0, 3, 7, 9, 6, 1, 4, 2],
  [8, 9, 1, 6, 0, 4, 3, 5, 2, 7], [9, 4, 5, 3, 1, 2, 6, 8, 7, 0], [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
  [2, 7, 9, 3, 8, 0, 6, 4, 1, 5], [7, 0, 4, 6, 9, 1, 3, 2, 5, 8],
];
const V_INV = [0, 4, 3, 2, 1, 5, 6, 7, 8, 9];

export function verhoeffCheckDigit(payload) {
  let c = 0;
  const d = toDigits(payload).reverse();
  for (let i = 0; i < d.length; i++) c = V_D[c][V_P[(i + 1) % 8][d[i]]];
  return String(V_INV[c]);
}

export function verhoeffValid(number) {
  let c = 0;
  const d = toDigits(number).reverse();
  for (let i = 0; i < d.length; i++) c = V_D[c][V_P[i % 8][d[i]]];
  return c === 0;
}

/** Aadhaar: 12 digits, first 2-9, Verhoeff check digit; often printed 4-4-4. */
export function inAadhaar(r) {
  const eleven = String(r.int(2, 9)) + r.digits(10);
  const d = eleven + verhoeffCheckDigit(eleven);
  return r.chance(0.6) ? `${d.slice(0, 4)} ${d.slice(4, 8)} ${d.slice(8)}` : d;
}

// ----------------------------------------------------------------- Australia

/** Tax File Number: 9 digits, weights 1 4 3 7 5 8 6 9 10, sum divisible by 11. */
export function auTfn(r) {
  const w = [1, 4, 3, 7, 5, 8, 6, 9];
  for (;;) {
    const eight = String(r.int(1, 9)) + r.digits(7);
    const s = toDigits(eight).reduce((a, d, i) => a + d * w[i], 0);
    // 10 * d9 = -d9 (mod 11), so d9 = s mod 11.
    const c = s % 11;
    if (c === 10) continue;
    const d = eight + String(c);
    return r.chance(0.6) ? `${d.slice(0, 3)} ${d.slice(3, 6)} ${d.slice(6)}` : d;
  }
}

/** Medicare card number: first digit 2-6, weights 1 3 7 9 1 3 7 9, then issue no. */
export function auMedicare(r) {
  const w = [1, 3, 7, 9, 1, 3, 7, 9];
  const eight = String(r.int(2, 6)) + r.digits(7);
  const check = toDigits(eight).reduce((a, d, i) => a + d * w[i], 0) % 10;
  const d = eight + String(check) + String(r.int(1, 9));
  return r.chance(0.6) ? `${d.slice(0, 4)} ${d.slice(4, 9)} ${d.slice(9)}` : d;
}

// ----------------------------------------------------------------- Singapore

/** NRIC/FIN: S/T/F/G + 7 digits + check letter (weights 2 7 6 5 4 3 2). */
export function sgNric(r) {
  const prefix = r.pick(['S', 'T', 'F', 'G']);
  const d = r.digits(7);
  const w = [2, 7, 6, 5, 4, 3, 2];
  let s = toDigits(d).reduce((a, x, i) => a + x * w[i], 0);
  if (prefix === 'T' || prefix === 'G') s += 4;
  const table = prefix === 'S' || prefix === 'T' ? 'JZIHGFEDCBA' : 'XWUTRQPNMLK';
  return prefix + d + table[s % 11];
}

// -------------------------------------------------------------------- crypto

const B58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
const sha256 = (b) => new Uint8Array(createHash('sha256').update(b).digest());

function base58(bytes) {
  let n = BigInt('0x' + (Buffer.from(bytes).toString('hex') || '0'));
  let out = '';
  while (n > 0n) {
    out = B58[Number(n % 58n)] + out;
    n /= 58n;
  }
  for (const b of bytes) {
    if (b !== 0) break;
    out = '1' + out;
  }
  return out;
}

/** Base58Check (Bitcoin): version byte, payload, 4 bytes of double SHA-256. */
export function base58check(version, payload) {
  const body = new Uint8Array([version, ...payload]);
  const check = sha256(sha256(body)).slice(0, 4);
  return base58(new Uint8Array([...body, ...check]));
}

// BIP 173 / BIP 350 bech32 and bech32m.
const BECH = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';
function polymod(values) {
  const gen = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];
  let chk = 1;
  for (const v of values) {
    const top = chk >>> 25;
    chk = ((chk & 0x1ffffff) << 5) ^ v;
    for (let i = 0; i < 5; i++) if ((top >>> i) & 1) chk ^= gen[i];
  }
  return chk >>> 0;
}
function convertBits(bytes, from, to) {
  let acc = 0;
  let bits = 0;
  const out = [];
  for (const b of bytes) {
    acc = (acc << from) | b;
    bits += from;
    while (bits >= to) {
      bits -= to;
      out.push((acc >>> bits) & ((1 << to) - 1));
    }
  }
  if (bits > 0) out.push((acc << (to - bits)) & ((1 << to) - 1));
  return out;
}
export function segwitAddress(hrp, version, program) {
  const data = [version, ...convertBits(program, 8, 5)];
  const hrpx = [...[...hrp].map((c) => c.charCodeAt(0) >> 5), 0, ...[...hrp].map((c) => c.charCodeAt(0) & 31)];
  const constant = version === 0 ? 1 : 0x2bc830a3;
  const mod = polymod([...hrpx, ...data, 0, 0, 0, 0, 0, 0]) ^ constant;
  const checksum = Array.from({ length: 6 }, (_, i) => (mod >>> (5 * (5 - i))) & 31);
  return hrp + '1' + [...data, ...checksum].map((v) => BECH[v]).join('');
}

/** EIP-55 mixed-case checksum address. */
export function eip55(hex40) {
  const lower = hex40.toLowerCase();
  const hash = Buffer.from(keccak_256(new TextEncoder().encode(lower))).toString('hex');
  return '0x' + [...lower].map((c, i) => (parseInt(hash[i], 16) >= 8 ? c.toUpperCase() : c)).join('');
}

export function cryptoAddress(r) {
  return r.pick([
    () => base58check(0x00, r.bytes(20)), // P2PKH, starts with 1
    () => base58check(0x05, r.bytes(20)), // P2SH, starts with 3
    () => segwitAddress('bc', 0, r.bytes(20)), // P2WPKH, bc1q...
    () => segwitAddress('bc', 1, r.bytes(32)), // P2TR (bech32m), bc1p...
    () => eip55(Buffer.from(r.bytes(20)).toString('hex')), // Ethereum, checksummed
    () => '0x' + Buffer.from(r.bytes(20)).toString('hex'), // Ethereum, all lower case
  ])();
}

// ------------------------------------------------------------------- secrets

const B62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
function base62(n) {
  let out = '';
  do {
    out = B62[n % 62] + out;
    n = Math.floor(n / 62);
  } while (n > 0);
  return out;
}
const b64url = (bytes) => Buffer.from(bytes).toString('base64url');

/** A JSON Web Token (HS256 header, small payload, random signature). */
export function jwt(r) {
  const header = b64url(Buffer.from(JSON.stringify({ alg: r.pick(['HS256', 'RS256']), typ: 'JWT' })));
  const payload = b64url(Buffer.from(JSON.stringify({
    sub: String(r.int(1000, 999999)), name: r.faker.person.fullName(), iat: r.int(1.5e9, 1.75e9),
  })));
  return `${header}.${payload}.${b64url(r.bytes(32))}`;
}

/** A PEM private key block: header line, base64 body in 64-char lines, footer. */
export function pemPrivateKey(r) {
  const label = r.pick(['RSA PRIVATE KEY', 'PRIVATE KEY', 'EC PRIVATE KEY', 'OPENSSH PRIVATE KEY']);
  // A DER SEQUENCE header makes the body start with "MII", like real keys.
  const der = new Uint8Array([0x30, 0x82, 0x04, 0xa4, ...r.bytes(r.int(90, 180))]);
  const body = Buffer.from(der).toString('base64').match(/.{1,64}/g).join('\n');
  return `-----BEGIN ${label}-----\n${body}\n-----END ${label}-----`;
}

/** API tokens in the documented shapes of the big providers. */
export function apiKey(r, kind = r.pick(['aws', 'github', 'github_pat', 'gitlab', 'slack', 'stripe', 'openai', 'openai_proj', 'jwt'])) {
  const b32 = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'];
  switch (kind) {
    case 'aws':
      return r.pick(['AKIA', 'ASIA']) + r.chars(16, b32);
    case 'github': {
      // 30 random base62 characters then a CRC32 of them in 6 base62 characters.
      const body = r.chars(30, ALNUM);
      return r.pick(['ghp_', 'gho_', 'ghs_', 'ghu_']) + body + base62(crc32(body)).padStart(6, '0');
    }
    case 'github_pat':
      return `github_pat_11${r.chars(20, [...UPPER, ...DIGITS])}_${r.chars(59, ALNUM)}`;
    case 'gitlab':
      return 'glpat-' + r.chars(20, [...ALNUM, '-', '_']);
    case 'slack':
      return r.chance(0.5)
        ? `xoxb-${r.digits(12)}-${r.digits(13)}-${r.chars(24, ALNUM)}`
        : `xoxp-${r.digits(12)}-${r.digits(12)}-${r.digits(13)}-${r.chars(32, HEX)}`;
    case 'stripe':
      return r.pick(['sk_live_', 'sk_test_', 'rk_live_']) + r.chars(r.pick([24, 99]), ALNUM);
    case 'openai':
      return `sk-${r.chars(20, ALNUM)}T3BlbkFJ${r.chars(20, ALNUM)}`;
    case 'openai_proj':
      return `sk-proj-${r.chars(r.pick([48, 74, 156]), [...ALNUM, '-', '_'])}`;
    case 'jwt':
      return jwt(r);
    default:
      throw new Error(`unknown key kind ${kind}`);
  }
}

// --------------------------------------------------------------- distractors

/** EAN-13 barcode: 12 digits + GS1 mod-10 check (weights 1,3). */
export function ean13(r) {
  const twelve = r.pick(['400', '500', '590', '760', '800', '871', '978']) + r.digits(9);
  const s = toDigits(twelve).reduce((a, d, i) => a + d * (i % 2 === 0 ? 1 : 3), 0);
  return twelve + String((10 - (s % 10)) % 10);
}

export function orderId(r) {
  return r.pick([
    () => `ORD-${r.int(2015, 2025)}-${r.digits(6)}`,
    () => `PO-${r.digits(8)}`,
    () => `INV/${r.int(2019, 2025)}/${r.digits(5)}`,
    () => `#${r.int(100000, 999999)}`,
  ])();
}

export function sku(r) {
  return r.pick([
    () => `${r.chars(3, UPPER)}-${r.digits(4)}-${r.chars(2, UPPER)}`,
    () => `SKU-${r.digits(3)}-${r.digits(3)}-${r.digits(4)}`,
    () => `${r.chars(2, UPPER)}${r.digits(5)}-${r.digits(2)}`,
  ])();
}

export const version4 = (r) => `${r.int(1, 20)}.${r.int(0, 12)}.${r.int(0, 9)}.${r.int(0, 4000)}`;
export const hexHash = (r, n = r.pick([32, 40, 64])) => r.chars(n, HEX);
export const productCode = (r) => r.pick([() => `${r.digits(5)}`, () => `${r.digits(5)}-${r.digits(3)}`, () => `P${r.digits(5)}`])();
