// The page: registers the Service Worker, then hands it the chosen file.
const $ = (id) => document.getElementById(id);
const key = Array.from(crypto.getRandomValues(new Uint8Array(32)), (b) => b.toString(16).padStart(2, '0')).join('');

const registration = await navigator.serviceWorker.register('sw.js', { type: 'module' });
await navigator.serviceWorker.ready;
$('columns').textContent = 'the Service Worker is ready';

function ask(message) {
  const worker = registration.active;
  const { port1, port2 } = new MessageChannel();
  const answer = new Promise((resolve) => (port1.onmessage = (e) => resolve(e.data)));
  worker.postMessage(message, [port2]);
  return answer;
}

$('file').addEventListener('change', async () => {
  const file = $('file').files[0];
  if (!file) return;
  document.body.dataset.state = 'running';
  const policy = { version: 1, auto: true, default: { op: 'keep' } };
  const got = await ask({ csv: await file.text(), policy, key });
  if (got.error) {
    $('status').textContent = got.error;
    document.body.dataset.state = 'error';
    return;
  }
  $('status').textContent = `Masked ${got.rows} rows in the Service Worker.`;
  $('output').textContent = got.csv;
  document.body.dataset.state = 'done';
});
