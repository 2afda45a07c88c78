// Where records end in a file read in pieces. Parsing proper is the wasm
// core's job; this only finds record boundaries, as the core's reader does
// (RFC 4180 quoting; CR, LF or CRLF end a record; blank lines are no record),
// so that the page can give the scanner whole records and stop reading after
// the rows it needs, whatever their length. It goes when the core says where
// a record ends (contract: readRows(...).end), or lets a Scanner finish
// without a record cut off at the end of what it was given.

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

/**
 * Record ends in bytes fed in order: `ends[k]` is the offset just past the
 * terminator of record k. `delimiter` is the byte that separates fields. A
 * record still open when the input stops has no end yet.
 */
export class RecordEnds {
  constructor(delimiter) {
    this.delimiter = delimiter;
    this.ends = [];
    this.offset = 0; // bytes fed so far
    this.quoted = false;
    this.quoteSeen = false; // a quote inside quotes: "" or the closing one
    this.fieldStart = true;
    this.content = false; // the open record has a byte other than CR or LF
  }

  push(bytes) {
    const d = this.delimiter;
    let { quoted, quoteSeen, fieldStart, content } = this;
    for (let i = 0; i < bytes.length; i++) {
      const b = bytes[i];
      if (quoteSeen) {
        quoteSeen = false;
        if (b === QUOTE) continue;
        quoted = false; // it closed the field; b is read as outside quotes
      } else if (quoted) {
        if (b === QUOTE) quoteSeen = true;
        continue;
      }
      if (b === LF || b === CR) {
        if (content) this.ends.push(this.offset + i + 1);
        content = false;
        fieldStart = true;
      } else {
        content = true;
        if (b === QUOTE && fieldStart) quoted = true;
        fieldStart = b === d;
      }
    }
    Object.assign(this, { quoted, quoteSeen, fieldStart, content });
    this.offset += bytes.length;
    return this.ends.length;
  }
}
