// deploy/nginx.conf in Debian's nginx: the very file (its `listen` and
// `root` rewritten) serves www/ on a random loopback port. Pins: the
// security headers (a CSP that holds every directive of the page's own
// <meta> CSP, plus frame-ancestors), no-referrer, nosniff, a restrictive
// Permissions-Policy, cross-origin isolation, revalidated caching; .wasm as
// application/wasm (gzipped); only GET/HEAD; no dotfiles; and the page works
// through it in Chromium (sample -> columns table -> masked in the worker,
// cross-origin isolated). nginx comes from scripts/setup.sh (apt-get); where
// it cannot be installed the test is SKIPPED loudly, except under CI=true,
// where its absence fails.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './helpers.mjs';
import { CHROMIUM, haveChromium, launchChromium, watch } from './page/harness.mjs';

const NGINX = process.env.NGINX ?? '/usr/sbin/nginx';
const haveNginx = existsSync(NGINX);
if (!haveNginx) {
  if (process.env.CI === 'true') throw new Error(`${NGINX} is missing: scripts/setup.sh installs it (apt-get install nginx)`);
  process.stderr.write(
    `\n################################################################\n` +
      `SKIPPED: ${NGINX} not found; deploy/nginx.conf was NOT tested.\n` +
      `Install it with: apt-get install -y nginx (scripts/setup.sh tries)\n` +
      `################################################################\n`,
  );
}
const skipNginx = haveNginx ? false : `${NGINX} not installed`;
const skipBrowser = skipNginx || (haveChromium ? false : `${CHROMIUM} not installed`);
if (!haveChromium && process.env.CI === 'true') throw new Error(`${CHROMIUM} is missing: scripts/setup.sh installs it`);

const WWW = join(ROOT, 'www');
const pageCsp = () => {
  const html = readFileSync(join(WWW, 'index.html'), 'utf8');
  const m = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]+)">/);
  assert.ok(m, 'www/index.html has a CSP meta tag');
  return m[1];
};
const directives = (csp) => csp.split(';').map((d) => d.trim().replace(/\s+/g, ' ')).filter(Boolean);

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** Starts nginx on 127.0.0.1 with deploy/nginx.conf; resolves { origin, stop }. */
async function startNginx(t) {
  const prefix = mkdtempSync(join(tmpdir(), 'pii-mask-nginx-'));
  t.after(() => rmSync(prefix, { recursive: true, force: true }));
  for (const d of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) mkdirSync(join(prefix, d));
  const port = await freePort();
  const site = readFileSync(join(ROOT, 'deploy', 'nginx.conf'), 'utf8');
  const rewritten = site
    .replace(/^(\s*)listen\s+[^;]+;/m, `$1listen 127.0.0.1:${port};`)
    .replace(/^(\s*)root\s+[^;]+;/m, `$1root ${WWW};`);
  assert.notEqual(rewritten, site, 'listen and root were found in deploy/nginx.conf');
  writeFileSync(join(prefix, 'site.conf'), rewritten);
  // A minimal main configuration around the server block, all state in the
  // temp prefix; one foreground process (no worker user switch) for the test.
  writeFileSync(
    join(prefix, 'nginx.conf'),
    `daemon off;
master_process off;
pid ${prefix}/nginx.pid;
error_log ${prefix}/error.log warn;
events { worker_connections 64; }
http {
  access_log ${prefix}/access.log;
  client_body_temp_path ${prefix}/body;
  proxy_temp_path ${prefix}/proxy;
  fastcgi_temp_path ${prefix}/fastcgi;
  uwsgi_temp_path ${prefix}/uwsgi;
  scgi_temp_path ${prefix}/scgi;
  sendfile on;
  include ${prefix}/site.conf;
}
`,
  );
  const check = spawn(NGINX, ['-t', '-p', prefix, '-e', join(prefix, 'error.log'), '-c', join(prefix, 'nginx.conf')], { stdio: 'pipe' });
  let checkOut = '';
  check.stderr.on('data', (d) => (checkOut += d));
  const code = await new Promise((r) => check.on('close', r));
  assert.equal(code, 0, `nginx -t rejects deploy/nginx.conf:\n${checkOut}`);

  const proc = spawn(NGINX, ['-p', prefix, '-e', join(prefix, 'error.log'), '-c', join(prefix, 'nginx.conf')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  proc.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise((r) => proc.on('exit', r));
  const stop = async () => {
    if (proc.exitCode === null) proc.kill('SIGTERM');
    await exited;
  };
  t.after(stop);
  const origin = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      await fetch(`${origin}/`, { method: 'HEAD' });
      break;
    } catch {
      if (proc.exitCode !== null || Date.now() > deadline) {
        const log = existsSync(join(prefix, 'error.log')) ? readFileSync(join(prefix, 'error.log'), 'utf8') : '';
        throw new Error(`nginx did not start on ${origin}: ${stderr}\n${log}`);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  return { origin, stop };
}

test('deploy/nginx.conf in Debian nginx', { skip: skipNginx, timeout: 120_000 }, async (t) => {
  const { origin } = await startNginx(t);

  await t.test('security headers on the page', async () => {
    const res = await fetch(`${origin}/`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type'), /^text\/html/);
    const csp = res.headers.get('content-security-policy');
    assert.ok(csp, 'a CSP header');
    const have = directives(csp);
    for (const d of directives(pageCsp())) assert.ok(have.includes(d), `header CSP has the page's ${d}: ${csp}`);
    assert.ok(have.includes("frame-ancestors 'none'"), csp);
    assert.equal(have.length, directives(pageCsp()).length + 1, `no directive beyond the page's and frame-ancestors: ${csp}`);
    assert.equal(res.headers.get('referrer-policy'), 'no-referrer');
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(res.headers.get('x-frame-options'), 'DENY');
    const pp = res.headers.get('permissions-policy');
    for (const f of ['camera=()', 'microphone=()', 'geolocation=()', 'payment=()', 'usb=()', 'clipboard-read=()']) {
      assert.ok(pp.includes(f), `Permissions-Policy has ${f}: ${pp}`);
    }
    assert.equal(res.headers.get('cross-origin-opener-policy'), 'same-origin');
    assert.equal(res.headers.get('cross-origin-embedder-policy'), 'require-corp');
    assert.equal(res.headers.get('cross-origin-resource-policy'), 'same-origin');
    assert.equal(res.headers.get('cache-control'), 'no-cache');
    assert.ok(res.headers.get('etag'), 'an ETag to revalidate against');
    assert.equal(res.headers.get('server'), 'nginx', 'no version in the Server header');
    const body = await res.text();
    assert.equal(body, readFileSync(join(WWW, 'index.html'), 'utf8'));
  });

  await t.test('the .wasm is application/wasm, gzipped, byte for byte; scripts are JavaScript', async () => {
    const res = await fetch(`${origin}/pkg/pii_mask_bg.wasm`, { headers: { 'accept-encoding': 'gzip' } });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'application/wasm');
    assert.equal(res.headers.get('content-encoding'), 'gzip');
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
    const bytes = Buffer.from(await res.arrayBuffer()); // fetch decodes the gzip
    assert.ok(bytes.equals(readFileSync(join(WWW, 'pkg', 'pii_mask_bg.wasm'))), 'the same bytes as www/pkg/');
    // The word lists the loader fetches beside the .wasm: text, gzipped too.
    const lists = await fetch(`${origin}/pkg/pii_mask_lists.txt`, { headers: { 'accept-encoding': 'gzip' } });
    assert.equal(lists.status, 200);
    assert.match(lists.headers.get('content-type'), /^text\/plain/);
    assert.equal(lists.headers.get('content-encoding'), 'gzip');
    assert.equal(await lists.text(), readFileSync(join(WWW, 'pkg', 'pii_mask_lists.txt'), 'utf8'));
    for (const path of ['/app.js', '/pkg/index.js', '/pkg/worker.js']) {
      const r = await fetch(`${origin}${path}`);
      assert.equal(r.status, 200, path);
      assert.match(r.headers.get('content-type'), /^text\/javascript/, path);
      assert.ok(r.headers.get('content-security-policy'), `${path} has the headers too`);
    }
    const css = await fetch(`${origin}/style.css`);
    assert.match(css.headers.get('content-type'), /^text\/css/);
    // The licences the footer links to are UTF-8 text ("©", "ł" read right).
    const notices = await fetch(`${origin}/pkg/THIRD_PARTY_NOTICES.md`);
    assert.equal(notices.status, 200);
    assert.equal(notices.headers.get('content-type'), 'text/plain; charset=utf-8');
    assert.match(await notices.text(), /GeoNames, geonames\.org/);
  });

  await t.test('only GET and HEAD; no dotfiles; errors keep the headers', async () => {
    const post = await fetch(`${origin}/`, { method: 'POST', body: 'name,email\nAnn,ann@example.com\n' });
    assert.equal(post.status, 405);
    assert.equal(post.headers.get('x-content-type-options'), 'nosniff');
    const put = await fetch(`${origin}/sample.csv`, { method: 'PUT', body: 'x' });
    assert.equal(put.status, 405);
    assert.equal((await fetch(`${origin}/.git/config`)).status, 404);
    const missing = await fetch(`${origin}/no-such-file`);
    assert.equal(missing.status, 404);
    assert.ok(missing.headers.get('content-security-policy'), '404s carry the CSP too');
  });

  await t.test('in chromium: the page works through nginx', { skip: skipBrowser }, async () => {
    const browser = await launchChromium();
    t.after(() => browser.close());
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const { problems, requests } = watch(context, page);
    await page.goto(`${origin}/`);
    await page.waitForSelector('pii-mask-panel[ready]', { timeout: 30_000 });
    assert.equal(await page.evaluate(() => self.crossOriginIsolated), true, 'COOP + COEP make the page cross-origin isolated');
    await page.click('#sample');
    await page.waitForSelector('pii-mask-panel[state=scanned]', { timeout: 30_000 });
    const rows = await page.locator('#column-table tbody tr').count();
    assert.ok(rows > 3, `the columns table lists the sample's columns (${rows})`);
    const names = await page.$$eval('#column-table tbody tr .col-name', (els) => els.map((e) => e.textContent));
    assert.ok(names.includes('email'), `columns: ${names}`);
    // Masking runs in the worker: under COEP its script must load too.
    await page.click('#run-btn');
    await page.waitForSelector('pii-mask-panel[state=done]', { timeout: 60_000 });
    assert.deepEqual(problems, [], 'no errors in the page');
    const foreign = requests.filter((u) => !u.startsWith(`${origin}/`) && !u.startsWith('blob:') && !u.startsWith('data:'));
    assert.deepEqual(foreign, [], 'every request goes to the page\'s own origin');
  });
});
