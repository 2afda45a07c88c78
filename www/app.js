// Placeholder page: load the wasm, scan the bundled sample, show a masked
// preview. Everything is rendered with textContent (never innerHTML).
import { init, scan, Masker } from './pkg/index.js';

const $ = (id) => document.getElementById(id);

function cell(row, text, tag = 'td') {
  const el = document.createElement(tag);
  el.textContent = text;
  row.append(el);
}

// A small RFC 4180 splitter for the preview table only.
function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') row.push(field), (field = '');
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field), rows.push(row), (row = []), (field = '');
    } else field += c;
  }
  if (field !== '' || row.length > 0) row.push(field), rows.push(row);
  return rows;
}

async function main() {
  const t0 = performance.now();
  await init();
  const bytes = new Uint8Array(await (await fetch('sample.csv')).arrayBuffer());

  const result = scan(bytes);
  const head = $('scan').insertRow();
  for (const h of ['#', 'column', 'entities (share of sampled cells)', 'suggested']) cell(head, h, 'th');
  for (const c of result.columns) {
    const r = $('scan').insertRow();
    cell(r, String(c.index));
    cell(r, c.name);
    cell(r, c.entities.map((e) => `${e.type} ${Math.round(e.share * 100)}%`).join(', ') || '—');
    cell(r, c.suggested.op);
  }

  // A per-tab random key: pseudonyms are stable within this preview only.
  const key = Array.from(crypto.getRandomValues(new Uint8Array(24)), (b) => b.toString(16).padStart(2, '0')).join('');
  const masker = new Masker({ version: 1, auto: true, default: { op: 'keep' }, columns: {} }, { key });
  const parts = [masker.push(bytes), masker.finish()];
  const report = masker.report();
  masker.free();
  const text = new TextDecoder().decode(new Uint8Array(await new Blob(parts).arrayBuffer()));
  const rows = parseCsv(text).slice(0, 11);
  rows.forEach((values, i) => {
    const r = $('preview').insertRow();
    for (const v of values) cell(r, v, i === 0 ? 'th' : 'td');
  });
  $('report').textContent = JSON.stringify(report, null, 2);
  $('status').textContent = `${result.rows} rows scanned and masked in ${Math.round(performance.now() - t0)} ms.`;
}

main().catch((e) => {
  $('status').textContent = `Error: ${e.message}`;
  $('status').className = 'error';
});
