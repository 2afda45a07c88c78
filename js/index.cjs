'use strict';
// pii-mask for CommonJS: `const pii = require('pii-mask')`. The package is
// ES modules; this file loads the Node entry (node.js) with import() in the
// first `await init()`, which works in every Node 20+ (require() of an ES
// module only from 20.19). Each export then calls the same module that an
// `import` gets, so the two share one WebAssembly instance.

let api = null;
let loading = null;

function loaded(name) {
  if (api === null) {
    throw new Error(`pii-mask: call \`await init()\` before ${name}() (the CommonJS entry loads the module in init)`);
  }
  return api;
}

/** Load the module and instantiate the WebAssembly; the same arguments as the ES module's init(). */
async function init(input, lists) {
  if (loading === null) {
    loading = import('./node.js');
    loading.catch(() => {
      loading = null;
    });
  }
  const mod = await loading;
  await mod.init(input, lists);
  api = mod;
}

function isReady() {
  return api !== null && api.isReady();
}

const exported = { init, isReady };

for (const name of ['initSync', 'assessRisk', 'scan', 'find', 'preview', 'catalogue', 'validatePolicy', 'resolvePolicy', 'cliOptions', 'cliCommands', 'cliHelp', 'maskBytes', 'createMaskStream', 'restore', 'restoreCsv', 'createRestoreStream']) {
  exported[name] = { [name]: (...args) => loaded(name)[name](...args) }[name];
}

// `new Masker(...)` gives an instance of the ES module's class, and
// `instanceof` answers for it.
for (const name of ['Masker', 'Scanner', 'RiskAnalyzer', 'Vault', 'Restorer', 'CsvRestorer']) {
  exported[name] = {
    [name]: class {
      constructor(...args) {
        return new (loaded(name)[name])(...args);
      }
      static [Symbol.hasInstance](x) {
        return api !== null && x instanceof api[name];
      }
    },
  }[name];
}
exported.Vault.open = function open(bytes, passphrase) {
  return loaded('Vault.open').Vault.open(bytes, passphrase);
};

module.exports = exported;
