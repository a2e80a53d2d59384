//! Pattern data: the vocabulary the stages match, kept as text files.
//!
//! Every file under `patterns/` is compiled into the binary with
//! `include_str!`; `--patterns DIR` replaces any of them at run time (a
//! file missing from DIR keeps its built-in version). Stages parse the
//! files they need when the pipeline is built, never per document, and
//! report malformed lines with file and line number.
//!
//! Format, shared by all files: UTF-8, one entry per line, `#` starts a
//! comment line, blank lines are ignored. Files with several columns
//! separate them with a TAB.

use std::collections::HashMap;
use std::path::Path;

use crate::error::{Error, ErrorKind, Result};

macro_rules! builtin {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!("../patterns/", $name)))),*]
    };
}

/// The built-in pattern files, by file name.
pub const BUILTIN: &[(&str, &str)] = builtin![
    "abbreviations.txt",
    "agencies.tsv",
    "agency_rules.tsv",
    "argument_verbs.txt",
    "boilerplate.txt",
    "caption.tsv",
    "dates.tsv",
    "dispositions.tsv",
    "document_nouns.txt",
    "facilities.tsv",
    "first_names.txt",
    "holding_verbs.txt",
    "html_classes.tsv",
    "people_words.tsv",
    "sentence_starters.txt",
    "speech_verbs.txt",
    "term_cues.txt",
    "titles.txt",
    "tribunal_nouns.txt",
];

/// A set of pattern files: the built-in ones, some possibly replaced.
#[derive(Clone, Debug)]
pub struct Patterns {
    files: HashMap<String, String>,
}

impl Default for Patterns {
    fn default() -> Patterns {
        Patterns::builtin()
    }
}

impl Patterns {
    /// The patterns compiled into the binary.
    pub fn builtin() -> Patterns {
        Patterns {
            files: BUILTIN
                .iter()
                .map(|(n, t)| (n.to_string(), t.to_string()))
                .collect(),
        }
    }

    /// The built-in patterns, with every known file found in `dir`
    /// replacing its built-in version.
    pub fn with_dir(dir: &Path) -> Result<Patterns> {
        let mut p = Patterns::builtin();
        for (name, _) in BUILTIN {
            let path = dir.join(name);
            if path.exists() {
                let text =
                    std::fs::read_to_string(&path).map_err(|e| Error::io(Some(path.clone()), e))?;
                p.files.insert(name.to_string(), text);
            }
        }
        Ok(p)
    }

    /// The whole text of a pattern file.
    ///
    /// # Panics
    /// If `name` is not one of [`BUILTIN`]'s names (a programming error).
    pub fn text(&self, name: &str) -> &str {
        self.files
            .get(name)
            .unwrap_or_else(|| panic!("unknown pattern file {name}"))
    }

    /// The entries of a file: `(line number, line)` for every line that is
    /// neither blank nor a `#` comment, trimmed of trailing whitespace.
    pub fn lines<'a>(&'a self, name: &str) -> impl Iterator<Item = (usize, &'a str)> + 'a {
        self.text(name)
            .lines()
            .enumerate()
            .map(|(i, l)| (i + 1, l.trim_end()))
            .filter(|(_, l)| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
    }

    /// The entries of a TAB-separated file, split into columns.
    pub fn rows<'a>(&'a self, name: &str) -> impl Iterator<Item = (usize, Vec<&'a str>)> + 'a {
        self.lines(name)
            .map(|(n, l)| (n, l.split('\t').map(str::trim).collect()))
    }

    /// An error about line `line` of file `file`.
    pub fn error(file: &str, line: usize, message: impl Into<String>) -> Error {
        Error::new(ErrorKind::Pattern {
            file: file.to_string(),
            line,
            message: message.into(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_files_are_present_and_skip_comments() {
        let p = Patterns::builtin();
        for (name, _) in BUILTIN {
            assert!(p.lines(name).count() > 0, "{name} has no entries");
            assert!(p.lines(name).all(|(_, l)| !l.starts_with('#')));
        }
    }
}
