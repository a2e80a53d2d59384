//! factum's one integration test binary (as ripgrep does it): every module
//! drives the built `factum` binary or the library end to end.
//!
//! - `cli`: commands, inputs, exit codes, error records, streaming.
//! - `schema`: every record the tests produce validates against the
//!   published JSON Schema.
//! - `gold`: the pipeline's records scored against the committed gold
//!   files, with floors that fail CI on a regression.
//! - `eval`: `factum eval`, its JSON and gates, gold validation, and the
//!   HTML report rendered in headless Chromium.
//! - `pdfwarc`: generated PDFs scored against gold, and WARC input (a
//!   WARC built from the fixtures, warcio's test files).

mod util;

mod cli;
mod eval;
mod gold;
mod pdfwarc;
mod schema;
mod sqlite;
