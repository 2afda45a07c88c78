// Peak memory of processes, for run.mjs and page-memory.mjs (Linux /proc).
//
// RSS counts every page a process has mapped in, the shared libraries
// included: Chromium's ~200 MB of code is in every one of its processes'
// RSS, and is paid once. The process's PRIVATE memory (Private_Clean +
// Private_Dirty of /proc/PID/smaps_rollup: pages no other process maps) is
// what this one process costs: heaps, wasm linear memories, buffers. The
// kernel keeps a peak of RSS (VmHWM) but none of private memory, so both are
// sampled (every `everyMs`) and their largest values kept; a short spike
// between two samples is missed.
import { readdirSync, readFileSync } from 'node:fs';

function read(path) {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

/** {rssKb, privateKb, hwmKb} of one process now, or null when it is gone. */
export function memoryOf(pid) {
  const rollup = read(`/proc/${pid}/smaps_rollup`);
  const status = read(`/proc/${pid}/status`);
  if (rollup === null || status === null) return null;
  const kb = (text, field) => Number(new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(text)?.[1] ?? 0);
  return {
    rssKb: kb(rollup, 'Rss'),
    privateKb: kb(rollup, 'Private_Clean') + kb(rollup, 'Private_Dirty'),
    hwmKb: kb(status, 'VmHWM'),
  };
}

/** The pids under `root` (its children, theirs, ...), `root` not included. */
export function descendants(root) {
  const out = [];
  const stack = [root];
  while (stack.length) {
    const pid = stack.pop();
    // A process's children are listed per thread: a child forked by a
    // thread other than the main one is under that thread's entry.
    for (const tid of listTasks(pid)) {
      const kids = read(`/proc/${pid}/task/${tid}/children`);
      if (!kids) continue;
      for (const k of kids.trim().split(/\s+/).filter(Boolean).map(Number)) {
        out.push(k);
        stack.push(k);
      }
    }
  }
  return out;
}

function listTasks(pid) {
  try {
    return readdirSync(`/proc/${pid}/task`);
  } catch {
    return [];
  }
}

/** The renderer processes of the Chromium under `root`, but for Chromium's own UI's (--top-chrome-webui). */
export function renderers(root) {
  return descendants(root).filter((pid) => {
    const cmd = read(`/proc/${pid}/cmdline`) ?? '';
    return cmd.includes('--type=renderer') && !cmd.includes('--top-chrome-webui');
  });
}

/**
 * Samples the processes `pids()` gives every `everyMs`; stop() returns the
 * peaks over them, each process taken alone (the largest one's, not a sum):
 * {rssKb (the kernel's VmHWM where larger than any sample), privateKb}.
 */
export function sampler(pids, everyMs = 50) {
  let rssKb = 0;
  let privateKb = 0;
  const tick = () => {
    for (const pid of pids()) {
      const m = memoryOf(pid);
      if (!m) continue;
      rssKb = Math.max(rssKb, m.rssKb, m.hwmKb);
      privateKb = Math.max(privateKb, m.privateKb);
    }
  };
  tick();
  const timer = setInterval(tick, everyMs);
  return {
    peak: () => ({ rssKb, privateKb }),
    stop() {
      clearInterval(timer);
      tick();
      return { rssKb, privateKb };
    },
  };
}
