// The pii-mask page: a frame (title, what the page does not do, the sample)
// around <pii-mask-panel> (pkg/panel/panel.js), which is the whole flow. The
// page refuses to run inside another site's frame, loads the sample into the
// panel, and hands a file dropped anywhere on the page to it.

const $ = (id) => document.getElementById(id);

/**
 * The origin of a page that frames this one, when it is not this page's own:
 * it could lay its content over the controls and steer the user's clicks
 * (clickjacking). `frame-ancestors` in a served CSP header stops that where
 * the host sends one; a <meta> CSP cannot carry it, so the page checks too.
 */
function foreignFramer() {
  if (window.top === window.self) return null;
  // Chromium and Safari list every ancestor; elsewhere only the top is known.
  const ancestors = location.ancestorOrigins;
  if (ancestors) return Array.from(ancestors).find((o) => o !== location.origin) ?? null;
  try {
    return window.top.location.origin === location.origin ? null : 'another site';
  } catch {
    return 'another site';
  }
}

function refuseFramed(framer) {
  for (const n of document.querySelectorAll('input, select, button, textarea')) n.disabled = true;
  $('main').hidden = true;
  $('framed-message').textContent =
    `This page is shown inside a page of ${framer}, which could cover it with its own content and trick you into clicking its buttons. ` +
    'It works only when it is the page in the tab, so nothing here was started.';
  $('framed-open').href = location.href;
  $('framed').hidden = false;
  document.body.dataset.state = 'framed';
}

async function loadSample(panel) {
  $('sample-note').textContent = '';
  try {
    const res = await fetch('sample.csv');
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    panel.file = new File([await res.blob()], 'sample.csv', { type: 'text/csv' });
  } catch (e) {
    $('sample-note').textContent = `The sample could not be loaded: ${e.message}`;
  }
}

async function main() {
  const framer = foreignFramer();
  if (framer !== null) {
    refuseFramed(framer);
    return;
  }
  // Defining the element starts the flow: only now, never inside a foreign frame.
  await import('./pkg/panel/panel.js');
  const panel = $('panel');
  // A file dropped outside the panel goes to it too (and never navigates away).
  window.addEventListener('dragover', (e) => e.preventDefault());
  window.addEventListener('drop', (e) => {
    e.preventDefault();
    const f = e.dataTransfer?.files?.[0];
    if (f) panel.file = f;
  });
  $('sample').addEventListener('click', () => loadSample(panel));
  try {
    await panel.ready;
  } catch {
    return; // the panel says why
  }
  $('sample').disabled = false;
}

main();
