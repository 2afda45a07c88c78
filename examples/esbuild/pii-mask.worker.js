// The whole worker: the package's worker module, bundled by esbuild.
import 'pii-mask/worker.js';
