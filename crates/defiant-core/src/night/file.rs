//! The journal's bytes: the magic and format, frames (length, CRC-32, JSON payload), and
//! reading a journal back, a torn last frame dropped and damage refused.

use super::{NightHeader, Record};

/// The first bytes of every journal.
pub const MAGIC: &[u8; 8] = b"DTNIGHT\n";
/// The journal format this build writes and reads; a newer one is set aside, not misread.
pub const FORMAT: u32 = 1;
/// Largest frame read back: a header holds every question of the round as asked.
pub const MAX_FRAME: usize = 64 * 1024 * 1024;

/// One frame: length, checksum, payload.
pub fn frame(payload: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(payload.len() + 8);
    out.extend_from_slice(&(payload.len() as u32).to_le_bytes());
    out.extend_from_slice(&crc32fast::hash(payload).to_le_bytes());
    out.extend_from_slice(payload);
    out
}

/// The start of a journal: magic, format and the header's frame.
pub fn encode_start(header: &NightHeader) -> Vec<u8> {
    let mut out = MAGIC.to_vec();
    out.extend_from_slice(&FORMAT.to_le_bytes());
    let payload = serde_json::to_vec(header).expect("a header is plain data");
    out.extend(frame(&payload));
    out
}

/// One record's frame.
pub fn encode_record(record: &Record) -> Vec<u8> {
    frame(&serde_json::to_vec(record).expect("a record is plain data"))
}

/// A journal read back.
#[derive(Debug, Clone, PartialEq)]
pub struct Journal {
    /// What the night was built from.
    pub header: NightHeader,
    /// Every whole record, in the order written.
    pub records: Vec<Record>,
    /// Bytes up to the end of the last whole record: appending goes on from here.
    pub good_len: u64,
    /// Bytes after it that were dropped (a record cut short or unfinished at the end).
    pub dropped: u64,
}

/// Why a journal cannot be resumed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum JournalError {
    /// The file does not start with the journal's magic bytes.
    #[error("it is not a night journal")]
    NotAJournal,
    /// A newer build wrote it, in this journal format.
    #[error("it was written by a newer version of the game (journal format {0})")]
    NewerFormat(u32),
    /// The file ends before its header frame is whole.
    #[error("it ends before its header is complete")]
    NoHeader,
    /// A frame before the last one is broken: refused rather than misread.
    #[error("it is damaged at byte {offset} ({why})")]
    Damaged {
        /// Where the damage starts, in bytes from the start of the file.
        offset: u64,
        /// What is wrong there.
        why: String,
    },
}

/// Reads a journal: its header and every whole record, dropping a torn end.
pub fn read(bytes: &[u8]) -> Result<Journal, JournalError> {
    let start = MAGIC.len() + 4;
    if bytes.len() < start {
        // Cut short in the magic or in the format after it: a journal torn as it was made.
        let n = bytes.len().min(MAGIC.len());
        return Err(if bytes[..n] == MAGIC[..n] {
            JournalError::NoHeader
        } else {
            JournalError::NotAJournal
        });
    }
    if &bytes[..MAGIC.len()] != MAGIC {
        return Err(JournalError::NotAJournal);
    }
    let format = u32::from_le_bytes(bytes[MAGIC.len()..start].try_into().expect("4 bytes"));
    if format > FORMAT {
        return Err(JournalError::NewerFormat(format));
    }
    if format == 0 {
        return Err(JournalError::NotAJournal);
    }
    let mut frames = Frames { bytes, at: start };
    let header: NightHeader = match frames.next_frame()? {
        Some(payload) => serde_json::from_slice(payload).map_err(|e| JournalError::Damaged {
            offset: start as u64,
            why: format!("its header does not read: {e}"),
        })?,
        None => return Err(JournalError::NoHeader),
    };
    let mut records = Vec::new();
    loop {
        let offset = frames.at;
        match frames.next_frame()? {
            Some(payload) => {
                let record =
                    serde_json::from_slice(payload).map_err(|e| JournalError::Damaged {
                        offset: offset as u64,
                        why: format!("a record does not read: {e}"),
                    })?;
                records.push(record);
            }
            None => {
                return Ok(Journal {
                    header,
                    records,
                    good_len: offset as u64,
                    dropped: (bytes.len() - offset) as u64,
                });
            }
        }
    }
}

struct Frames<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Frames<'a> {
    /// The next whole frame's payload; `None` at the end, or for a torn last frame.
    fn next_frame(&mut self) -> Result<Option<&'a [u8]>, JournalError> {
        let rest = &self.bytes[self.at..];
        if rest.len() < 8 {
            return Ok(None);
        }
        let len = u32::from_le_bytes(rest[..4].try_into().expect("4 bytes")) as usize;
        let crc = u32::from_le_bytes(rest[4..8].try_into().expect("4 bytes"));
        let damaged = |why: &str| JournalError::Damaged {
            offset: self.at as u64,
            why: why.to_string(),
        };
        if len > MAX_FRAME {
            return Err(damaged("a record's length is impossible"));
        }
        if rest.len() < 8 + len {
            return Ok(None); // cut short: the write never finished
        }
        let payload = &rest[8..8 + len];
        if crc32fast::hash(payload) != crc {
            if rest.len() == 8 + len {
                return Ok(None); // the last frame, half written
            }
            return Err(damaged("a record's checksum does not match"));
        }
        self.at += 8 + len;
        Ok(Some(payload))
    }
}
