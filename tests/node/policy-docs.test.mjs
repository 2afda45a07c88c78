// The README documents the whole policy format: an example of every
// operator (and every `generalize` target and `noise` mechanism), and of
// every validation rule, type and mode, each accepted by the core. The
// lists come from the generated JSON Schema, so a new operator or rule
// without an example fails here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, loadPkg } from './helpers.mjs';

const api = await loadPkg();
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const schema = JSON.parse(readFileSync(join(ROOT, 'js/policy.schema.json'), 'utf8'));
const defs = schema.definitions;
const consts = (def) => def.oneOf.map((b) => b.const ?? b.properties?.op?.const);

/** The first ```json block after `marker`, parsed. */
function blockAfter(marker) {
  const at = readme.indexOf(marker);
  assert.ok(at >= 0, `README has "${marker}"`);
  const start = readme.indexOf('```json\n', at) + '```json\n'.length;
  return JSON.parse(readme.slice(start, readme.indexOf('\n```', start)));
}

test('an example of every operator, accepted by the core', () => {
  const policy = blockAfter('Every operator, once');
  assert.deepEqual(api.validatePolicy(policy).problems, []);
  const ops = Object.values(policy.columns);
  const used = new Set(ops.map((o) => o.op));
  for (const name of consts(defs.Op)) assert.ok(used.has(name), `no example of ${name}`);
  assert.deepEqual(new Set(api.catalogue().operators.map((o) => o.name)), used);
  const to = new Set(ops.filter((o) => o.op === 'generalize').map((o) => o.to));
  for (const t of consts(defs.Generalization)) assert.ok(to.has(t), `no example of generalize to ${t}`);
  const mechanisms = new Set(ops.filter((o) => o.op === 'noise').map((o) => o.mechanism));
  for (const m of consts(defs.NoiseMechanism)) assert.ok(mechanisms.has(m), `no example of noise ${m}`);
  // And each operator is in the table of operators.
  for (const name of used) assert.match(readme, new RegExp(`^\\| \`${name}\` \\|`, 'm'), `${name} in the table`);
});

test('an example of every validation rule, type and mode, accepted by the core', () => {
  const policy = blockAfter('### Validating input');
  assert.deepEqual(api.validatePolicy(policy).problems, []);
  const rules = Object.values(policy.validate.columns);
  for (const field of Object.keys(defs.ValidationRules.properties)) {
    assert.ok(rules.some((r) => field in r), `no example of the rule ${field}`);
  }
  for (const type of consts(defs.ValueType)) {
    assert.ok(rules.some((r) => r.type === type), `no example of "type": "${type}"`);
  }
  for (const field of Object.keys(defs.Validation.properties)) {
    assert.match(readme, new RegExp(`"${field}":`), `no example of validate.${field}`);
  }
  for (const mode of consts(defs.ValidationMode)) {
    assert.match(readme, new RegExp(`"mode": "${mode}"`), `no example of mode ${mode}`);
  }
});
