// Byte-level CSV helpers for the page: where the last complete record of a
// file's prefix ends, and CSV text for the clipboard. Parsing proper is the
// wasm core's job; this only finds record boundaries (RFC 4180 quoting).

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;
const CANDIDATES = [0x2c, 0x3b, 0x09, 0x7c]; // , ; \t |

/**
 * The length of the longest prefix of `bytes` that ends right after a record
 * terminator outside quotes, and how many records it holds. `delimiter` is
 * the byte that separates fields, or null when not known yet (then any of
 * , ; tab | may start a quoted field). Returns {end: 0, records: 0} when the
 * first record does not end within `bytes`.
 */
export function lastRecordEnd(bytes, delimiter = null) {
  const isDelim = delimiter == null ? (b) => CANDIDATES.includes(b) : (b) => b === delimiter;
  let end = 0;
  let records = 0;
  let quoted = false;
  let fieldStart = true;
  const n = bytes.length;
  for (let i = 0; i < n; i++) {
    const b = bytes[i];
    if (quoted) {
      if (b === QUOTE) {
        if (i + 1 >= n) break; // a quote at the very end: "" or the close? unknown
        if (bytes[i + 1] === QUOTE) i++;
        else quoted = false;
      }
      continue;
    }
    if (b === QUOTE && fieldStart) {
      quoted = true;
      fieldStart = false;
    } else if (b === LF) {
      end = i + 1;
      records++;
      fieldStart = true;
    } else if (b === CR) {
      if (i + 1 >= n) break; // CR at the end: CRLF cut in two?
      if (bytes[i + 1] === LF) i++;
      end = i + 1;
      records++;
      fieldStart = true;
    } else {
      fieldStart = isDelim(b);
    }
  }
  return { end, records };
}

/** One field quoted for CSV when it needs it. */
export function quoteField(value, delimiter = ',') {
  if (value.includes('"') || value.includes(delimiter) || value.includes('\n') || value.includes('\r')) {
    return `"${value.replaceAll('"', '""')}"`;
  }
  return value;
}

/** Rows (arrays of strings) as CSV text, LF line endings. */
export function toCsv(rows, delimiter = ',') {
  return rows.map((row) => row.map((v) => quoteField(v, delimiter)).join(delimiter)).join('\n') + '\n';
}

/** "12.3 MB" style sizes (decimal units, as file managers show them). */
export function formatBytes(n) {
  if (n < 1000) return `${n} B`;
  if (n < 1e6) return `${(n / 1e3).toFixed(1)} kB`;
  if (n < 1e9) return `${(n / 1e6).toFixed(1)} MB`;
  return `${(n / 1e9).toFixed(2)} GB`;
}
