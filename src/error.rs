//! Typed errors of the factum library.
//!
//! Following rust-csv, [`Error`] is one pointer wide (a boxed
//! [`ErrorKind`]) and carries the position it happened at: the document id
//! and, where known, a byte offset into the input. The binary wraps these
//! in `anyhow`; the library never does.
//!
//! Per-document errors do not stop a run: [`crate::Pipeline`] turns them
//! into error records (see [`crate::record::ErrorRecord`]).

use std::fmt;
use std::path::PathBuf;

/// A `Result` alias whose error is [`Error`].
pub type Result<T> = std::result::Result<T, Error>;

/// An error, with where it happened.
#[derive(Debug)]
pub struct Error(Box<Inner>);

#[derive(Debug)]
struct Inner {
    kind: ErrorKind,
    doc: Option<String>,
    offset: Option<u64>,
}

/// What went wrong.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ErrorKind {
    /// Reading or writing failed.
    #[error("{path}: {source}", path = .path.as_ref().map(|p| p.display().to_string()).unwrap_or_else(|| "<stream>".into()))]
    Io {
        /// The file involved, when there is one.
        path: Option<PathBuf>,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// The bytes could not be decoded as text.
    #[error("cannot decode text: {0}")]
    Encoding(String),
    /// A PDF could not be read.
    #[error("{0}")]
    Pdf(String),
    /// A web archive record could not be read.
    #[error("{0}")]
    Warc(String),
    /// A JSON Lines input line could not be read.
    #[error("bad JSON line: {0}")]
    Jsonl(String),
    /// The document is larger than the configured limit.
    #[error("document of {size} bytes exceeds the limit of {limit} bytes")]
    TooLarge {
        /// The document's size in bytes.
        size: u64,
        /// The configured limit in bytes.
        limit: u64,
    },
    /// The input format is recognised but not supported by this build.
    #[error("{0}")]
    Unsupported(String),
    /// A bug: a stage panicked on this document.
    #[error("internal error (please report): {0}")]
    Internal(String),
    /// A pattern file is malformed.
    #[error("{file}:{line}: {message}")]
    Pattern {
        /// The pattern file's name.
        file: String,
        /// 1-based line number.
        line: usize,
        /// What is wrong with it.
        message: String,
    },
}

impl ErrorKind {
    /// The short machine name used in error records (`"pdf"`, `"io"`, …).
    pub fn name(&self) -> &'static str {
        match self {
            ErrorKind::Io { .. } => "io",
            ErrorKind::Encoding(_) => "encoding",
            ErrorKind::Pdf(_) => "pdf",
            ErrorKind::Warc(_) => "warc",
            ErrorKind::Jsonl(_) => "jsonl",
            ErrorKind::TooLarge { .. } => "too_large",
            ErrorKind::Unsupported(_) => "unsupported",
            ErrorKind::Pattern { .. } => "pattern",
            ErrorKind::Internal(_) => "internal",
        }
    }
}

impl Error {
    /// Build an error of this kind, with no position yet.
    pub fn new(kind: ErrorKind) -> Error {
        Error(Box::new(Inner {
            kind,
            doc: None,
            offset: None,
        }))
    }

    /// An I/O error on `path`.
    pub fn io(path: Option<PathBuf>, source: std::io::Error) -> Error {
        Error::new(ErrorKind::Io { path, source })
    }

    /// Attach the id of the document this error belongs to.
    pub fn with_doc(mut self, id: impl Into<String>) -> Error {
        self.0.doc = Some(id.into());
        self
    }

    /// Attach a byte offset into the input.
    pub fn with_offset(mut self, offset: u64) -> Error {
        self.0.offset = Some(offset);
        self
    }

    /// What went wrong.
    pub fn kind(&self) -> &ErrorKind {
        &self.0.kind
    }

    /// The document this error belongs to, when known.
    pub fn doc(&self) -> Option<&str> {
        self.0.doc.as_deref()
    }

    /// The byte offset into the input, when known.
    pub fn offset(&self) -> Option<u64> {
        self.0.offset
    }

    /// Whether this is an I/O error (for example a closed pipe).
    pub fn is_io(&self) -> bool {
        matches!(self.0.kind, ErrorKind::Io { .. })
    }
}

impl From<ErrorKind> for Error {
    fn from(kind: ErrorKind) -> Error {
        Error::new(kind)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(doc) = &self.0.doc {
            write!(f, "{doc}: ")?;
        }
        write!(f, "{}", self.0.kind)?;
        if let Some(off) = self.0.offset {
            write!(f, " (at byte {off})")?;
        }
        Ok(())
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &self.0.kind {
            ErrorKind::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}
