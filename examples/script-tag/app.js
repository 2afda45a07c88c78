// A plain page, no bundler: the import map in index.html says where
// 'pii-mask' is; the package finds its .wasm and worker beside its modules.
import { init, scan } from 'pii-mask';
import { maskFile } from 'pii-mask/worker';

const $ = (id) => document.getElementById(id);
// A fresh key per visit: pseudonyms are stable within it, and unlinkable after.
const key = Array.from(crypto.getRandomValues(new Uint8Array(32)), (b) => b.toString(16).padStart(2, '0')).join('');

$('file').addEventListener('change', async () => {
  const file = $('file').files[0];
  if (!file) return;
  document.body.dataset.state = 'running';
  try {
    // On this thread: which columns hold what (the first 64 KiB is enough).
    await init();
    const head = new Uint8Array(await file.slice(0, 65536).arrayBuffer());
    const found = scan(head).columns.filter((c) => c.entity).map((c) => `${c.name}: ${c.entity}`);
    $('columns').textContent = found.join(', ') || 'none';
    // In a worker: the whole file, masked by what the scanner finds.
    const policy = { version: 1, auto: true, default: { op: 'keep' } };
    const { blob, report } = await maskFile(file, policy, { key }, { onProgress: ({ rows }) => ($('status').textContent = `${rows} rows…`) });
    $('status').textContent = `Masked ${report.rows} rows.`;
    $('output').textContent = await blob.text();
    document.body.dataset.state = 'done';
  } catch (e) {
    $('status').textContent = e.message;
    document.body.dataset.state = 'error';
  }
});
