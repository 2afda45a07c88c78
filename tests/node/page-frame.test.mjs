// Framing (issue 10): served by a plain static server, the page cannot send
// `frame-ancestors`, so when a page of another origin frames it, it refuses
// to start (no wasm loaded, every control disabled) and says why, with a link
// to open it in its own tab. Framed by its own origin, it works.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, tempDir } from './helpers.mjs';
import { CHROMIUM, haveChromium, launchChromium, serveDir, watch } from './page/harness.mjs';

if (!haveChromium && process.env.CI === 'true') throw new Error(`${CHROMIUM} is missing: scripts/setup.sh installs it`);
const skip = haveChromium ? false : `${CHROMIUM} not installed (scripts/setup.sh installs it)`;
const OUT = join(ROOT, 'test-output');

const framer = (src) =>
  `<!doctype html><title>framer</title><link rel="icon" href="data:,"><p>Another site</p><iframe src="${src}" width="1200" height="700"></iframe>`;

test('in chromium: the page in a frame', { skip, timeout: 120_000 }, async (t) => {
  mkdirSync(OUT, { recursive: true });
  const www = await serveDir(join(ROOT, 'www'));
  t.after(() => www.close());
  const origin = `http://127.0.0.1:${www.address().port}`;
  const dir = tempDir(t);
  writeFileSync(join(dir, 'index.html'), framer(`${origin}/`));
  const other = await serveDir(dir);
  t.after(() => other.close());
  const otherOrigin = `http://127.0.0.1:${other.address().port}`;
  const browser = await launchChromium();
  t.after(() => browser.close());
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });

  await t.test('framed by another origin: it refuses and says why', async () => {
    const page = await context.newPage();
    const { problems, requests } = watch(context, page);
    await page.goto(`${otherOrigin}/`);
    const frame = page.frameLocator('iframe');
    await frame.locator('body[data-state=framed]').waitFor();
    await page.screenshot({ path: join(OUT, 'page-framed.png') });
    assert.equal(await frame.locator('#framed').isVisible(), true);
    assert.match(await frame.locator('#framed-message').textContent(), new RegExp(`inside a page of ${otherOrigin}`));
    assert.equal(await frame.locator('#framed-open').getAttribute('href'), `${origin}/`);
    assert.equal(await frame.locator('#main').isVisible(), false, 'the tool is not shown');
    assert.equal(await frame.locator('#sample').isDisabled(), true, '#sample is disabled');
    // The panel is never defined there: no file input, no run button, no flow at all.
    const inner = page.frames().find((f) => f !== page.mainFrame());
    assert.deepEqual(
      await inner.evaluate(() => ({ defined: customElements.get('pii-mask-panel') !== undefined, shadow: document.querySelector('pii-mask-panel').shadowRoot !== null })),
      { defined: false, shadow: false },
    );
    assert.equal(await frame.locator('pii-mask-panel').getAttribute('ready'), null);
    assert.ok(!requests.some((u) => u.endsWith('.wasm')), 'the wasm was never loaded');
    assert.deepEqual(problems, []);
    await page.close();
  });

  await t.test('framed by its own origin: it works', async () => {
    const page = await context.newPage();
    await context.route(`${origin}/framer.html`, (route) => route.fulfill({ contentType: 'text/html', body: framer('/') }));
    await page.goto(`${origin}/framer.html`);
    const frame = page.frameLocator('iframe');
    await frame.locator('pii-mask-panel[ready]').waitFor({ timeout: 30_000 });
    assert.equal(await frame.locator('#framed').isVisible(), false);
    assert.equal(await frame.locator('#file').isDisabled(), false);
    await page.close();
  });
});
