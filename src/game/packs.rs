//! Packs in the game: the asset loader for `.ron` packs and the pack library.
//!
//! Packs load through Bevy's asset system from the `quizzes` asset source (the `quizzes/`
//! folder), so saving a file reloads it. The loader never fails on a bad pack: it keeps the
//! diagnostics, and the library lists the pack as broken with its first error while the
//! other packs still play.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

use bevy::asset::io::{AssetSourceBuilder, Reader};
use bevy::asset::{AssetLoader, AsyncReadExt, LoadContext};
use bevy::prelude::*;

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
        .add_systems(PreUpdate, (scan_folders, refresh_library).chain());
}

/// A thread that looks at the pack folders twice a second and, when a pack file appears,
/// disappears or changes, flags it and wakes the window. So an open pack list follows the
/// files without waking the game (and redrawing the screen) when nothing changes.
#[derive(Resource, Debug, Clone, Default)]
pub struct FolderWatch {
    changed: Arc<AtomicBool>,
    /// When the thread last saw a change, for screens that follow the packs closely
    /// for a few seconds afterwards (Bevy's own watcher reloads a file a moment later).
    last_change: Arc<Mutex<Option<Instant>>>,
}

impl FolderWatch {
    /// True if a pack file changed within `window`.
    pub fn changed_within(&self, window: Duration) -> bool {
        self.last_change
            .lock()
            .ok()
            .and_then(|t| *t)
            .is_some_and(|t| t.elapsed() < window)
    }
}

/// How often the watch thread lists the pack folders.
const WATCH_EVERY: Duration = Duration::from_millis(500);

/// Names, sizes and modification times of the pack files: what the watch compares.
fn folder_signature(folders: &PackFolders) -> Vec<(PathBuf, u64, Option<SystemTime>)> {
    let mut signature = Vec::new();
    for folder in folders.folders.iter().filter(|f| !f.shipped) {
        for name in folder.pack_files() {
            let path = folder.dir.join(&name);
            let meta = std::fs::metadata(&path).ok();
            signature.push((
                path,
                meta.as_ref().map_or(0, std::fs::Metadata::len),
                meta.and_then(|m| m.modified().ok()),
            ));
        }
    }
    signature
}

fn start_watching(
    folders: Option<Res<PackFolders>>,
    watch: Res<FolderWatch>,
    proxy: Option<Res<bevy::winit::EventLoopProxyWrapper>>,
) {
    let Some(folders) = folders.map(|f| f.clone()) else {
        return;
    };
    let watch = watch.clone();
    let proxy = proxy.map(|p| (**p).clone());
    let spawned = std::thread::Builder::new()
        .name("pack-folder-watch".to_string())
        .spawn(move || {
            let mut last = folder_signature(&folders);
            loop {
                std::thread::sleep(WATCH_EVERY);
                let now = folder_signature(&folders);
                if now == last {
                    continue;
                }
                last = now;
                watch.changed.store(true, Ordering::Release);
                if let Ok(mut at) = watch.last_change.lock() {
                    *at = Some(Instant::now());
                }
                if let Some(proxy) = &proxy
                    && proxy
                        .send_event(bevy::winit::WinitUserEvent::WakeUp)
                        .is_err()
                {
                    return; // the window is gone
                }
            }
        });
    if let Err(e) = spawned {
        warn!(
            "cannot watch the pack folders: {e}; packs added or removed while the game runs are not seen"
        );
    }
}

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
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let dir = file.parent().unwrap_or(Path::new(".")).to_path_buf();
    let mut folders = app
        .world()
        .get_resource::<PackFolders>()
        .cloned()
        .unwrap_or_default();
    let same_dir = |d: &Path| std::fs::canonicalize(d).is_ok_and(|d| d == dir);
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
    /// The pack files it holds now: its `.ron` files (or its one previewed file), sorted.
    pub fn pack_files(&self) -> Vec<String> {
        let mut names = if self.shipped {
            crate::shipped::PACKS
                .iter()
                .map(|(name, _)| (*name).to_string())
                .collect()
        } else {
            ron_files(&self.dir)
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
    /// The file name alone.
    pub file_name: String,
    pub checked: Checked,
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
        let file_name = asset_path
            .path()
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let source = asset_path.source().as_str().unwrap_or_default();
        let prefix = self
            .folders
            .folders
            .iter()
            .find(|f| f.source == source)
            .map_or(source, |f| f.shown_as.as_str());
        let display_path = format!("{prefix}/{}", asset_path.path().display());
        // Read at most one byte over the limit, so a huge file is refused, not slurped.
        let mut bytes = Vec::new();
        let checked = match reader
            .take(MAX_PACK_BYTES as u64 + 1)
            .read_to_end(&mut bytes)
            .await
        {
            Ok(_) => check_bytes(&bytes),
            Err(e) => Checked {
                pack: None,
                diagnostics: vec![Diagnostic::error(
                    Location::START,
                    format!("cannot read the file: {e}"),
                )],
            },
        };
        Ok(PackAsset {
            display_path,
            file_name,
            checked,
        })
    }

    fn extensions(&self) -> &[&str] {
        &["ron"]
    }
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

/// The `.ron` files directly in `dir`, sorted.
fn ron_files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .filter(|e| e.file_type().is_ok_and(|t| t.is_file() || t.is_symlink()))
                .filter_map(|e| e.file_name().into_string().ok())
                .filter(|name| name.ends_with(".ron") && !name.starts_with('.'))
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
            found.push(existing.unwrap_or_else(|| Found {
                handle: server.load(format!("{}://{name}", folder.source)),
                display_path,
                file_name: name,
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
