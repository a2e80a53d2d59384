//! `factum eval`: scoring against gold, the JSON summary, gates, gold
//! validation, the gold schema and the HTML report, rendered in headless
//! Chromium.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use crate::util::{fixture, records, run, tempdir, write};

/// A factum/1 record whose facts are given as (text, extra fields); the
/// offsets are computed from `text` (code points, first occurrence).
fn record(id: &str, text: &str, facts: Value) -> Value {
    let at = |t: &str| {
        let b = text.find(t).unwrap_or_else(|| panic!("{t:?} not in text"));
        let s = text[..b].chars().count();
        (s, s + t.chars().count())
    };
    let mut r = json!({
        "schema": "factum/1", "id": id, "source": format!("docs/{id}.txt"), "format": "text",
        "text": text, "sentences": [], "dates": [], "agencies": [], "facilities": [],
        "quotes": [], "holdings": [], "people": [],
        "stats": {"input_bytes": text.len(), "removed_chars": 0}
    });
    for (kind, list) in facts.as_object().unwrap() {
        let out: Vec<Value> = list
            .as_array()
            .unwrap()
            .iter()
            .map(|f| {
                let mut f = f.clone();
                let t = f["text"].as_str().unwrap_or("").to_string();
                if kind == "agencies" || kind == "people" || kind == "facilities" {
                    let (s, e) = at(&t);
                    f["mentions"] = json!([{"text": t, "start": s, "end": e, "sentence": 0}]);
                    f.as_object_mut().unwrap().remove("text");
                } else if kind == "sentences" {
                    let (s, e) = at(&t);
                    f = json!({"text": t, "start": s, "end": e});
                } else {
                    let (s, e) = at(&t);
                    f["start"] = json!(s);
                    f["end"] = json!(e);
                    f["sentence"] = json!(0);
                }
                f
            })
            .collect();
        r[kind] = Value::Array(out);
    }
    crate::util::assert_valid(&r);
    r
}

fn jsonl(dir: &Path, name: &str, recs: &[Value]) -> PathBuf {
    let lines: Vec<String> = recs.iter().map(|r| r.to_string()).collect();
    write(dir, name, (lines.join("\n") + "\n").as_bytes())
}

fn gold_dir(dir: &Path, golds: &[Value]) -> PathBuf {
    let g = dir.join("gold");
    std::fs::create_dir_all(&g).unwrap();
    for gold in golds {
        let id = gold["id"].as_str().unwrap();
        write(&g, &format!("{id}.gold.json"), gold.to_string().as_bytes());
    }
    g
}

const LETTER: &str =
    "Dear Sir,\nOn July 19, 2006, the Board of Immigration Appeals (BIA) held that \
he was entitled to relief. Human Rights Watch called it “a step forward.” \
In 2003 the court agreed.\nDonate now";

fn letter_gold() -> Value {
    json!({
        "schema": "factum-gold/1", "id": "letter", "title": "A Letter", "published": "2006-09-06",
        "boilerplate_must_not_survive": ["Donate now", "Share this"],
        "body_must_survive": ["Dear Sir", "the court agreed"],
        "sentences": ["On July 19, 2006, the Board of Immigration Appeals (BIA) held that he was entitled to relief.",
                      "Human Rights Watch called it “a step forward.”", "In 2003 the court agreed."],
        "dates": [{"text": "July 19, 2006", "value": "2006-07-19"}, {"text": "2003", "value": "2003"}],
        "agencies": [{"name": "Board of Immigration Appeals", "abbreviation": "BIA", "kind": "court"},
                     {"name": "Human Rights Watch", "kind": "ngo"}],
        "quotes": [{"text": "a step forward.", "speaker": "Human Rights Watch"}],
        "holdings": [{"text": "he was entitled to relief", "tribunal": "Board of Immigration Appeals"}],
        "people": [{"name": "John Smith"}]
    })
}

fn letter_record() -> Value {
    let mut r = record(
        "letter",
        LETTER,
        json!({
            "sentences": [
                {"text": "Dear Sir,\nOn July 19, 2006, the Board of Immigration Appeals (BIA) held that he was entitled to relief."},
                {"text": "Human Rights Watch called it “a step forward.”"},
                {"text": "In 2003 the court agreed."}],
            "dates": [{"text": "July 19, 2006", "value": "2006-07-19", "granularity": "day"},
                      {"text": "Dear", "value": "2001", "granularity": "year"}],
            "agencies": [{"text": "Board of Immigration Appeals", "name": "Board of Immigration Appeals",
                          "abbreviation": "BIA", "aliases": [], "kind": "government"}],
            "quotes": [{"text": "a step forward.", "kind": "direct", "speaker": "Human Rights Watch"}],
            "holdings": [{"text": "he was entitled to relief", "tribunal": "BIA", "date": "2006-07-19"}],
            "people": []
        }),
    );
    r["title"] = json!("a letter.");
    r
}

fn eval_json(args: &[&str]) -> Value {
    let mut all = vec!["eval", "--json"];
    all.extend_from_slice(args);
    let out = run(&all, b"");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(text.lines().count(), 1, "one JSON line: {text}");
    serde_json::from_str(&text).unwrap()
}

#[test]
fn known_record_gives_known_figures() {
    let dir = tempdir("eval-known");
    let gold = gold_dir(&dir, &[letter_gold()]);
    let pred = jsonl(&dir, "pred.jsonl", &[letter_record()]);
    let j = eval_json(&[
        "--gold",
        gold.to_str().unwrap(),
        "--pred",
        pred.to_str().unwrap(),
    ]);
    let row = |k: &str| {
        let r = &j[k];
        (
            r["tp"].as_u64().unwrap(),
            r["fp"].as_u64().unwrap(),
            r["fn"].as_u64().unwrap(),
        )
    };
    // The first predicted sentence starts before the gold body: cut to it.
    assert_eq!(row("sentences"), (3, 0, 0));
    assert_eq!(row("dates"), (1, 1, 1));
    assert_eq!(j["dates"]["p"], 0.5);
    assert_eq!(j["dates"]["f1"], 0.5);
    assert_eq!(row("agencies"), (1, 0, 1));
    assert_eq!(j["agencies"]["r"], 0.5);
    assert_eq!(row("quotes"), (1, 0, 0));
    assert_eq!(row("holdings"), (1, 0, 0));
    assert_eq!(row("people"), (0, 0, 1));
    assert_eq!(j["people"]["f1"], 0.0);
    assert_eq!(j["cleaning"]["boilerplate_leak"], 0.5);
    assert_eq!(j["cleaning"]["body_kept"], 1.0);
    assert_eq!(j["cleaning"]["title_ok"], 1.0);
    assert_eq!(j["cleaning"]["published_ok"], 0.0);
    assert_eq!(j["cleaning"]["boilerplate_dates_leak"], Value::Null);
    assert_eq!(j["attributes"]["date_value_acc"], 1.0);
    assert_eq!(j["attributes"]["speaker_acc"], 1.0);
    // "BIA" resolves to the Board through the gold agency's abbreviation.
    assert_eq!(j["attributes"]["tribunal_acc"], 1.0);
    assert_eq!(j["attributes"]["agency_kind_acc"], 0.0);
    assert_eq!(j["documents"], 1);
    assert_eq!(j["missing"], json!([]));
}

#[test]
fn json_keys_are_the_reference_scorers() {
    let j = eval_json(&[
        "--gold",
        fixture("gold").to_str().unwrap(),
        fixture("docs").to_str().unwrap(),
    ]);
    let keys: Vec<&str> = j.as_object().unwrap().keys().map(String::as_str).collect();
    let mut want = vec![
        "sentences",
        "dates",
        "agencies",
        "facilities",
        "quotes",
        "holdings",
        "people",
        "cleaning",
        "attributes",
        "documents",
        "missing",
    ];
    want.sort();
    assert_eq!(keys, want);
    for k in &want[..] {
        if let Some(row) = j[k].as_object().filter(|o| o.contains_key("f1")) {
            let mut rk: Vec<&str> = row.keys().map(String::as_str).collect();
            rk.sort();
            assert_eq!(rk, ["f1", "fn", "fp", "p", "r", "tp"], "{k}");
        }
    }
    assert_eq!(j["documents"], 5);
    assert_eq!(j["missing"], json!([]));
    // Every gold fact is either found or missed: tp + fn is the gold count.
    let mut gold_dates = 0;
    for e in std::fs::read_dir(fixture("gold")).unwrap() {
        let g: Value = serde_json::from_slice(&std::fs::read(e.unwrap().path()).unwrap()).unwrap();
        gold_dates += g["dates"].as_array().map_or(0, Vec::len) as u64;
    }
    let d = &j["dates"];
    assert_eq!(
        d["tp"].as_u64().unwrap() + d["fn"].as_u64().unwrap(),
        gold_dates
    );
}

#[test]
fn inputs_and_saved_records_score_the_same() {
    let dir = tempdir("eval-same");
    let out = run(&["extract", fixture("docs").to_str().unwrap()], b"");
    let saved = jsonl(&dir, "out.jsonl", &records(&out));
    let gold = fixture("gold");
    let a = eval_json(&[
        "--gold",
        gold.to_str().unwrap(),
        fixture("docs").to_str().unwrap(),
    ]);
    let b = eval_json(&[
        "--gold",
        gold.to_str().unwrap(),
        "--pred",
        saved.to_str().unwrap(),
    ]);
    assert_eq!(a, b);
    // With --html the pipeline runs through eval's own loop (which keeps
    // the removed text): the figures must not change.
    let html = dir.join("r.html");
    let c = eval_json(&[
        "--gold",
        gold.to_str().unwrap(),
        "--html",
        html.to_str().unwrap(),
        fixture("docs").to_str().unwrap(),
    ]);
    assert_eq!(a, c);
    let page = std::fs::read_to_string(&html).unwrap();
    assert_eq!(page.matches("<section class=\"doc\"").count(), 5);
}

#[test]
fn per_doc_breakdown_and_error_records() {
    let dir = tempdir("eval-perdoc");
    let g2 = json!({"schema": "factum-gold/1", "id": "broken", "dates": [{"text": "2003", "value": "2003"}]});
    let g3 = json!({"schema": "factum-gold/1", "id": "absent", "sentences": ["One."]});
    let gold = gold_dir(&dir, &[letter_gold(), g2, g3]);
    let err = json!({"schema": "factum/1", "id": "broken", "source": "broken.pdf",
                     "error": {"kind": "unsupported", "message": "broken.pdf: PDF is not supported"}});
    let pred = jsonl(&dir, "pred.jsonl", &[letter_record(), err]);
    let j = eval_json(&[
        "--gold",
        gold.to_str().unwrap(),
        "--pred",
        pred.to_str().unwrap(),
        "--per-doc",
    ]);
    // Gold files load in name order: absent, broken, letter.
    assert_eq!(j["missing"], json!(["absent", "broken"]));
    assert_eq!(j["documents"], 3);
    assert_eq!(j["dates"]["fn"], 2);
    let per = j["per_doc"].as_array().unwrap();
    let ids: Vec<&str> = per.iter().map(|d| d["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["absent", "broken", "letter"]);
    assert_eq!(per[1]["missing"], true);
    assert!(per[1]["error"].as_str().unwrap().contains("PDF"));
    assert_eq!(per[2]["missing"], false);
    assert_eq!(per[2]["dates"]["tp"], 1);
    assert_eq!(per[0]["sentences"]["fn"], 1);
    // The text report names missing documents and prints the table.
    let out = run(
        &[
            "eval",
            "--gold",
            gold.to_str().unwrap(),
            "--pred",
            pred.to_str().unwrap(),
            "--per-doc",
        ],
        b"",
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("missing broken: broken.pdf: PDF is not supported"),
        "{text}"
    );
    assert!(
        text.contains("dates        0.500  0.333  0.400   1/1/2"),
        "{text}"
    );
    assert!(text.contains("F1 per document"), "{text}");
}

#[test]
fn min_f1_gates_exit_1_naming_the_kind() {
    let dir = tempdir("eval-gate");
    let gold = gold_dir(&dir, &[letter_gold()]);
    let pred = jsonl(&dir, "pred.jsonl", &[letter_record()]);
    let (g, p) = (gold.to_str().unwrap(), pred.to_str().unwrap());
    let out = run(
        &[
            "eval",
            "--gold",
            g,
            "--pred",
            p,
            "--min-f1",
            "quotes=1,dates=0.6",
        ],
        b"",
    );
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("dates F1 0.5000 is below 0.6"), "{err}");
    assert!(!err.contains("quotes"), "{err}");
    let out = run(
        &[
            "eval",
            "--gold",
            g,
            "--pred",
            p,
            "--min-f1",
            "quotes=1,dates=0.5",
        ],
        b"",
    );
    assert_eq!(out.status.code(), Some(0));
    let out = run(
        &["eval", "--gold", g, "--pred", p, "--min-f1", "date=0.5"],
        b"",
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown kind"));
}

#[test]
fn bad_gold_exits_2_naming_file_and_field() {
    let dir = tempdir("eval-badgold");
    let pred = jsonl(&dir, "pred.jsonl", &[letter_record()]);
    let cases: [(&str, &[u8], &str); 5] = [
        (
            "schema",
            br#"{"schema": "factum-gold/0", "id": "a"}"#,
            "schema: expected \"factum-gold/1\", found \"factum-gold/0\"",
        ),
        ("noid", br#"{"schema": "factum-gold/1"}"#, "id: missing"),
        (
            "field",
            br#"{"schema": "factum-gold/1", "id": "a", "dates": [{"text": "2003", "value": 2003}]}"#,
            "dates[0].value: expected a string, found a number",
        ),
        (
            "json",
            b"{\"schema\": \"factum-gold/1\",\n \"id\": }",
            "not valid JSON",
        ),
        (
            "utf8",
            b"{\"schema\": \"factum-gold/1\", \"id\": \"\xff\"}",
            "not UTF-8",
        ),
    ];
    for (name, body, want) in cases {
        let g = dir.join(name);
        std::fs::create_dir_all(&g).unwrap();
        let file = write(&g, "x.gold.json", body);
        let out = run(
            &[
                "eval",
                "--gold",
                g.to_str().unwrap(),
                "--pred",
                pred.to_str().unwrap(),
            ],
            b"",
        );
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{name}: {err}");
        assert!(err.contains(file.to_str().unwrap()), "{name}: {err}");
        assert!(err.contains(want), "{name}: {err}");
    }
    // Duplicate ids, an empty directory, a missing directory.
    let dup = dir.join("dup");
    std::fs::create_dir_all(&dup).unwrap();
    write(
        &dup,
        "a.gold.json",
        br#"{"schema": "factum-gold/1", "id": "same"}"#,
    );
    write(
        &dup,
        "b.gold.json",
        br#"{"schema": "factum-gold/1", "id": "same"}"#,
    );
    let empty = tempdir("eval-empty");
    for (g, want) in [
        (dup, "is also the id of"),
        (empty, "no *.gold.json files"),
        (dir.join("nope"), "cannot read"),
    ] {
        let out = run(
            &[
                "eval",
                "--gold",
                g.to_str().unwrap(),
                "--pred",
                pred.to_str().unwrap(),
            ],
            b"",
        );
        assert_eq!(out.status.code(), Some(2));
        assert!(String::from_utf8_lossy(&out.stderr).contains(want));
    }
    // Records that are not factum/1 are an error too, with the line.
    let bad = write(&dir, "bad.jsonl", b"{\"id\": \"letter\"}\n");
    let out = run(
        &[
            "eval",
            "--gold",
            fixture("gold").to_str().unwrap(),
            "--pred",
            bad.to_str().unwrap(),
        ],
        b"",
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("bad.jsonl line 1"));
}

fn gold_validator() -> jsonschema::Validator {
    let out = run(&["schema", "--gold"], b"");
    assert!(out.status.success());
    let schema: Value = serde_json::from_slice(&out.stdout).expect("gold schema is JSON");
    assert_eq!(schema["properties"]["schema"]["const"], "factum-gold/1");
    jsonschema::validator_for(&schema).expect("gold schema compiles")
}

#[test]
fn gold_schema_accepts_the_fixtures_and_agrees_with_the_loader() {
    let v = gold_validator();
    let mut n = 0;
    for e in std::fs::read_dir(fixture("gold")).unwrap() {
        let path = e.unwrap().path();
        let g: Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
        let errors: Vec<String> = v.iter_errors(&g).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{}: {errors:?}", path.display());
        assert!(factum::eval::gold::validate(&g).is_empty());
        n += 1;
    }
    assert_eq!(n, 5);
    // What the loader rejects, the schema rejects.
    for bad in [
        json!({"schema": "factum-gold/2", "id": "a"}),
        json!({"schema": "factum-gold/1"}),
        json!({"schema": "factum-gold/1", "id": " "}),
        json!({"schema": "factum-gold/1", "id": "a", "dates": [{"text": "2003"}]}),
        json!({"schema": "factum-gold/1", "id": "a", "agencies": [{"name": "X", "kind": "army"}]}),
        json!({"schema": "factum-gold/1", "id": "a", "quotes": [{"speaker": "X"}]}),
        json!({"schema": "factum-gold/1", "id": "a", "holdings": [{"text": "x", "sentence": -1}]}),
        json!({"schema": "factum-gold/1", "id": "a", "dates_ignored": [3]}),
        json!({"schema": "factum-gold/1", "id": "a", "entities_partial": 1}),
        json!({"schema": "factum-gold/1", "id": "a", "notes": "one"}),
    ] {
        assert!(
            !factum::eval::gold::validate(&bad).is_empty(),
            "loader took {bad}"
        );
        assert!(!v.is_valid(&bad), "schema took {bad}");
    }
    assert!(v.is_valid(&letter_gold()));
    assert!(factum::eval::gold::validate(&letter_gold()).is_empty());
}

const INJECT: &str = "We write about <script>document.title='pwned';\
document.body.setAttribute('data-pwned','1')</script> and \
\"><img src=x onerror=\"document.body.setAttribute('data-pwned','2')\"> on July 19, 2006.\n\
Share this <b>bold</b> & more.";

/// The report of a hostile document and of the letter.
fn hostile_report(dir: &Path) -> PathBuf {
    let hostile = record(
        "hostile",
        INJECT,
        json!({"dates": [{"text": "July 19, 2006", "value": "2006-07-19", "granularity": "day"}],
               "quotes": [{"text": "><img src=x onerror=", "kind": "direct", "speaker": "<i>x</i>"}]}),
    );
    let hg = json!({"schema": "factum-gold/1", "id": "hostile",
        "boilerplate_must_not_survive": ["Share this"],
        "dates": [{"text": "July 19, 2006", "value": "2006-07-19"}],
        "quotes": [{"text": "<script>alert(1)</script>", "speaker": "\"><b>"}]});
    let gold = gold_dir(dir, &[letter_gold(), hg]);
    let pred = jsonl(dir, "pred.jsonl", &[letter_record(), hostile]);
    let html = dir.join("report.html");
    let out = run(
        &[
            "eval",
            "--gold",
            gold.to_str().unwrap(),
            "--pred",
            pred.to_str().unwrap(),
            "--html",
            html.to_str().unwrap(),
        ],
        b"",
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    html
}

#[test]
fn html_report_is_self_contained_and_escaped() {
    let dir = tempdir("eval-html");
    let page = std::fs::read_to_string(hostile_report(&dir)).unwrap();
    for bad in [
        "<script", "<img", "<b>", "<i>", "<link", "@import", "url(", "http://", "https://",
    ] {
        assert!(!page.contains(bad), "the page contains {bad:?}");
    }
    assert!(page.contains("&lt;script&gt;document.title=&#39;pwned&#39;"));
    assert!(page.contains("&gt;&lt;img src=x onerror="));
    assert!(page.contains("Content-Security-Policy"));
    // One section per document, the summary's seven kind rows on top.
    assert_eq!(page.matches("<section class=\"doc\"").count(), 2);
    let summary = &page[..page.find("</section>").unwrap()];
    assert_eq!(summary.matches("<tr class=\"kind\"").count(), 7);
}

/// The `chromium` binary, if there is one on PATH.
fn chromium() -> Option<PathBuf> {
    let names = ["chromium", "chromium-browser", "google-chrome"];
    std::env::split_paths(&std::env::var_os("PATH")?)
        .flat_map(|d| names.iter().map(move |n| d.join(n)))
        .find(|p| p.is_file())
}

/// Run headless Chromium on `page` with `mode` (`--dump-dom` or
/// `--screenshot=…`); its stdout.
fn headless(bin: &Path, page: &Path, mode: &str, profile: &Path) -> String {
    let mut child = Command::new(bin)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--window-size=1200,2000",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(mode)
        .arg(format!("file://{}", page.display()))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromium starts");
    let mut stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = std::io::Read::read_to_string(&mut stdout, &mut s);
        s
    });
    let start = Instant::now();
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if start.elapsed() > Duration::from_secs(120) {
            let _ = child.kill();
            panic!("chromium did not finish in 120 s");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    reader.join().unwrap()
}

#[test]
fn html_report_renders_in_headless_chromium() {
    let Some(bin) = chromium() else {
        // Written to the real stderr: the test harness captures println!.
        let _ = writeln!(
            std::io::stderr(),
            "SKIPPED html_report_renders_in_headless_chromium: no chromium binary on PATH \
             (install it with: apt-get update && apt-get install -y chromium)"
        );
        return;
    };
    let dir = tempdir("eval-chromium");
    let page = hostile_report(&dir);
    let dom = headless(&bin, &page, "--dump-dom", &dir.join("profile"));
    let doc = scraper::Html::parse_document(&dom);
    let sel = |s: &str| scraper::Selector::parse(s).unwrap();
    let count = |s: &str| doc.select(&sel(s)).count();
    // The summary table rendered: one row per kind, in order.
    let kinds: Vec<String> = doc
        .select(&sel("#summary tr.kind td:first-child"))
        .map(|td| td.text().collect())
        .collect();
    assert_eq!(
        kinds,
        [
            "sentences",
            "dates",
            "agencies",
            "facilities",
            "quotes",
            "holdings",
            "people"
        ]
    );
    assert_eq!(count("tr.doc-row"), 2);
    // Highlights per class, counted as distinct facts (a fact cut by an
    // overlapping one is drawn in several pieces, one of them the end).
    assert_eq!(
        count("section.doc mark.k-date.m-match.end"),
        2,
        "dates found"
    );
    assert_eq!(
        count("section.doc mark.k-date.m-false.end"),
        1,
        "date false alarm"
    );
    assert_eq!(
        count("section.doc mark.k-date.m-miss.end"),
        1,
        "gold 2003 placed"
    );
    assert_eq!(count("section.doc mark.k-agency.m-match.end"), 1);
    assert_eq!(
        count("section.doc mark.k-agency.m-miss.end"),
        1,
        "HRW placed"
    );
    assert_eq!(count("section.doc mark.k-quote.m-match.end"), 1);
    assert_eq!(count("section.doc mark.k-quote.m-false.end"), 1);
    assert_eq!(count("section.doc mark.k-holding.m-match.end"), 1);
    assert_eq!(count("section.doc mark.k-boilerplate.m-leak.end"), 2);
    // The gold quote of the hostile page is nowhere in its text: listed.
    let unplaced: String = doc
        .select(&sel("ul.unplaced"))
        .flat_map(|u| u.text())
        .collect();
    assert!(unplaced.contains("<script>alert(1)</script>"), "{unplaced}");
    assert!(unplaced.contains("John Smith"), "{unplaced}");
    // Hover text carries the attributes.
    let tip = doc
        .select(&sel("section.doc mark.k-holding.m-match"))
        .next()
        .and_then(|m| m.value().attr("title"))
        .unwrap();
    assert!(tip.contains("tribunal: BIA"), "{tip}");
    assert!(
        tip.contains("gold tribunal: Board of Immigration Appeals"),
        "{tip}"
    );
    // Nothing injected ran or became markup.
    let body = doc.select(&sel("body")).next().unwrap();
    assert_eq!(body.value().attr("data-pwned"), None);
    let title: String = doc.select(&sel("title")).flat_map(|t| t.text()).collect();
    assert_eq!(title, "factum eval report");
    assert_eq!(count("script"), 0);
    assert_eq!(count("img"), 0);
    assert_eq!(count("b"), 0);
    let text: String = doc
        .select(&sel("section.doc .text"))
        .flat_map(|t| t.text())
        .collect();
    assert!(text.contains("<script>document.title='pwned';"), "{text}");
    assert!(
        text.contains("\"><img src=x onerror=\"document.body"),
        "{text}"
    );
    // And it paints: a screenshot of a real page is not blank.
    let png = dir.join("report.png");
    headless(
        &bin,
        &page,
        &format!("--screenshot={}", png.display()),
        &dir.join("profile2"),
    );
    let bytes = std::fs::read(&png).expect("chromium wrote a screenshot");
    assert!(bytes.starts_with(b"\x89PNG"));
    assert!(bytes.len() > 20_000, "screenshot of {} bytes", bytes.len());
}

/// `tests/data/eval/perturbed.jsonl` holds records made from the committed
/// gold by random edits (facts dropped, duplicated, re-cased, re-spaced,
/// given ligatures, non-breaking spaces, wrong values, speakers and
/// tribunals; sentences split and merged; boilerplate left in; one
/// document left out). `perturbed.score_docs.json` is the last line the
/// reference scorer printed for them
/// (`score_docs.py --pred tests/data/eval/perturbed.jsonl --gold fixtures/gold --json`):
/// eval must print the very same line, except for speaker and tribunal
/// accuracy, where eval also counts a correct `null` (the text does not
/// say) as right and the reference scorer does not.
#[test]
fn json_equals_the_reference_scorers_line() {
    let pred = crate::util::root().join("tests/data/eval/perturbed.jsonl");
    let want = std::fs::read_to_string(
        crate::util::root().join("tests/data/eval/perturbed.score_docs.json"),
    )
    .unwrap();
    let out = run(
        &[
            "eval",
            "--gold",
            fixture("gold").to_str().unwrap(),
            "--pred",
            pred.to_str().unwrap(),
            "--json",
        ],
        b"",
    );
    assert!(out.status.success());
    let got = String::from_utf8(out.stdout).unwrap();
    let mask = |s: &str| {
        let mut s = s.to_string();
        for key in ["\"speaker_acc\": ", "\"tribunal_acc\": "] {
            let at = s.find(key).unwrap() + key.len();
            let end = at + s[at..].find(',').unwrap();
            s.replace_range(at..end, "X");
        }
        s
    };
    assert_eq!(mask(&got), mask(&want));
    // The null speakers the reference counts wrong are counted right here.
    let (g, w): (Value, Value) = (
        serde_json::from_str(&got).unwrap(),
        serde_json::from_str(&want).unwrap(),
    );
    let acc = |v: &Value| v["attributes"]["speaker_acc"].as_f64().unwrap();
    assert!(acc(&g) > acc(&w), "{} vs {}", acc(&g), acc(&w));
    // Not a trivial agreement: every kind has matches and errors.
    let j = w;
    for k in [
        "sentences",
        "dates",
        "agencies",
        "quotes",
        "holdings",
        "people",
    ] {
        assert!(j[k]["tp"].as_u64().unwrap() > 0, "{k}");
        assert!(j[k]["fn"].as_u64().unwrap() > 0, "{k}");
    }
}
