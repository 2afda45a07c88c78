// For the page's browser tests and bench/browser.mjs: a static file server
// for one folder (what any static host does) and Debian's chromium through
// playwright-core (never a downloaded browser).
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
export const haveChromium = existsSync(CHROMIUM);

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.wasm': 'application/wasm',
  '.csv': 'text/csv',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.ts': 'text/plain',
  '.md': 'text/plain',
};

/** Serve `dir` on 127.0.0.1 at a random port; resolves the http.Server. */
export function serveDir(dir) {
  const root = normalize(dir + sep);
  const server = createServer(async (req, res) => {
    try {
      const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
      let file = normalize(join(root, path));
      if (!file.startsWith(root)) return res.writeHead(403).end();
      if ((await stat(file).catch(() => null))?.isDirectory()) file = join(file, 'index.html');
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** Launch headless Debian chromium with nothing that phones home. */
export async function launchChromium() {
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}

/**
 * Records what a page does: `problems` (page errors and console errors),
 * `requests` (every URL the context fetches, the page's and its workers'),
 * `traffic` (the same requests with method, resource type, body and headers,
 * for checking what they carried), `messages` (every console message of the
 * page and its workers, any type) and `sockets` (WebSocket URLs opened).
 * Chromium reports a dedicated worker's requests and console as the page's.
 */
export function watch(context, page) {
  const problems = [];
  const requests = [];
  const traffic = [];
  const messages = [];
  const sockets = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    messages.push(`${m.type()}: ${m.text()}`);
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('websocket', (ws) => sockets.push(ws.url()));
  context.on('request', (r) => {
    requests.push(r.url());
    traffic.push({ method: r.method(), url: r.url(), type: r.resourceType(), body: r.postDataBuffer(), headers: r.headers() });
  });
  return { problems, requests, traffic, messages, sockets };
}

/**
 * Lets the context reach only `files` (paths) on `origin`, by GET or HEAD and
 * without a query; aborts any other request (another host, another method, a
 * path the page does not have) and any WebSocket, and lists each in the
 * returned array, so a test can say what was tried, not only that it failed.
 */
export async function fence(context, origin, files) {
  const refused = [];
  await context.route('**/*', (route) => {
    const r = route.request();
    const url = new URL(r.url());
    const own = url.origin === origin && url.search === '' && files.includes(url.pathname);
    if (own && (r.method() === 'GET' || r.method() === 'HEAD')) return route.continue();
    refused.push(`${r.method()} ${r.url()}`);
    return route.abort('blockedbyclient');
  });
  await context.routeWebSocket(
    () => true,
    (ws) => {
      refused.push(`WebSocket ${ws.url()}`);
      ws.close();
    },
  );
  return refused;
}

/**
 * Serves `dir`, opens its page in headless chromium and waits until it is
 * ready. Everything is closed after `t`. Returns {browser, context, page,
 * origin, problems, requests, ...} (see watch()).
 */
export async function openPage(t, dir, { viewport = { width: 1280, height: 800 } } = {}) {
  const server = await serveDir(dir);
  t.after(() => server.close());
  const origin = `http://127.0.0.1:${server.address().port}`;
  const browser = await launchChromium();
  t.after(() => browser.close());
  const context = await browser.newContext({ viewport, acceptDownloads: true });
  const page = await context.newPage();
  const seen = watch(context, page);
  await page.goto(`${origin}/`);
  await page.waitForSelector('pii-mask-panel[ready]', { timeout: 30_000 });
  return { browser, context, page, origin, ...seen };
}

/** Loads a CSV into the page through its file input; waits for the scan (or an error). */
export async function loadCsv(page, name, bytes) {
  await page.setInputFiles('#file', { name, mimeType: 'text/csv', buffer: Buffer.from(bytes) });
  await page.waitForFunction(
    (n) => document.querySelector('pii-mask-panel').shadowRoot.getElementById('file-info').textContent.startsWith(n) && ['scanned', 'error'].includes(document.querySelector('pii-mask-panel').state),
    name,
    { timeout: 60_000 },
  );
  return page.evaluate(() => document.querySelector('pii-mask-panel').state);
}

/** Runs the masking and returns the downloaded file's text. */
export async function maskAndDownload(page) {
  await page.click('#run-btn');
  await page.waitForSelector('pii-mask-panel[state=done]', { timeout: 60_000 });
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download')]);
  return readFile(await download.path(), 'utf8');
}

/**
 * Declares one of the user's own entities through the page's form ("Your own
 * entities"): `{name, pattern, check, terms, context, deny}`, terms, context
 * and deny as arrays. Waits until the sample is scanned again (or the form
 * shows the core's refusal) and returns the form's error text ('' when taken).
 */
export async function addEntity(page, { name, pattern, check, terms, context = [], deny = [] }) {
  if (!(await page.$eval('#own', (d) => d.open))) await page.click('#own > summary');
  await page.fill('#own-name', name);
  await page.check(terms ? '#own-kind-terms' : '#own-kind-pattern');
  if (terms) await page.fill('#own-terms', terms.join('\n'));
  else {
    await page.fill('#own-pattern', pattern);
    await page.selectOption('#own-check', check ?? '');
  }
  await page.fill('#own-context', context.join(', '));
  await page.fill('#own-deny', deny.join('\n'));
  await page.click('#own-submit');
  await settled(page);
  return page.textContent('#own-error');
}

/** Waits until a rescan for the user's own entities is over. */
export function settled(page) {
  return page.waitForFunction(
    () => !document.querySelector('pii-mask-panel').shadowRoot.getElementById('own-fields').disabled && ['scanned', 'error'].includes(document.querySelector('pii-mask-panel').state),
    null,
    { timeout: 60_000 },
  );
}

/** The entity chips of the columns table's row for column `i`: [type, ...]. */
export function chips(page, i) {
  return page.$$eval(`#column-table tbody tr[data-column="${i}"] .entity-type`, (ns) => ns.map((n) => n.textContent));
}
