//! Previewing a pack while writing it: `defiant-trivia play PATH [--question ID]`.
//!
//! When loading is done the game opens on the pack's round setup instead of the title, or
//! with `--question` on that one question. After its reveal, Enter shows the question again
//! as the file is now saved, so an author can edit, save and look without restarting.

use std::path::PathBuf;

use bevy::prelude::*;

use super::packs::{PackAsset, PackLibrary};
use super::session::{ChosenPack, Session};
use super::states::Screen;

/// What the command line asked to preview (the CLI has checked the pack already).
#[derive(Debug, Clone)]
pub struct PreviewRequest {
    /// The pack file, absolute.
    pub file: PathBuf,
    /// One question's id, or `None` for the whole pack.
    pub question: Option<String>,
}

/// The pack being previewed.
#[derive(Resource, Debug, Clone)]
pub struct Preview {
    /// The file as the pack library shows it.
    pub display_path: String,
    pub question: Option<String>,
    /// True once the preview has opened; going back to the title after that is normal play.
    pub opened: bool,
    /// The file's first error since its last save broke it, `file:line:col: reason`. The
    /// last good version keeps playing meanwhile.
    pub error: Option<String>,
}

/// Sets up the preview of `request`: its pack in the library and the [`Preview`] resource.
/// Call after [`super::packs::register_sources`] and before `AssetPlugin` is added.
pub fn add_preview(app: &mut App, request: &PreviewRequest) {
    let display_path = super::packs::register_preview(app, &request.file);
    app.insert_resource(Preview {
        display_path,
        question: request.question.clone(),
        opened: false,
        error: None,
    });
}

pub fn plugin(app: &mut App) {
    app.add_systems(Update, follow_edits.run_if(resource_exists::<Preview>));
}

/// The first screen of `play PATH [--question ID]`, once loading is done (see
/// [`super::screens::loading::advance`]): the previewed pack's setup, or its question (asked for as a
/// session: `None`, the session shows it).
pub(crate) fn first_screen(
    preview: &mut Preview,
    library: &PackLibrary,
    packs: &Assets<PackAsset>,
    commands: &mut Commands,
    requests: &mut MessageWriter<super::night::SessionRequest>,
) -> Option<Screen> {
    preview.opened = true;
    let Some(entry) = library.entry(&preview.display_path) else {
        warn!("{} is not in the pack library", preview.display_path);
        return Some(Screen::Title);
    };
    let Some(pack) = packs.get(&entry.handle).and_then(PackAsset::pack) else {
        // Broken since the command line checked it: the picker shows the error.
        return Some(Screen::PackPicker);
    };
    let chosen = ChosenPack {
        file_name: entry.file_name.clone(),
        pack: pack.clone(),
    };
    let screen = match &preview.question {
        Some(id) => match Session::preview(&chosen, id) {
            Ok(session) => {
                requests.write(super::night::SessionRequest::Begin(
                    Box::new(session),
                    super::input::bindings::Bindings::default(),
                ));
                None
            }
            Err(e) => {
                warn!("cannot preview question `{id}`: {e}");
                Some(Screen::Setup)
            }
        },
        None => Some(Screen::Setup),
    };
    commands.insert_resource(chosen);
    screen
}

/// Keeps the chosen pack up to date with the previewed file, and notes when a save broke it.
fn follow_edits(
    mut preview: ResMut<Preview>,
    library: Res<PackLibrary>,
    packs: Res<Assets<PackAsset>>,
    chosen: Option<ResMut<ChosenPack>>,
) {
    if !preview.opened || !library.is_changed() {
        return;
    }
    let Some(entry) = library.entry(&preview.display_path) else {
        preview.error = Some(format!("{}: the file is gone", preview.display_path));
        return;
    };
    let error = entry.status.as_ref().err().cloned();
    if preview.error != error {
        preview.error = error;
    }
    let Some(mut chosen) = chosen else {
        return;
    };
    if let Some(pack) = packs.get(&entry.handle).and_then(PackAsset::pack)
        && chosen.file_name == entry.file_name
        && chosen.pack != *pack
    {
        chosen.pack = pack.clone();
    }
}

/// The lines under a previewed question's reveal: how to see it again, and what broke
/// (empty while the pack is fine).
pub fn reveal_lines(preview: Option<&Preview>, question: &str) -> (String, String) {
    match preview.and_then(|p| p.error.as_ref()) {
        Some(error) => (
            "Enter shows the last good version".to_string(),
            format!("⚠ {error}"),
        ),
        None => (
            format!("Preview of `{question}`: save the pack, then Enter to see it again"),
            String::new(),
        ),
    }
}
