/// Writes records, quoting a field only where it needs it (RFC 4180).
///
/// ```
/// let mut w = pii_mask::csv::Writer::new(b',', b"\n");
/// let mut out = Vec::new();
/// w.field(&mut out, b"plain");
/// w.field(&mut out, b"has, comma and \"quote\"");
/// w.end_record(&mut out);
/// assert_eq!(out, b"plain,\"has, comma and \"\"quote\"\"\"\n");
/// ```
#[derive(Clone, Debug)]
pub struct Writer {
    delimiter: u8,
    terminator: &'static [u8],
    fields: usize,
    last_empty: bool,
    /// Bytes that force quoting: the delimiter, `"`, CR and LF.
    special: [bool; 256],
}

impl Writer {
    pub fn new(delimiter: u8, terminator: &'static [u8]) -> Writer {
        let mut special = [false; 256];
        for b in [delimiter, b'"', b'\n', b'\r'] {
            special[usize::from(b)] = true;
        }
        Writer {
            delimiter,
            terminator,
            fields: 0,
            last_empty: false,
            special,
        }
    }

    /// Appends one field of the current record to `out`.
    pub fn field(&mut self, out: &mut Vec<u8>, value: &[u8]) {
        if self.fields > 0 {
            out.push(self.delimiter);
        }
        self.fields += 1;
        self.last_empty = value.is_empty();
        if self.needs_quotes(value) {
            // Each `"` doubled; the runs between them found by memchr.
            out.push(b'"');
            let mut rest = value;
            while let Some(k) = memchr::memchr(b'"', rest) {
                out.extend_from_slice(&rest[..=k]);
                out.push(b'"');
                rest = &rest[k + 1..];
            }
            out.extend_from_slice(rest);
            out.push(b'"');
        } else {
            out.extend_from_slice(value);
        }
    }

    /// Whether `value` holds a byte that forces quoting. Long values (a
    /// notes cell) are searched with memchr, a byte-at-a-time look up of
    /// the table cost more than the rest of writing them.
    fn needs_quotes(&self, value: &[u8]) -> bool {
        if value.len() < 32 {
            return value.iter().any(|&b| self.special[usize::from(b)]);
        }
        memchr::memchr3(self.delimiter, b'"', b'\n', value).is_some()
            || memchr::memchr(b'\r', value).is_some()
    }

    /// Ends the current record.
    pub fn end_record(&mut self, out: &mut Vec<u8>) {
        // A lone empty field, or none at all (every cell dropped), would be
        // a blank line, which readers skip: the row would vanish.
        if self.fields == 0 || (self.fields == 1 && self.last_empty) {
            out.extend_from_slice(b"\"\"");
        }
        out.extend_from_slice(self.terminator);
        self.fields = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lone_empty_field_survives_a_round_trip() {
        let mut w = Writer::new(b',', b"\r\n");
        let mut out = Vec::new();
        w.field(&mut out, b"");
        w.end_record(&mut out);
        assert_eq!(out, b"\"\"\r\n");
        let rows = crate::csv::read_all(&out, &Default::default()).unwrap();
        assert_eq!(rows, vec![vec![Vec::<u8>::new()]]);
    }

    #[test]
    fn newlines_and_delimiters_are_quoted() {
        let mut w = Writer::new(b';', b"\n");
        let mut out = Vec::new();
        w.field(&mut out, b"a;b");
        w.field(&mut out, b"c\nd");
        w.field(&mut out, b"e,f");
        w.end_record(&mut out);
        assert_eq!(out, b"\"a;b\";\"c\nd\";e,f\n");
    }
}
