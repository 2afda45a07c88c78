// A module Service Worker that masks CSV text posted to it (say, a PWA that
// masks files shared to it while offline). Service workers may not import()
// at run time; the package has no dynamic import, so a static one is enough.
import { init, maskBytes } from './node_modules/pii-mask/index.js';

const ready = init(); // fetches the .wasm beside the package's module

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

// {csv, policy, key} in, through the MessageChannel port: {csv, rows} or {error} out.
self.addEventListener('message', (event) => {
  const [port] = event.ports;
  const { csv, policy, key } = event.data;
  event.waitUntil(
    ready
      .then(() => {
        const { output, report } = maskBytes(csv, policy, { key });
        port.postMessage({ csv: new TextDecoder().decode(output), rows: report.rows });
      })
      .catch((e) => port.postMessage({ error: e.message })),
  );
});
