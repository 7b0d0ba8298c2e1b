//! The pack folders' watch: a thread that lists them twice a second and wakes the game
//! when a pack, or a pack folder's picture or sound, is added, removed or saved.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

use bevy::prelude::*;

use super::PackFolders;
use crate::core::media::PACK_FILE;

/// A thread that looks at the pack folders twice a second and, when a pack file appears,
/// disappears or changes, flags it and wakes the window. So an open pack list follows the
/// files without waking the game (and redrawing the screen) when nothing changes.
#[derive(Resource, Debug, Clone, Default)]
pub struct FolderWatch {
    pub(super) changed: Arc<AtomicBool>,
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
                path.clone(),
                meta.as_ref().map_or(0, std::fs::Metadata::len),
                meta.and_then(|m| m.modified().ok()),
            ));
            // A folder pack's pictures and sounds: a change to one reloads the pack.
            if let Some(dir) = name.strip_suffix(PACK_FILE).filter(|d| !d.is_empty()) {
                signature.extend(media_files(&folder.dir.join(dir)));
            }
        }
    }
    signature
}

/// The most files of a pack folder the watch looks at.
const MAX_WATCHED_FILES: usize = 2_000;

/// Every file under a pack folder (but its `pack.ron`, which Bevy watches), with its size
/// and time: what a change to its media changes.
fn media_files(dir: &Path) -> Vec<(PathBuf, u64, Option<SystemTime>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.filter_map(Result::ok) {
            if out.len() >= MAX_WATCHED_FILES {
                return out;
            }
            let path = entry.path();
            let Ok(meta) = entry.metadata() else {
                continue;
            };
            if meta.is_dir() {
                stack.push(path);
            } else if path.file_name().is_none_or(|n| n != PACK_FILE) {
                out.push((path, meta.len(), meta.modified().ok()));
            }
        }
    }
    out.sort();
    out
}

/// A folder pack's media, in one number: changes when a file is added, removed or saved.
pub(super) fn media_stamp(dir: &Path) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    media_files(dir).hash(&mut hasher);
    hasher.finish()
}

pub(super) fn start_watching(
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
