//! The command line: inputs, formats, exit codes, error records, streaming.

use std::io::Write;

use crate::util::{factum, fixture, records, run, tempdir, write};

const SEED: &str = "docs/000_33f9748ff7c1b5ed.txt";

#[test]
fn extract_seed_prints_one_record() {
    let seed = fixture(SEED);
    let out = run(&["extract", seed.to_str().unwrap()], b"");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let recs = records(&out);
    assert_eq!(recs.len(), 1);
    let r = &recs[0];
    assert_eq!(r["schema"], "factum/1");
    assert_eq!(r["id"], "000_33f9748ff7c1b5ed");
    assert_eq!(r["format"], "text");
    assert_eq!(r["stats"]["input_bytes"], 10793);
    assert!(
        r["stats"]["removed_chars"].as_u64().unwrap() > 0,
        "the seed's boilerplate was not removed"
    );
}

#[test]
fn directory_is_walked_in_name_order() {
    let out = run(&["extract", fixture("docs").to_str().unwrap()], b"");
    let ids: Vec<String> = records(&out)
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_string())
        .collect();
    let mut sorted = ids.clone();
    sorted.sort();
    assert_eq!(ids, sorted);
    assert_eq!(ids.len(), 5);
}

#[test]
fn every_input_yields_one_record_in_order() {
    let dir = tempdir("order");
    let mut paths = vec![];
    for i in 0..40 {
        let body = format!(
            "Letter {i}. On March {}, 2020, the Board of Immigration Appeals held that it was so.",
            i % 28 + 1
        );
        paths.push(write(&dir, &format!("doc{i:02}.txt"), body.as_bytes()));
    }
    paths.insert(7, dir.join("missing.txt"));
    let mut args = vec!["extract".to_string(), "--threads".into(), "2".into()];
    args.extend(paths.iter().map(|p| p.display().to_string()));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = run(&args, b"");
    assert!(out.status.success());
    let recs = records(&out);
    assert_eq!(recs.len(), 41);
    assert_eq!(recs[7]["id"], "missing");
    assert_eq!(recs[7]["error"]["kind"], "io");
    assert!(recs[7]["error"]["message"]
        .as_str()
        .unwrap()
        .contains("missing"));
    assert_eq!(recs[0]["id"], "doc00");
    assert_eq!(recs[40]["id"], "doc39");
}

#[test]
fn jsonl_on_stdin_gives_one_line_per_line() {
    let input = b"{\"id\":\"a\",\"text\":\"We wrote on May 1, 2020.\"}\n{\"id\":\"b\",\"html\":\"<p>The court held that the claim fails.</p>\"}\nnot json\n{\"id\":\"d\",\"url\":\"http://x/y\",\"content\":\"Plain.\"}\n";
    let out = run(&["extract", "-"], input);
    assert!(out.status.success());
    let recs = records(&out);
    assert_eq!(recs.len(), 4);
    assert_eq!(recs[0]["id"], "a");
    assert_eq!(recs[1]["id"], "b");
    assert_eq!(recs[1]["format"], "html");
    assert_eq!(recs[2]["error"]["kind"], "jsonl");
    assert_eq!(recs[3]["source"], "http://x/y");
}

#[test]
fn stdin_plain_text_and_gzip() {
    let out = run(&["extract"], b"A short letter written on 2 June 2021.");
    assert_eq!(records(&out).len(), 1);
    let dir = tempdir("gz");
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(std::fs::read(fixture(SEED)).unwrap().as_slice())
        .unwrap();
    let p = write(&dir, "seed.txt.gz", &gz.finish().unwrap());
    let out = run(&["extract", p.to_str().unwrap()], b"");
    let recs = records(&out);
    assert_eq!(recs[0]["id"], "seed");
    // input_bytes is the document's own size: after decompression.
    assert_eq!(recs[0]["stats"]["input_bytes"], 10793);
    assert!(recs[0]["text"].as_str().unwrap().contains("We are writing"));
}

#[test]
fn unsupported_and_too_large_inputs_are_error_records() {
    let dir = tempdir("err");
    let pdf = write(&dir, "x.pdf", b"%PDF-1.7\n...");
    let big = write(&dir, "big.txt", &vec![b'a'; 5000]);
    let out = run(
        &[
            "extract",
            "--max-doc-bytes",
            "1000",
            pdf.to_str().unwrap(),
            big.to_str().unwrap(),
        ],
        b"",
    );
    assert!(out.status.success());
    let recs = records(&out);
    // A broken PDF: a `pdf` error, or `unsupported` without the feature.
    let kind = if cfg!(feature = "pdf") {
        "pdf"
    } else {
        "unsupported"
    };
    assert_eq!(recs[0]["error"]["kind"], kind);
    assert_eq!(recs[1]["error"]["kind"], "too_large");
    let out = run(&["extract", "--strict", pdf.to_str().unwrap()], b"");
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn bad_arguments_exit_2() {
    let out = run(&["extract", "--format", "nope"], b"");
    assert_eq!(out.status.code(), Some(2));
    let out = run(
        &[
            "extract",
            "--patterns",
            "/nonexistent/dir/x",
            "-o",
            "/nonexistent/dir/out.jsonl",
        ],
        b"",
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("out.jsonl"));
}

#[test]
fn output_file_and_format_forcing() {
    let dir = tempdir("out");
    let html = write(&dir, "page.txt", b"<p>Hello <b>world</b>.</p>");
    let out_path = dir.join("o.jsonl");
    let out = run(
        &[
            "extract",
            "--format",
            "html",
            "-o",
            out_path.to_str().unwrap(),
            html.to_str().unwrap(),
        ],
        b"",
    );
    assert!(out.status.success());
    assert!(out.stdout.is_empty());
    let line = std::fs::read_to_string(&out_path).unwrap();
    let r: serde_json::Value = serde_json::from_str(line.trim()).unwrap();
    assert_eq!(r["format"], "html");
    assert!(!r["text"].as_str().unwrap().contains('<'));
}

#[test]
fn closed_pipe_ends_quietly() {
    let dir = tempdir("pipe");
    let mut args = vec!["extract".to_string()];
    for i in 0..300 {
        args.push(
            write(
                &dir,
                &format!("d{i}.txt"),
                "Some text of a letter. ".repeat(200).as_bytes(),
            )
            .display()
            .to_string(),
        );
    }
    let mut child = factum()
        .args(&args)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "exit {:?}", out.status);
    assert!(
        out.stderr.is_empty(),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn stage_protocols_speak_jsonl() {
    let out = run(
        &["segment", "--jsonl"],
        b"{\"id\":\"s\",\"text\":\"One. Two.\"}\n",
    );
    let r = &records(&out)[0];
    assert_eq!(r["id"], "s");
    assert!(r["sentences"].is_array());
    let out = run(
        &["dates", "--jsonl"],
        b"{\"id\":7,\"text\":\"It was July 19, 2006.\",\"dct\":\"2006-09-06\"}\n",
    );
    let r = &records(&out)[0];
    assert_eq!(r["id"], 7);
    assert_eq!(r["dates"][0]["value"], "2006-07-19");
    assert_eq!(r["dates"][0]["start"], 7);
    let out = run(
        &["clean", "--jsonl"],
        b"{\"id\":\"c\",\"html\":\"<html><body><nav>Home</nav><p>Body text.</p></body></html>\"}\n",
    );
    let r = &records(&out)[0];
    assert!(r["text"].as_str().unwrap().contains("Body text."));
    assert!(!r["text"].as_str().unwrap().contains("Home"));
}

#[test]
fn schema_command_prints_the_schema() {
    let out = run(&["schema"], b"");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["title"], "factum/1 record");
}

#[test]
fn markdown_front_matter_and_markup() {
    let md = fixture("markdown/press_release.md");
    let out = run(&["extract", md.to_str().unwrap()], b"");
    let r = &records(&out)[0];
    assert_eq!(r["format"], "markdown");
    assert_eq!(
        r["title"],
        "Detained Asylum Seekers Denied Access to Counsel"
    );
    assert_eq!(r["published"], "2024-03-14");
    assert_eq!(r["publisher"], "Refugee Legal Aid Network");
    let text = r["text"].as_str().unwrap();
    for markup in ["**", "](", "---", "# "] {
        assert!(!text.contains(markup), "markup {markup:?} left in {text:?}");
    }
    let values: Vec<&str> = r["dates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["value"].as_str().unwrap())
        .collect();
    assert!(values.contains(&"2024-03-01"), "{values:?}");
    let signatory = r["people"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["role"] == "signatory")
        .expect("a signatory");
    assert_eq!(signatory["name"], "Maria Alvarez");
    assert_eq!(signatory["title"], "Legal Director");
}

#[test]
fn stdin_jsonl_answers_each_line_before_the_next_arrives() {
    use std::io::{BufRead, BufReader};
    let mut child = factum()
        .args(["extract", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for l in lines.by_ref() {
            if tx.send(l.unwrap()).is_err() {
                break;
            }
        }
    });
    for i in 0..3 {
        writeln!(stdin, "{{\"id\":\"n{i}\",\"text\":\"Letter number {i}.\"}}").unwrap();
        stdin.flush().unwrap();
        // The record must come back while stdin is still open.
        let line = rx
            .recv_timeout(std::time::Duration::from_secs(60))
            .expect("a record before more input");
        let r: serde_json::Value = serde_json::from_str(&line).unwrap();
        assert_eq!(r["id"], format!("n{i}"));
    }
    drop(stdin);
    assert!(child.wait().unwrap().success());
}
