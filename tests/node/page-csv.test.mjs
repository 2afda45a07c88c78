// www/csv.js, the page's record-boundary finder: the prefix it keeps for the
// scan and preview holds whole records only, wherever the file is cut
// (inside quotes, between CR and LF, inside a doubled quote).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dec, enc, parseCsv, peopleCsv, rng } from './helpers.mjs';
import { lastRecordEnd, toCsv } from '../../www/csv.js';

function checkCuts(text, delimiter, seed) {
  const bytes = enc.encode(text);
  const all = parseCsv(text, String.fromCharCode(delimiter ?? 0x2c));
  const r = rng(seed);
  for (let i = 0; i < 300; i++) {
    const k = Math.floor(r() * bytes.length);
    const { end, records } = lastRecordEnd(bytes.subarray(0, k), delimiter);
    assert.ok(end <= k);
    const kept = end === 0 ? [] : parseCsv(dec.decode(bytes.subarray(0, end)), String.fromCharCode(delimiter ?? 0x2c));
    assert.equal(kept.length, records, `cut at ${k}`);
    assert.deepEqual(kept, all.slice(0, records), `cut at ${k}: whole records only`);
  }
}

test('cuts land after whole records: LF, quoted newlines, doubled quotes', () => {
  const { text } = peopleCsv(300, { seed: 5 });
  checkCuts(text, null, 1);
  checkCuts(text, 0x2c, 2);
});

test('cuts land after whole records: CRLF', () => {
  const { text } = peopleCsv(300, { seed: 6, eol: '\r\n' });
  checkCuts(text, null, 3);
});

test('edge cases', () => {
  const at = (s, d = null) => lastRecordEnd(enc.encode(s), d);
  assert.deepEqual(at('a,b'), { end: 0, records: 0 });
  assert.deepEqual(at('a,b\n'), { end: 4, records: 1 });
  assert.deepEqual(at('a,b\r'), { end: 0, records: 0 }, 'a CR at the very end may be half of CRLF');
  assert.deepEqual(at('a,b\r\nc'), { end: 5, records: 1 });
  assert.deepEqual(at('a,"x\ny"\nc,d'), { end: 8, records: 1 });
  assert.deepEqual(at('a,"x""\n'), { end: 0, records: 0 }, 'still inside the quotes');
  assert.deepEqual(at('a,"x"'), { end: 0, records: 0 });
  assert.deepEqual(at('a;"x\n";b\n', 0x3b), { end: 9, records: 1 });
  assert.deepEqual(at('a b "x\ny\n', 0x2c), { end: 9, records: 2 }, 'a quote inside an unquoted field is literal');
});

test('toCsv quotes only where needed', () => {
  assert.equal(toCsv([['a', 'b,c', 'say "hi"', 'x\ny']]), 'a,"b,c","say ""hi""","x\ny"\n');
  assert.equal(toCsv([['a;b', 'c']], ';'), '"a;b";c\n');
});
