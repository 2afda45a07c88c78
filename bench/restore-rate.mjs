#!/usr/bin/env node
// The restore rate on a mangled-answer set written here: every token of a
// masked people file, each put into an answer in one of the ways an AI or a
// renderer may change it, then restored; a variant counts as restored when
// the original comes back exactly in its place. Prints the rate per variant.
//
//   node bench/restore-rate.mjs [ROWS]     (needs pkg/: bash scripts/build.sh)
import { init, Vault, maskBytes, restore } from '../pkg/node.js';

await init();
const rows = Number(process.argv[2] ?? 500);
const first = ['Ann', 'Bo', 'Chloé', 'Dmitri', 'Eve', 'Farah', 'Günter', 'Hana', 'Ivo', 'Jun'];
const last = ['Lee', 'Kim', 'Okafor', 'Nguyen', 'Rossi', "O'Brien", 'Müller', 'Silva'];
const lines = ['name,email'];
for (let i = 0; i < rows; i++) {
  const f = first[i % first.length];
  const l = last[Math.floor(i / first.length) % last.length];
  lines.push(`${f} ${l} ${i},${f.toLowerCase()}.${i}@example.com`);
}
const vault = new Vault();
const policy = { version: 1, columns: { name: { op: 'tokenize', entity: 'PERSON' }, email: { op: 'tokenize' } } };
const masked = new TextDecoder().decode(maskBytes(lines.join('\n') + '\n', policy, { key: 'bench key: not a secret, 32 bytes', vault }).output);
const pairs = masked.trim().split('\n').slice(1).flatMap((l, i) => {
  const [n, e] = l.split(',');
  const [on, oe] = lines[i + 1].split(',');
  return [[n, on], [e, oe]];
});

// Each variant: the text before, the token as changed, the text after; it
// is restored when the answer comes back as before + original + after.
const sep = (s) => (t) => ['', t.replace(/_(\d+)$/, `${s}$1`), ''];
const wrap = (a, b) => (t) => [a, t, b];
const variants = {
  'as written': wrap('', ''),
  quoted: wrap('"', '"'),
  'curly quotes': wrap('“', '”'),
  bold: wrap('**', '**'),
  italic: wrap('*', '*'),
  code: wrap('`', '`'),
  'HTML tag around': wrap('<b>', '</b>'),
  'link text': wrap('[', '](#)'),
  'JSON value': wrap('{"who": "', '"}'),
  'lower case': (t) => ['', t.toLowerCase(), ''],
  'title case': (t) => ['', t[0] + t.slice(1).toLowerCase(), ''],
  'mixed case': (t) => ['', [...t].map((c, i) => (i % 2 ? c.toLowerCase() : c)).join(''), ''],
  possessive: wrap('', "'s"),
  'curly possessive': wrap('', '’s'),
  plural: wrap('', 's'),
  'full stop after': wrap('', '.'),
  hyphen: sep('-'),
  space: sep(' '),
  'two spaces': sep('  '),
  'non-breaking hyphen': sep('\u2011'),
  'en dash': sep('\u2013'),
  'non-breaking space': sep('\u00a0'),
  'narrow no-break space': sep('\u202f'),
  'zero-width space': sep('\u200b'),
  'soft hyphen': sep('\u00ad'),
  'line break': sep('_\n'),
  'Markdown escape': (t) => ['', t.replaceAll('_', '\\_'), ''],
  'double underscore': sep('__'),
  'every _ a space': (t) => ['', t.replaceAll('_', ' '), ''],
  'number split by a space': (t) => ['', t.replace(/(\d{3})(\d{3})$/, '$1 $2'), ''],
  'angle brackets': wrap('<', '>'),
  'square brackets': wrap('[', ']'),
  // Not expected to come back: the token is changed or gone.
  'a digit dropped': (t) => ['', t.slice(0, -1), ''],
  'paraphrased away': () => ['', 'the customer', ''],
};
let total = 0;
let restored = 0;
const rate = {};
for (const [name, v] of Object.entries(variants)) {
  let ok = 0;
  for (const [token, original] of pairs) {
    const [pre, tok, post] = v(token);
    const got = restore(`Note: ${pre}${tok}${post} has an open invoice.`, vault).text;
    if (got === `Note: ${pre}${original}${post} has an open invoice.`) ok++;
  }
  rate[name] = ok / pairs.length;
  total += pairs.length;
  restored += ok;
}
for (const [name, r] of Object.entries(rate)) console.log(`${(r * 100).toFixed(1).padStart(6)}%  ${name}`);
console.log(`${((restored / total) * 100).toFixed(1).padStart(6)}%  all ${Object.keys(variants).length} variants, ${pairs.length} tokens each`);
