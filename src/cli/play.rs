//! `defiant-trivia play [PATH [--question ID]]`: opens the game, or previews one pack file;
//! `defiant-trivia party [PACK] [--host-window]`: opens the game in the party lobby (and the
//! host console).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::core::media::{PACK_FILE, PackPlace, check_place};
use crate::core::parse::nearest;
use crate::game::{self, GameConfig, PreviewRequest};

/// Opens the game window; with `path`, on that pack (and with `question`, on one question);
/// with `party` options, in the party lobby (offering `path`'s pack).
pub fn run(
    root: Option<PathBuf>,
    path: Option<PathBuf>,
    question: Option<String>,
    party: Option<crate::phones::PhoneOptions>,
    host_window: bool,
) -> ExitCode {
    open(root, path, question, party, host_window, false)
}

/// `party --resume`: the last unfinished night, or a clear word (and exit 1) when there is
/// none. What cannot be resumed (a damaged journal, set aside) is said too.
pub fn resume(
    root: Option<PathBuf>,
    phones: crate::phones::PhoneOptions,
    host_window: bool,
) -> ExitCode {
    let data = crate::game::persist::DataDir::from_env();
    let mut notices = Vec::new();
    let offer = crate::game::night::offer_in(&data, &mut notices);
    for notice in &notices {
        eprintln!("warning: {notice}");
    }
    let Some(offer) = offer else {
        eprintln!(
            "Nothing to resume: no unfinished night in {}.",
            crate::core::night::folder(&data.0).display()
        );
        return ExitCode::FAILURE;
    };
    println!("Resuming the party: {}", offer.summary);
    open(root, None, None, Some(phones), host_window, true)
}

fn open(
    root: Option<PathBuf>,
    path: Option<PathBuf>,
    question: Option<String>,
    party: Option<crate::phones::PhoneOptions>,
    host_window: bool,
    resume: bool,
) -> ExitCode {
    // A game folder named by DEFIANT_TRIVIA_ROOT must be one (with none, the binary plays
    // with what it carries).
    if let Some(root) = &root
        && (!root.join("assets").is_dir() || !root.join("quizzes").is_dir())
    {
        eprintln!(
            "error: {} has no assets/ and quizzes/ folders.\n\
             Set DEFIANT_TRIVIA_ROOT to a clone of the game, or unset it to play with the \
             packs built in.",
            root.display()
        );
        return ExitCode::from(2);
    }
    let preview = match path {
        Some(path) => match preview_request(&path, question) {
            Ok(request) => Some(request),
            Err(message) => {
                eprintln!("{message}");
                return ExitCode::FAILURE;
            }
        },
        None => None,
    };
    // The window goes through X11 (XWayland on Wayland desktops): without a display
    // Bevy would panic, so say what is missing instead.
    if cfg!(all(unix, not(target_os = "macos")))
        && std::env::var_os("DISPLAY").is_none_or(|d| d.is_empty())
    {
        eprintln!(
            "error: no graphical display: DISPLAY is not set.\n\
             Run the game from a desktop session (or under Xvfb); \
             `defiant-trivia check` works without one."
        );
        return ExitCode::from(2);
    }
    let data = crate::game::persist::DataDir::from_env();
    match game::run(GameConfig {
        root,
        data,
        preview,
        party: party.is_some() && !resume,
        phones: party.unwrap_or_default(),
        host_window,
        resume,
    }) {
        bevy::app::AppExit::Success => ExitCode::SUCCESS,
        bevy::app::AppExit::Error(code) => ExitCode::from(code.get()),
    }
}

/// Checks the pack to preview before any window opens: a broken pack gets the same report
/// as `check`, and an unknown question id a list of the ones that exist.
pub fn preview_request(path: &Path, question: Option<String>) -> Result<PreviewRequest, String> {
    let place = PackPlace::of(path);
    match &place {
        PackPlace::Folder(dir) if !dir.join(PACK_FILE).is_file() => {
            return Err(format!(
                "error: {} is a folder with no {PACK_FILE}; give one pack to preview: a .ron \
                 file, a pack folder or a .zip (every pack in quizzes/ is already in the \
                 game's pack list)",
                path.display()
            ));
        }
        PackPlace::File(file) if file.extension().is_none_or(|e| e != "ron") => {
            return Err(format!(
                "error: {}: a pack is a .ron file, a folder with {PACK_FILE}, or a .zip",
                path.display()
            ));
        }
        _ => {}
    }
    let checked = check_place(&place).checked;
    let Some(pack) = checked.pack.as_ref() else {
        let mut report = Vec::new();
        super::check::report_checked(&mut report, path, &checked);
        return Err(format!(
            "{}\nerror: {} cannot be previewed until these errors are fixed",
            String::from_utf8_lossy(&report).trim_end(),
            path.display()
        ));
    };
    if let Some(id) = &question
        && !pack.questions.iter().any(|q| &q.id == id)
    {
        let ids: Vec<&str> = pack.questions.iter().map(|q| q.id.as_str()).collect();
        let hint = match nearest(id, &ids) {
            Some(near) => format!("did you mean `{near}`?"),
            None => {
                let shown: Vec<&str> = ids.iter().take(8).copied().collect();
                let more = if ids.len() > shown.len() { ", …" } else { "" };
                format!("its questions are {}{more}", shown.join(", "))
            }
        };
        return Err(format!(
            "error: {} has no question with id `{id}`\n    = help: {hint}",
            path.display()
        ));
    }
    let file =
        std::fs::canonicalize(path).map_err(|e| format!("error: {}: {e}", path.display()))?;
    Ok(PreviewRequest { file, question })
}
