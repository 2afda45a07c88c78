// The internal tool's script: embeds <pii-mask-panel> and, when the user has
// masked the file, posts the masked Blob (never the original) to the tool's
// own upload endpoint.
import './node_modules/pii-mask/panel/panel.js';

const panel = document.getElementById('panel');
const status = document.getElementById('upload-status');

panel.addEventListener('pii-mask-done', async (event) => {
  const { blob, name } = event.detail;
  if (!blob) {
    status.textContent = 'The masked file was saved to your disk; upload it from there.';
    return;
  }
  status.textContent = `Uploading ${name}…`;
  try {
    const res = await fetch(`/api/upload?name=${encodeURIComponent(name)}`, { method: 'POST', body: blob, headers: { 'content-type': 'text/csv' } });
    if (!res.ok) throw new Error(`the server answered ${res.status}`);
    status.textContent = `Uploaded ${name} (${blob.size.toLocaleString('en')} bytes, masked).`;
    document.body.dataset.uploaded = name;
  } catch (e) {
    status.textContent = `Upload failed: ${e.message}`;
  }
});
panel.addEventListener('pii-mask-error', (event) => {
  status.textContent = event.detail.message;
});
