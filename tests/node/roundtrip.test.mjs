// The AI round trip through the JS API: a CSV masked with tokens into a
// Vault, answers an AI might write about the masked rows (tokens quoted,
// re-cased, wrapped in Markdown, with a hyphen, space or line break for `_`,
// reordered, arriving in chunks cut anywhere), each restored exactly; text
// that only looks like a token left alone and counted; the masked CSV
// restored cell for cell; the vault exported, opened and refused when its
// passphrase is wrong or its file cut or changed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KEY, dec, enc, loadPkg, parseCsv, peopleCsv, rng } from './helpers.mjs';

const api = await loadPkg();
const { Vault, maskBytes, restore, restoreCsv, createRestoreStream } = api;

const POLICY = {
  version: 1,
  default: { op: 'keep' },
  columns: {
    name: { op: 'tokenize', entity: 'PERSON' },
    email: { op: 'tokenize' },
    phone: { op: 'tokenize' },
    notes: { op: 'scrub', replace: 'tokenize' },
  },
};
const PASSPHRASE = 'Tr0mbone-Harbour-Violet-42';

function maskPeople(n, seed, vault) {
  const data = peopleCsv(n, { seed });
  const { output, report } = maskBytes(data.text, POLICY, { key: KEY, vault });
  return { ...data, masked: dec.decode(output), report };
}

/** [token, original] for every tokenized whole cell of the masked rows. */
function pairs(data) {
  const masked = parseCsv(data.masked).slice(1);
  const out = [];
  for (const [i, row] of masked.entries()) {
    for (const c of [1, 2, 3]) out.push([row[c], data.rows[i][c]]);
  }
  return out;
}

// What an AI (or the renderer on the way) may do to a token.
const VARIANTS = [
  (t) => t,
  (t) => `"${t}"`,
  (t) => `**${t}**`,
  (t) => `_${t}_`,
  (t) => `\`${t}\``,
  (t) => t.toLowerCase(),
  (t) => t[0] + t.slice(1).toLowerCase(),
  (t) => `${t}'s`,
  (t) => `(${t})`,
  (t) => t.replace(/_(\d+)$/, '-$1'),
  (t) => t.replace(/_(\d+)$/, ' $1'),
  (t) => t.replace(/_(\d+)$/, '\u2011$1'), // non-breaking hyphen
  (t) => t.replace(/_(\d+)$/, '\u00a0$1'), // non-breaking space
  (t) => t.replace(/_(\d+)$/, '_\n$1'), // a line break after the underscore
  (t) => t.replaceAll('_', '\\_'), // Markdown-escaped
  (t) => `[${t}](#)`,
];
// The same wrapping around the original, where the variant keeps some.
const AROUND = [
  (v) => v,
  (v) => `"${v}"`,
  (v) => `**${v}**`,
  (v) => `_${v}_`,
  (v) => `\`${v}\``,
  (v) => v,
  (v) => v,
  (v) => `${v}'s`,
  (v) => `(${v})`,
  (v) => v,
  (v) => v,
  (v) => v,
  (v) => v,
  (v) => v,
  (v) => v,
  (v) => `[${v}](#)`,
];

/** An answer about the tokens in a shuffled order, and what it must restore to. */
function answer(tokenPairs, seed) {
  const r = rng(seed);
  const order = tokenPairs.map((p) => [r(), p]).sort((a, b) => a[0] - b[0]).map(([, p]) => p);
  const lines = ['# Overdue accounts 📋', ''];
  const want = ['# Overdue accounts 📋', ''];
  for (const [i, [token, original]] of order.entries()) {
    const k = i % VARIANTS.length;
    lines.push(`- ${VARIANTS[k](token)} has 3 overdue invoices 🧾; follow up.`);
    want.push(`- ${AROUND[k](original)} has 3 overdue invoices 🧾; follow up.`);
  }
  return { text: lines.join('\n') + '\n', want: want.join('\n') + '\n', count: order.length };
}

async function throughStream(vault, chunks) {
  const stream = createRestoreStream(vault);
  const reader = new ReadableStream({
    start(c) {
      for (const x of chunks) c.enqueue(x);
      c.close();
    },
  }).pipeThrough(stream);
  let out = '';
  for await (const part of reader) out += part;
  return { text: out, report: await stream.report };
}

/** `text` cut at random places (in UTF-16 units: a surrogate pair may be cut too). */
function cuts(text, seed, max) {
  const r = rng(seed);
  const out = [];
  for (let at = 0; at < text.length; ) {
    const n = 1 + Math.floor(r() * max);
    out.push(text.slice(at, at + n));
    at += n;
  }
  return out;
}

test('every mangled token of an AI-like answer is restored exactly, at once and through a stream cut anywhere', async () => {
  const vault = new Vault();
  const data = maskPeople(60, 7, vault);
  assert.ok(!data.masked.includes(data.rows[0][1]), 'the masked CSV has no name');
  const { text, want, count } = answer(pairs(data), 3);
  const once = restore(text, vault);
  assert.equal(once.text, want);
  const restored = Object.values(once.report.restored).reduce((a, b) => a + b, 0);
  assert.equal(restored, count);
  assert.equal(once.report.unknown, 0);
  for (const [seed, max] of [[1, 1], [2, 3], [3, 17], [4, 200]]) {
    const got = await throughStream(vault, cuts(text, seed, max));
    assert.equal(got.text, want, `cuts of at most ${max}`);
    assert.deepEqual(got.report, once.report);
  }
  vault.free();
});

test('text that only looks like a token is left as it is; the token-shaped ones are counted', () => {
  const vault = new Vault();
  const data = maskPeople(20, 5, vault);
  const taken = new Set(pairs(data).map(([t]) => t));
  let absent = 100000;
  while (taken.has(`PERSON_${absent}`)) absent++;
  const text = [
    `PERSON_${absent} is not in the vault.`, // shaped like a token: counted
    'PERSON_12 neither.', // an underscore and a number: counted
    'person 2 is prose.', // not counted
    `XPERSON_${absent} and PERSONAL_123456 are other words.`,
    'EMAIL_ADDRESS alone, PHONE_NUMBER_ without digits.',
  ].join('\n');
  const got = restore(text, vault);
  assert.equal(got.text, text);
  assert.equal(got.report.unknown, 2);
  assert.deepEqual(got.report.restored, {});
  vault.free();
});

test('restoring the masked CSV gives the original back, cell for cell and byte for byte', () => {
  const vault = new Vault();
  const data = maskPeople(150, 9, vault);
  const { output, report } = restoreCsv(data.masked, vault);
  const back = dec.decode(output);
  assert.deepEqual(parseCsv(back), parseCsv(data.text));
  assert.equal(back, data.text);
  assert.equal(report.unknown, 0);
  // Restored as plain text instead, a value with a comma or a line break
  // would break its row: this is why CSV has its own restorer.
  assert.ok(data.rows.some((r) => /[,\n"]/.test(r[5])));
  vault.free();
});

test('a vault exported and opened again restores the same; its file holds no value or token in the clear', () => {
  const vault = new Vault();
  const data = maskPeople(30, 11, vault);
  const file = vault.export(PASSPHRASE);
  assert.ok(file instanceof Uint8Array);
  assert.equal(dec.decode(file.subarray(0, 8)), 'PIIMASKV');
  const raw = Buffer.from(file).toString('latin1');
  for (const [token, original] of pairs(data)) {
    assert.ok(!raw.includes(original) && !raw.includes(token), 'no plaintext in the file');
  }
  assert.ok(!raw.includes(PASSPHRASE));
  const opened = Vault.open(file, PASSPHRASE);
  assert.ok(opened instanceof Vault);
  assert.deepEqual(opened.stats(), vault.stats());
  assert.equal(dec.decode(restoreCsv(data.masked, opened).output), data.text);
  // Two exports differ (new salt and nonce) and both open.
  const second = vault.export(PASSPHRASE);
  assert.notDeepEqual(second, file);
  assert.deepEqual(Vault.open(second, PASSPHRASE).stats(), vault.stats());
  vault.free();
  opened.free();
});

test('the same value gets the same token across files: one vault, a vault opened again, and a new vault under the same key', () => {
  const vault = new Vault();
  const a = maskPeople(40, 21, vault);
  // A second file: some of the same people in another order, other columns.
  const rows = a.rows.slice(0, 10).reverse();
  const csvB = 'email,name\n' + rows.map((r) => `${r[2]},${r[1]}`).join('\n') + '\n';
  const policyB = { version: 1, columns: { name: { op: 'tokenize', entity: 'PERSON' }, email: { op: 'tokenize' } } };
  const tokenOf = new Map(pairs(a).map(([t, o]) => [o, t]));
  const check = (v) => {
    const b = parseCsv(dec.decode(maskBytes(csvB, policyB, { key: KEY, vault: v }).output)).slice(1);
    for (const [i, r] of rows.entries()) {
      assert.equal(b[i][1], tokenOf.get(r[1]), r[1]);
      assert.equal(b[i][0], tokenOf.get(r[2]), r[2]);
    }
  };
  const before = vault.stats().tokens;
  check(vault);
  assert.equal(vault.stats().tokens, before, 'no new entries for values it holds');
  const reopened = Vault.open(vault.export(PASSPHRASE), PASSPHRASE);
  check(reopened);
  const fresh = new Vault();
  check(fresh);
  for (const v of [vault, reopened, fresh]) v.free();
});

test('a vault made under one key is refused under another', () => {
  const vault = new Vault();
  maskPeople(3, 1, vault);
  assert.throws(
    () => maskBytes('name\nAnn Lee\n', { version: 1, columns: { name: { op: 'tokenize' } } }, { key: 'another key, also long enough', vault }),
    (e) => e.code === 'vault_key',
  );
  vault.free();
});

test('a wrong passphrase, a cut file and a changed byte in each region of the file are refused with a clear error', () => {
  const vault = new Vault();
  maskPeople(5, 2, vault);
  const file = vault.export(PASSPHRASE);
  const opens = (bytes, passphrase = PASSPHRASE) => {
    try {
      Vault.open(bytes, passphrase).free();
      return null;
    } catch (e) {
      assert.ok(!e.message.includes(PASSPHRASE));
      assert.match(e.message, /^vault: /);
      return e.code;
    }
  };
  assert.equal(opens(file), null);
  assert.equal(opens(file, 'tr0mbone-harbour-violet-42'), 'vault_passphrase');
  assert.throws(() => vault.export(''), (e) => e.code === 'vault_passphrase');
  // The regions of the format (src/vault.rs): magic, version, key
  // derivation, Argon2 parameters, salt, nonce, passphrase check, length,
  // header digest, ciphertext, tag.
  const regions = { magic: 3, version: 8, kdf: 9, params: 12, salt: 30, nonce: 40, check: 60, length: 70, digest: 78, ciphertext: 90, tag: file.length - 3 };
  for (const [region, at] of Object.entries(regions)) {
    const changed = file.slice();
    changed[at] ^= 0x01;
    const code = opens(changed);
    const want = region === 'magic' ? ['vault_format'] : ['vault_damaged'];
    assert.ok(want.includes(code), `${region}: ${code}`);
  }
  for (const n of [0, 5, 40, 81, 82, file.length - 1]) {
    const code = opens(file.subarray(0, n));
    assert.ok(['vault_damaged', 'vault_format'].includes(code), `cut to ${n}: ${code}`);
  }
  const longer = new Uint8Array(file.length + 1);
  longer.set(file);
  assert.equal(opens(longer), 'vault_damaged');
  assert.equal(opens(enc.encode('id,name\n1,Ann\n')), 'vault_format');
  vault.free();
});

test('the vault option takes a Vault; restore takes a string and a Vault', () => {
  assert.throws(() => new api.Masker(POLICY, { key: KEY, vault: {} }), TypeError);
  const vault = new Vault();
  assert.throws(() => restore(42, vault), TypeError);
  assert.throws(() => restore('x', 'vault'), TypeError);
  assert.throws(() => Vault.open(new Uint8Array(100)), TypeError);
  // Without a vault, tokenize still masks (the tokens cannot be restored).
  const { output, report } = maskBytes('name\nAnn Lee\n', { version: 1, columns: { name: { op: 'tokenize' } } }, { key: KEY });
  assert.match(dec.decode(output), /^name\n[A-Z_]+_\d{6}\n$/);
  assert.equal(report.vault.tokens, 1);
  assert.equal(vault.stats().tokens, 0);
  vault.free();
});

test('the worker client refuses a vault option that is not a Vault at once, before a worker starts', async () => {
  // A Vault crosses to the worker as an exported file (tests/node/page-roundtrip.test.mjs
  // masks through it in chromium); anything else is refused here.
  const { createMaskWorker } = await import(new URL('../../pkg/worker-client.js', import.meta.url).href);
  let spawned = false;
  const client = createMaskWorker(() => {
    spawned = true;
    throw new Error('not to be started');
  });
  await assert.rejects(client.mask(new Blob(['name\nAnn\n']), POLICY, { key: KEY, vault: { tokens: 1 } }), /the vault option takes a Vault/);
  assert.equal(spawned, false);
});

test('require(): Vault, Vault.open and restore work through the CommonJS entry', async () => {
  const { createRequire } = await import('node:module');
  const cjs = createRequire(import.meta.url)('../../pkg/index.cjs');
  await cjs.init();
  const vault = new cjs.Vault();
  const { output } = cjs.maskBytes('name\nAnn Lee\n', { version: 1, columns: { name: { op: 'tokenize', entity: 'PERSON' } } }, { key: KEY, vault });
  const opened = cjs.Vault.open(vault.export(PASSPHRASE), PASSPHRASE);
  assert.ok(opened instanceof cjs.Vault);
  assert.equal(cjs.restore(dec.decode(output), opened).text, 'name\nAnn Lee\n');
  vault.free();
  opened.free();
});
