// The whole worker: the package's worker module, bundled by Rollup.
import 'pii-mask/worker.js';
