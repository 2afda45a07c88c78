// The AI round trip in <pii-mask-panel>: after a run that made tokens, the
// vault (token -> original) stays in this tab; the user can download it
// encrypted under a passphrase (asked twice, never stored), copy masked rows
// with an instruction for the AI, and restore the AI's answer in step 5 with
// that vault or one opened from a file. Values are only ever put into the
// tree with textContent.

/** What goes before the rows in "Copy for an AI prompt". */
export const AI_INSTRUCTION =
  'The data below has been pseudonymised: words like PERSON_048213 or EMAIL_ADDRESS_512077 stand for real values. ' +
  'When you refer to them, copy each such token exactly as written (same letters, digits and underscores), ' +
  'and do not invent, translate, shorten or reformat tokens.';

/** The prompt text for `rows` (the masked CSV's first rows). */
export function promptText(rows) {
  return `${AI_INSTRUCTION}\n\n${rows.replace(/\s+$/, '')}\n`;
}

/**
 * A rough strength of a passphrase, 0 (very weak) to 4 (strong), from an
 * estimate of its entropy in bits: the character classes it draws from and
 * its length, less for repeats and sequences; a passphrase of words counts
 * at most as that many words drawn at random from a list of 7,776 (a dice
 * word list: 12.9 bits a word), since people choose words, not letters.
 * Only a hint to the user: an attacker with the vault file can try
 * passphrases offline, at Argon2id's cost per try.
 */
export function passphraseStrength(p) {
  if (!p) return { score: 0, bits: 0, label: 'empty' };
  let pool = 0;
  if (/[a-z]/.test(p)) pool += 26;
  if (/[A-Z]/.test(p)) pool += 26;
  if (/[0-9]/.test(p)) pool += 10;
  if (/[^a-zA-Z0-9]/.test(p)) pool += 33;
  // Repeated characters and runs (aaaa, 1234, abcd) add little.
  let effective = 0;
  const chars = [...p];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i].codePointAt(0);
    const prev = i > 0 ? chars[i - 1].codePointAt(0) : null;
    effective += prev === c || prev === c - 1 || prev === c + 1 ? 0.25 : 1;
  }
  let bits = effective * Math.log2(Math.max(pool, 2));
  const words = p.match(/\p{L}{2,}/gu) ?? [];
  if (words.length >= 2) {
    const rest = p.replace(/\p{L}{2,}/gu, '').replace(/[\s-]/g, '');
    bits = Math.min(bits, words.length * 12.9 + rest.length * 3.3);
  }
  bits = Math.round(bits);
  const score = bits < 28 ? 0 : bits < 40 ? 1 : bits < 50 ? 2 : bits < 64 ? 3 : 4;
  return { score, bits, label: ['very weak', 'weak', 'fair', 'good', 'strong'][score] };
}

/** Counts per entity as "PERSON 3 · EMAIL_ADDRESS 1". */
function byEntity(counts) {
  return Object.entries(counts ?? {})
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${k} ${n.toLocaleString('en')}`)
    .join(' · ');
}

/** `text` as nodes, each restored span (UTF-16 [start, end)) in a <mark>. */
export function highlighted(text, spans, el) {
  const nodes = [];
  let at = 0;
  for (const { start, end, entity } of spans ?? []) {
    if (start < at || end > text.length) continue;
    if (start > at) nodes.push(document.createTextNode(text.slice(at, start)));
    nodes.push(el('mark', { title: entity }, text.slice(start, end)));
    at = end;
  }
  if (at < text.length) nodes.push(document.createTextNode(text.slice(at)));
  return nodes;
}

/**
 * Wires the round trip into the panel's shadow tree. `core`: {Vault,
 * restore}; `show(id, on)`, `el`, `copyText` and `emit` are the panel's.
 * Returns {ranWith(vault, report)}: hand over a run's vault.
 */
export function mountRoundTrip({ $, show, el, copyText, emit, core }) {
  let runVault = null; // the last run's vault
  let fileVault = null; // a vault opened from a file
  let useFile = false;

  const vault = () => (useFile ? fileVault : runVault) ?? runVault ?? fileVault;

  function renderSource() {
    const run = runVault && runVault.stats().tokens > 0;
    const opened = fileVault !== null;
    const v = vault();
    $('restore-source').textContent = !v
      ? 'Open the vault you downloaded when you masked the file, then paste the answer.'
      : v === runVault
        ? `Using the vault of this tab's last run (${runVault.stats().tokens.toLocaleString('en')} tokens).`
        : `Using the vault opened from a file (${fileVault.stats().tokens.toLocaleString('en')} tokens).`;
    show('restore-use-run', run && opened && v !== runVault);
    $('restore-btn').disabled = !v;
  }

  function ranWith(v) {
    runVault?.free();
    runVault = v;
    useFile = false;
    const tokens = v.stats().tokens;
    show('roundtrip', tokens > 0);
    if (tokens > 0) {
      $('roundtrip-text').textContent =
        `${tokens.toLocaleString('en')} distinct value${tokens === 1 ? '' : 's'} became tokens. ` +
        'The vault maps each token back to its value; it stays in this tab (never uploaded) until you close it. ' +
        'Download it to restore an AI answer later or on another day.';
    }
    $('vault-form').hidden = true;
    renderSource();
  }

  function renderStrength() {
    const p = $('vault-pass').value;
    const s = passphraseStrength(p);
    $('vault-strength').value = s.score;
    const same = p === $('vault-pass2').value;
    $('vault-strength-text').textContent = p
      ? `${s.label} (about ${s.bits} bits)${p.length < 10 ? ': use at least 10 characters, better four or more random words' : ''}`
      : 'Choose a passphrase: four or more random words are easy to type and hard to guess.';
    $('vault-match').textContent = $('vault-pass2').value && !same ? 'The two passphrases differ.' : '';
    $('vault-save').disabled = p.length < 10 || !same;
  }

  function saveVault(name) {
    const p = $('vault-pass').value;
    try {
      const bytes = runVault.export(p);
      const a = el('a', { href: URL.createObjectURL(new Blob([bytes], { type: 'application/octet-stream' })), download: name });
      a.click();
      setTimeout(() => URL.revokeObjectURL(a.href), 60_000);
      $('vault-note').textContent = `Saved ${name}. Keep the passphrase somewhere safe: without it the vault cannot be opened.`;
      $('vault-form').hidden = true;
    } catch (e) {
      $('vault-note').textContent = `Could not save the vault: ${e.message}`;
    } finally {
      $('vault-pass').value = '';
      $('vault-pass2').value = '';
      renderStrength();
    }
  }

  async function openVault() {
    const f = $('restore-file').files[0];
    const p = $('restore-pass').value;
    $('restore-error').textContent = '';
    if (!f) return ($('restore-error').textContent = 'Choose the vault file first.');
    try {
      const opened = core.Vault.open(new Uint8Array(await f.arrayBuffer()), p);
      fileVault?.free();
      fileVault = opened;
      useFile = true;
      $('restore-pass').value = '';
      renderSource();
    } catch (e) {
      $('restore-error').textContent =
        e.code === 'vault_passphrase' ? 'Wrong passphrase, or not the vault of these tokens: nothing was opened.' : e.message;
    }
  }

  function restoreNow() {
    const v = vault();
    if (!v) return;
    const { text, report, spans } = core.restore($('restore-in').value, v);
    $('restore-out').replaceChildren(...highlighted(text, spans, el));
    show('restore-result');
    const restored = Object.values(report.restored ?? {}).reduce((n, k) => n + k, 0);
    const parts = [
      restored ? `Restored ${restored.toLocaleString('en')} value${restored === 1 ? '' : 's'} (${byEntity(report.restored)}).` : 'No token of this vault was found in the text.',
    ];
    if (report.unknown) parts.push(`${report.unknown.toLocaleString('en')} token-like word${report.unknown === 1 ? ' is' : 's are'} not in the vault and left as written.`);
    if (report.ambiguous) parts.push(`${report.ambiguous.toLocaleString('en')} could stand for more than one value and were left as written.`);
    $('restore-summary').textContent = parts.join(' ');
    $('restore-copy-note').textContent = '';
    emit('pii-mask-restore', { report });
  }

  $('vault-btn').addEventListener('click', () => {
    $('vault-form').hidden = false;
    $('vault-note').textContent = '';
    renderStrength();
    $('vault-pass').focus();
  });
  $('vault-pass').addEventListener('input', renderStrength);
  $('vault-pass2').addEventListener('input', renderStrength);
  $('vault-cancel').addEventListener('click', () => {
    $('vault-form').hidden = true;
    $('vault-pass').value = '';
    $('vault-pass2').value = '';
  });
  return {
    ranWith,
    /** Wire the controls that need the panel's file name. */
    wire({ baseName }) {
      $('vault-form').addEventListener('submit', (e) => {
        e.preventDefault();
        if (!$('vault-save').disabled) saveVault(`${baseName()}.vault`);
      });
      $('restore-open').addEventListener('click', () => openVault());
      $('restore-use-run').addEventListener('click', () => {
        useFile = false;
        renderSource();
      });
      $('restore-btn').addEventListener('click', restoreNow);
      $('restore-copy').addEventListener('click', async () => {
        try {
          await copyText($('restore-out').textContent);
          $('restore-copy-note').textContent = 'Copied the restored text.';
        } catch (e) {
          $('restore-copy-note').textContent = `Could not copy: ${e.message}`;
        }
      });
      renderSource();
    },
  };
}
