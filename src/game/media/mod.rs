//! Pictures and sounds of the pack being played (format 3): read from the pack's folder,
//! `.zip` or the binary, and decoded on a background thread, ahead of time.
//!
//! The [`MediaCache`] holds the media of the question on screen and of the next two, so a
//! picture is decoded (and uploaded) while the question before it plays, and shows in the
//! first frame of its question. Everything else is dropped, so a long media pack holds at
//! most three questions' worth in memory. A load that finishes wakes the reactive event
//! loop itself, so an idle screen costs nothing while it waits.
//!
//! - [`picture`]: the picture on the TV, letterboxed at any size, and its uncovering;
//! - [`clip`]: the question's clip on the speakers, with pause, replay and ducking.

pub mod clip;
pub mod picture;

use std::collections::HashMap;
use std::sync::Arc;

use bevy::asset::RenderAssetUsages;
use bevy::audio::AudioSource;
use bevy::image::{CompressedImageFormats, ImageSampler, ImageType};
use bevy::prelude::*;
use bevy::tasks::{AsyncComputeTaskPool, Task, futures::check_ready};

use super::packs::{PackAsset, PackLibrary};
use super::session::Session;
use crate::core::game::Phase;
use crate::core::media::{Format, MediaKind, SharedSource};
use crate::core::round::RoundQuestion;

pub fn plugin(app: &mut App) {
    app.init_resource::<MediaCache>()
        .add_systems(Startup, keep_proxy)
        .add_systems(
            PreUpdate,
            (follow_pack, want_media, finish_loads)
                .chain()
                .after(super::packs::LibrarySystems),
        )
        .add_plugins((picture::plugin, clip::plugin));
}

/// How many questions ahead of the one on screen have their media loaded.
pub const AHEAD: usize = 2;

/// One media file: loading, ready, or why it is not.
enum Entry {
    /// Being read and decoded, since when.
    Loading(Task<Result<Loaded, String>>, std::time::Instant),
    Ready(Ready),
    Failed(String),
}

/// A decoded file, before it becomes an asset.
enum Loaded {
    Picture {
        image: Box<Image>,
        size: UVec2,
        bytes: Arc<[u8]>,
        format: Format,
    },
    Clip {
        bytes: Arc<[u8]>,
    },
}

/// A file ready to show or play.
#[derive(Debug, Clone)]
pub struct Ready {
    /// The picture as a texture (`None` without a renderer, as in headless tests).
    pub image: Option<Handle<Image>>,
    /// The picture's size in pixels (zero for a clip).
    pub size: UVec2,
    /// The clip as a sound (`None` without audio, as in headless tests).
    pub clip: Option<Handle<AudioSource>>,
    /// The file as read, for a picture (served to phones when the host allows it).
    pub bytes: Option<(Arc<[u8]>, Format)>,
}

/// What the game knows of one media file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MediaState<'a> {
    /// Not asked for: the question is too far ahead, or the pack has no such file.
    Absent,
    /// Being read and decoded.
    Loading,
    /// Ready.
    Ready,
    /// It could not be read or decoded (the pack changed on disk since it was checked).
    Failed(&'a str),
}

/// The pack being played's media, by path in the pack.
#[derive(Resource, Default)]
pub struct MediaCache {
    /// The pack the media belong to (its key, see [`super::packs::pack_key`]).
    pack: Option<String>,
    /// Where they are read from; `None`: the pack is gone or has no media.
    source: Option<SharedSource>,
    entries: HashMap<String, Entry>,
    /// Wakes the event loop when a load finishes.
    proxy: Option<bevy::winit::EventLoopProxy<bevy::winit::WinitUserEvent>>,
}

impl MediaCache {
    /// The state of the file at `path`.
    pub fn state(&self, path: &str) -> MediaState<'_> {
        match self.entries.get(path) {
            None => MediaState::Absent,
            Some(Entry::Loading(..)) => MediaState::Loading,
            Some(Entry::Ready(_)) => MediaState::Ready,
            Some(Entry::Failed(why)) => MediaState::Failed(why),
        }
    }

    /// The file at `path`, when it is ready.
    pub fn ready(&self, path: &str) -> Option<&Ready> {
        match self.entries.get(path) {
            Some(Entry::Ready(ready)) => Some(ready),
            _ => None,
        }
    }

    /// How many files are held (loading or ready): what the memory bench watches.
    pub fn held(&self) -> usize {
        self.entries.len()
    }

    /// Whether every file of `question` has finished loading (ready or failed).
    pub fn settled(&self, question: &RoundQuestion) -> bool {
        media_of(question)
            .all(|(path, _)| !matches!(self.state(path), MediaState::Loading | MediaState::Absent))
            || self.source.is_none()
    }
}

/// The media files of `question`: its picture, its clip and its reveal picture.
pub fn media_of(question: &RoundQuestion) -> impl Iterator<Item = (&str, MediaKind)> {
    let media = &question.media;
    [
        media.image.as_deref().map(|p| (p, MediaKind::Image)),
        media
            .audio
            .as_ref()
            .map(|c| (c.file.as_str(), MediaKind::Audio)),
        media.reveal_image.as_deref().map(|p| (p, MediaKind::Image)),
    ]
    .into_iter()
    .flatten()
}

fn keep_proxy(
    proxy: Option<Res<bevy::winit::EventLoopProxyWrapper>>,
    mut cache: ResMut<MediaCache>,
) {
    cache.proxy = proxy.map(|p| (**p).clone());
}

/// Follows the pack of the game being played: its media source from the library, found
/// by the key the night's journal keeps (so a resumed night finds its pictures too), and
/// everything dropped when that pack changes on disk.
fn follow_pack(
    session: Option<Res<Session>>,
    library: Res<PackLibrary>,
    packs: Res<Assets<PackAsset>>,
    mut events: MessageReader<AssetEvent<PackAsset>>,
    mut cache: ResMut<MediaCache>,
) {
    let key = session.as_ref().map(|s| s.header.pack_file.clone());
    let entry = key.as_ref().and_then(|key| {
        library
            .entries
            .iter()
            .find(|e| &e.file_name == key && e.status.is_ok())
    });
    let modified = events.read().any(|e| {
        entry.is_some_and(|entry| {
            matches!(e, AssetEvent::Modified { id } | AssetEvent::LoadedWithDependencies { id }
                if *id == entry.handle.id())
        })
    });
    if cache.pack == key && !modified && (cache.source.is_some() || entry.is_none()) {
        return;
    }
    let source = entry
        .and_then(|e| packs.get(&e.handle))
        .and_then(|p| p.source.clone());
    if cache.pack != key || modified {
        cache.entries.clear();
    }
    cache.pack = key;
    cache.source = source;
}

/// Loads the media of the question on screen and the next [`AHEAD`]; drops the rest.
fn want_media(session: Option<Res<Session>>, mut cache: ResMut<MediaCache>) {
    let Some(session) = session else {
        if !cache.entries.is_empty() {
            cache.entries.clear();
        }
        return;
    };
    let game = &session.game;
    let questions = game.questions();
    if questions.iter().all(|q| q.media.is_empty()) {
        if !cache.entries.is_empty() {
            cache.entries.clear();
        }
        return;
    }
    // Past the podium nothing more is asked.
    let from = if game.phase() == Phase::Finished {
        questions.len()
    } else {
        game.current_index()
    };
    let wanted: Vec<(String, MediaKind)> = questions
        .iter()
        .skip(from)
        .take(AHEAD + 1)
        .flat_map(media_of)
        .map(|(p, k)| (p.to_string(), k))
        .collect();
    cache
        .entries
        .retain(|path, _| wanted.iter().any(|(p, _)| p == path));
    let Some(source) = cache.source.clone() else {
        return;
    };
    for (path, kind) in wanted {
        if cache.entries.contains_key(&path) {
            continue;
        }
        let proxy = cache.proxy.clone();
        let source = source.clone();
        let file = path.clone();
        let task = AsyncComputeTaskPool::get().spawn(async move {
            let loaded = load(&*source, &file, kind);
            if let Some(proxy) = proxy {
                let _ = proxy.send_event(bevy::winit::WinitUserEvent::WakeUp);
            }
            loaded
        });
        cache
            .entries
            .insert(path, Entry::Loading(task, std::time::Instant::now()));
    }
}

/// Reads and decodes one file (on a background thread).
fn load(
    source: &dyn crate::core::media::MediaSource,
    path: &str,
    kind: MediaKind,
) -> Result<Loaded, String> {
    let format = Format::from_path(path).ok_or_else(|| format!("{path}: not a media file"))?;
    let bytes: Arc<[u8]> = source
        .read(path, kind.max_bytes())
        .map_err(|e| format!("{path}: {e}"))?
        .into();
    match kind {
        MediaKind::Image => {
            let image = Image::from_buffer(
                &bytes,
                ImageType::Extension(format.extension()),
                CompressedImageFormats::NONE,
                true,
                ImageSampler::linear(),
                // The pixels go to the GPU and leave the game's memory.
                RenderAssetUsages::RENDER_WORLD,
            )
            .map_err(|e| format!("{path}: {e}"))?;
            let size = image.size();
            Ok(Loaded::Picture {
                image: Box::new(image),
                size,
                bytes,
                format,
            })
        }
        MediaKind::Audio => Ok(Loaded::Clip { bytes }),
    }
}

/// Turns finished loads into assets.
fn finish_loads(
    mut cache: ResMut<MediaCache>,
    images: Option<ResMut<Assets<Image>>>,
    clips: Option<ResMut<Assets<AudioSource>>>,
) {
    let mut images = images;
    let mut clips = clips;
    for (path, entry) in cache.entries.iter_mut() {
        let Entry::Loading(task, since) = entry else {
            continue;
        };
        let Some(result) = check_ready(task) else {
            continue;
        };
        // For the media bench (scripts/bench-window): how long reading and decoding took.
        let took = since.elapsed();
        if let Ok(Loaded::Picture { size, bytes, .. }) = &result {
            info!(
                "media: {path} ({} KB, {}x{}) read and decoded in {} ms",
                bytes.len() / 1024,
                size.x,
                size.y,
                took.as_millis()
            );
        }
        *entry = match result {
            Ok(Loaded::Picture {
                image,
                size,
                bytes,
                format,
            }) => Entry::Ready(Ready {
                image: images.as_mut().map(|images| images.add(*image)),
                size,
                clip: None,
                bytes: Some((bytes, format)),
            }),
            Ok(Loaded::Clip { bytes }) => Entry::Ready(Ready {
                image: None,
                size: UVec2::ZERO,
                clip: clips.as_mut().map(|clips| clips.add(AudioSource { bytes })),
                bytes: None,
            }),
            Err(why) => {
                warn!("cannot load {path}: {why}");
                Entry::Failed(why)
            }
        };
    }
}
