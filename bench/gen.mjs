#!/usr/bin/env node
// Writes a realistic, deterministic CSV for the benchmarks.
//
//   node bench/gen.mjs SIZE_MB [OUT.csv] [--seed N]
//
// 15 columns: id, first_name, last_name, email, phone, card, iban, ssn, ip,
// signup_date, city, country, plan, amount, notes. The notes are free text
// with emails, phones, cards, IBANs and SSNs written into sentences, plus
// accented and non-Latin words (the scrub must cope with them). Cards pass
// Luhn, IBANs pass mod 97, SSNs are in valid ranges. Same seed, same bytes.
// No dependencies.

import { createWriteStream } from 'node:fs';

const args = process.argv.slice(2);
const seedAt = args.indexOf('--seed');
const seed = seedAt >= 0 ? Number(args.splice(seedAt, 2)[1]) : 20240521;
const sizeMb = Number(args[0]);
const outPath = args[1] ?? `bench/data-${sizeMb}mb.csv`;
if (!(sizeMb > 0)) {
  console.error('usage: node bench/gen.mjs SIZE_MB [OUT.csv] [--seed N]');
  process.exit(2);
}

// mulberry32: small, fast, deterministic.
let state = seed >>> 0;
function rand() {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const int = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1)); // inclusive
const pick = (list) => list[Math.floor(rand() * list.length)];
const digits = (n) => Array.from({ length: n }, () => int(0, 9)).join('');
const pad = (n, w) => String(n).padStart(w, '0');

const FIRST = [
  'Anna', 'Ben', 'Chloé', 'David', 'Elif', 'Farah', 'Giulia', 'Hugo', 'Ines', 'Jonas',
  'Kenji', 'Laura', 'Mateo', 'Nadia', 'Oskar', 'Priya', 'Quentin', 'Rosa', 'Sven', 'Tomás',
  'Uma', 'Viktor', 'Wen', 'Ximena', 'Yusuf', 'Zoë', 'Amélie', 'Björn', 'Carmen', 'Dmitri',
  'Emma', 'Fatima', 'Grace', 'Hiroshi', 'Ivan', 'Julia', 'Kwame', 'Lena', 'Mohammed', 'Noah',
  'Olivia', 'Pablo', 'Sofia', 'Liam', 'Mia', 'Lucas', 'Aisha', 'Jakub', 'Elena', 'Rahul',
];
const LAST = [
  'Müller', 'Smith', 'García', 'Rossi', 'Dubois', 'Nowak', 'Jensen', 'Silva', 'Kowalski', 'Novák',
  'Johansson', 'Yılmaz', 'Papadopoulos', 'Tanaka', 'Kim', 'Nguyen', 'Okafor', 'Haddad', 'Patel', 'Cohen',
  "O'Brien", 'van der Berg', 'Fernández', 'Schmidt', 'Ivanova', 'Lindqvist', 'Moreau', 'Costa', 'Horvat', 'Lambert',
  'Walker', 'Brown', 'Wilson', 'Taylor', 'Anderson', 'Thomas', 'Martin', 'Lee', 'Clark', 'Lewis',
];
const DOMAINS = ['example.com', 'mail.example.org', 'corp.example.net', 'example.co.uk', 'post.example.de'];
const CITIES = [
  ['Berlin', 'DE'], ['München', 'DE'], ['Paris', 'FR'], ['Lyon', 'FR'], ['Madrid', 'ES'],
  ['São Paulo', 'BR'], ['London', 'GB'], ['Manchester', 'GB'], ['New York', 'US'], ['San Francisco', 'US'],
  ['Zürich', 'CH'], ['Kraków', 'PL'], ['Göteborg', 'SE'], ['Tokyo', 'JP'], ['Amsterdam', 'NL'],
  ['Milano', 'IT'], ['Wien', 'AT'], ['Dublin', 'IE'], ['Austin', 'US'], ['Toronto', 'CA'],
];
const PLANS = ['free', 'basic', 'pro', 'team', 'enterprise'];
const AREA = [212, 312, 415, 617, 646, 202, 305, 512, 206, 303];
const FILLER = [
  'customer asked about the invoice', 'prefers contact in the morning', 'VIP since 2019',
  'moved to a new address last month', 'requested a refund for the duplicate charge',
  'café order delayed — très désolé', 'naïve question about the API', 'Grüße aus dem Süden',
  '日本語のサポートを希望', 'escalated to tier 2', 'no further action needed', 'renewal due soon',
];

const stripAccents = (s) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^A-Za-z]/g, '').toLowerCase();

function luhnCard() {
  const prefix = pick(['4', '51', '52', '53', '54', '55', '4', '37']);
  const len = prefix === '37' ? 15 : 16;
  let body = prefix + digits(len - prefix.length - 1);
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let d = body.charCodeAt(body.length - 1 - i) - 48;
    if (i % 2 === 0) { d *= 2; if (d > 9) d -= 9; }
    sum += d;
  }
  body += String((10 - (sum % 10)) % 10);
  const style = int(0, 2);
  if (style === 0 || len === 15) return body;
  const sep = style === 1 ? ' ' : '-';
  return body.match(/.{1,4}/g).join(sep);
}

function mod97(numeric) {
  let m = 0;
  for (const ch of numeric) m = (m * 10 + (ch.charCodeAt(0) - 48)) % 97;
  return m;
}
function iban() {
  const [cc, len] = pick([['DE', 18], ['FR', 23], ['NL', 14], ['GB', 18], ['ES', 20]]);
  let bban;
  if (cc === 'NL') bban = 'ABNA' + digits(10);
  else if (cc === 'GB') bban = 'NWBK' + digits(14);
  else bban = digits(len);
  const letters = (s) => s.replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  const check = pad(98 - mod97(letters(bban + cc + '00')), 2);
  const compact = cc + check + bban;
  return rand() < 0.5 ? compact : compact.match(/.{1,4}/g).join(' ');
}
function ssn() {
  let area = int(1, 899);
  if (area === 666) area = 667;
  return `${pad(area, 3)}-${pad(int(1, 99), 2)}-${pad(int(1, 9999), 4)}`;
}
function phone() {
  const a = pick(AREA), x = int(200, 999), n = pad(int(0, 9999), 4);
  switch (int(0, 4)) {
    case 0: return `(${a}) ${x}-${n}`;
    case 1: return `+1 ${a} ${x} ${n}`;
    case 2: return `${a}-${x}-${n}`;
    case 3: return `+44 20 ${int(7000, 8999)} ${n}`;
    default: return `+49 30 ${int(1000000, 9999999)}`;
  }
}
const ip = () => (rand() < 0.85
  ? `${int(1, 223)}.${int(0, 255)}.${int(0, 255)}.${int(1, 254)}`
  : `2001:db8:${int(0, 65535).toString(16)}::${int(1, 65535).toString(16)}`);
const date = () => `${int(2015, 2024)}-${pad(int(1, 12), 2)}-${pad(int(1, 28), 2)}`;
function email(first, last) {
  const f = stripAccents(first), l = stripAccents(last);
  const local = pick([`${f}.${l}`, `${f[0]}${l}`, `${f}${int(1, 99)}`, `${l}.${f}`]);
  return `${local}@${pick(DOMAINS)}`;
}

function note(first, last) {
  const parts = [];
  const n = int(1, 3);
  for (let i = 0; i < n; i++) {
    switch (int(0, 7)) {
      case 0: parts.push(`Call ${first} at ${phone()} after 5pm`); break;
      case 1: parts.push(`new email is ${email(first, last)}, old one bounced`); break;
      case 2: parts.push(`card ${luhnCard()} declined twice`); break;
      case 3: parts.push(`refund to IBAN ${iban()} approved`); break;
      case 4: parts.push(`SSN ${ssn()} verified by phone`); break;
      default: parts.push(pick(FILLER));
    }
  }
  return parts.join('; ') + '.';
}

function quote(s) {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const HEADER = 'id,first_name,last_name,email,phone,card,iban,ssn,ip,signup_date,city,country,plan,amount,notes\n';
const target = Math.round(sizeMb * 1024 * 1024);
const out = createWriteStream(outPath);
let written = 0;
let id = 1;
let buf = HEADER;

function row() {
  const first = pick(FIRST), last = pick(LAST);
  const [city, country] = pick(CITIES);
  const cells = [
    String(id++), first, last, email(first, last), phone(), luhnCard(), iban(), ssn(), ip(), date(),
    city, country, pick(PLANS), (int(0, 99999) / 100).toFixed(2), note(first, last),
  ];
  return cells.map(quote).join(',') + '\n';
}

function writeMore() {
  while (written < target) {
    while (buf.length < 1 << 16) buf += row();
    const chunk = Buffer.from(buf, 'utf8');
    buf = '';
    written += chunk.length;
    if (!out.write(chunk)) { out.once('drain', writeMore); return; }
  }
  out.end(() => console.error(`wrote ${outPath}: ${(written / 1048576).toFixed(1)} MiB, ${id - 1} rows`));
}
writeMore();
