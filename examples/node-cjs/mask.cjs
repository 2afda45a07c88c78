// Node, CommonJS: require('pii-mask') gives the same API; `await init()`
// loads it (and the .wasm beside it) before the first call.
//   npm install pii-mask
//   PII_MASK_KEY=... node mask.cjs people.csv > masked.csv
const { readFileSync } = require('node:fs');
const pii = require('pii-mask');

async function main() {
  const input = process.argv[2];
  if (!input) {
    console.error('usage: node mask.cjs FILE.csv > masked.csv');
    process.exit(2);
  }
  await pii.init();
  const bytes = readFileSync(input);
  // What the scanner found, then a policy built from it: the email and phone
  // columns hashed (keyed: the same person gets the same pseudonym in every
  // file masked with this key), the rest kept.
  const { columns } = pii.scan(bytes);
  const policy = { version: 1, default: { op: 'keep' }, columns: {} };
  for (const c of columns) {
    if (c.entity === 'EMAIL_ADDRESS' || c.entity === 'PHONE_NUMBER') policy.columns[c.name] = { op: 'hash', length: 12 };
  }
  const { output, report } = pii.maskBytes(bytes, policy, { key: process.env.PII_MASK_KEY });
  process.stdout.write(output);
  console.error(`hashed ${Object.keys(policy.columns).join(', ')} in ${report.rows} rows`);
}

main().catch((e) => {
  console.error(e.message);
  process.exit(1);
});
