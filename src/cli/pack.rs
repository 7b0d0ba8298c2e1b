//! `defiant-trivia pack DIR [-o OUT.zip] [--force]`: checks a pack folder and writes it as
//! one `.zip` to share, holding `pack.ron`, exactly the pictures and sounds it uses, and its
//! licence and read-me; then checks the `.zip` as the game reads it.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::check::{check_at, report, report_checked_with};
use crate::core::media::archive::{self, ZipWriteError};
use crate::core::media::{PACK_FILE, PackPlace};

/// How many left-out files the report names.
const LEFT_OUT_SHOWN: usize = 5;

/// The `.zip` beside the folder `dir`: `my-pack` → `my-pack.zip` (`.` is named by its real
/// name, beside it).
pub fn zip_beside(dir: &Path) -> PathBuf {
    let named = dir
        .file_name()
        .filter(|n| !n.is_empty() && *n != "." && *n != "..")
        .map(|n| (dir.to_path_buf(), n.to_os_string()));
    let (dir, name) = match named {
        Some(found) => found,
        None => {
            let real = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
            let name = real.file_name().unwrap_or_default().to_os_string();
            (real, name)
        }
    };
    let mut zip = name;
    zip.push(".zip");
    dir.with_file_name(zip)
}

/// A size for people: `12 KB`, `1.4 MB` (at least 1 KB).
fn size_text(bytes: u64) -> String {
    const KB: u64 = 1024;
    if bytes < 1000 * KB {
        format!("{} KB", bytes.div_ceil(KB).max(1))
    } else {
        format!("{:.1} MB", bytes as f64 / (KB * KB) as f64)
    }
}

/// Runs `pack`: exit 0 once the `.zip` is written and checked, 1 otherwise (nothing is
/// written then, and an existing `.zip` is left as it was).
pub fn run(dir: &Path, output: Option<&Path>, force: bool, out: &mut impl Write) -> ExitCode {
    let fail = |out: &mut dyn Write, message: String| {
        let _ = writeln!(out, "error: {message}");
        ExitCode::FAILURE
    };
    // `my-pack/pack.ron` means its folder.
    let dir = match PackPlace::of(dir) {
        PackPlace::Folder(dir) if dir.join(PACK_FILE).is_file() => dir,
        PackPlace::Folder(dir) if dir.is_dir() => {
            return fail(
                out,
                format!(
                    "{} has no {PACK_FILE}: `pack` zips a pack folder, which holds {PACK_FILE} and its pictures and sounds",
                    dir.display()
                ),
            );
        }
        PackPlace::Zip(path) if path.is_file() => {
            return fail(
                out,
                format!(
                    "{} is already a .zip; give the pack's folder to zip it again",
                    path.display()
                ),
            );
        }
        PackPlace::File(path) if path.is_file() => {
            return fail(
                out,
                format!(
                    "{} is a lone pack file, which needs no .zip: share it as it is (a pack \
                     with pictures or sounds is a folder holding {PACK_FILE}; zip that folder)",
                    path.display()
                ),
            );
        }
        PackPlace::Folder(path) | PackPlace::Zip(path) | PackPlace::File(path) => {
            return fail(out, format!("{}: no such folder", path.display()));
        }
    };
    let zip = output.map_or_else(|| zip_beside(&dir), Path::to_path_buf);
    if zip
        .extension()
        .is_none_or(|e| !e.eq_ignore_ascii_case("zip"))
    {
        return fail(
            out,
            format!(
                "{}: the name must end in .zip (the game knows a pack .zip by its name)",
                zip.display()
            ),
        );
    }
    if zip.exists() && !force {
        return fail(
            out,
            format!(
                "{} already exists; nothing was written (use --force to replace it)",
                zip.display()
            ),
        );
    }
    // The folder must pass `check` first, files and all.
    let checked = check_at(&PackPlace::Folder(dir.clone()));
    let Some(pack) = checked.checked.pack.as_ref() else {
        report_checked_with(
            out,
            &checked.file,
            &checked.checked,
            checked.text.as_deref(),
        );
        return fail(
            out,
            format!(
                "{} has errors (above); no .zip was written",
                checked.file.display()
            ),
        );
    };
    // Warnings are shown; they do not stop the pack.
    report(
        out,
        &checked.file,
        &checked.checked.diagnostics,
        checked.text.as_deref(),
    );
    let contents = archive::zip_contents(&dir, pack);
    let shown = zip.join(PACK_FILE);
    let mut refused = None;
    let written = archive::write_pack_zip(&dir, &contents, &zip, force, |tmp| {
        // The `.zip` as the game will read it, before it takes the place of anything.
        let again = check_at(&PackPlace::Zip(tmp.to_path_buf()));
        if again.checked.pack.is_some() {
            Ok(())
        } else {
            let mut text = Vec::new();
            report_checked_with(&mut text, &shown, &again.checked, again.text.as_deref());
            refused = Some(String::from_utf8_lossy(&text).into_owned());
            Err("the written .zip does not pass check".to_string())
        }
    });
    match written {
        Ok(bytes) => {
            let _ = writeln!(
                out,
                "wrote {} ({} files, {}); checked: OK",
                zip.display(),
                contents.len(),
                size_text(bytes)
            );
            let zip_name = zip.file_name().map(|n| n.to_string_lossy().into_owned());
            let left: Vec<String> = archive::left_out(&dir, &contents, usize::MAX)
                .into_iter()
                .filter(|f| Some(f) != zip_name.as_ref())
                .collect();
            if !left.is_empty() {
                let shown: Vec<&str> = left
                    .iter()
                    .take(LEFT_OUT_SHOWN)
                    .map(String::as_str)
                    .collect();
                let more = match left.len() - shown.len() {
                    0 => String::new(),
                    n => format!(" and {n} more"),
                };
                let _ = writeln!(
                    out,
                    "note: left out {} file{} the pack does not use: {}{more}",
                    left.len(),
                    if left.len() == 1 { "" } else { "s" },
                    shown.join(", ")
                );
            }
            ExitCode::SUCCESS
        }
        Err(ZipWriteError::Exists) => fail(
            out,
            format!(
                "{} already exists; nothing was written (use --force to replace it)",
                zip.display()
            ),
        ),
        Err(ZipWriteError::Refused(why)) => {
            let _ = write!(out, "{}", refused.unwrap_or_default());
            fail(out, format!("{why}; nothing was written"))
        }
        Err(ZipWriteError::Io(e)) => fail(
            out,
            format!("cannot write {}: {e}; nothing was written", zip.display()),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_zip_goes_beside_the_folder() {
        assert_eq!(zip_beside(Path::new("my-pack")), Path::new("my-pack.zip"));
        assert_eq!(
            zip_beside(Path::new("quizzes/picture-and-sound/")),
            Path::new("quizzes/picture-and-sound.zip")
        );
        let here = std::env::current_dir().unwrap();
        assert_eq!(
            zip_beside(Path::new(".")),
            here.with_file_name(format!(
                "{}.zip",
                here.file_name().unwrap().to_string_lossy()
            ))
        );
    }

    #[test]
    fn sizes_read_in_kilobytes_and_megabytes() {
        assert_eq!(size_text(10), "1 KB");
        assert_eq!(size_text(2048), "2 KB");
        assert_eq!(size_text(2049), "3 KB");
        assert_eq!(size_text(1_500_000), "1.4 MB");
    }
}
