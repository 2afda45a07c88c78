// The host's script: records what the panels say (their events and any CSP
// violation), then loads the element. The violation listener comes first, so
// nothing the element does can go unseen.
window.violations = [];
document.addEventListener('securitypolicyviolation', (e) => window.violations.push(`${e.violatedDirective} ${e.blockedURI}`));
window.events = [];
for (const type of ['pii-mask-scan', 'pii-mask-change', 'pii-mask-done', 'pii-mask-error']) {
  document.addEventListener(type, (e) => window.events.push({ type, panel: e.target.id, detail: e.detail }));
}
await import('/pkg/panel/panel.js');
window.hostReady = true;
