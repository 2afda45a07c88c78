// A multi-GB file through the CLI, streamed: the CSV is generated on the fly
// into `pii-mask mask -` and the output is counted and dropped, so neither is
// ever stored. Reports MB/s and the CLI process's peak RSS (VmHWM, polled).
// Measured by hand (see tests/hostile.rs), never in CI.
//
//   bash scripts/build.sh && node bench/bigfile.mjs [SIZE_MB=2000]
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const sizeMb = Number(process.argv[2] ?? 2000);
const target = sizeMb * 1e6;
const policy = JSON.stringify({
  version: 1,
  columns: { name: { op: 'hash' }, email: { op: 'mask' }, phone: { op: 'mask' }, notes: { op: 'scrub' } },
});

// One ~1 MB block of rows; ids change per block so the file is not periodic
// in its first column.
const first = ['Ann', 'Bo', 'Chloé', 'Dmitri', 'Eve', 'Fatima', 'Gus', 'Hana'];
function block(n) {
  const rows = [];
  for (let i = 0; i < 9000; i++) {
    const f = first[i % first.length];
    rows.push(`${n * 9000 + i},${f} Lee,${f.toLowerCase()}.${i}@example.com,+44 20 7946 ${String(i % 10000).padStart(4, '0')},"met ${f} at 10 Main St; call 415-555-0132 or mail x${i}@corp.example.org",${i % 997}.50`);
  }
  return Buffer.from(rows.join('\n') + '\n');
}

const dir = mkdtempSync(join(tmpdir(), 'pii-mask-bigfile-'));
writeFileSync(join(dir, 'policy.json'), policy);

const child = spawn(process.execPath, [`${ROOT}pkg/cli.js`, 'mask', '-', '--policy', join(dir, 'policy.json')], {
  stdio: ['pipe', 'pipe', 'inherit'],
  env: { ...process.env, PII_MASK_KEY: 'bigfile bench key, 32 bytes long' },
});
let peakKb = 0;
const poll = setInterval(() => {
  try {
    const m = readFileSync(`/proc/${child.pid}/status`, 'utf8').match(/VmHWM:\s+(\d+)/);
    if (m) peakKb = Math.max(peakKb, Number(m[1]));
  } catch {}
}, 100);
let outBytes = 0;
child.stdout.on('data', (d) => (outBytes += d.length));
const done = new Promise((resolve) => child.on('exit', resolve));

const start = process.hrtime.bigint();
let sent = 0;
child.stdin.write('id,name,email,phone,notes,amount\n');
for (let n = 0; sent < target; n++) {
  const b = block(n);
  sent += b.length;
  if (!child.stdin.write(b)) await new Promise((r) => child.stdin.once('drain', r));
}
child.stdin.end();
const code = await done;
clearInterval(poll);
const secs = Number(process.hrtime.bigint() - start) / 1e9;
console.log(JSON.stringify({
  exit: code,
  inputMB: +(sent / 1e6).toFixed(1),
  outputMB: +(outBytes / 1e6).toFixed(1),
  seconds: +secs.toFixed(1),
  MBps: +(sent / 1e6 / secs).toFixed(1),
  peakRssMiB: +(peakKb / 1024).toFixed(1),
}));
process.exit(code === 0 ? 0 : 1);
