//! Saved files: high scores and settings, stored as RON in the user's data folder.
//!
//! Saves are atomic: the new content goes to a temporary file beside the real one, is
//! flushed to disk, then renamed over it, so a crash never leaves half a file. A file that
//! cannot be read back is never silently dropped: it is renamed aside (`name.corrupt-N`)
//! and the caller gets a fresh value and a notice to show.

use std::fs::{self, File};
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::Serialize;
use serde::de::DeserializeOwned;

/// Largest saved file read back (high scores and settings are tiny).
const MAX_SAVE_BYTES: u64 = 4 * 1024 * 1024;

/// What loading a saved file produced.
#[derive(Debug, Clone, PartialEq)]
pub struct Loaded<T> {
    /// What was loaded: the saved value, or the default when there was none or it could not
    /// be read.
    pub value: T,
    /// Something the player should be told, e.g. that a corrupt file was set aside.
    pub notice: Option<String>,
}

/// Loads `path`, or the default when it does not exist yet. A file that is unreadable or
/// corrupt is moved aside and reported in the notice; the default is returned.
pub fn load<T: DeserializeOwned + Default>(path: &Path) -> Loaded<T> {
    let fresh = |notice| Loaded {
        value: T::default(),
        notice,
    };
    let bytes = match fs::metadata(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return fresh(None),
        Ok(meta) if meta.len() > MAX_SAVE_BYTES => {
            return fresh(Some(set_aside(path, "it is too large")));
        }
        _ => match fs::read(path) {
            Ok(bytes) => bytes,
            Err(e) => return fresh(Some(format!("could not read {}: {e}", path.display()))),
        },
    };
    let parsed = std::str::from_utf8(&bytes)
        .map_err(|e| e.to_string())
        .and_then(|text| ron::from_str::<T>(text).map_err(|e| e.to_string()));
    match parsed {
        Ok(value) => Loaded {
            value,
            notice: None,
        },
        Err(reason) => fresh(Some(set_aside(path, &reason))),
    }
}

/// Renames a bad file to the first free `name.corrupt-N` and says so.
pub fn set_aside(path: &Path, reason: &str) -> String {
    let aside = (1..)
        .map(|n| {
            let mut name = path.file_name().unwrap_or_default().to_os_string();
            name.push(format!(".corrupt-{n}"));
            path.with_file_name(name)
        })
        .find(|p| !p.exists())
        .unwrap_or_else(|| path.with_extension("corrupt"));
    match fs::rename(path, &aside) {
        Ok(()) => format!(
            "{} could not be read ({reason}); it was kept as {} and a fresh one started",
            path.display(),
            aside.display()
        ),
        Err(e) => format!(
            "{} could not be read ({reason}) nor moved aside ({e}); a fresh one is used for now",
            path.display()
        ),
    }
}

/// Writes `value` to `path` atomically: temp file, fsync, rename, then fsync the folder.
pub fn save<T: Serialize>(path: &Path, value: &T) -> std::io::Result<()> {
    let mut text = ron::ser::to_string_pretty(value, ron::ser::PrettyConfig::default())
        .map_err(std::io::Error::other)?;
    text.push('\n');
    write_atomic(path, text.as_bytes())
}

/// Writes `bytes` to `path` atomically: temp file, fsync, rename, then fsync the folder.
/// On any failure the old file (if any) is left as it was.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    fs::create_dir_all(dir)?;
    let tmp = temp_path(path);
    let result = (|| {
        let mut file = File::create(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        drop(file);
        fs::rename(&tmp, path)?;
        // Make the rename itself durable (where the platform allows opening a folder).
        if let Ok(d) = File::open(dir) {
            let _ = d.sync_all();
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

fn temp_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(format!(".tmp-{}", std::process::id()));
    path.with_file_name(name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Default, Clone, PartialEq, Serialize, Deserialize)]
    struct Table {
        scores: Vec<(String, u32)>,
    }

    fn dir(name: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("dt-store-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&d);
        fs::create_dir_all(&d).unwrap();
        d
    }

    #[test]
    fn missing_file_is_a_fresh_default_without_notice() {
        let d = dir("missing");
        let loaded: Loaded<Table> = load(&d.join("scores.ron"));
        assert_eq!(loaded.value, Table::default());
        assert_eq!(loaded.notice, None);
    }

    #[test]
    fn save_then_load_round_trips_and_leaves_no_temp_file() {
        let d = dir("roundtrip");
        let path = d.join("nested/scores.ron");
        let table = Table {
            scores: vec![("Ana".into(), 4200), ("Bé".into(), 10)],
        };
        save(&path, &table).unwrap();
        save(&path, &table).unwrap();
        let loaded: Loaded<Table> = load(&path);
        assert_eq!(loaded.value, table);
        assert_eq!(loaded.notice, None);
        let names: Vec<_> = fs::read_dir(path.parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("scores.ron")]);
    }

    #[test]
    fn corrupt_file_is_kept_aside_and_replaced() {
        let d = dir("corrupt");
        let path = d.join("scores.ron");
        fs::write(&path, "(scores: [(\"Ana\", 12").unwrap();
        let loaded: Loaded<Table> = load(&path);
        assert_eq!(loaded.value, Table::default());
        let notice = loaded.notice.unwrap();
        assert!(notice.contains("scores.ron.corrupt-1"), "{notice}");
        assert_eq!(
            fs::read_to_string(d.join("scores.ron.corrupt-1")).unwrap(),
            "(scores: [(\"Ana\", 12"
        );
        assert!(!path.exists());
        // A second corrupt file does not overwrite the first one kept aside.
        fs::write(&path, [0xFF, 0x00]).unwrap();
        let loaded: Loaded<Table> = load(&path);
        assert!(loaded.notice.unwrap().contains("corrupt-2"));
        assert!(d.join("scores.ron.corrupt-1").exists());
    }

    #[test]
    fn save_into_an_unwritable_place_is_an_error_not_a_panic() {
        let d = dir("unwritable");
        let blocker = d.join("file");
        fs::write(&blocker, "x").unwrap();
        assert!(save(&blocker.join("scores.ron"), &Table::default()).is_err());
    }
}
