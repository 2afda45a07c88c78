// <pii-mask-panel>'s types (js/panel/panel.d.ts): its properties and events.
import { definePanel, PiiMaskPanel, STEPS } from '../../js/panel/panel.js';
import type { PanelStep } from '../../js/panel/panel.js';

export function embed(file: File): void {
  const panel = document.querySelector('pii-mask-panel');
  if (!panel) return;
  const p: PiiMaskPanel = panel;
  p.file = file;
  p.policy = { version: 1, columns: { email: { op: 'hash' } } };
  p.policy = '{"version":1}';
  p.key = 'a key of sixteen+ bytes';
  p.steps = ['columns', 'preview', 'run'];
  const first: PanelStep = STEPS[0];
  p.addEventListener('pii-mask-done', (e) => {
    const blob: Blob | null = e.detail.blob;
    const rows: number = e.detail.report.rows;
    void [blob, rows];
  });
  p.addEventListener('pii-mask-error', (e) => {
    const line: number | undefined = e.detail.line;
    void line;
  });
  p.addEventListener('pii-mask-scan', (e) => void e.detail.result.columns.length);
  // @ts-expect-error a step the panel does not have
  p.steps = ['upload'];
  // @ts-expect-error the state is the panel's to set
  p.state = 'done';
  void [first, definePanel('my-pii-mask')];
}
