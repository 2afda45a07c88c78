// Deno: the package from npm (package.json + node_modules, or npm:pii-mask).
// Deno gets the package's browser-clean entry and init() fetches the .wasm
// from its file: URL, so reading is the only permission it needs.
//   npm install   (or: deno install)
//   PII_MASK_KEY=... deno run --allow-read --allow-env mask.js people.csv > masked.csv
import { init, maskBytes } from 'pii-mask';

const [input] = Deno.args;
if (!input) {
  console.error('usage: deno run --allow-read --allow-env mask.js FILE.csv > masked.csv');
  Deno.exit(2);
}
await init();
// Masked by what the scanner recognises in each column; free-text notes scrubbed.
const policy = { version: 1, auto: true, default: { op: 'keep' }, columns: { notes: { op: 'scrub' } } };
const { output, report } = maskBytes(await Deno.readFile(input), policy, { key: Deno.env.get('PII_MASK_KEY') });
await Deno.stdout.write(output);
console.error(`masked ${report.rows} rows`);
