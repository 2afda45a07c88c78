// "Bring your own worker": the app's own worker module, which is the package's.
import '/pkg/worker.js';
