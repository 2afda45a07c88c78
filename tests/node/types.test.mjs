// The generated types and policy schema (js/types.gen.d.ts,
// js/policy.schema.json; tests/generated.rs keeps them in step with the Rust
// types): the schema accepts every example policy in the READMEs and refuses
// the bad policies the tests use, as the core does; the package ships it;
// and the types accept and refuse what the core does.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { KEY, PKG, ROOT, enc, loadPkg, tempDir } from './helpers.mjs';

const schema = JSON.parse(readFileSync(join(ROOT, 'js/policy.schema.json'), 'utf8'));
const validate = new Ajv({ allErrors: true }).compile(schema);
const api = await loadPkg();

/** Whether the core reads the policy. */
const coreAccepts = (policy) => api.validatePolicy(policy).ok;

/** The ```json blocks of a Markdown file that are policies (have "version"). */
function examplePolicies(rel) {
  const text = readFileSync(join(ROOT, rel), 'utf8');
  return [...text.matchAll(/```json\n([\s\S]*?)```/g)]
    .map((m) => m[1])
    .filter((block) => block.includes('"version"'))
    .map((block) => JSON.parse(block));
}

test('every example policy in the READMEs is valid by the schema and read by the core', () => {
  const examples = [...examplePolicies('README.md'), ...examplePolicies('js/README.md')];
  assert.ok(examples.length >= 2, `found ${examples.length} example policies`);
  for (const policy of examples) {
    assert.ok(validate(policy), `${JSON.stringify(policy)}: ${JSON.stringify(validate.errors)}`);
    assert.ok(coreAccepts(policy), JSON.stringify(policy));
  }
});

// The bad policies of the tests (where each comes from), each refused by the
// schema and by the core.
const entities = (e) => ({ version: 1, entities: e });
const column = (op) => ({ version: 1, columns: { a: op } });
const BAD = [
  // src/policy.rs refusals_say_what_is_wrong
  { columns: {} },
  { version: 2 },
  column({ op: 'blur' }),
  column({ op: 'hash', length: 3 }),
  column({ op: 'mask', colour: 1 }),
  { version: 1, extra: true },
  [1],
  // tests/leak_paths.rs, src/policy.rs Op::validate
  column({ op: 'mask', chars: 0 }),
  column({ op: 'generalize', to: 'year', chars: 2 }),
  column({ op: 'generalize', to: 'prefix', chars: 0 }),
  column({ op: 'generalize' }),
  column({ op: 'scrub', entities: [] }),
  column({ op: 'hash', length: 65 }),
  column({ op: 'hash', length: 8.5 }),
  column({ op: 'mask', char: '##' }),
  column({ op: 'redact', text: 5 }),
  column({ length: 8 }),
  { version: 1, auto: 'yes' },
  { version: 1, columns: [] },
  { version: 1, default: { op: 'keep', entity: 'EMAIL_ADDRESS' } },
  { version: 1, entities: [] },
  // tests/node/api.test.mjs, keys.test.mjs, page.test.mjs
  column({ op: 'shuffle' }),
  column({ op: 'hash', algorithm: 'md5' }),
  { version: 99, columns: {} },
  { version: 1, columns: { email: { op: 'mask', bogus: 1 }, plan: { op: 'drop' } } },
  // tests/custom_entities.rs bad_declarations_are_refused_with_the_entity_named
  entities({ EMAIL_ADDRESS: { pattern: 'x' } }),
  entities({ lower: { pattern: 'x' } }),
  entities({ A_B: { terms: [] } }),
  entities({ A_B: { pattern: 'x', terms: ['y'] } }),
  entities({ A_B: { pattern: 'x', check: 'crc' } }),
  entities({ A_B: { pattern: 'x', colour: 1 } }),
  entities({ A_B: { terms: ['y'], check: 'luhn' } }),
  entities({ A_B: {} }),
  { $schema: 1, version: 1 },
];

// Refused by the core for what a JSON Schema cannot say (the regex engine's
// verdict, names declared elsewhere in the policy): the schema lets them by.
const BEYOND_SCHEMA = [
  entities({ A_B: { pattern: '((' } }),
  entities({ A_B: { pattern: 'x*' } }),
  { version: 1, columns: { n: { op: 'scrub', entities: ['NOT_DECLARED'] } } },
];

test('the schema refuses the bad policies of the tests, as the core does', () => {
  for (const policy of BAD) {
    assert.equal(validate(policy), false, `the schema accepts ${JSON.stringify(policy)}`);
    assert.equal(coreAccepts(policy), false, `the core accepts ${JSON.stringify(policy)}`);
  }
  for (const policy of BEYOND_SCHEMA) {
    assert.equal(coreAccepts(policy), false, `the core accepts ${JSON.stringify(policy)}`);
  }
});

test('the schema and the core agree on policies the schema accepts', () => {
  const good = [
    column({ op: 'generalize', to: 'prefix', chars: 2 }),
    column({ op: 'hash', length: 8, algorithm: 'sha256', per_column: true }),
    column({ op: 'mask', char: '#', chars: 4, from_end: true, entity: 'CREDIT_CARD' }),
    column({ op: 'redact', text: '[X]', entity: 'US_SSN' }),
    { version: 1, entities: { A_B: { terms: ['y'] } }, columns: { n: { op: 'scrub', entities: ['A_B', 'PERSON'] } } },
    { version: 1, default: { op: 'drop' }, auto: true, columns: { '#0': { op: 'keep' } } },
    // Editors find the schema by "$schema".
    { $schema: 'node_modules/pii-mask/policy.schema.json', version: 1 },
  ];
  for (const policy of good) {
    assert.ok(validate(policy), `${JSON.stringify(policy)}: ${JSON.stringify(validate.errors)}`);
    assert.ok(coreAccepts(policy), JSON.stringify(policy));
  }
});

test('the package ships the schema and the generated types', () => {
  const pkg = JSON.parse(readFileSync(join(PKG, 'package.json'), 'utf8'));
  assert.equal(pkg.exports['./policy.schema.json'], './policy.schema.json');
  for (const f of ['policy.schema.json', 'types.gen.d.ts']) {
    assert.ok(pkg.files.includes(f), `${f} is in files`);
    assert.equal(readFileSync(join(PKG, f), 'utf8'), readFileSync(join(ROOT, 'js', f), 'utf8'));
  }
});

test('the generated types list every built-in entity and type what the core reads', (t) => {
  const dir = tempDir(t);
  const index = join(ROOT, 'js/index.js').replace(/\\/g, '/');
  const names = schema.definitions.EntityType.anyOf[0].enum;
  assert.equal(names.length, 31);
  writeFileSync(
    join(dir, 'use.ts'),
    `import type { Policy, EntityType, Op, MaskOptions, Finding } from '${index}';
const all: EntityType[] = ${JSON.stringify(names)};
const own: EntityType = 'EMPLOYEE_ID';
const policy: Policy = { version: 1, columns: { a: { op: 'scrub', entities: all }, b: { op: 'mask', entity: 'US_SSN', chars: 4 } } };
const g: Op = { op: 'generalize', to: 'prefix', chars: 2 };
const o: MaskOptions = { header: 'auto', encoding: 'windows-1252', escapeFormulas: true };
const f = (x: Finding): EntityType => x.type;
// @ts-expect-error chars is a number
const bad1: Op = { op: 'mask', chars: '4' };
// @ts-expect-error generalize needs to
const bad2: Op = { op: 'generalize' };
// @ts-expect-error header is true, false or 'auto'
const bad3: MaskOptions = { header: 'yes' };
// @ts-expect-error a misspelt option
const bad4: MaskOptions = { allow_ragged: true };
void [all, own, policy, g, o, f, bad1, bad2, bad3, bad4];
`,
  );
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', lib: ['ES2022', 'DOM', 'DOM.Iterable', 'ESNext.Disposable'], strict: true, noEmit: true, types: [] },
      files: ['use.ts'],
    }),
  );
  try {
    execFileSync(join(ROOT, 'node_modules/.bin/tsc'), ['-p', dir], { encoding: 'utf8' });
  } catch (e) {
    assert.fail(`tsc: ${e.stdout}${e.stderr}`);
  }
});

/** The property names of an interface in the generated types. */
function declared(name) {
  const ts = readFileSync(join(ROOT, 'js/types.gen.d.ts'), 'utf8');
  const body = ts.match(new RegExp(`export interface ${name} \\{\\n([\\s\\S]*?)\\n\\}`))?.[1];
  assert.ok(body, `types.gen.d.ts declares ${name}`);
  return [...body.matchAll(/^  '?([\w#]+)'?\??: /gm)].map((m) => m[1]);
}

test('the options types name exactly the options the core takes', () => {
  const sample = {
    key: KEY, delimiter: ',', header: 'auto', encoding: 'windows-1252', allowRagged: true,
    sampleRows: 10, escapeFormulas: true, bom: true, outputDelimiter: ';', audit: true, entities: { MINE: { terms: ['x'] } },
    quasi: ['a'], sensitive: 'b',
  };
  // Options that take effect only with others.
  const needs = { quasi: { audit: true }, sensitive: { audit: true, quasi: ['a'] } };
  const csv = enc.encode('a,b\n1,2\n');
  const uses = {
    MaskOptions: (o) => api.maskBytes(csv, { version: 1 }, o),
    ScanOptions: (o) => api.scan(csv, o),
  };
  for (const [type, use] of Object.entries(uses)) {
    const names = declared(type);
    assert.ok(names.length >= 5, `${type}: ${names}`);
    for (const name of names) {
      assert.ok(name in sample, `${type}.${name}: add a sample value to this test`);
      use({ ...needs[name], [name]: sample[name] });
    }
    // The others are refused, naming the option.
    for (const name of Object.keys(sample).filter((n) => !names.includes(n))) {
      assert.throws(() => use({ [name]: sample[name] }), (e) => e.code === 'invalid_option' && e.field === name, `${type} refuses ${name}`);
    }
  }
});

test('the entity and error code types list what the catalogue lists', () => {
  const c = api.catalogue();
  assert.deepEqual(schema.definitions.EntityType.anyOf[0].enum, c.entities.map((e) => e.name));
  const ts = readFileSync(join(ROOT, 'js/types.gen.d.ts'), 'utf8');
  const codes = [...ts.match(/export type ErrorCode =([^;]*);/)[1].matchAll(/'(\w+)'/g)].map((m) => m[1]);
  assert.deepEqual(codes, c.errors.map((e) => e.code));
  const problem = api.validatePolicy({ version: 1, columns: { a: { op: 'hash', length: 3 } } }).problems[0];
  assert.deepEqual(Object.keys(problem).sort(), declared('Problem').sort());
  assert.ok(codes.includes(problem.code));
});
