// www/csv.js, the page's record-end finder: fed a file in pieces cut
// anywhere (inside quotes, between CR and LF, inside a doubled quote), it
// finds the record ends the core's reader finds: every prefix it ends holds
// whole records, as many as the core reads there, equal to the whole file's
// first ones. The core (pkg/) is the oracle.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { enc, loadPkg, peopleCsv, rng } from './helpers.mjs';
import { RecordEnds } from '../../www/csv.js';

const { preview } = await loadPkg();

/** The rows the core reads in `bytes` (no header), every field as text. */
function coreRows(bytes, delimiter) {
  const opts = { header: false, allowRagged: true, delimiter: String.fromCharCode(delimiter) };
  return preview(bytes, { version: 1 }, opts, 1e9, true).original;
}

function checkEnds(text, delimiter, seed) {
  const bytes = enc.encode(text);
  const all = coreRows(bytes, delimiter);
  const r = rng(seed);
  const records = new RecordEnds(delimiter);
  for (let at = 0; at < bytes.length; ) {
    const next = Math.min(bytes.length, at + 1 + Math.floor(r() * 300));
    records.push(bytes.subarray(at, next));
    at = next;
  }
  // The last record may lack a terminator: then it has no end.
  const last = bytes[bytes.length - 1];
  assert.equal(records.ends.length, last === 0x0a || last === 0x0d ? all.length : all.length - 1);
  for (const k of [0, 1, 2, Math.floor(records.ends.length / 2), records.ends.length - 1]) {
    const end = records.ends[k];
    assert.deepEqual(coreRows(bytes.subarray(0, end), delimiter), all.slice(0, k + 1), `the first ${k + 1} records end at ${end}`);
  }
  // Each end is right after a terminator, in increasing order.
  assert.ok(records.ends.every((e, i) => [0x0a, 0x0d].includes(bytes[e - 1]) && (i === 0 || e > records.ends[i - 1])));
}

test('record ends: LF, quoted newlines, doubled quotes, pieces of any size', () => {
  const { text } = peopleCsv(300, { seed: 5 });
  checkEnds(text, 0x2c, 1);
  checkEnds(text.replaceAll(',', ';'), 0x3b, 2);
});

test('record ends: CRLF, blank lines, no final terminator', () => {
  const { text } = peopleCsv(300, { seed: 6, eol: '\r\n' });
  checkEnds(text, 0x2c, 3);
  checkEnds(`a,b\n\n\r\n1,"x\n\ny"\n\n2,3`, 0x2c, 4);
});

test('record ends: edge cases, byte by byte', () => {
  const ends = (s, d = 0x2c) => {
    const r = new RecordEnds(d);
    for (const b of enc.encode(s)) r.push(Uint8Array.of(b));
    return r.ends;
  };
  assert.deepEqual(ends('a,b'), []);
  assert.deepEqual(ends('a,b\n'), [4]);
  assert.deepEqual(ends('a,b\r\nc\n'), [4, 7], 'CR ends the record; the LF after it is a blank line');
  assert.deepEqual(ends('\n\na\n'), [4], 'blank lines are no records');
  assert.deepEqual(ends('a,"x\ny"\nc,d'), [8]);
  assert.deepEqual(ends('a,"x""\n'), [], 'still inside the quotes');
  assert.deepEqual(ends('a,"x"""\n'), [8], 'a doubled quote, then the closing one');
  assert.deepEqual(ends('a;"x\n";b\n', 0x3b), [9]);
  assert.deepEqual(ends('a;"x\n";b\n', 0x2c), [5], 'with another delimiter the first quote is literal, the second opens a field');
  assert.deepEqual(ends('a b "x\ny\n'), [7, 9], 'a quote inside an unquoted field is literal');
});
