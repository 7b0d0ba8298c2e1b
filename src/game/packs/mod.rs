//! Packs in the game: the asset loader for `.ron` packs and the pack library.
//!
//! Packs load through Bevy's asset system from the `quizzes` asset source (the `quizzes/`
//! folder), so saving a file reloads it. The loader never fails on a bad pack: it keeps the
//! diagnostics, and the library lists the pack as broken with its first error while the
//! other packs still play.

use std::path::{Path, PathBuf};
use std::sync::atomic::Ordering;

use bevy::asset::io::{AssetSourceBuilder, Reader};
use bevy::asset::{AssetLoader, AsyncReadExt, LoadContext};
use bevy::prelude::*;

mod watch;

use crate::core::media::{self, DirSource, MemorySource, PACK_FILE, SharedSource, ZipSource};
use crate::core::{Checked, Diagnostic, Location, MAX_PACK_BYTES, Pack, check_bytes};

/// Name of the asset source that reads the shipped `quizzes/` folder.
pub const QUIZZES_SOURCE: &str = "quizzes";
/// Name of the asset source that reads the player's own packs folder.
pub const USER_SOURCE: &str = "userpacks";

/// File name of the pack selected when the game starts.
pub const DEFAULT_PACK_FILE: &str = "the-defiant-ones.ron";

pub fn plugin(app: &mut App) {
    let folders = app
        .world()
        .get_resource::<PackFolders>()
        .cloned()
        .unwrap_or_default();
    app.init_asset::<PackAsset>()
        .register_asset_loader(PackLoader { folders })
        .init_resource::<PackLibrary>()
        .init_resource::<FolderWatch>()
        .add_systems(Startup, start_watching)
        .add_systems(
            PreUpdate,
            (scan_folders, refresh_library)
                .chain()
                .in_set(LibrarySystems),
        );
}

/// The systems that list the pack folders and keep the [`PackLibrary`] up to date.
#[derive(SystemSet, Debug, Clone, PartialEq, Eq, Hash)]
pub struct LibrarySystems;

pub use watch::FolderWatch;
use watch::{media_stamp, start_watching};

/// Registers the pack folders as asset sources: the shipped `quizzes/` and, when given,
/// the player's own packs folder (created if missing). Call before `AssetPlugin` is added.
pub fn register_sources(app: &mut App, quizzes_dir: &Path, user_dir: Option<&Path>) {
    let quizzes = PackFolder {
        source: QUIZZES_SOURCE.to_string(),
        dir: quizzes_dir.to_path_buf(),
        shown_as: "quizzes".to_string(),
        only: None,
        shipped: false,
    };
    let dir = quizzes_dir.to_string_lossy().into_owned();
    app.register_asset_source(
        QUIZZES_SOURCE,
        AssetSourceBuilder::platform_default(&dir, None),
    );
    register_user_source(app, quizzes, user_dir);
}

/// [`register_sources`] for an installed binary with no game folder beside it: the
/// `quizzes` source reads the packs built into the binary (from memory, through Bevy's
/// memory asset reader); the player's own folder is read from disk as always.
pub fn register_shipped_sources(app: &mut App, user_dir: Option<&Path>) {
    let root = bevy::asset::io::memory::Dir::new(PathBuf::new());
    for (name, text) in crate::shipped::PACKS {
        root.insert_asset(Path::new(name), text.as_bytes());
    }
    // A folder pack's `pack.ron` (its pictures and sounds are read by the pack's own
    // media source, see `shipped_source`).
    for (folder, files) in crate::shipped::FOLDER_PACKS {
        if let Some((_, text)) = files.iter().find(|(path, _)| *path == PACK_FILE) {
            root.insert_asset(&Path::new(folder).join(PACK_FILE), *text);
        }
    }
    app.register_asset_source(
        QUIZZES_SOURCE,
        AssetSourceBuilder::new(move || {
            Box::new(bevy::asset::io::memory::MemoryAssetReader { root: root.clone() })
        }),
    );
    let quizzes = PackFolder {
        source: QUIZZES_SOURCE.to_string(),
        dir: PathBuf::new(),
        shown_as: "quizzes".to_string(),
        only: None,
        shipped: true,
    };
    register_user_source(app, quizzes, user_dir);
}

/// Adds the player's own packs folder (created if missing) after `quizzes`, and keeps the
/// list of folders.
fn register_user_source(app: &mut App, quizzes: PackFolder, user_dir: Option<&Path>) {
    let mut folders = vec![quizzes];
    if let Some(user_dir) = user_dir {
        match std::fs::create_dir_all(user_dir) {
            Ok(()) => {
                let dir = user_dir.to_string_lossy().into_owned();
                app.register_asset_source(
                    USER_SOURCE,
                    AssetSourceBuilder::platform_default(&dir, None),
                );
                folders.push(PackFolder {
                    source: USER_SOURCE.to_string(),
                    dir: user_dir.to_path_buf(),
                    shown_as: user_dir.display().to_string(),
                    only: None,
                    shipped: false,
                });
            }
            Err(e) => warn!("cannot use {} for packs: {e}", user_dir.display()),
        }
    }
    app.insert_resource(PackFolders { folders });
}

/// Name of the asset source that reads a previewed pack outside the pack folders.
pub const PREVIEW_SOURCE: &str = "preview";

/// Makes sure the pack `file` is in the library, for `play PATH`, and returns the path the
/// library shows it under. A file in a pack folder is already there; any other file gets an
/// asset source of its own folder (so saving it reloads it) that lists only that file.
/// Call after [`register_sources`] and before `AssetPlugin` is added.
pub fn register_preview(app: &mut App, file: &Path) -> String {
    // The entry as a pack folder lists it: `x.ron`, `x.zip`, or `NAME/pack.ron`; and the
    // folder that holds it.
    let (dir, name) = match media::PackPlace::of(file) {
        media::PackPlace::Folder(pack_dir) => {
            let pack_dir = std::fs::canonicalize(&pack_dir).unwrap_or(pack_dir);
            let folder_name = pack_dir
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            (
                pack_dir.parent().unwrap_or(Path::new(".")).to_path_buf(),
                format!("{folder_name}/{PACK_FILE}"),
            )
        }
        media::PackPlace::File(path) | media::PackPlace::Zip(path) => (
            path.parent().unwrap_or(Path::new(".")).to_path_buf(),
            path.file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
        ),
    };
    let mut folders = app
        .world()
        .get_resource::<PackFolders>()
        .cloned()
        .unwrap_or_default();
    let canonical = std::fs::canonicalize(&dir).unwrap_or_else(|_| dir.clone());
    let same_dir = |d: &Path| std::fs::canonicalize(d).is_ok_and(|d| d == canonical);
    if let Some(folder) = folders.folders.iter().find(|f| same_dir(&f.dir)) {
        return format!("{}/{name}", folder.shown_as);
    }
    let shown_as = dir.display().to_string();
    app.register_asset_source(
        PREVIEW_SOURCE,
        AssetSourceBuilder::platform_default(&dir.to_string_lossy(), None),
    );
    folders.folders.push(PackFolder {
        source: PREVIEW_SOURCE.to_string(),
        dir,
        shown_as: shown_as.clone(),
        only: Some(name.clone()),
        shipped: false,
    });
    app.insert_resource(folders);
    format!("{shown_as}/{name}")
}

/// A folder packs are read from.
#[derive(Debug, Clone)]
pub struct PackFolder {
    /// The asset source reading it.
    pub source: String,
    pub dir: PathBuf,
    /// How its files are named on screen: `quizzes`, or the full path of the user folder.
    pub shown_as: String,
    /// The one file read from it, for a previewed pack's folder; `None` reads every pack.
    pub only: Option<String>,
    /// The packs built into the binary (no folder on disk; never changes).
    pub shipped: bool,
}

impl PackFolder {
    /// The packs it holds now (or its one previewed pack), sorted: its `.ron` files, its
    /// pack folders as `NAME/pack.ron`, and its `.zip` packs.
    pub fn pack_files(&self) -> Vec<String> {
        let mut names: Vec<String> = if self.shipped {
            crate::shipped::PACKS
                .iter()
                .map(|(name, _)| (*name).to_string())
                .chain(
                    crate::shipped::FOLDER_PACKS
                        .iter()
                        .map(|(name, _)| format!("{name}/{PACK_FILE}")),
                )
                .collect()
        } else {
            pack_entries(&self.dir)
        };
        if let Some(only) = &self.only {
            names.retain(|name| name == only);
        }
        names
    }
}

/// Every folder packs are read from.
#[derive(Resource, Debug, Clone, Default)]
pub struct PackFolders {
    pub folders: Vec<PackFolder>,
}

/// One pack file, loaded and checked.
#[derive(Asset, TypePath, Debug)]
pub struct PackAsset {
    /// The file as an author would name it, e.g. `quizzes/the-defiant-ones.ron`.
    pub display_path: String,
    /// The file name alone; a pack folder's name for a folder pack.
    pub file_name: String,
    pub checked: Checked,
    /// Where its pictures and sounds are read from: its folder, its `.zip`, or the
    /// binary (`None` for a lone `.ron` file).
    pub source: Option<SharedSource>,
}

impl PackAsset {
    pub fn pack(&self) -> Option<&Pack> {
        self.checked.pack.as_ref()
    }

    /// The first error as `file:line:col: reason`, for a broken pack.
    pub fn first_error(&self) -> Option<String> {
        self.checked
            .first_error()
            .map(|d| format!("{}:{}: {}", self.display_path, d.location, d.message))
    }
}

/// Reads `.ron` files into [`PackAsset`]s. Never fails: problems become diagnostics.
#[derive(Default, TypePath)]
pub struct PackLoader {
    folders: PackFolders,
}

impl AssetLoader for PackLoader {
    type Asset = PackAsset;
    type Settings = ();
    type Error = std::io::Error;

    async fn load(
        &self,
        reader: &mut dyn Reader,
        _settings: &(),
        load_context: &mut LoadContext<'_>,
    ) -> Result<PackAsset, std::io::Error> {
        let asset_path = load_context.path();
        let rel = asset_path.path().to_path_buf();
        let source_name = asset_path.source().as_str().unwrap_or_default().to_string();
        let folder = self
            .folders
            .folders
            .iter()
            .find(|f| f.source == source_name);
        let prefix = folder.map_or(source_name.as_str(), |f| f.shown_as.as_str());
        let display_path = format!("{prefix}/{}", rel.display());
        let is_zip = rel
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("zip"));
        let folder_pack = rel.file_name().is_some_and(|n| n == PACK_FILE)
            && rel.parent().is_some_and(|p| !p.as_os_str().is_empty());
        let file_name = if folder_pack {
            rel.parent().and_then(Path::file_name)
        } else {
            rel.file_name()
        }
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
        let failed = |message: String| Checked {
            pack: None,
            diagnostics: vec![Diagnostic::error(Location::START, message)],
        };
        // Where the pack's media are: its folder on disk, its `.zip`, or the binary.
        let on_disk = folder.filter(|f| !f.shipped).map(|f| f.dir.join(&rel));
        let mut bytes = Vec::new();
        let (checked, source) = if is_zip {
            match on_disk.as_deref().map(ZipSource::open) {
                Some(Ok(zip)) => {
                    match media::MediaSource::read(&zip, PACK_FILE, MAX_PACK_BYTES as u64) {
                        Ok(text) => {
                            bytes = text;
                            let source: SharedSource = std::sync::Arc::new(zip);
                            (check_bytes(&bytes), Some(source))
                        }
                        Err(e) => (
                            failed(format!("cannot read {PACK_FILE} in the .zip: {e}")),
                            None,
                        ),
                    }
                }
                Some(Err(message)) => (failed(message), None),
                None => (
                    failed("a .zip pack must be a file on disk".to_string()),
                    None,
                ),
            }
        } else {
            // Read at most one byte over the limit, so a huge file is refused, not slurped.
            let checked = match reader
                .take(MAX_PACK_BYTES as u64 + 1)
                .read_to_end(&mut bytes)
                .await
            {
                Ok(_) => check_bytes(&bytes),
                Err(e) => failed(format!("cannot read the file: {e}")),
            };
            let source: Option<SharedSource> = if !folder_pack {
                None
            } else if let Some(path) = &on_disk {
                path.parent()
                    .map(|dir| std::sync::Arc::new(DirSource::new(dir)) as SharedSource)
            } else {
                shipped_source(&file_name)
            };
            (checked, source)
        };
        let checked = media::with_media(checked, Some(&bytes), source.as_deref());
        Ok(PackAsset {
            display_path,
            file_name,
            checked,
            source,
        })
    }

    fn extensions(&self) -> &[&str] {
        &["ron", "zip"]
    }
}

/// The media of a folder pack built into the binary.
fn shipped_source(folder: &str) -> Option<SharedSource> {
    let (_, files) = crate::shipped::FOLDER_PACKS
        .iter()
        .find(|(name, _)| *name == folder)?;
    let mut source = MemorySource::default();
    for (path, bytes) in *files {
        source.insert(*path, *bytes);
    }
    Some(std::sync::Arc::new(source))
}

/// What the pack picker shows for one pack.
#[derive(Debug, Clone)]
pub struct PackEntry {
    pub handle: Handle<PackAsset>,
    pub display_path: String,
    pub file_name: String,
    /// `Ok` with the pack's summary, or `Err` with its first error.
    pub status: Result<PackSummary, String>,
}

/// A playable pack in a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackSummary {
    pub title: String,
    pub description: String,
    pub question_count: usize,
    pub categories: Vec<String>,
}

/// A pack file found in a folder, and its handle.
#[derive(Debug, Clone)]
struct Found {
    display_path: String,
    file_name: String,
    handle: Handle<PackAsset>,
}

/// Every pack found, good and broken, the default pack first, then by title.
///
/// The folders are listed by the game itself (every `.ron` file, nothing else), so a stray
/// file in a pack folder is ignored rather than breaking the folder; Bevy's file watcher
/// reloads packs that change, and the folders are listed again whenever the [`FolderWatch`]
/// sees a file added or removed.
#[derive(Resource, Debug, Default)]
pub struct PackLibrary {
    found: Vec<Found>,
    /// Each folder pack's [`media_stamp`] when last listed, by its path on disk.
    stamps: std::collections::HashMap<PathBuf, u64>,
    pub entries: Vec<PackEntry>,
    /// True once every pack found has loaded (or failed to).
    pub ready: bool,
}

impl PackLibrary {
    /// The shipped default pack, when it loaded and is valid.
    pub fn default_pack(&self) -> Option<&PackEntry> {
        self.entries
            .iter()
            .find(|e| e.file_name == DEFAULT_PACK_FILE && e.status.is_ok())
    }

    /// The pack shown as `display_path`, e.g. `quizzes/the-defiant-ones.ron`.
    pub fn entry(&self, display_path: &str) -> Option<&PackEntry> {
        self.entries.iter().find(|e| e.display_path == display_path)
    }

    pub fn playable(&self) -> impl Iterator<Item = &PackEntry> {
        self.entries.iter().filter(|e| e.status.is_ok())
    }
}

/// The name a pack is known by (its high scores, a night's journal): the file name, or a
/// folder pack's folder name.
pub fn pack_key(entry: &str) -> String {
    entry
        .strip_suffix(PACK_FILE)
        .and_then(|dir| dir.strip_suffix('/'))
        .unwrap_or(entry)
        .rsplit('/')
        .next()
        .unwrap_or(entry)
        .to_string()
}

/// The packs directly in `dir`, sorted: `.ron` and `.zip` files, and folders holding a
/// `pack.ron` (as `NAME/pack.ron`).
fn pack_entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .filter_map(|e| {
                    let name = e.file_name().into_string().ok()?;
                    if name.starts_with('.') {
                        return None;
                    }
                    let path = e.path();
                    if path.is_dir() {
                        path.join(PACK_FILE)
                            .is_file()
                            .then(|| format!("{name}/{PACK_FILE}"))
                    } else {
                        let lower = name.to_ascii_lowercase();
                        (path.is_file() && (lower.ends_with(".ron") || lower.ends_with(".zip")))
                            .then_some(name)
                    }
                })
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

/// Lists the pack folders (at start-up, then when the [`FolderWatch`] flags a change) and
/// loads new files; forgets files that are gone.
fn scan_folders(
    folders: Option<Res<PackFolders>>,
    server: Res<AssetServer>,
    watch: Res<FolderWatch>,
    mut library: ResMut<PackLibrary>,
) {
    let first = library.found.is_empty() && !library.ready;
    let flagged = watch.changed.swap(false, Ordering::AcqRel);
    if !first && !flagged {
        return;
    }
    let Some(folders) = folders else {
        library.ready = true;
        return;
    };
    let mut found = Vec::new();
    for folder in &folders.folders {
        for name in folder.pack_files() {
            let display_path = format!("{}/{name}", folder.shown_as);
            let existing = library
                .found
                .iter()
                .find(|f| f.display_path == display_path)
                .cloned();
            // A folder pack whose pictures or sounds changed is checked again.
            if let (Some(dir), false) = (name.strip_suffix(PACK_FILE), folder.shipped) {
                let dir = folder.dir.join(dir);
                let stamp = media_stamp(&dir);
                let before = library.stamps.insert(dir, stamp);
                if let (Some(before), Some(f)) = (before, &existing)
                    && before != stamp
                    && let Some(path) = f.handle.path()
                {
                    server.reload(path.clone());
                }
            }
            found.push(existing.unwrap_or_else(|| Found {
                handle: server.load(format!("{}://{name}", folder.source)),
                display_path,
                file_name: pack_key(&name),
            }));
        }
    }
    let same = found.len() == library.found.len()
        && found
            .iter()
            .zip(&library.found)
            .all(|(a, b)| a.display_path == b.display_path);
    if !same {
        library.found = found;
        library.ready = false;
    }
}

/// Rebuilds the entries whenever a pack loads, changes, fails or goes away.
fn refresh_library(
    mut pack_events: MessageReader<AssetEvent<PackAsset>>,
    server: Res<AssetServer>,
    packs: Res<Assets<PackAsset>>,
    mut library: ResMut<PackLibrary>,
) {
    let changed = pack_events.read().count() > 0;
    if !changed && library.ready {
        return;
    }
    let mut all_read = true;
    let mut entries = Vec::with_capacity(library.found.len());
    for f in &library.found {
        let status = if let Some(asset) = packs.get(&f.handle) {
            match asset.pack() {
                Some(pack) => Ok(PackSummary {
                    title: pack.title.clone(),
                    description: pack.description.clone(),
                    question_count: pack.questions.len(),
                    categories: pack.categories(),
                }),
                None => Err(asset
                    .first_error()
                    .unwrap_or_else(|| format!("{}: unreadable", f.display_path))),
            }
        } else if let bevy::asset::LoadState::Failed(error) = server.load_state(&f.handle) {
            Err(format!("{}:1:1: {error}", f.display_path))
        } else {
            all_read = false;
            continue;
        };
        entries.push(PackEntry {
            handle: f.handle.clone(),
            display_path: f.display_path.clone(),
            file_name: f.file_name.clone(),
            status,
        });
    }
    entries.sort_by_cached_key(|e| {
        (
            e.file_name != DEFAULT_PACK_FILE,
            e.status.is_err(),
            e.status
                .as_ref()
                .map(|s| s.title.to_lowercase())
                .unwrap_or_default(),
            e.display_path.clone(),
        )
    });
    let ready_now = all_read && !library.ready;
    if changed || ready_now || entries.len() != library.entries.len() {
        library.entries = entries;
    }
    if all_read {
        library.ready = true;
    }
}
