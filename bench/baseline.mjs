#!/usr/bin/env node
// The JavaScript way of the benchmark job, for comparison with pii-mask:
// Papa Parse (streaming) + one JS regex per entity for the notes scrub +
// HMAC-SHA256 from @noble/hashes for the names + simple masks.
//
//   node bench/baseline.mjs IN.csv [OUT.csv] [--job explicit|notes]   (OUT: /dev/null)
//
// The explicit job (the same as `EXPLICIT_POLICY` in run.mjs; `--job notes`
// does the notes scrub only):
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
import { BENCH_KEY, applyOps, makeHasher, opsFor } from './baseline-core.mjs';


/** Runs `job` from `inPath` to `outPath`; resolves to { rows, bytesOut }. */
export function runBaseline(inPath, outPath = '/dev/null', key = BENCH_KEY, job = 'explicit') {
  const hash = makeHasher(key);
  const out = createWriteStream(outPath);
  let ops = null;
  let rows = 0;
  let bytesOut = 0;
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
          ops = opsFor(job, data[0], hash);
          from = 1;
        }
        applyOps(ops, data, from);
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
  const argv = process.argv.slice(2);
  const at = argv.indexOf('--job');
  const job = at >= 0 ? argv.splice(at, 2)[1] : 'explicit';
  const [inPath, outPath] = argv;
  if (!inPath) {
    console.error('usage: node bench/baseline.mjs IN.csv [OUT.csv] [--job explicit|notes]');
    process.exit(2);
  }
  const t0 = performance.now();
  const { rows } = await runBaseline(inPath, outPath, BENCH_KEY, job);
  console.error(`baseline: ${rows} rows in ${((performance.now() - t0) / 1000).toFixed(2)} s`);
}
