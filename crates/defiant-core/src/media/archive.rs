//! Writing a pack folder as one `.zip` for sharing (`defiant-trivia pack DIR`), and the
//! example picture and sound that `defiant-trivia new --media` starts a pack with.
//!
//! The `.zip` holds `pack.ron` at its top, exactly the pictures and sounds the pack uses
//! (under the paths the pack names them by), and the folder's licence and read-me files.
//! Every entry is deflated and dated by its file's modification time, so the same folder
//! always makes the same bytes. It is written to a temporary file beside the target,
//! synced, accepted by the caller (who checks it as the game would read it), and only then
//! renamed into place: a failed or refused write leaves any old `.zip` as it was.

use std::collections::BTreeSet;
use std::fs::{self, File};
use std::io::{self, Cursor};
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use super::{MAX_ZIP_ENTRIES, PACK_FILE, media_refs};
use crate::pack::Pack;
use crate::spans::PackSpans;

/// Whether a file at the top of a pack folder is one of its notices, which go in the `.zip`
/// whatever the pack uses: a licence, a read-me, a copying or credits file (`LICENSE`,
/// `LICENSE-MIT`, `README.md`, `CREDITS.txt`, any case).
pub fn is_notice(name: &str) -> bool {
    let upper = name.to_ascii_uppercase();
    !name.starts_with('.')
        && [
            "LICENSE", "LICENCE", "README", "COPYING", "CREDITS", "NOTICE",
        ]
        .iter()
        .any(|start| upper.starts_with(start))
}

/// What goes in the `.zip` of the pack folder `dir` holding `pack`: `pack.ron` first, then
/// every picture and sound the pack names (once each, in path order), then the notices at
/// the folder's top ([`is_notice`]), in name order. Paths use forward slashes.
pub fn zip_contents(dir: &Path, pack: &Pack) -> Vec<String> {
    let media: BTreeSet<String> = media_refs(pack, &PackSpans::default())
        .into_iter()
        .map(|m| m.path)
        .collect();
    let mut notices: Vec<String> = fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
                .filter_map(|e| e.file_name().into_string().ok())
                .filter(|name| is_notice(name) && !media.contains(name))
                .collect()
        })
        .unwrap_or_default();
    notices.sort();
    std::iter::once(PACK_FILE.to_string())
        .chain(media.into_iter().filter(|m| m != PACK_FILE))
        .chain(notices)
        .collect()
}

/// The files in the pack folder `dir` that its `.zip` leaves out (`contents` is what goes
/// in): files the pack does not use, in path order, with forward slashes. Hidden files and
/// folders (`.git`, `.DS_Store`) and `.zip` files are not listed; at most `max` are.
pub fn left_out(dir: &Path, contents: &[String], max: usize) -> Vec<String> {
    let kept: BTreeSet<&str> = contents.iter().map(String::as_str).collect();
    let mut found = Vec::new();
    let mut folders = vec![(dir.to_path_buf(), String::new())];
    // A folder's files are listed before its subfolders are entered; the walk stops at
    // the entry limit of a pack `.zip`, so a huge folder cannot stall it.
    let mut seen = 0usize;
    while let Some((folder, prefix)) = folders.pop() {
        let Ok(entries) = fs::read_dir(&folder) else {
            continue;
        };
        let mut entries: Vec<_> = entries.filter_map(Result::ok).collect();
        entries.sort_by_key(fs::DirEntry::file_name);
        for entry in entries.into_iter().rev() {
            seen += 1;
            if seen > MAX_ZIP_ENTRIES {
                break;
            }
            let Ok(name) = entry.file_name().into_string() else {
                continue;
            };
            if name.starts_with('.') {
                continue;
            }
            let path = format!("{prefix}{name}");
            match entry.file_type() {
                Ok(t) if t.is_dir() => folders.push((entry.path(), format!("{path}/"))),
                Ok(_)
                    if !kept.contains(path.as_str())
                        && !name.to_ascii_lowercase().ends_with(".zip") =>
                {
                    found.push(path);
                }
                _ => {}
            }
        }
    }
    found.sort();
    found.truncate(max);
    found
}

/// Why a pack `.zip` was not written.
#[derive(Debug)]
pub enum ZipWriteError {
    /// The target exists and replacing it was not allowed.
    Exists,
    /// Reading a file or writing the archive failed.
    Io(io::Error),
    /// The caller's check of the written archive refused it, in its words.
    Refused(String),
}

impl std::fmt::Display for ZipWriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ZipWriteError::Exists => write!(f, "the file already exists"),
            ZipWriteError::Io(e) => write!(f, "{e}"),
            ZipWriteError::Refused(why) => write!(f, "{why}"),
        }
    }
}

impl From<io::Error> for ZipWriteError {
    fn from(e: io::Error) -> Self {
        ZipWriteError::Io(e)
    }
}

/// Writes the files `contents` of the pack folder `dir` (paths relative to it, with forward
/// slashes, as [`zip_contents`] lists them) as a `.zip` at `out`, atomically: a temporary
/// file beside `out`, synced, given to `accept` (which checks it and says why not, if
/// not), then renamed over `out`. Without `replace`, an existing `out` is left alone and
/// the result is [`ZipWriteError::Exists`]. Returns the archive's size in bytes.
pub fn write_pack_zip(
    dir: &Path,
    contents: &[String],
    out: &Path,
    replace: bool,
    accept: impl FnOnce(&Path) -> Result<(), String>,
) -> Result<u64, ZipWriteError> {
    if !replace && out.exists() {
        return Err(ZipWriteError::Exists);
    }
    let folder = out
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let tmp = temp_path(out);
    let result = (|| {
        let _ = fs::remove_file(&tmp);
        let file = fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)?;
        let file = write_zip(dir, contents, file)?;
        file.sync_all()?;
        let size = file.metadata()?.len();
        drop(file);
        accept(&tmp).map_err(ZipWriteError::Refused)?;
        if !replace && out.exists() {
            return Err(ZipWriteError::Exists);
        }
        fs::rename(&tmp, out)?;
        // Make the rename itself durable (where the platform allows opening a folder).
        if let Ok(d) = File::open(folder) {
            let _ = d.sync_all();
        }
        Ok(size)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

/// A hidden temporary file beside `out`: `.my-pack.zip.tmp-PID`.
fn temp_path(out: &Path) -> PathBuf {
    let mut name = std::ffi::OsString::from(".");
    name.push(out.file_name().unwrap_or_default());
    name.push(format!(".tmp-{}", std::process::id()));
    out.with_file_name(name)
}

/// Writes `contents` of `dir` into a zip archive on `file`; returns the file.
fn write_zip(dir: &Path, contents: &[String], file: File) -> io::Result<File> {
    let mut zip = zip::ZipWriter::new(io::BufWriter::new(file));
    for name in contents {
        let path = dir.join(name);
        let mut source = File::open(&path)
            .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", path.display())))?;
        let modified = source.metadata().and_then(|m| m.modified()).ok();
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .unix_permissions(0o644)
            .last_modified_time(zip_time(modified))
            .large_file(false);
        zip.start_file(name.as_str(), options)
            .map_err(io::Error::other)?;
        io::copy(&mut source, &mut zip)?;
    }
    let buffered = zip.finish().map_err(io::Error::other)?;
    buffered
        .into_inner()
        .map_err(io::IntoInnerError::into_error)
}

/// A file's modification time as a zip entry's date (UTC; 1980-01-01 when unknown or out
/// of the range a zip can hold).
fn zip_time(modified: Option<SystemTime>) -> zip::DateTime {
    let Some(secs) = modified
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map(|d| d.as_secs())
    else {
        return zip::DateTime::default();
    };
    let (days, rest) = (secs / 86_400, secs % 86_400);
    let (year, month, day) = civil_from_days(days as i64);
    let (Ok(year), Ok(hour), Ok(minute), Ok(second)) = (
        u16::try_from(year),
        u8::try_from(rest / 3600),
        u8::try_from(rest % 3600 / 60),
        u8::try_from(rest % 60),
    ) else {
        return zip::DateTime::default();
    };
    zip::DateTime::from_date_and_time(year, month, day, hour, minute, second).unwrap_or_default()
}

/// The calendar date of a day counted from 1970-01-01 (Howard Hinnant's algorithm).
fn civil_from_days(days: i64) -> (i64, u8, u8) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// The name of `pack.ron` inside the pack `.zip` at `path` (`pack.ron`, or
/// `my-pack/pack.ron` for a zipped folder), as the game finds it; `None` when the archive
/// cannot be read or has none.
pub fn pack_entry(path: &Path) -> Option<String> {
    let archive = zip::ZipArchive::new(File::open(path).ok()?).ok()?;
    archive
        .file_names()
        .filter_map(Result::ok)
        .filter(|name| {
            *name == PACK_FILE
                || name
                    .strip_suffix(PACK_FILE)
                    .and_then(|dir| dir.strip_suffix('/'))
                    .is_some_and(|dir| !dir.is_empty() && !dir.contains('/'))
        })
        .min_by_key(|name| name.len())
        .map(|name| name.to_string())
}

/// The example picture of `new --media`: a 320x180 PNG of a sun setting over the sea.
pub fn example_picture() -> Vec<u8> {
    let (w, h) = (320u32, 180u32);
    let horizon = 120.0;
    let (sun_x, sun_y, sun_r) = (224.0, 70.0, 26.0);
    let img = image::RgbImage::from_fn(w, h, |x, y| {
        let (fx, fy) = (f64::from(x), f64::from(y));
        let mix = |a: [f64; 3], b: [f64; 3], t: f64| {
            let t = t.clamp(0.0, 1.0);
            image::Rgb([0, 1, 2].map(|i| (a[i] + (b[i] - a[i]) * t) as u8))
        };
        if fy < horizon {
            let d = ((fx - sun_x).powi(2) + (fy - sun_y).powi(2)).sqrt();
            if d <= sun_r {
                image::Rgb([255, 214, 90])
            } else {
                // Sky: deep blue at the top to orange at the horizon, brighter near the sun.
                let sky = mix([40.0, 44.0, 110.0], [250.0, 140.0, 70.0], fy / horizon);
                let glow = (1.0 - (d - sun_r) / 90.0).clamp(0.0, 1.0) * 0.5;
                mix(sky.0.map(f64::from), [255.0, 200.0, 110.0], glow)
            }
        } else {
            // Sea: dark blue, with the sun's path as bright streaks under it.
            let depth = (fy - horizon) / (f64::from(h) - horizon);
            let sea = mix([200.0, 110.0, 80.0], [20.0, 40.0, 80.0], depth * 1.5);
            let streak = (fx - sun_x).abs() < sun_r * (1.0 - depth * 0.6) && (y / 3) % 2 == 0;
            if streak {
                mix(sea.0.map(f64::from), [255.0, 214.0, 90.0], 0.7)
            } else {
                sea
            }
        }
    });
    let mut out = Cursor::new(Vec::new());
    // Encoding a small picture into memory cannot fail.
    let _ = img.write_to(&mut out, image::ImageFormat::Png);
    out.into_inner()
}

/// The example sound of `new --media`: three short beeps in 3 seconds, as a mono 16-bit
/// WAV at 8 kHz.
pub fn example_sound() -> Vec<u8> {
    let rate = 8_000u32;
    mono_wav(rate, rate * 3, |i| {
        let t = f64::from(i) / f64::from(rate);
        // A beep of 0.25 s at 0.2 s, 0.9 s and 1.6 s, with soft edges; silence after.
        let level = [0.2, 0.9, 1.6]
            .iter()
            .map(|start| {
                let into = t - start;
                if (0.0..0.25).contains(&into) {
                    (into / 0.02).min((0.25 - into) / 0.02).min(1.0)
                } else {
                    0.0
                }
            })
            .fold(0.0, f64::max);
        ((t * 880.0 * std::f64::consts::TAU).sin() * level * 9_000.0) as i16
    })
}

/// A mono 16-bit PCM WAV of `samples` samples at `rate` Hz, sample `i` being `sample(i)`.
pub(crate) fn mono_wav(rate: u32, samples: u32, sample: impl Fn(u32) -> i16) -> Vec<u8> {
    let data = samples * 2;
    let mut out = Vec::with_capacity(44 + data as usize);
    out.extend_from_slice(b"RIFF");
    out.extend_from_slice(&(36 + data).to_le_bytes());
    out.extend_from_slice(b"WAVEfmt ");
    out.extend_from_slice(&16u32.to_le_bytes());
    out.extend_from_slice(&1u16.to_le_bytes()); // PCM
    out.extend_from_slice(&1u16.to_le_bytes()); // mono
    out.extend_from_slice(&rate.to_le_bytes());
    out.extend_from_slice(&(rate * 2).to_le_bytes());
    out.extend_from_slice(&2u16.to_le_bytes());
    out.extend_from_slice(&16u16.to_le_bytes());
    out.extend_from_slice(b"data");
    out.extend_from_slice(&data.to_le_bytes());
    for i in 0..samples {
        out.extend_from_slice(&sample(i).to_le_bytes());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::media::{Format, PackPlace, check_clip, check_image, check_place};

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!(
            "defiant-archive-{name}-{}-{:?}",
            std::process::id(),
            std::thread::current().id()
        ));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        dir
    }

    const PACK: &str = r#"Pack(
    format: 3,
    title: "Zipped",
    description: "",
    author: "",
    questions: [
        (
            id: "pic",
            prompt: "What is it?",
            image: "pictures/sunset.png",
            reveal_image: "pictures/sunset.png",
            answers: Choice(correct: "A sunset", wrong: ["A sunrise"]),
            explanation: "The sun sets in the west.",
            category: "Pictures",
            difficulty: Easy,
        ),
        (
            id: "snd",
            prompt: "How many beeps?",
            audio: (file: "sounds/beeps.wav", end: 2.5, countdown_after: true),
            answers: Choice(correct: "Three", wrong: ["Two"]),
            explanation: "Three beeps.",
            category: "Pictures",
            difficulty: Easy,
        ),
    ],
)
"#;

    fn folder(name: &str) -> PathBuf {
        let dir = scratch(name).join("my-pack");
        fs::create_dir_all(dir.join("pictures")).unwrap();
        fs::create_dir_all(dir.join("sounds")).unwrap();
        fs::write(dir.join(PACK_FILE), PACK).unwrap();
        fs::write(dir.join("pictures/sunset.png"), example_picture()).unwrap();
        fs::write(dir.join("pictures/unused.png"), example_picture()).unwrap();
        fs::write(dir.join("sounds/beeps.wav"), example_sound()).unwrap();
        fs::write(dir.join("LICENSE"), "CC0").unwrap();
        fs::write(dir.join("notes.txt"), "mine").unwrap();
        fs::write(dir.join(".hidden"), "x").unwrap();
        dir
    }

    #[test]
    fn the_examples_are_what_their_names_say_and_decode() {
        let info = check_image(&example_picture(), Format::Png).unwrap();
        assert_eq!((info.width, info.height), (320, 180));
        let clip = check_clip(&example_sound(), Format::Wav).unwrap();
        assert!((clip.seconds - 3.0).abs() < 0.01, "{}", clip.seconds);
    }

    #[test]
    fn a_folder_zips_to_its_pack_its_media_and_notices_and_checks_the_same() {
        let dir = folder("zip");
        let pack = crate::parse::check_file(&dir.join(PACK_FILE)).pack.unwrap();
        let contents = zip_contents(&dir, &pack);
        assert_eq!(
            contents,
            [
                "pack.ron",
                "pictures/sunset.png",
                "sounds/beeps.wav",
                "LICENSE"
            ]
        );
        assert_eq!(
            left_out(&dir, &contents, 10),
            ["notes.txt", "pictures/unused.png"]
        );
        let out = dir.with_extension("zip");
        let mut checked_tmp = None;
        let size = write_pack_zip(&dir, &contents, &out, false, |tmp| {
            checked_tmp = Some(tmp.to_path_buf());
            let placed = check_place(&PackPlace::Zip(tmp.to_path_buf()));
            match placed.checked.pack {
                Some(_) => Ok(()),
                None => Err(format!("{:?}", placed.checked.diagnostics)),
            }
        })
        .unwrap();
        assert_eq!(size, fs::metadata(&out).unwrap().len());
        assert!(!checked_tmp.unwrap().exists(), "the temporary file is gone");
        assert_eq!(pack_entry(&out).as_deref(), Some("pack.ron"));
        let placed = check_place(&PackPlace::Zip(out.clone()));
        assert!(
            placed.checked.diagnostics.is_empty(),
            "{:?}",
            placed.checked.diagnostics
        );
        let archive = zip::ZipArchive::new(File::open(&out).unwrap()).unwrap();
        let names: Vec<String> = archive
            .file_names()
            .map(|n| n.unwrap().into_owned())
            .collect();
        assert_eq!(names, contents);
        // The same folder makes the same bytes.
        let first = fs::read(&out).unwrap();
        assert!(matches!(
            write_pack_zip(&dir, &contents, &out, false, |_| Ok(())),
            Err(ZipWriteError::Exists)
        ));
        write_pack_zip(&dir, &contents, &out, true, |_| Ok(())).unwrap();
        assert_eq!(fs::read(&out).unwrap(), first);
        fs::remove_dir_all(dir.parent().unwrap()).unwrap();
    }

    #[test]
    fn a_refused_or_failed_write_leaves_the_old_zip() {
        let dir = folder("refused");
        let out = dir.with_extension("zip");
        fs::write(&out, "old").unwrap();
        let contents = vec![PACK_FILE.to_string()];
        let refused = write_pack_zip(&dir, &contents, &out, true, |_| Err("no".to_string()));
        assert!(matches!(refused, Err(ZipWriteError::Refused(why)) if why == "no"));
        let missing = vec!["pictures/gone.png".to_string()];
        assert!(matches!(
            write_pack_zip(&dir, &missing, &out, true, |_| Ok(())),
            Err(ZipWriteError::Io(_))
        ));
        assert_eq!(fs::read_to_string(&out).unwrap(), "old");
        let stray: Vec<_> = fs::read_dir(dir.parent().unwrap())
            .unwrap()
            .filter_map(Result::ok)
            .filter(|e| e.file_name().to_string_lossy().contains(".tmp-"))
            .collect();
        assert!(stray.is_empty(), "{stray:?}");
        fs::remove_dir_all(dir.parent().unwrap()).unwrap();
    }

    #[test]
    fn dates_are_calendar_dates() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(19_723), (2024, 1, 1));
        assert_eq!(civil_from_days(11_016), (2000, 2, 29));
        let t = UNIX_EPOCH + std::time::Duration::from_secs(1_700_000_000);
        let d = zip_time(Some(t));
        assert_eq!((d.year(), d.month(), d.day()), (2023, 11, 14));
        assert_eq!((d.hour(), d.minute()), (22, 13));
        assert_eq!(zip_time(None), zip::DateTime::default());
    }

    #[test]
    fn notices_are_licences_and_read_mes() {
        for name in [
            "LICENSE",
            "license.txt",
            "LICENSE-MIT",
            "README.md",
            "Credits",
        ] {
            assert!(is_notice(name), "{name}");
        }
        for name in ["pack.ron", "notes.txt", ".README"] {
            assert!(!is_notice(name), "{name}");
        }
    }
}
