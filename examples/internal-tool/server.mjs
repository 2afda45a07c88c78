// The internal tool's own (mock) server: serves this folder and takes
// uploads at POST /api/upload, keeping them in memory; GET /api/uploads lists
// what it received. Only masked files ever reach it: the page masks in the
// browser and posts the result.
//   npm install && node server.mjs   (then open http://127.0.0.1:8080/)
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('.', import.meta.url));
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm', '.json': 'application/json' };
// The page may talk to this server only; the wasm needs 'wasm-unsafe-eval'.
const CSP = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; connect-src 'self'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** Starts the server on `port` (0: any free one); resolves {server, uploads}. */
export function start({ port = 8080, host = '127.0.0.1' } = {}) {
  const uploads = [];
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://x');
    if (req.method === 'POST' && url.pathname === '/api/upload') {
      const parts = [];
      for await (const part of req) parts.push(part);
      const body = Buffer.concat(parts);
      uploads.push({ name: url.searchParams.get('name') ?? 'upload.csv', type: req.headers['content-type'], size: body.length, text: body.toString('utf8') });
      return res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ stored: uploads.length }));
    }
    if (req.method === 'GET' && url.pathname === '/api/uploads') {
      return res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(uploads));
    }
    if (req.method !== 'GET') return res.writeHead(405).end();
    const file = normalize(join(ROOT, url.pathname.endsWith('/') ? `${url.pathname}index.html` : url.pathname));
    if (!file.startsWith(ROOT.endsWith(sep) ? ROOT : ROOT + sep)) return res.writeHead(403).end();
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'content-security-policy': CSP, 'x-content-type-options': 'nosniff' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  return new Promise((resolve) => server.listen(port, host, () => resolve({ server, uploads })));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { server } = await start({ port: Number(process.env.PORT ?? 8080) });
  console.log(`internal tool on http://127.0.0.1:${server.address().port}/`);
}
