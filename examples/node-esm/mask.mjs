// Node, ES modules: mask a CSV file as a stream (constant memory, any size).
//   npm install pii-mask
//   PII_MASK_KEY=... node mask.mjs people.csv > masked.csv
import { createReadStream } from 'node:fs';
import { Readable, Writable } from 'node:stream';
import { init, createMaskStream } from 'pii-mask';

const [input] = process.argv.slice(2);
if (!input) {
  console.error('usage: node mask.mjs FILE.csv > masked.csv');
  process.exit(2);
}
await init(); // reads pii_mask_bg.wasm beside the package's module

// Columns the scanner recognises are masked by their entity; `notes` has
// any PII found in its free text replaced; the rest is kept.
const policy = { version: 1, auto: true, default: { op: 'keep' }, columns: { notes: { op: 'scrub' } } };
const masking = createMaskStream(policy, { key: process.env.PII_MASK_KEY });
await Readable.toWeb(createReadStream(input)).pipeThrough(masking).pipeTo(Writable.toWeb(process.stdout));
const report = await masking.report;
console.error(`masked ${report.rows} rows`);
