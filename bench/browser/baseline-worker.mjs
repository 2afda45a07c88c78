// The JavaScript way in a Web Worker, as a page would run it: Papa Parse
// reading the File in 1 MiB chunks, the cell operations of baseline-core,
// Papa.unparse per chunk. run.mjs bundles this file (esbuild) into a classic
// worker script, because Papa Parse is not an ES module. Output is dropped,
// as pii-mask's is in matrix.html.
import Papa from 'papaparse';
import { applyOps, makeHasher, opsFor } from '../baseline-core.mjs';

self.onmessage = ({ data: { file, job, key } }) => {
  const hash = makeHasher(key);
  let ops = null;
  let rows = 0;
  let chars = 0;
  Papa.parse(file, {
    delimiter: ',',
    newline: '\n',
    skipEmptyLines: true,
    chunkSize: 1 << 20,
    chunk(results) {
      const data = results.data;
      let from = 0;
      if (ops === null) {
        ops = opsFor(job, data[0], hash);
        from = 1;
      }
      applyOps(ops, data, from);
      rows += data.length - from;
      if (data.length) chars += Papa.unparse(data, { newline: '\n' }).length + 1;
    },
    complete: () => self.postMessage({ rows, chars }),
    error: (e) => self.postMessage({ error: String(e) }),
  });
};
