//! JSON Schema (draft-07, by schemars) of the types, and TypeScript from
//! those schemas. The TypeScript writer knows only the schema shapes these
//! types produce and refuses any other, so a new shape is noticed here
//! rather than written as `unknown`.

use crate::classify::ScanResult;
use crate::csv::Encoding;
use crate::detect::TextSpan;
use crate::policy::{Op, PolicyJson};
use crate::report::Report;
use crate::ErrorKind;
use schemars::generate::{Contract, SchemaSettings};
use schemars::transform::{transform_subschemas, RestrictFormats};
use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use serde_json::{Map, Value};
use std::borrow::Cow;
use std::fmt::Write;

use super::{ErrorFields, JsMaskOptions, JsRiskOptions, JsScanOptions, PolicyValidation};

fn settings(contract: Contract) -> SchemaSettings {
    let mut s = SchemaSettings::draft07().with(|s| s.contract = contract);
    // First, before draft-07's own transforms move `$ref` siblings.
    s.transforms.insert(0, Box::new(absent_is_not_null));
    s.with_transform(RestrictFormats::default())
}

/// An optional property is left out rather than null: serde skips a `None`
/// it does not write (`skip_serializing_if`), and a policy or options
/// object leaves out what it does not set.
fn absent_is_not_null(schema: &mut Schema) {
    transform_subschemas(&mut absent_is_not_null, schema);
    let Some(obj) = schema.as_object_mut() else {
        return;
    };
    let required: Vec<String> = match obj.get("required") {
        Some(Value::Array(r)) => r
            .iter()
            .filter_map(|v| v.as_str().map(String::from))
            .collect(),
        _ => Vec::new(),
    };
    let Some(Value::Object(props)) = obj.get_mut("properties") else {
        return;
    };
    for (name, prop) in props.iter_mut() {
        if required.contains(name) {
            continue;
        }
        let Value::Object(p) = prop else { continue };
        if let Some(Value::Array(types)) = p.get_mut("type") {
            types.retain(|t| t != "null");
            if types.len() == 1 {
                let t = types.remove(0);
                p.insert("type".into(), t);
            }
        }
        let not_null = |v: &Value| v.get("type").and_then(Value::as_str) != Some("null");
        if let Some(Value::Array(branches)) = p.get("anyOf") {
            let rest: Vec<Value> = branches.iter().filter(|b| not_null(b)).cloned().collect();
            if rest.len() == 1 && rest.len() < branches.len() {
                p.remove("anyOf");
                if let Some(Value::Object(only)) = rest.into_iter().next() {
                    p.extend(only);
                }
            }
        }
    }
}

/// `policy.schema.json`: what a policy file may hold.
pub fn policy_schema() -> Value {
    let mut schema = settings(Contract::Deserialize)
        .into_generator()
        .into_root_schema_for::<PolicyJson>();
    schema.insert("title".into(), "pii-mask policy".into());
    schema.to_value()
}

/// For `ColumnReport::op`: the operator names, read from [`Op`]'s schema.
pub fn op_name(g: &mut SchemaGenerator) -> Schema {
    let op = Op::json_schema(g);
    let names: Vec<Value> = op
        .get("oneOf")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|v| v.pointer("/properties/op/const").cloned())
        .collect();
    json_schema!({ "type": "string", "enum": names })
}

/// For `Problem::code` and the errors' `code`.
pub fn error_code(g: &mut SchemaGenerator) -> Schema {
    g.subschema_for::<ErrorKind>()
}

/// For the `encoding` option: the labels [`Encoding::from_label`] takes.
pub fn encoding_label(_: &mut SchemaGenerator) -> Schema {
    let labels: Vec<&str> = Encoding::ALL
        .iter()
        .flat_map(|e| std::iter::once(e.label()).chain(e.aliases().iter().copied()))
        .collect();
    json_schema!({ "type": "string", "enum": labels })
}

/// `error.rs` derives no schema: the codes come from [`ErrorKind::ALL`].
impl JsonSchema for ErrorKind {
    fn schema_name() -> Cow<'static, str> {
        "ErrorCode".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        let codes: Vec<Value> = ErrorKind::ALL
            .iter()
            .map(|k| serde_json::json!({ "const": k.code(), "description": k.description() }))
            .collect();
        json_schema!({
            "description": "What kind of error: stable, for programs to branch on (the message is for people).",
            "oneOf": codes
        })
    }
}

/// For `Report::entities`: a count by entity name.
pub fn entity_counts(g: &mut SchemaGenerator) -> Schema {
    json_schema!({
        "type": "object",
        "propertyNames": g.subschema_for::<crate::detect::Entity>(),
        "additionalProperties": { "type": "integer", "minimum": 0 }
    })
}

/// The named types of the JavaScript API: policy and options as read
/// (deserialised), results as written (serialised).
fn definitions() -> Result<Map<String, Value>, String> {
    let mut read = settings(Contract::Deserialize).into_generator();
    read.subschema_for::<PolicyJson>();
    read.subschema_for::<JsMaskOptions>();
    read.subschema_for::<JsScanOptions>();
    read.subschema_for::<JsRiskOptions>();
    let mut written = settings(Contract::Serialize).into_generator();
    written.subschema_for::<ScanResult>();
    written.subschema_for::<Report>();
    written.subschema_for::<TextSpan>();
    written.subschema_for::<PolicyValidation>();
    written.subschema_for::<ErrorFields>();
    written.subschema_for::<crate::catalogue::Catalogue>();
    written.subschema_for::<crate::catalogue::Resolution>();
    written.subschema_for::<crate::pipeline::Preview>();
    written.subschema_for::<crate::risk::Risk>();
    written.subschema_for::<crate::risk::RiskAssessment>();
    written.subschema_for::<crate::restore::RestoreReport>();
    let mut all = read.take_definitions(true);
    for (name, schema) in written.take_definitions(true) {
        match all.get(&name) {
            Some(same) if *same == schema => {}
            Some(_) => {
                return Err(format!(
                    "{name} differs as read and as written: give one of them another schema name"
                ))
            }
            None => {
                all.insert(name, schema);
            }
        }
    }
    Ok(all)
}

/// `js/types.gen.d.ts`.
pub fn typescript() -> Result<String, String> {
    let mut out = String::from(
        "// Generated from the Rust types by tests/generated.rs (src/schema/generate.rs): do not edit.\n\
         // PII_MASK_REGENERATE=1 cargo test --test generated rewrites it.\n",
    );
    for (name, schema) in definitions()? {
        out.push('\n');
        declare(&mut out, &name, &schema).map_err(|e| format!("{name}: {e}"))?;
    }
    Ok(out)
}

fn doc(out: &mut String, indent: &str, schema: &Value) {
    let Some(text) = schema.get("description").and_then(Value::as_str) else {
        return;
    };
    let _ = writeln!(out, "{indent}/**");
    for line in text.lines() {
        let line = line.replace("*/", "*\\/");
        let _ = writeln!(
            out,
            "{indent} *{}{line}",
            if line.is_empty() { "" } else { " " }
        );
    }
    let _ = writeln!(out, "{indent} */");
}

/// The string constant that tags a variant of an internally tagged enum.
fn tag(branch: &Value) -> Option<(&str, &str)> {
    let props = branch.get("properties")?.as_object()?;
    props
        .iter()
        .find_map(|(k, v)| Some((k.as_str(), v.get("const")?.as_str()?)))
}

fn declare(out: &mut String, name: &str, schema: &Value) -> Result<(), String> {
    if schema.get("properties").is_some() {
        doc(out, "", schema);
        let _ = write!(out, "export interface {name} ");
        object(out, "", schema)?;
        out.push('\n');
        return Ok(());
    }
    let branches = schema.get("oneOf").and_then(Value::as_array);
    if let Some(branches) = branches.filter(|b| b.iter().all(|b| tag(b).is_some())) {
        let mut names = Vec::new();
        for b in branches {
            let (_, value) = tag(b).ok_or("untagged branch")?;
            let variant = format!("{}{name}", capitalise(value));
            doc(out, "", b);
            let _ = write!(out, "export interface {variant} ");
            object(out, "", b)?;
            out.push_str("\n\n");
            names.push(variant);
        }
        doc(out, "", schema);
        let _ = writeln!(out, "export type {name} = {};", names.join(" | "));
        return Ok(());
    }
    // The values' own docs become a list in the type's.
    let mut documented = schema.clone();
    if let (Some(Value::Array(values)), Some(obj)) =
        (schema.get("oneOf"), documented.as_object_mut())
    {
        let mut text = obj
            .get("description")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string();
        for v in values {
            if let (Some(c), Some(d)) = (v.get("const"), v.get("description")) {
                let d: Vec<&str> = d.as_str().unwrap_or_default().split_whitespace().collect();
                let _ = write!(text, "\n- {}: {}", literal(c)?, d.join(" "));
            }
        }
        obj.insert("description".into(), text.into());
    }
    doc(out, "", &documented);
    let t = ty(schema)?;
    match members(schema)? {
        Some(items) if t.len() > 80 => {
            let _ = write!(out, "export type {name} =");
            for item in &items {
                let _ = write!(out, "\n  | {item}");
            }
            out.push_str(";\n");
        }
        _ => {
            let _ = writeln!(out, "export type {name} = {t};");
        }
    }
    Ok(())
}

/// `date_shift` -> `DateShift`: a tag value as part of a type name.
fn capitalise(s: &str) -> String {
    s.split('_')
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect::<String>())
                .unwrap_or_default()
        })
        .collect()
}

/// `{ a: A; b?: B }` over several lines, `indent` deep.
fn object(out: &mut String, indent: &str, schema: &Value) -> Result<(), String> {
    let empty = Map::new();
    let props = schema
        .get("properties")
        .and_then(Value::as_object)
        .unwrap_or(&empty);
    let required: Vec<&str> = schema
        .get("required")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect();
    out.push_str("{\n");
    let inner = format!("{indent}  ");
    // A variant's tag first, the rest in name order.
    let tag = tag(schema).map(|(k, _)| k);
    let ordered = props
        .iter()
        .filter(|(k, _)| Some(k.as_str()) == tag)
        .chain(props.iter().filter(|(k, _)| Some(k.as_str()) != tag));
    for (key, prop) in ordered {
        doc(out, &inner, prop);
        let key: Cow<str> = if key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            key.into()
        } else {
            format!("'{key}'").into()
        };
        let opt = if required.contains(&key.as_ref()) {
            ""
        } else {
            "?"
        };
        let _ = writeln!(out, "{inner}{key}{opt}: {};", ty(prop)?);
    }
    let _ = write!(out, "{indent}}}");
    Ok(())
}

fn literal(v: &Value) -> Result<String, String> {
    match v {
        Value::String(s) => Ok(format!(
            "'{}'",
            s.replace('\\', "\\\\").replace('\'', "\\'")
        )),
        Value::Number(_) | Value::Bool(_) | Value::Null => Ok(v.to_string()),
        other => Err(format!("no literal type for {other}")),
    }
}

fn union(types: Vec<String>) -> String {
    let mut seen = Vec::new();
    for t in types {
        if !seen.contains(&t) {
            seen.push(t);
        }
    }
    seen.join(" | ")
}

/// The members of a union (`enum`, `anyOf`, `oneOf`), nested unions
/// flattened; `None` for a schema that is not one.
fn members(schema: &Value) -> Result<Option<Vec<String>>, String> {
    if let Some(Value::Array(values)) = schema.get("enum") {
        return Ok(Some(values.iter().map(literal).collect::<Result<_, _>>()?));
    }
    let Some(Value::Array(branches)) = schema.get("anyOf").or_else(|| schema.get("oneOf")) else {
        return Ok(None);
    };
    // A string that may also be any other string: keep the listed ones for
    // completion (`(string & {})` does not swallow them).
    let listed = branches.iter().any(|b| b.get("enum").is_some());
    let mut types = Vec::new();
    for b in branches {
        match (b.get("type").and_then(Value::as_str), members(b)?) {
            (Some("string"), None) if listed => types.push("(string & {})".into()),
            (_, Some(inner)) => types.extend(inner),
            (_, None) => types.push(ty(b)?),
        }
    }
    Ok(Some(types))
}

/// The TypeScript type of an inline schema.
fn ty(schema: &Value) -> Result<String, String> {
    if schema == &Value::Bool(true) {
        return Ok("unknown".into());
    }
    let s = schema.as_object().ok_or("a schema that is not an object")?;
    if let Some(r) = s.get("$ref").and_then(Value::as_str) {
        return r
            .strip_prefix("#/definitions/")
            .map(String::from)
            .ok_or_else(|| format!("a $ref outside the definitions: {r}"));
    }
    if let Some(Value::Array(all)) = s.get("allOf") {
        if let [one] = all.as_slice() {
            return ty(one);
        }
        return Err("allOf of several schemas".into());
    }
    if let Some(c) = s.get("const") {
        return literal(c);
    }
    if let Some(types) = members(schema)? {
        return Ok(union(types));
    }
    match s.get("type") {
        Some(Value::Array(types)) => {
            let types = types
                .iter()
                .map(|t| {
                    let mut one = s.clone();
                    one.insert("type".into(), t.clone());
                    ty(&Value::Object(one))
                })
                .collect::<Result<_, _>>()?;
            Ok(union(types))
        }
        Some(Value::String(t)) => match t.as_str() {
            "string" => Ok("string".into()),
            "integer" | "number" => Ok("number".into()),
            "boolean" => Ok("boolean".into()),
            "null" => Ok("null".into()),
            "array" => {
                let item = ty(s.get("items").ok_or("an array without items")?)?;
                Ok(if item.contains(' ') && !item.ends_with("[]") {
                    format!("({item})[]")
                } else {
                    format!("{item}[]")
                })
            }
            "object" if s.contains_key("properties") => {
                let mut out = String::new();
                object(&mut out, "", schema)?;
                Ok(out)
            }
            "object" => {
                let value = match s.get("additionalProperties") {
                    Some(v) => ty(v)?,
                    None => "unknown".into(),
                };
                // Keys of a named type, or only a pattern (kept in the schema).
                match s.get("propertyNames") {
                    Some(keys) if keys.get("pattern").is_none() => {
                        Ok(format!("Partial<Record<{}, {value}>>", ty(keys)?))
                    }
                    _ => Ok(format!("Record<string, {value}>")),
                }
            }
            other => Err(format!("type {other}")),
        },
        // Any JSON value (`serde_json::Value`): only metadata.
        _ if s
            .keys()
            .all(|k| ["description", "title", "default"].contains(&k.as_str())) =>
        {
            Ok("unknown".into())
        }
        _ => Err(format!("a schema of no known shape: {schema}")),
    }
}

/// `find`'s spans. `detect` derives no schema for [`TextSpan`], so this one
/// is written here; tests/generated.rs checks it against a serialised span.
impl JsonSchema for TextSpan {
    fn schema_name() -> Cow<'static, str> {
        "Finding".into()
    }

    fn json_schema(g: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A span of personal data in a text.",
            "type": "object",
            "properties": {
                "type": g.subschema_for::<crate::detect::Entity>(),
                "start": { "type": "integer", "minimum": 0, "description": "Offset in UTF-16 code units, as `String.prototype.slice` takes it." },
                "end": { "type": "integer", "minimum": 0, "description": "Offset just past the span, in UTF-16 code units." },
                "score": { "type": "number", "description": "How sure, 0.05 to 1: a check digit and a naming word before it (\"card 4111 ...\") score high; a bare shape after \"order\" scores low." },
                "text": { "type": "string", "description": "The text of the span." }
            },
            "required": ["type", "start", "end", "score", "text"]
        })
    }
}
