//! Helpers: run the binary, make temporary directories, parse records.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;

/// The repository root (where `fixtures/` lives).
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A path under `fixtures/`.
pub fn fixture(rel: &str) -> PathBuf {
    root().join("fixtures").join(rel)
}

/// The `factum` command, run from the repository root.
pub fn factum() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_factum"));
    cmd.current_dir(root());
    cmd
}

/// Run `factum ARGS` with `stdin` as input; return its output.
pub fn run(args: &[&str], stdin: &[u8]) -> Output {
    use std::io::Write;
    let mut child = factum()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("factum runs");
    let mut input = child.stdin.take().unwrap();
    let data = stdin.to_vec();
    let writer = std::thread::spawn(move || {
        let _ = input.write_all(&data);
    });
    let out = child.wait_with_output().expect("factum finishes");
    writer.join().unwrap();
    out
}

/// The JSON values of a JSON Lines output, one per line. Every value
/// that looks like a record (has `"schema"`) is validated against the
/// published JSON Schema, so every record a test produces is checked.
pub fn records(out: &Output) -> Vec<serde_json::Value> {
    let recs: Vec<serde_json::Value> = String::from_utf8(out.stdout.clone())
        .expect("UTF-8 output")
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("bad JSON line {l:?}: {e}")))
        .collect();
    for r in recs.iter().filter(|r| r.get("schema").is_some()) {
        assert_valid(r);
    }
    recs
}

/// Panic unless `record` validates against the factum/1 JSON Schema.
pub fn assert_valid(record: &serde_json::Value) {
    static VALIDATOR: OnceLock<jsonschema::Validator> = OnceLock::new();
    let v = VALIDATOR.get_or_init(|| {
        let schema: serde_json::Value =
            serde_json::from_str(factum::record::JSON_SCHEMA).expect("schema is JSON");
        jsonschema::validator_for(&schema).expect("schema compiles")
    });
    let errors: Vec<String> = v
        .iter_errors(record)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "record {} does not validate: {errors:#?}",
        record["id"]
    );
}

/// A fresh empty directory under the system temp dir.
pub fn tempdir(name: &str) -> PathBuf {
    static N: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "factum-test-{}-{}-{}",
        std::process::id(),
        name,
        N.fetch_add(1, Ordering::SeqCst)
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Write `bytes` to `dir/name`.
pub fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}
