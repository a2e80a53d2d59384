//! Gold files (`factum-gold/1`): the types, loading and validation.
//!
//! A gold file is one JSON object per document, written by an annotator
//! following the project's guidelines. Loading checks every field the
//! scorer reads before it is used, and reports all problems of a file at
//! once, each naming the file and the field path (`dates[3].value`), so an
//! annotator can fix a file without reading the scorer. Fields the scorer
//! does not read (`notes`, `locations`, `text`, …) are kept out of the
//! types and ignored; [`JSON_SCHEMA`] documents them all.

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::Deserialize;
use serde_json::{Map, Value};

/// The schema name every gold file carries.
pub const SCHEMA: &str = "factum-gold/1";

/// The JSON Schema of a gold file (`factum schema --gold`).
pub const JSON_SCHEMA: &str = include_str!("../../schema/factum-gold-1.schema.json");

/// The agency kinds a gold file may name.
pub const AGENCY_KINDS: [&str; 6] = [
    "government",
    "court",
    "intergovernmental",
    "ngo",
    "media",
    "other",
];

/// A gold file, `factum-gold/1`. Unknown fields are ignored.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct Gold {
    /// Document id (matched against record ids and source stems).
    pub id: String,
    /// Expected title.
    pub title: Option<String>,
    /// Expected publication date.
    pub published: Option<String>,
    /// Strings that must not appear in the clean text.
    pub boilerplate_must_not_survive: Vec<String>,
    /// Strings that must appear in the clean text.
    pub body_must_survive: Vec<String>,
    /// Sentences of the prose body.
    pub sentences: Vec<String>,
    /// Dates.
    pub dates: Vec<GoldDate>,
    /// Date values that must not be extracted.
    pub dates_must_not_appear: Vec<String>,
    /// Dates (citation years) neither rewarded nor penalised: strings or
    /// `{"text", "context"}` objects.
    pub dates_ignored: Vec<serde_json::Value>,
    /// Only the first part of the document has date gold.
    pub dates_partial: bool,
    /// Only the first part of the document has entity gold.
    pub entities_partial: bool,
    /// Agencies.
    pub agencies: Vec<GoldEntity>,
    /// Facilities.
    pub facilities: Vec<GoldEntity>,
    /// People.
    pub people: Vec<GoldEntity>,
    /// Direct quotes.
    pub quotes: Vec<GoldQuote>,
    /// Quoted material that is not speech.
    pub quotes_terms: Vec<String>,
    /// Holdings.
    pub holdings: Vec<GoldHolding>,
}

/// A gold date.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct GoldDate {
    /// As written.
    pub text: String,
    /// ISO value.
    pub value: String,
}

/// A gold agency, facility or person.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct GoldEntity {
    /// Name.
    pub name: String,
    /// Abbreviation.
    pub abbreviation: Option<String>,
    /// Other names.
    pub aliases: Vec<String>,
    /// Kind (agencies).
    pub kind: Option<String>,
}

/// A gold quote.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct GoldQuote {
    /// Quoted text.
    pub text: String,
    /// Speaker.
    pub speaker: Option<String>,
}

/// A gold holding.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct GoldHolding {
    /// The proposition.
    pub text: String,
    /// The deciding body.
    pub tribunal: Option<String>,
}

impl GoldDate {
    /// The text of a `dates_ignored` entry (a string or `{"text": …}`).
    pub fn ignored_text(v: &Value) -> &str {
        v.get("text")
            .and_then(Value::as_str)
            .or(v.as_str())
            .unwrap_or("")
    }
}

/// Why gold could not be loaded.
#[derive(Debug)]
pub struct GoldError {
    /// The file (or directory) at fault.
    pub path: PathBuf,
    /// What is wrong, one problem per entry (field path first).
    pub problems: Vec<String>,
}

impl fmt::Display for GoldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid gold {}", self.path.display())?;
        match self.problems.as_slice() {
            [one] => write!(f, ": {one}"),
            many => {
                for p in many {
                    write!(f, "\n  {p}")?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for GoldError {}

impl GoldError {
    fn new(path: &Path, problem: impl Into<String>) -> GoldError {
        GoldError {
            path: path.to_path_buf(),
            problems: vec![problem.into()],
        }
    }
}

/// Fast path: the fields [`validate`] checks, in the types it checks them
/// for, parsed without building a `Value` tree. A file this accepts (and
/// whose `schema`, `id` and agency kinds are right) is one [`validate`]
/// accepts; anything else goes the slow way, for messages with paths.
mod strict {
    // The fields are only type-checked, never read.
    #![allow(dead_code)]

    use serde::{Deserialize, Deserializer};

    fn present<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
        d: D,
    ) -> Result<Option<T>, D::Error> {
        T::deserialize(d).map(Some)
    }

    #[derive(Deserialize)]
    pub struct File {
        pub schema: Option<String>,
        pub id: Option<String>,
        pub title: Option<String>,
        pub published: Option<String>,
        #[serde(default, deserialize_with = "present")]
        pub source: Option<String>,
        #[serde(default, deserialize_with = "present")]
        pub format: Option<String>,
        #[serde(default, deserialize_with = "present")]
        pub encoding: Option<String>,
        #[serde(default, deserialize_with = "present")]
        pub publisher: Option<String>,
        #[serde(default, deserialize_with = "present")]
        pub text: Option<String>,
        pub boilerplate_must_not_survive: Option<Vec<String>>,
        pub body_must_survive: Option<Vec<String>>,
        pub sentences: Option<Vec<String>>,
        pub dates_must_not_appear: Option<Vec<String>>,
        pub quotes_terms: Option<Vec<String>>,
        pub locations: Option<Vec<String>>,
        pub notes: Option<Vec<String>>,
        #[serde(default, deserialize_with = "present")]
        pub dates_partial: Option<bool>,
        #[serde(default, deserialize_with = "present")]
        pub entities_partial: Option<bool>,
        #[serde(default, deserialize_with = "present")]
        pub sentences_partial: Option<bool>,
        #[serde(default, deserialize_with = "present")]
        pub title_verbatim: Option<bool>,
        pub dates: Option<Vec<Date>>,
        pub dates_ignored: Option<Vec<Ignored>>,
        pub agencies: Option<Vec<Entity>>,
        pub facilities: Option<Vec<Entity>>,
        pub people: Option<Vec<Entity>>,
        pub quotes: Option<Vec<Quote>>,
        pub holdings: Option<Vec<Holding>>,
    }

    #[derive(Deserialize)]
    pub struct Date {
        pub text: String,
        pub value: String,
        pub context: Option<String>,
    }

    #[derive(Deserialize)]
    #[serde(untagged)]
    pub enum Ignored {
        Text(String),
        Object { text: String },
    }

    #[derive(Deserialize)]
    pub struct Entity {
        pub name: String,
        pub abbreviation: Option<String>,
        pub aliases: Option<Vec<String>>,
        pub kind: Option<String>,
        pub location: Option<String>,
        pub title: Option<String>,
        pub organization: Option<String>,
        pub role: Option<String>,
        pub address: Option<String>,
    }

    #[derive(Deserialize)]
    pub struct Quote {
        pub text: String,
        pub speaker: Option<String>,
        pub kind: Option<String>,
    }

    #[derive(Deserialize)]
    pub struct Holding {
        pub text: String,
        pub tribunal: Option<String>,
        pub date: Option<String>,
        #[serde(default, deserialize_with = "present")]
        pub sentence: Option<u64>,
    }
}

fn strictly_valid(json: &str) -> bool {
    let Ok(f) = serde_json::from_str::<strict::File>(json) else {
        return false;
    };
    f.schema.as_deref() == Some(SCHEMA)
        && f.id.as_deref().is_some_and(|id| !id.trim().is_empty())
        && f.agencies
            .iter()
            .flatten()
            .all(|a| a.kind.as_deref().is_none_or(|k| AGENCY_KINDS.contains(&k)))
}

/// Parse and validate one gold file's contents; `path` names it in errors.
pub fn parse(path: &Path, json: &str) -> Result<Gold, GoldError> {
    if strictly_valid(json) {
        if let Ok(g) = serde_json::from_str::<Gold>(json) {
            return Ok(g);
        }
    }
    let value: Value = serde_json::from_str(json)
        .map_err(|e| GoldError::new(path, format!("not valid JSON: {e}")))?;
    let problems = validate(&value);
    if !problems.is_empty() {
        return Err(GoldError {
            path: path.to_path_buf(),
            problems,
        });
    }
    // Every field read below was checked above, so this cannot fail on a
    // validated value; keep the message in case the types drift.
    Gold::deserialize(&value).map_err(|e| GoldError::new(path, e.to_string()))
}

/// Read and validate one gold file.
pub fn load_file(path: &Path) -> Result<Gold, GoldError> {
    let bytes =
        std::fs::read(path).map_err(|e| GoldError::new(path, format!("cannot read: {e}")))?;
    let json = String::from_utf8(bytes).map_err(|e| {
        GoldError::new(
            path,
            format!("not UTF-8 (byte {})", e.utf8_error().valid_up_to()),
        )
    })?;
    parse(path, &json)
}

/// Load gold from files and directories: a directory gives its
/// `*.gold.json` files (not walked), in name order. Ids must be unique.
pub fn load(paths: &[PathBuf]) -> Result<Vec<Gold>, GoldError> {
    let mut files = Vec::new();
    for p in paths {
        if p.is_dir() {
            let entries = std::fs::read_dir(p)
                .map_err(|e| GoldError::new(p, format!("cannot read directory: {e}")))?;
            let mut found: Vec<PathBuf> = entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|f| {
                    f.file_name()
                        .is_some_and(|n| n.to_string_lossy().ends_with(".gold.json"))
                })
                .collect();
            if found.is_empty() {
                return Err(GoldError::new(p, "no *.gold.json files in this directory"));
            }
            found.sort();
            files.extend(found);
        } else {
            files.push(p.clone());
        }
    }
    // Read and check in parallel; report the first bad file in name order.
    let loaded: Vec<Result<Gold, GoldError>> = files.par_iter().map(|f| load_file(f)).collect();
    let mut seen: HashMap<String, &PathBuf> = HashMap::new();
    let mut out = Vec::with_capacity(files.len());
    for (g, f) in loaded.into_iter().zip(&files) {
        let g = g?;
        if let Some(first) = seen.insert(g.id.clone(), f) {
            return Err(GoldError::new(
                f,
                format!("id: {:?} is also the id of {}", g.id, first.display()),
            ));
        }
        out.push(g);
    }
    Ok(out)
}

fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Collects problems with their field paths.
struct Check {
    problems: Vec<String>,
}

impl Check {
    fn bad(&mut self, path: &str, msg: impl fmt::Display) {
        self.problems.push(format!("{path}: {msg}"));
    }

    fn string(&mut self, obj: &Map<String, Value>, key: &str, path: At, required: bool) {
        match obj.get(key) {
            Some(Value::String(_)) => {}
            Some(Value::Null) | None if !required => {}
            None => self.bad(&join(path, key), "missing (a string is required)"),
            Some(v) => self.bad(
                &join(path, key),
                format!("expected a string, found {}", type_name(v)),
            ),
        }
    }

    fn boolean(&mut self, obj: &Map<String, Value>, key: &str) {
        match obj.get(key) {
            Some(Value::Bool(_)) | None => {}
            Some(v) => self.bad(key, format!("expected a boolean, found {}", type_name(v))),
        }
    }

    fn strings(&mut self, obj: &Map<String, Value>, key: &str, path: At) {
        match obj.get(key) {
            None | Some(Value::Null) => {}
            Some(Value::Array(items)) => {
                for (i, v) in items.iter().enumerate() {
                    if !v.is_string() {
                        self.bad(
                            &format!("{}[{i}]", join(path, key)),
                            format!("expected a string, found {}", type_name(v)),
                        );
                    }
                }
            }
            Some(v) => self.bad(
                &join(path, key),
                format!("expected an array of strings, found {}", type_name(v)),
            ),
        }
    }

    /// An array of objects, each checked by `each`.
    fn objects(
        &mut self,
        obj: &Map<String, Value>,
        key: &str,
        mut each: impl FnMut(&mut Check, &Map<String, Value>, At),
    ) {
        match obj.get(key) {
            None | Some(Value::Null) => {}
            Some(Value::Array(items)) => {
                for (i, v) in items.iter().enumerate() {
                    let at = At(key, Some(i));
                    match v {
                        Value::Object(o) => each(self, o, at),
                        v => self.bad(
                            &at.to_string(),
                            format!("expected an object, found {}", type_name(v)),
                        ),
                    }
                }
            }
            Some(v) => self.bad(
                key,
                format!("expected an array of objects, found {}", type_name(v)),
            ),
        }
    }
}

/// Where a value sits: the top level, or item `i` of array `key`. Turned
/// into text only for an error message.
#[derive(Clone, Copy)]
struct At<'a>(&'a str, Option<usize>);

const TOP: At = At("", None);

impl fmt::Display for At<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.1 {
            Some(i) => write!(f, "{}[{i}]", self.0),
            None => f.write_str(self.0),
        }
    }
}

fn join(path: At, key: &str) -> String {
    if path.0.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

/// Every problem of a parsed gold file, with field paths; empty when it is
/// valid. Mirrors `schema/factum-gold-1.schema.json`.
pub fn validate(value: &Value) -> Vec<String> {
    let mut c = Check { problems: vec![] };
    let Some(obj) = value.as_object() else {
        c.bad(
            "(top level)",
            format!("expected an object, found {}", type_name(value)),
        );
        return c.problems;
    };
    match obj.get("schema") {
        Some(Value::String(s)) if s == SCHEMA => {}
        Some(Value::String(s)) => c.bad("schema", format!("expected {SCHEMA:?}, found {s:?}")),
        Some(v) => c.bad(
            "schema",
            format!("expected {SCHEMA:?}, found {}", type_name(v)),
        ),
        None => c.bad("schema", format!("missing (must be {SCHEMA:?})")),
    }
    match obj.get("id") {
        Some(Value::String(s)) if !s.trim().is_empty() => {}
        Some(Value::String(_)) => c.bad("id", "empty (the document id is required)"),
        Some(v) => c.bad("id", format!("expected a string, found {}", type_name(v))),
        None => c.bad("id", "missing (the document id is required)"),
    }
    for key in ["title", "published"] {
        c.string(obj, key, TOP, false);
    }
    for key in ["source", "format", "encoding", "publisher", "text"] {
        if obj.contains_key(key) {
            c.string(obj, key, TOP, true);
        }
    }
    for key in [
        "boilerplate_must_not_survive",
        "body_must_survive",
        "sentences",
        "dates_must_not_appear",
        "quotes_terms",
        "locations",
        "notes",
    ] {
        c.strings(obj, key, TOP);
    }
    for key in [
        "dates_partial",
        "entities_partial",
        "sentences_partial",
        "title_verbatim",
    ] {
        c.boolean(obj, key);
    }
    c.objects(obj, "dates", |c, o, at| {
        c.string(o, "text", at, true);
        c.string(o, "value", at, true);
        c.string(o, "context", at, false);
    });
    match obj.get("dates_ignored") {
        None | Some(Value::Null) => {}
        Some(Value::Array(items)) => {
            for (i, v) in items.iter().enumerate() {
                let at = At("dates_ignored", Some(i));
                match v {
                    Value::String(_) => {}
                    Value::Object(o) => c.string(o, "text", at, true),
                    v => c.bad(
                        &at.to_string(),
                        format!("expected a string or an object, found {}", type_name(v)),
                    ),
                }
            }
        }
        Some(v) => c.bad(
            "dates_ignored",
            format!("expected an array, found {}", type_name(v)),
        ),
    }
    for key in ["agencies", "facilities", "people"] {
        c.objects(obj, key, |c, o, at| {
            c.string(o, "name", at, true);
            c.string(o, "abbreviation", at, false);
            c.strings(o, "aliases", at);
            for k in [
                "kind",
                "location",
                "title",
                "organization",
                "role",
                "address",
            ] {
                c.string(o, k, at, false);
            }
            if key == "agencies" {
                if let Some(Value::String(k)) = o.get("kind") {
                    if !AGENCY_KINDS.contains(&k.as_str()) {
                        c.bad(
                            &join(at, "kind"),
                            format!("{k:?} is not one of {}", AGENCY_KINDS.join(", ")),
                        );
                    }
                }
            }
        });
    }
    c.objects(obj, "quotes", |c, o, at| {
        c.string(o, "text", at, true);
        c.string(o, "speaker", at, false);
        c.string(o, "kind", at, false);
    });
    c.objects(obj, "holdings", |c, o, at| {
        c.string(o, "text", at, true);
        c.string(o, "tribunal", at, false);
        c.string(o, "date", at, false);
        if let Some(v) = o.get("sentence").filter(|v| !v.is_u64()) {
            c.bad(
                &join(at, "sentence"),
                format!("expected a sentence index, found {}", type_name(v)),
            );
        }
    });
    c.problems
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(json: &str) -> Vec<String> {
        validate(&serde_json::from_str(json).unwrap())
    }

    #[test]
    fn committed_gold_files_are_valid() {
        for (name, text) in [
            (
                "seed",
                include_str!("../../fixtures/gold/000_33f9748ff7c1b5ed.gold.json"),
            ),
            (
                "bva",
                include_str!("../../fixtures/gold/jur_bva_a25084404.gold.json"),
            ),
        ] {
            let g = parse(Path::new(name), text).unwrap();
            assert!(!g.id.is_empty());
            assert!(!g.sentences.is_empty());
        }
    }

    #[test]
    fn schema_and_id_are_required() {
        let p = problems(r#"{"title": "x"}"#);
        assert!(p.iter().any(|m| m.starts_with("schema: missing")), "{p:?}");
        assert!(p.iter().any(|m| m.starts_with("id: missing")), "{p:?}");
        let p = problems(r#"{"schema": "factum-gold/2", "id": ""}"#);
        assert!(p[0].contains("\"factum-gold/2\""), "{p:?}");
        assert!(p[1].starts_with("id: empty"), "{p:?}");
    }

    #[test]
    fn nested_fields_are_named_with_their_path() {
        let p = problems(
            r#"{"schema": "factum-gold/1", "id": "d",
                "dates": [{"text": "May 2001", "value": "2001-05"}, {"text": "2003"}],
                "agencies": [{"name": "X", "kind": "army"}],
                "quotes": [{"text": 3}],
                "sentences": ["a", null],
                "dates_ignored": ["2019", {"context": "[2019]"}],
                "entities_partial": "yes"}"#,
        );
        let want = [
            "dates[1].value: missing",
            "agencies[0].kind: \"army\" is not one of",
            "quotes[0].text: expected a string, found a number",
            "sentences[1]: expected a string, found null",
            "dates_ignored[1].text: missing",
            "entities_partial: expected a boolean",
        ];
        for w in want {
            assert!(p.iter().any(|m| m.starts_with(w)), "no {w:?} in {p:#?}");
        }
        assert_eq!(p.len(), want.len(), "{p:#?}");
    }

    #[test]
    fn errors_name_the_file() {
        let e = parse(Path::new("dir/a.gold.json"), "{\"id\": 1,").unwrap_err();
        let msg = e.to_string();
        assert!(msg.contains("dir/a.gold.json"), "{msg}");
        assert!(msg.contains("not valid JSON"), "{msg}");
        assert!(msg.contains("line 1"), "{msg}");
        let e = parse(Path::new("b.gold.json"), r#"{"schema": "x", "id": "b"}"#).unwrap_err();
        assert_eq!(
            e.to_string(),
            "invalid gold b.gold.json: schema: expected \"factum-gold/1\", found \"x\""
        );
    }

    #[test]
    fn fast_and_slow_paths_agree() {
        let ok = [
            r#"{"schema": "factum-gold/1", "id": "a"}"#,
            r#"{"schema": "factum-gold/1", "id": "a", "title": null, "notes": ["n"],
                "dates_ignored": ["2019", {"text": "2020", "context": "x"}],
                "agencies": [{"name": "X", "kind": "court", "aliases": ["Y"]}],
                "holdings": [{"text": "t", "tribunal": null, "sentence": 2}], "extra": {"a": 1}}"#,
        ];
        let bad = [
            r#"{"schema": "factum-gold/1", "id": "a", "source": null}"#,
            r#"{"schema": "factum-gold/1", "id": "a", "dates_partial": null}"#,
            r#"{"schema": "factum-gold/1", "id": "a", "holdings": [{"text": "t", "sentence": null}]}"#,
            r#"{"schema": "factum-gold/1", "id": "a", "agencies": [{"name": "X", "kind": "army"}]}"#,
            r#"{"schema": null, "id": "a"}"#,
            r#"{"schema": "factum-gold/1", "id": "  "}"#,
            r#"{"schema": "factum-gold/1", "id": "a", "dates": [{"text": "x", "value": "y"}, 3]}"#,
            r#"[1]"#,
        ];
        for j in ok {
            assert!(strictly_valid(j), "{j}");
            assert!(problems(j).is_empty(), "{j}");
        }
        for j in bad {
            assert!(!strictly_valid(j), "{j}");
            assert!(!problems(j).is_empty(), "{j}");
        }
    }

    #[test]
    fn ignored_dates_are_strings_or_objects() {
        let v: Value = serde_json::from_str(r#"["2019", {"text": "2020"}, 3]"#).unwrap();
        let t: Vec<&str> = v
            .as_array()
            .unwrap()
            .iter()
            .map(GoldDate::ignored_text)
            .collect();
        assert_eq!(t, ["2019", "2020", ""]);
    }
}
