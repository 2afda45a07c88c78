// <pii-mask-panel> (panel.js): importing the module defines the element.
/**
 * The `<pii-mask-panel>` custom element: the whole flow (load a CSV, review
 * the columns, preview, mask and save) in one tag. `import 'pii-mask/panel'`
 * defines it.
 *
 * @module pii-mask/panel
 */
import type { ErrorFields, Policy, Report, ScanResult } from '../index.js';

/** A step of the flow, each a section of the panel. */
export type PanelStep = 'load' | 'columns' | 'preview' | 'run';

/** The flow's state, reflected as the `state` attribute. */
export type PanelState = 'empty' | 'loading' | 'scanned' | 'running' | 'done' | 'cancelled' | 'error';

/** What `pii-mask-error` carries: the message shown, what kind of problem it is and what to do, and where the core placed it. */
export interface PanelError extends Partial<ErrorFields> {
  message: string;
  title: string;
  kind: 'file' | 'options' | 'policy' | 'key' | 'other';
  hint: string;
}

/** The events the panel dispatches (bubbling and composed), with their `detail`. */
export interface PanelEventMap {
  /** A file was loaded and scanned. */
  'pii-mask-scan': CustomEvent<{ file: File; result: ScanResult }>;
  /** The user changed the policy (a column's operator or a setting). */
  'pii-mask-change': CustomEvent<{ policy: Policy }>;
  /** `blob` is null when the output was written straight to a file on disk. */
  'pii-mask-done': CustomEvent<{ blob: Blob | null; report: Report; name: string }>;
  /** A problem shown in the panel (file, options, policy or key). */
  'pii-mask-error': CustomEvent<PanelError>;
}

/**
 * `<pii-mask-panel>`: load a CSV, choose an operator per column, preview,
 * mask in a worker and save. Everything stays on the user's machine.
 *
 * @example
 * ```html
 * <script type="module">import 'pii-mask/panel';</script>
 * <pii-mask-panel steps="load columns run"></pii-mask-panel>
 * ```
 */
export class PiiMaskPanel extends HTMLElement {
  /** Setting it loads a Blob or File as if the user had chosen it (a Blob is named data.csv); reading it gives the file shown. */
  file: Blob | null;
  /** Applied to the file shown and each one after; its problems come as `pii-mask-error`. */
  policy: Policy | string | null;
  /** The hash key in use (given, typed, or made by the panel); a property only, never in the DOM. */
  key: string;
  /** The steps shown (the `steps` attribute); all when it names none. */
  steps: PanelStep[];
  /** Where the flow is (the `state` attribute); null until the panel is in a document. */
  readonly state: PanelState | null;
  /** Resolves once the wasm has started; rejects when it cannot. */
  readonly ready: Promise<void>;
  addEventListener<K extends keyof PanelEventMap>(type: K, listener: (this: PiiMaskPanel, ev: PanelEventMap[K]) => unknown, options?: boolean | AddEventListenerOptions): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
}

/** Defines the element under another name as well (it is defined as pii-mask-panel on import). */
export function definePanel(name?: string): CustomElementConstructor;

/** The steps, in order. */
export const STEPS: readonly PanelStep[];

declare global {
  interface HTMLElementTagNameMap {
    'pii-mask-panel': PiiMaskPanel;
  }
}
