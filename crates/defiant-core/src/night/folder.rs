//! The journals in the data folder: their names, files only their owner may read, the
//! unfinished nights kept, and a resumable night as the title screen describes it.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use super::{Night, NightHeader, encode_start};

/// Journals of unfinished nights kept in the folder (the oldest go first).
pub const KEEP_UNFINISHED: usize = 3;
/// The journals' file extension.
pub const EXTENSION: &str = "night";

/// The folder of night journals in the data folder.
pub fn folder(data: &Path) -> PathBuf {
    data.join("nights")
}

/// The folder of series waiting for their next evening, inside the journals' folder:
/// never pruned as new nights begin (a series may wait weeks between evenings).
pub fn series_folder(data: &Path) -> PathBuf {
    folder(data).join("series")
}

/// A series waiting for its next evening, for the title screen: "The Defiant Ones · 1
/// evening played · Ana leads with 5300 (Ben 4100, Cy 2000, Dee 900) · 2 days ago" (and
/// how many players, when more than four).
pub fn describe_series(night: &Night, last_written: Option<SystemTime>, now: SystemTime) -> String {
    let game = &night.game;
    let players = game.players().iter().filter(|p| !p.removed).count();
    let evenings = game.rounds().iter().map(|r| r.evening).max().unwrap_or(1);
    let mut parts = vec![
        night.header.pack_title.clone(),
        format!(
            "{evenings} evening{} played",
            if evenings == 1 { "" } else { "s" }
        ),
    ];
    // The standings: the leader, then the next few with their scores.
    let standings: Vec<_> = game
        .standings()
        .into_iter()
        .filter_map(|s| game.player(s))
        .filter(|p| !p.removed)
        .collect();
    if let Some((leader, rest)) = standings.split_first() {
        let mut line = format!("{} leads with {}", leader.seat.name, leader.stats.score);
        let next: Vec<String> = rest
            .iter()
            .take(3)
            .map(|p| format!("{} {}", p.seat.name, p.stats.score))
            .collect();
        if !next.is_empty() {
            let more = rest.len().saturating_sub(3);
            let more = if more > 0 {
                format!(", +{more}")
            } else {
                String::new()
            };
            line.push_str(&format!(" ({}{more})", next.join(", ")));
        }
        parts.push(line);
    }
    // Everyone is named above when there are four or fewer.
    if players > 4 {
        parts.push(format!("{players} players"));
    }
    if let Some(written) = last_written {
        parts.push(ago(now.duration_since(written).unwrap_or_default()));
    }
    parts.join(" · ")
}

/// A new journal's path: named by the night's start time, so names sort by age.
pub fn new_path(folder: &Path, started_ms: u64) -> PathBuf {
    (0..)
        .map(|n| folder.join(format!("night-{started_ms:015}-{n}.{EXTENSION}")))
        .find(|p| !p.exists())
        .expect("some name is free")
}

/// Opens a file only its owner may read (it holds the phones' seat tokens).
fn open_private(path: &Path, create: bool) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.write(true);
    if create {
        options.create_new(true);
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path)
}

/// Creates a journal at `path` with its header written and synced (and the folder's
/// entry too), ready for records.
pub fn create(path: &Path, header: &NightHeader) -> io::Result<File> {
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir)?;
    }
    let mut file = open_private(path, true)?;
    file.write_all(&encode_start(header))?;
    file.sync_all()?;
    if let Some(dir) = path.parent()
        && let Ok(dir) = File::open(dir)
    {
        let _ = dir.sync_all();
    }
    Ok(file)
}

/// Opens a journal read back to go on appending after its last whole record (a torn end
/// is cut off first).
pub fn reopen(path: &Path, good_len: u64) -> io::Result<File> {
    let mut file = open_private(path, false)?;
    file.set_len(good_len)?;
    file.sync_all()?;
    use std::io::Seek;
    file.seek(io::SeekFrom::End(0))?;
    Ok(file)
}

/// The journals in `folder`, newest first.
pub fn journals(folder: &Path) -> Vec<PathBuf> {
    let mut found: Vec<(SystemTime, PathBuf)> = fs::read_dir(folder)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == EXTENSION))
        .map(|p| {
            let modified = fs::metadata(&p)
                .and_then(|m| m.modified())
                .unwrap_or(SystemTime::UNIX_EPOCH);
            (modified, p)
        })
        .collect();
    found.sort_by(|a, b| b.cmp(a));
    found.into_iter().map(|(_, p)| p).collect()
}

/// Removes the oldest journals past the newest `keep`.
pub fn prune(folder: &Path, keep: usize) {
    for old in journals(folder).into_iter().skip(keep) {
        let _ = fs::remove_file(old);
    }
}

/// What a resumable night is, for the title screen: "The Defiant Ones · question 7 of
/// 20 · 5 players · 3 minutes ago".
pub fn describe(night: &Night, last_written: Option<SystemTime>, now: SystemTime) -> String {
    let game = &night.game;
    let players = game.players().iter().filter(|p| !p.removed).count();
    let mut parts = vec![
        night.header.pack_title.clone(),
        format!(
            "question {} of {}",
            game.current_index() + 1,
            game.questions().len()
        ),
        format!("{players} player{}", if players == 1 { "" } else { "s" }),
    ];
    if let Some(written) = last_written {
        parts.push(ago(now.duration_since(written).unwrap_or_default()));
    }
    parts.join(" · ")
}

/// "just now", "3 minutes ago", "2 hours ago", "4 days ago".
pub fn ago(age: Duration) -> String {
    let secs = age.as_secs();
    let (n, unit) = match secs {
        0..60 => return "just now".to_string(),
        60..3600 => (secs / 60, "minute"),
        3600..86_400 => (secs / 3600, "hour"),
        _ => (secs / 86_400, "day"),
    };
    format!("{n} {unit}{} ago", if n == 1 { "" } else { "s" })
}
