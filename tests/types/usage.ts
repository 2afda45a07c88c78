// Compiled with `tsc -p tests/types` (no emit): the published types accept the
// documented uses and refuse wrong ones.
import { init, Masker, Scanner, scan, find, maskBytes, createMaskStream, preview, assessRisk, RiskAnalyzer } from '../../js/index.js';
import type { Policy, Report, ScanResult, Finding, Risk, RiskAssessment } from '../../js/index.js';
import { createMaskWorker, maskFile } from '../../js/worker-client.js';

export async function usage(bytes: Uint8Array, file: File): Promise<void> {
  await init();
  await init(new URL('https://example.invalid/pii_mask_bg.wasm'));
  await init(bytes);
  const policy: Policy = {
    version: 1,
    default: { op: 'keep' },
    auto: false,
    columns: {
      email: { op: 'mask' },
      card: { op: 'mask', char: '#', chars: 4, from_end: true },
      name: { op: 'hash', length: 16, algorithm: 'hmac-sha256' },
      ssn: { op: 'redact', text: '[SSN]' },
      notes: { op: 'scrub' },
      '#5': { op: 'drop' },
    },
  };
  const m = new Masker(policy, { key: 'a key of sixteen+ bytes', delimiter: ',', header: true, allowRagged: false });
  const out: Uint8Array = m.push(bytes);
  const tail: Uint8Array = m.finish();
  const report: Report = m.report();
  m.free();
  const s = new Scanner({ sampleRows: 100 });
  s.push(bytes);
  const result: ScanResult = s.finish();
  const again: ScanResult = scan(bytes, { header: false });
  const spans: Finding[] = find('mail me at a@b.example');
  const risk: Risk = assessRisk(bytes, { quasi: ['age', 'zip'], sensitive: 'dx', threshold: 0.1 });
  const k: number = risk.records_below['5'] + risk.k + (risk.risk.journalist?.highest ?? 0);
  const assessed: RiskAssessment = assessRisk(bytes, { quasi: ['#0'], key: 'k'.repeat(16) }, policy);
  const beforeK: number = assessed.before.k;
  const ra = new RiskAnalyzer({ quasi: ['age'], maxClasses: 1000, population: 'age,count\n1,2\n' });
  ra.push(bytes);
  ra.finish();
  // @ts-expect-error quasi is required
  assessRisk(bytes, {});
  const whole = maskBytes(bytes, policy);
  const t = createMaskStream(policy, { key: 'k'.repeat(16) });
  const r: Report = await t.report;
  const w = createMaskWorker();
  const res = await w.mask(file, policy, {}, { onProgress: (p) => p.bytesIn + p.rows, signal: AbortSignal.timeout(1000) });
  const blob: Blob = res.blob;
  const res2 = await w.mask(bytes, policy, undefined, { output: 'chunks' });
  const chunks: Uint8Array[] = res2.chunks;
  const own = createMaskWorker(() => new Worker(new URL('./my-worker.js', import.meta.url), { type: 'module' }));
  void own;
  const m1 = await maskFile(file, policy, { key: 'k' }, { onProgress: (p) => p.rows, signal: AbortSignal.timeout(1000), workers: 1 });
  const mBlob: Blob = m1.blob;
  const m2 = await maskFile(file, policy, undefined, { output: 'bytes' });
  const mBytes: Uint8Array = m2.bytes;
  const m3 = await maskFile(file, policy, {}, { onOutput: async (b: Uint8Array) => void b.length, worker: () => new Worker('w.js') });
  // @ts-expect-error streaming gives no blob
  void m3.blob;
  void [out, tail, report, result, again, spans, whole.output, r, blob, chunks, mBlob, mBytes, m3.report];

  // @ts-expect-error unknown operator
  const bad: Policy = { version: 1, columns: { a: { op: 'shuffle' } } };
  // @ts-expect-error version must be 1
  const bad2: Policy = { version: 2 };
  // @ts-expect-error hash algorithm is one of two
  const bad3: Policy = { version: 1, columns: { a: { op: 'hash', algorithm: 'md5' } } };
  void [bad, bad2, bad3];
}

const shown = preview('a,b\n1,2\n', { version: 1 }, {}, 5, true);
const firstMasked: string | null = shown.masked[0][0];
void firstMasked;

// The round trip: a vault filled by masking, exported, opened, restored from.
import { Vault, restore, restoreCsv, createRestoreStream, Restorer } from '../../js/index.js';
import type { RestoreReport, VaultStats } from '../../js/index.js';

export async function roundTrip(bytes: Uint8Array, answer: ReadableStream<string>): Promise<void> {
  const vault = new Vault();
  const { output } = maskBytes(bytes, { version: 1, columns: { name: { op: 'tokenize', entity: 'PERSON' } } }, { key: 'a key of sixteen+ bytes', vault });
  const file: Uint8Array = vault.export('a passphrase');
  const stats: VaultStats = vault.stats();
  const again: Vault = Vault.open(file, 'a passphrase');
  const { text, report }: { text: string; report: RestoreReport } = restore('PERSON_123456 said hi', again);
  const csv: Uint8Array = restoreCsv(output, again).output;
  const restoring = createRestoreStream(again);
  const stream: ReadableStream<string> = answer.pipeThrough(restoring);
  const counts: RestoreReport = await restoring.report;
  const r = new Restorer(again);
  const part: string = r.push(text) + r.finish();
  // @ts-expect-error the vault is a Vault, not its bytes
  restore('x', file);
  // @ts-expect-error the passphrase is a string
  vault.export(file);
  void [stats, csv, counts, part, report, stream];
}
