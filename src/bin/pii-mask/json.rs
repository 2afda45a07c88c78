//! JSON written byte for byte as the Node CLI writes it: `JSON.stringify`
//! of what the wasm boundary hands to JavaScript. serde_json's own layout
//! matches (two-space indent, `[]`/`{}` when empty, the same escapes); only
//! numbers differ: JavaScript writes `1`, not `1.0`, and `1e+21`.

use serde::Serialize;
use serde_json::ser::{CompactFormatter, Formatter, PrettyFormatter};
use std::io::{self, Write};

/// `f` as JavaScript's `Number.prototype.toString` writes it.
pub fn js_number(f: f64) -> String {
    if !f.is_finite() {
        return "null".into();
    }
    if f == 0.0 {
        return "0".into();
    }
    // `{:e}` gives the shortest digits that read back as `f`, as JS does.
    let sci = format!("{:e}", f.abs());
    let (mantissa, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let digits: String = mantissa.chars().filter(|c| *c != '.').collect();
    let k = digits.len() as i64;
    let n = exp.parse::<i64>().unwrap_or(0) + 1;
    let sign = if f < 0.0 { "-" } else { "" };
    let body = if k <= n && n <= 21 {
        format!("{digits}{}", "0".repeat((n - k) as usize))
    } else if 0 < n && n <= 21 {
        format!("{}.{}", &digits[..n as usize], &digits[n as usize..])
    } else if -6 < n && n <= 0 {
        format!("0.{}{digits}", "0".repeat((-n) as usize))
    } else {
        let e = n - 1;
        let rest = if k > 1 {
            format!(".{}", &digits[1..])
        } else {
            String::new()
        };
        format!(
            "{}{rest}e{}{}",
            &digits[..1],
            if e >= 0 { "+" } else { "-" },
            e.abs()
        )
    };
    format!("{sign}{body}")
}

/// `x.toPrecision(3)` as JavaScript writes it.
pub fn to_precision3(x: f64) -> String {
    if x == 0.0 {
        return "0.00".into();
    }
    let sci = format!("{:.2e}", x.abs());
    let (mantissa, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let digits: String = mantissa.chars().filter(|c| *c != '.').collect();
    let e: i64 = exp.parse().unwrap_or(0);
    let sign = if x < 0.0 { "-" } else { "" };
    let body = if !(-6..3).contains(&e) {
        format!(
            "{}.{}e{}{}",
            &digits[..1],
            &digits[1..],
            if e >= 0 { "+" } else { "-" },
            e.abs()
        )
    } else if e >= 0 {
        let at = (e + 1) as usize;
        if at < digits.len() {
            format!("{}.{}", &digits[..at], &digits[at..])
        } else {
            digits
        }
    } else {
        format!("0.{}{digits}", "0".repeat((-e - 1) as usize))
    };
    format!("{sign}{body}")
}

/// serde_json's layout with JavaScript's numbers.
struct Js<F>(F);

macro_rules! delegate {
    ($($name:ident($($arg:ident: $ty:ty),*)),* $(,)?) => {
        $(fn $name<W: ?Sized + Write>(&mut self, w: &mut W $(, $arg: $ty)*) -> io::Result<()> {
            self.0.$name(w $(, $arg)*)
        })*
    };
}

impl<F: Formatter> Formatter for Js<F> {
    delegate!(
        begin_array(),
        end_array(),
        begin_array_value(first: bool),
        end_array_value(),
        begin_object(),
        end_object(),
        begin_object_key(first: bool),
        end_object_key(),
        begin_object_value(),
        end_object_value(),
    );

    fn write_f64<W: ?Sized + Write>(&mut self, w: &mut W, value: f64) -> io::Result<()> {
        w.write_all(js_number(value).as_bytes())
    }

    fn write_f32<W: ?Sized + Write>(&mut self, w: &mut W, value: f32) -> io::Result<()> {
        self.write_f64(w, f64::from(value))
    }
}

/// `JSON.stringify(value, null, 2)`.
pub fn pretty<T: Serialize + ?Sized>(value: &T) -> Vec<u8> {
    let mut out = Vec::new();
    let mut ser =
        serde_json::Serializer::with_formatter(&mut out, Js(PrettyFormatter::with_indent(b"  ")));
    // Serializing the core's own types into memory cannot fail.
    let _ = value.serialize(&mut ser);
    out
}

/// `JSON.stringify(value)`.
pub fn compact<T: Serialize + ?Sized>(value: &T) -> Vec<u8> {
    let mut out = Vec::new();
    let mut ser = serde_json::Serializer::with_formatter(&mut out, Js(CompactFormatter));
    let _ = value.serialize(&mut ser);
    out
}

/// A value as `JSON.stringify` shows it in a message.
pub fn compact_string<T: Serialize + ?Sized>(value: &T) -> String {
    String::from_utf8_lossy(&compact(value)).into_owned()
}

/// A parsed JSON value as JavaScript holds it: every number a double, so
/// `3.0` reads as the integer 3 and a huge integer loses its precision, as
/// `JSON.parse` then the wasm boundary would have it.
pub fn as_javascript(v: serde_json::Value) -> serde_json::Value {
    use serde_json::Value;
    match v {
        Value::Number(n) => {
            let f = n.as_f64().unwrap_or(0.0);
            if f.fract() == 0.0 && f.abs() <= 9_007_199_254_740_991.0 {
                if f < 0.0 {
                    Value::from(f as i64)
                } else {
                    Value::from(f as u64)
                }
            } else {
                serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)
            }
        }
        Value::Array(a) => Value::Array(a.into_iter().map(as_javascript).collect()),
        Value::Object(o) => {
            Value::Object(o.into_iter().map(|(k, v)| (k, as_javascript(v))).collect())
        }
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_as_javascript_writes_them() {
        for (f, s) in [
            (1.0, "1"),
            (0.5, "0.5"),
            (-2.25, "-2.25"),
            (1e21, "1e+21"),
            (1e20, "100000000000000000000"),
            (1e-7, "1e-7"),
            (0.000001, "0.000001"),
            (123.456, "123.456"),
            (1.5e-10, "1.5e-10"),
            (0.1 + 0.2, "0.30000000000000004"),
        ] {
            assert_eq!(js_number(f), s, "{f}");
        }
        for (f, s) in [
            (0.5, "0.500"),
            (12.345, "12.3"),
            (100.0, "100"),
            (0.0001234, "0.000123"),
            (1234.0, "1.23e+3"),
        ] {
            assert_eq!(to_precision3(f), s, "{f}");
        }
    }

    #[test]
    fn layout_is_json_stringify_with_two_spaces() {
        let v = serde_json::json!({"a": [1.0, 2.5], "b": {}, "c": []});
        assert_eq!(
            String::from_utf8(pretty(&v)).unwrap_or_default(),
            "{\n  \"a\": [\n    1,\n    2.5\n  ],\n  \"b\": {},\n  \"c\": []\n}"
        );
    }
}
