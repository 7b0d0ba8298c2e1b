//! Pictures and sounds in packs (format 3): where a pack's files are read from (its
//! folder, its `.zip`, or memory), what a media path may be, and checking each file: it is
//! there, it is what its name says, it decodes with the decoders the game plays it with,
//! and it is within the limits.
//!
//! A pack with media is a folder holding `pack.ron` and its files, or that folder as one
//! `.zip`. A lone `.ron` file has no media (as in formats 1 and 2).

use std::collections::HashMap;
use std::fmt;
use std::fs::File;
use std::io::{Cursor, Read};
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use crate::diagnostic::{Diagnostic, Location};
use crate::pack::Pack;
use crate::spans::PackSpans;

/// The largest picture file, in bytes.
pub const MAX_IMAGE_BYTES: u64 = 4 * 1024 * 1024;
/// The widest and tallest picture, in pixels.
pub const MAX_IMAGE_SIDE: u32 = 4096;
/// The largest sound file, in bytes.
pub const MAX_CLIP_BYTES: u64 = 10 * 1024 * 1024;
/// The longest sound file, in seconds.
pub const MAX_CLIP_SECONDS: f64 = 60.0;
/// The pack file's name in a pack folder or `.zip`.
pub const PACK_FILE: &str = "pack.ron";
/// The longest media path, in bytes.
pub const MAX_PATH: usize = 200;
/// The most entries a pack `.zip` may hold.
pub const MAX_ZIP_ENTRIES: usize = 5_000;

/// Pictures or sound.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MediaKind {
    /// A picture: PNG, JPEG or WebP.
    Image,
    /// A sound: WAV, Ogg Vorbis, MP3 or FLAC.
    Audio,
}

impl MediaKind {
    /// The largest file of this kind, in bytes.
    pub fn max_bytes(self) -> u64 {
        match self {
            MediaKind::Image => MAX_IMAGE_BYTES,
            MediaKind::Audio => MAX_CLIP_BYTES,
        }
    }

    fn formats_text(self) -> &'static str {
        match self {
            MediaKind::Image => "PNG (.png), JPEG (.jpg, .jpeg) or WebP (.webp)",
            MediaKind::Audio => "WAV (.wav), Ogg Vorbis (.ogg), MP3 (.mp3) or FLAC (.flac)",
        }
    }
}

/// A file format the game reads, or one it recognises only to name it in an error.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// PNG picture.
    Png,
    /// JPEG picture.
    Jpeg,
    /// WebP picture.
    WebP,
    /// WAV sound.
    Wav,
    /// Ogg Vorbis sound.
    Ogg,
    /// MP3 sound.
    Mp3,
    /// FLAC sound.
    Flac,
    /// GIF picture: recognised, not played.
    Gif,
    /// MP4 or M4A (AAC) file: recognised, not played.
    Mp4,
}

impl Format {
    /// The format a file name's extension says, if the game plays it.
    pub fn from_path(path: &str) -> Option<Format> {
        let ext = path.rsplit_once('.')?.1.to_ascii_lowercase();
        Some(match ext.as_str() {
            "png" => Format::Png,
            "jpg" | "jpeg" => Format::Jpeg,
            "webp" => Format::WebP,
            "wav" => Format::Wav,
            "ogg" | "oga" => Format::Ogg,
            "mp3" => Format::Mp3,
            "flac" => Format::Flac,
            _ => return None,
        })
    }

    /// What the first bytes of a file say it is.
    pub fn sniff(bytes: &[u8]) -> Option<Format> {
        let riff = |tag: &[u8]| bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == tag;
        Some(if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
            Format::Png
        } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
            Format::Jpeg
        } else if riff(b"WEBP") {
            Format::WebP
        } else if riff(b"WAVE") {
            Format::Wav
        } else if bytes.starts_with(b"OggS") {
            Format::Ogg
        } else if bytes.starts_with(b"fLaC") {
            Format::Flac
        } else if bytes.starts_with(b"GIF8") {
            Format::Gif
        } else if bytes.len() >= 8 && &bytes[4..8] == b"ftyp" {
            Format::Mp4
        } else if bytes.starts_with(b"ID3") {
            // An ID3 tag leads MP3s, and now and then a FLAC: look past it.
            let tag = id3_len(bytes);
            if bytes
                .get(tag..)
                .is_some_and(|rest| rest.starts_with(b"fLaC"))
            {
                Format::Flac
            } else {
                Format::Mp3
            }
        } else if bytes.len() >= 2 && bytes[0] == 0xFF && bytes[1] & 0xE0 == 0xE0 {
            Format::Mp3
        } else {
            return None;
        })
    }

    /// The format's name for people ("JPEG").
    pub fn label(self) -> &'static str {
        match self {
            Format::Png => "PNG",
            Format::Jpeg => "JPEG",
            Format::WebP => "WebP",
            Format::Wav => "WAV",
            Format::Ogg => "Ogg",
            Format::Mp3 => "MP3",
            Format::Flac => "FLAC",
            Format::Gif => "GIF",
            Format::Mp4 => "MP4",
        }
    }

    /// The usual extension ("jpg").
    pub fn extension(self) -> &'static str {
        match self {
            Format::Png => "png",
            Format::Jpeg => "jpg",
            Format::WebP => "webp",
            Format::Wav => "wav",
            Format::Ogg => "ogg",
            Format::Mp3 => "mp3",
            Format::Flac => "flac",
            Format::Gif => "gif",
            Format::Mp4 => "mp4",
        }
    }

    /// The MIME type, for serving a picture to phones.
    pub fn mime(self) -> &'static str {
        match self {
            Format::Png => "image/png",
            Format::Jpeg => "image/jpeg",
            Format::WebP => "image/webp",
            Format::Wav => "audio/wav",
            Format::Ogg => "audio/ogg",
            Format::Mp3 => "audio/mpeg",
            Format::Flac => "audio/flac",
            Format::Gif => "image/gif",
            Format::Mp4 => "video/mp4",
        }
    }

    /// Pictures or sound; `None` for the formats the game does not play.
    pub fn kind(self) -> Option<MediaKind> {
        match self {
            Format::Png | Format::Jpeg | Format::WebP => Some(MediaKind::Image),
            Format::Wav | Format::Ogg | Format::Mp3 | Format::Flac => Some(MediaKind::Audio),
            Format::Gif | Format::Mp4 => None,
        }
    }
}

/// The length of an ID3v2 tag at the start of `bytes` (0 if there is none).
fn id3_len(bytes: &[u8]) -> usize {
    if bytes.len() < 10 || !bytes.starts_with(b"ID3") {
        return 0;
    }
    let size = bytes[6..10]
        .iter()
        .fold(0usize, |n, b| (n << 7) | usize::from(b & 0x7F));
    10 + size
}

/// A problem with a media path or file, for a diagnostic.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MediaProblem {
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub help: String,
}

impl MediaProblem {
    fn new(message: impl Into<String>, help: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            help: help.into(),
        }
    }
}

/// Checks a media path as written in a pack: relative, inside the pack, forward slashes,
/// of a type the game plays as `kind`. Returns the format its extension names.
pub fn check_path(path: &str, kind: MediaKind) -> Result<Format, MediaProblem> {
    let inside = "paths are relative to the folder holding pack.ron, e.g. \"pictures/map.png\"";
    if path.trim().is_empty() {
        return Err(MediaProblem::new("the path is empty", inside));
    }
    if path.len() > MAX_PATH {
        return Err(MediaProblem::new(
            format!(
                "the path is {} bytes long; the limit is {MAX_PATH}",
                path.len()
            ),
            "use shorter folder and file names",
        ));
    }
    if path.chars().any(char::is_control) {
        return Err(MediaProblem::new(
            "the path holds a control character",
            inside,
        ));
    }
    if path.contains('\\') {
        return Err(MediaProblem::new(
            format!("`{path}` uses a backslash"),
            "write paths with forward slashes: \"pictures/map.png\"",
        ));
    }
    let bytes = path.as_bytes();
    let drive = bytes.len() >= 2 && bytes[0].is_ascii_alphabetic() && bytes[1] == b':';
    if path.starts_with('/') || drive {
        return Err(MediaProblem::new(
            format!("`{path}` is an absolute path, outside the pack"),
            format!("put the file in the pack's folder; {inside}"),
        ));
    }
    for part in path.split('/') {
        match part {
            ".." => {
                return Err(MediaProblem::new(
                    format!("`{path}` leaves the pack (`..`)"),
                    format!("a pack may only use its own files; {inside}"),
                ));
            }
            "" | "." => {
                return Err(MediaProblem::new(
                    format!("`{path}` has an empty or `.` part"),
                    format!("write the path plainly; {inside}"),
                ));
            }
            _ => {}
        }
    }
    let name = path.rsplit('/').next().unwrap_or(path);
    match Format::from_path(name) {
        Some(format) if format.kind() == Some(kind) => Ok(format),
        Some(format) => Err(MediaProblem::new(
            format!(
                "`{path}` is a {} file, not {}",
                format.label(),
                match kind {
                    MediaKind::Image => "a picture",
                    MediaKind::Audio => "a sound",
                }
            ),
            format!("use {}", kind.formats_text()),
        )),
        None => Err(MediaProblem::new(
            format!(
                "`{path}` is not {} the game plays",
                match kind {
                    MediaKind::Image => "a picture",
                    MediaKind::Audio => "a sound",
                }
            ),
            format!("use {}", kind.formats_text()),
        )),
    }
}

/// Why a media file could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadError {
    /// No such file in the pack.
    Missing,
    /// Over the limit: the file's size in bytes.
    TooLarge(u64),
    /// The path resolves outside the pack (a link pointing out of its folder).
    Outside,
    /// Anything else, in words.
    Other(String),
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::Missing => write!(f, "no such file"),
            ReadError::TooLarge(len) => write!(f, "the file is too large ({len} bytes)"),
            ReadError::Outside => write!(f, "the file is outside the pack"),
            ReadError::Other(e) => write!(f, "{e}"),
        }
    }
}

/// Where a pack's media files are read from.
pub trait MediaSource: Send + Sync + fmt::Debug {
    /// The file at `path` (as written in the pack, checked by [`check_path`]), at most
    /// `limit` bytes.
    fn read(&self, path: &str, limit: u64) -> Result<Vec<u8>, ReadError>;
}

/// A shared media source.
pub type SharedSource = Arc<dyn MediaSource>;

/// A pack folder on disk.
#[derive(Debug, Clone)]
pub struct DirSource {
    root: PathBuf,
}

impl DirSource {
    /// The folder holding `pack.ron`.
    pub fn new(root: impl Into<PathBuf>) -> Self {
        let root = root.into();
        // The folder of a bare `pack.ron` is "" (`Path::parent`), which cannot be
        // canonicalized: it is the current folder.
        let root = if root.as_os_str().is_empty() {
            PathBuf::from(".")
        } else {
            root
        };
        Self { root }
    }
}

impl MediaSource for DirSource {
    fn read(&self, path: &str, limit: u64) -> Result<Vec<u8>, ReadError> {
        let rel = Path::new(path);
        if rel.components().any(|c| !matches!(c, Component::Normal(_))) {
            return Err(ReadError::Outside);
        }
        let full = self.root.join(rel);
        let meta = match std::fs::metadata(&full) {
            Ok(meta) => meta,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(ReadError::Missing),
            Err(e) => return Err(ReadError::Other(e.to_string())),
        };
        if !meta.is_file() {
            return Err(ReadError::Other("this is a folder, not a file".to_string()));
        }
        // A link may point anywhere: the file itself must be inside the pack's folder.
        let (Ok(real), Ok(root)) = (
            std::fs::canonicalize(&full),
            std::fs::canonicalize(&self.root),
        ) else {
            return Err(ReadError::Missing);
        };
        if !real.starts_with(&root) {
            return Err(ReadError::Outside);
        }
        if meta.len() > limit {
            return Err(ReadError::TooLarge(meta.len()));
        }
        read_limited(
            File::open(&real).map_err(|e| ReadError::Other(e.to_string()))?,
            limit,
        )
    }
}

/// Reads at most `limit` bytes, refusing a longer stream.
fn read_limited(reader: impl Read, limit: u64) -> Result<Vec<u8>, ReadError> {
    let mut bytes = Vec::new();
    reader
        .take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| ReadError::Other(e.to_string()))?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge(bytes.len() as u64));
    }
    Ok(bytes)
}

/// A pack `.zip`: `pack.ron` at its top, or in its one top folder (as a zipped folder
/// holds it).
#[derive(Debug, Clone)]
pub struct ZipSource {
    path: PathBuf,
    /// The folder inside the archive that holds `pack.ron` ("" or "my-pack/").
    prefix: String,
}

impl ZipSource {
    /// Opens the archive at `path` and finds its `pack.ron`.
    pub fn open(path: &Path) -> Result<Self, String> {
        let file = File::open(path).map_err(|e| format!("cannot open the file: {e}"))?;
        let archive =
            zip::ZipArchive::new(file).map_err(|e| format!("this is not a readable .zip: {e}"))?;
        if archive.len() > MAX_ZIP_ENTRIES {
            return Err(format!(
                "the .zip holds {} files; the limit is {MAX_ZIP_ENTRIES}",
                archive.len()
            ));
        }
        let mut found: Vec<String> = archive
            .file_names()
            .filter_map(Result::ok)
            .map(std::borrow::Cow::into_owned)
            .filter(|name| {
                name == PACK_FILE
                    || name
                        .strip_suffix(PACK_FILE)
                        .and_then(|dir| dir.strip_suffix('/'))
                        .is_some_and(|dir| !dir.is_empty() && !dir.contains('/'))
            })
            .collect();
        found.sort_by_key(String::len);
        let Some(first) = found.first() else {
            return Err(format!(
                "the .zip has no {PACK_FILE} at its top or in its top folder"
            ));
        };
        Ok(Self {
            path: path.to_path_buf(),
            prefix: first.trim_end_matches(PACK_FILE).to_string(),
        })
    }
}

impl MediaSource for ZipSource {
    fn read(&self, path: &str, limit: u64) -> Result<Vec<u8>, ReadError> {
        let file = File::open(&self.path).map_err(|e| ReadError::Other(e.to_string()))?;
        let mut archive =
            zip::ZipArchive::new(file).map_err(|e| ReadError::Other(e.to_string()))?;
        let name = format!("{}{path}", self.prefix);
        let entry = match archive.by_name(&name) {
            Ok(entry) => entry,
            Err(zip::result::ZipError::FileNotFound) => return Err(ReadError::Missing),
            Err(e) => return Err(ReadError::Other(e.to_string())),
        };
        if entry.is_dir() {
            return Err(ReadError::Other("this is a folder, not a file".to_string()));
        }
        if entry.size() > limit {
            return Err(ReadError::TooLarge(entry.size()));
        }
        // The size in the header may lie: read no more than the limit whatever it says.
        read_limited(entry, limit)
    }
}

/// Files held in memory (the packs built into the binary; tests).
#[derive(Debug, Clone, Default)]
pub struct MemorySource {
    files: HashMap<String, Arc<[u8]>>,
}

impl MemorySource {
    /// Adds (or replaces) the file at `path`.
    pub fn insert(&mut self, path: impl Into<String>, bytes: impl Into<Arc<[u8]>>) {
        self.files.insert(path.into(), bytes.into());
    }
}

impl MediaSource for MemorySource {
    fn read(&self, path: &str, limit: u64) -> Result<Vec<u8>, ReadError> {
        let bytes = self.files.get(path).ok_or(ReadError::Missing)?;
        if bytes.len() as u64 > limit {
            return Err(ReadError::TooLarge(bytes.len() as u64));
        }
        Ok(bytes.to_vec())
    }
}

/// What a picture is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImageInfo {
    /// Its format, from its content.
    pub format: Format,
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
}

/// What a sound is.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ClipInfo {
    /// Its format, from its content.
    pub format: Format,
    /// How long it plays, in seconds.
    pub seconds: f64,
}

/// The error for a file whose content is not what its name says (`None`: fine).
fn content_problem(bytes: &[u8], named: Format, kind: MediaKind) -> Option<MediaProblem> {
    match Format::sniff(bytes) {
        Some(found) if found == named => None,
        Some(found) if found.kind() == Some(kind) => Some(MediaProblem::new(
            format!(
                "the file holds {} data, not {}",
                found.label(),
                named.label()
            ),
            format!(
                "rename it to end in .{}, or save it again as {}",
                found.extension(),
                named.label()
            ),
        )),
        Some(found) => Some(MediaProblem::new(
            format!(
                "the file holds {} data, which the game does not play here",
                found.label()
            ),
            format!("save it as {}", kind.formats_text()),
        )),
        None => Some(MediaProblem::new(
            format!("the file is not {} data", named.label()),
            format!(
                "save it as {} ({} bytes it starts with are not one)",
                kind.formats_text(),
                bytes.len().min(12)
            ),
        )),
    }
}

/// Runs a third-party decoder so that a panic in it on a hostile file is an error, not a
/// crash of the checker.
fn guarded<T>(decode: impl FnOnce() -> Result<T, String>) -> Result<T, String> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(decode))
        .unwrap_or_else(|_| Err("the decoder gave up on it".to_string()))
}

/// Checks a picture's bytes: the format its name says, within the size limits, and that
/// it decodes (with the `image` crate, as the game does).
pub fn check_image(bytes: &[u8], named: Format) -> Result<ImageInfo, MediaProblem> {
    if let Some(problem) = content_problem(bytes, named, MediaKind::Image) {
        return Err(problem);
    }
    if bytes.len() as u64 > MAX_IMAGE_BYTES {
        return Err(too_big(bytes.len() as u64, MediaKind::Image));
    }
    let format = match named {
        Format::Png => image::ImageFormat::Png,
        Format::Jpeg => image::ImageFormat::Jpeg,
        _ => image::ImageFormat::WebP,
    };
    let reader = || {
        let mut reader = image::ImageReader::with_format(Cursor::new(bytes), format);
        let mut limits = image::Limits::default();
        // Room for the largest picture allowed, as 16-bit RGBA.
        limits.max_alloc = Some(u64::from(MAX_IMAGE_SIDE).pow(2) * 8 + (1 << 20));
        reader.limits(limits);
        reader
    };
    let undecodable = |e: String| {
        MediaProblem::new(
            format!("the picture does not decode: {e}"),
            format!(
                "open it in an image editor and save it again as {}",
                named.label()
            ),
        )
    };
    let (width, height) =
        guarded(|| reader().into_dimensions().map_err(|e| e.to_string())).map_err(undecodable)?;
    if width > MAX_IMAGE_SIDE || height > MAX_IMAGE_SIDE {
        return Err(MediaProblem::new(
            format!("the picture is {width}x{height} pixels; the limit is {MAX_IMAGE_SIDE} a side"),
            "scale it down: 1920x1080 fills a TV",
        ));
    }
    if width == 0 || height == 0 {
        return Err(MediaProblem::new(
            "the picture has no pixels",
            "save it again with its content",
        ));
    }
    guarded(|| reader().decode().map(drop).map_err(|e| e.to_string())).map_err(undecodable)?;
    Ok(ImageInfo {
        format: named,
        width,
        height,
    })
}

/// Checks a sound's bytes: the format its name says, within the limits, and that it
/// decodes to the end with rodio's decoders (the ones the game plays it with). Returns
/// its length.
pub fn check_clip(bytes: &[u8], named: Format) -> Result<ClipInfo, MediaProblem> {
    use rodio::Source;
    if let Some(problem) = content_problem(bytes, named, MediaKind::Audio) {
        return Err(problem);
    }
    if bytes.len() as u64 > MAX_CLIP_BYTES {
        return Err(too_big(bytes.len() as u64, MediaKind::Audio));
    }
    let not_decoding = |e: String| {
        MediaProblem::new(
            format!("the sound does not decode: {e}"),
            format!("export it again as {} from a sound editor", named.label()),
        )
    };
    let seconds = guarded(|| {
        let decoder = rodio::Decoder::builder()
            .with_byte_len(bytes.len() as u64)
            .with_data(Cursor::new(bytes.to_vec()))
            .build()
            .map_err(|e| e.to_string())?;
        let rate = f64::from(decoder.sample_rate().get());
        let channels = f64::from(decoder.channels().get());
        // Count the samples (a header's length can be missing or wrong), stopping a
        // second past the limit.
        let cap = ((MAX_CLIP_SECONDS + 1.0) * rate * channels) as usize;
        let samples = decoder.take(cap).count();
        Ok(samples as f64 / (rate * channels))
    })
    .map_err(not_decoding)?;
    if seconds > MAX_CLIP_SECONDS {
        return Err(MediaProblem::new(
            format!("the sound plays over {MAX_CLIP_SECONDS:.0} seconds; that is the limit"),
            "cut the file down to the stretch the question plays",
        ));
    }
    if seconds <= 0.0 {
        return Err(not_decoding("it holds no sound".to_string()));
    }
    Ok(ClipInfo {
        format: named,
        seconds,
    })
}

fn too_big(len: u64, kind: MediaKind) -> MediaProblem {
    let mib = |n: u64| n as f64 / (1024.0 * 1024.0);
    MediaProblem::new(
        format!(
            "the file is {:.1} MB; the limit for {} is {:.0} MB",
            mib(len),
            match kind {
                MediaKind::Image => "a picture",
                MediaKind::Audio => "a sound",
            },
            mib(kind.max_bytes())
        ),
        match kind {
            MediaKind::Image => "save it smaller: 1920x1080 as JPEG or WebP is plenty",
            MediaKind::Audio => "cut it shorter, or save it as Ogg or MP3",
        },
    )
}

/// One media file a pack names.
#[derive(Debug, Clone, PartialEq)]
pub struct MediaRef {
    /// The question's index in the pack.
    pub question: usize,
    /// `image`, `reveal_image` or `audio`.
    pub field: &'static str,
    /// The path as written.
    pub path: String,
    /// Picture or sound.
    pub kind: MediaKind,
    /// Where the path is written.
    pub at: Location,
}

/// Every media file `pack` names, in question order.
pub fn media_refs(pack: &Pack, spans: &PackSpans) -> Vec<MediaRef> {
    let mut refs = Vec::new();
    for (i, q) in pack.questions.iter().enumerate() {
        let at = |field: &str, sub: Option<&str>| {
            sub.map_or_else(
                || spans.question_field(i, field),
                |sub| spans.question_subfield(i, field, sub),
            )
            .unwrap_or(Location::START)
        };
        if let Some(path) = &q.image {
            refs.push(MediaRef {
                question: i,
                field: "image",
                path: path.clone(),
                kind: MediaKind::Image,
                at: at("image", None),
            });
        }
        if let Some(clip) = &q.audio {
            refs.push(MediaRef {
                question: i,
                field: "audio",
                path: clip.file.clone(),
                kind: MediaKind::Audio,
                at: at("audio", Some("file")),
            });
        }
        if let Some(path) = &q.reveal_image {
            refs.push(MediaRef {
                question: i,
                field: "reveal_image",
                path: path.clone(),
                kind: MediaKind::Image,
                at: at("reveal_image", None),
            });
        }
    }
    refs
}

/// What checking a media file found.
#[derive(Debug, Clone, PartialEq)]
enum Found {
    Image(ImageInfo),
    Clip(ClipInfo),
}

/// Checks every media file `pack` names against `source`, and fills in each clip's `end`
/// from its file when the pack leaves it out (so the game knows how long it plays).
/// Returns the problems, each at the path in the pack file. Each file is read and decoded
/// once however many questions use it.
pub fn check_media(
    pack: &mut Pack,
    spans: &PackSpans,
    source: &dyn MediaSource,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut seen: HashMap<(String, MediaKind), Result<Found, MediaProblem>> = HashMap::new();
    for media in media_refs(pack, spans) {
        let Ok(named) = check_path(&media.path, media.kind) else {
            continue; // reported by validation
        };
        let result = seen
            .entry((media.path.clone(), media.kind))
            .or_insert_with(|| check_one(source, &media.path, media.kind, named))
            .clone();
        match result {
            Err(problem) => out.push(
                Diagnostic::error(media.at, format!("`{}`: {}", media.path, problem.message))
                    .with_help(problem.help),
            ),
            Ok(Found::Clip(info)) => {
                if let Some(clip) = pack.questions[media.question].audio.as_mut() {
                    let end_at = spans
                        .question_subfield(media.question, "audio", "end")
                        .unwrap_or(media.at);
                    let start_at = spans
                        .question_subfield(media.question, "audio", "start")
                        .unwrap_or(media.at);
                    if clip.start >= info.seconds {
                        out.push(
                            Diagnostic::error(
                                start_at,
                                format!(
                                    "the clip starts at {} s, but `{}` is only {:.1} s long",
                                    clip.start, media.path, info.seconds
                                ),
                            )
                            .with_help("`start` is seconds from the file's start"),
                        );
                    } else if clip.end.is_some_and(|end| end > info.seconds + 0.05) {
                        out.push(
                            Diagnostic::error(
                                end_at,
                                format!(
                                    "the clip ends at {} s, but `{}` is only {:.1} s long",
                                    clip.end.unwrap_or_default(),
                                    media.path,
                                    info.seconds
                                ),
                            )
                            .with_help("leave `end` out to play to the file's end"),
                        );
                    } else if clip.end.is_none() {
                        clip.end = Some(info.seconds);
                    }
                }
            }
            Ok(Found::Image(_)) => {}
        }
    }
    out.sort_by_key(|d| d.location);
    out
}

fn check_one(
    source: &dyn MediaSource,
    path: &str,
    kind: MediaKind,
    named: Format,
) -> Result<Found, MediaProblem> {
    let bytes = source.read(path, kind.max_bytes()).map_err(|e| match e {
        ReadError::Missing => MediaProblem::new(
            "no such file in the pack",
            "paths are relative to the folder holding pack.ron, and letter case counts",
        ),
        ReadError::TooLarge(len) => too_big(len, kind),
        ReadError::Outside => MediaProblem::new(
            "the file is a link to somewhere outside the pack",
            "copy the file itself into the pack's folder",
        ),
        ReadError::Other(e) => MediaProblem::new(format!("cannot read it: {e}"), "check the file"),
    })?;
    match kind {
        MediaKind::Image => check_image(&bytes, named).map(Found::Image),
        MediaKind::Audio => check_clip(&bytes, named).map(Found::Clip),
    }
}

/// Where a pack is: a lone `.ron` file, a folder with `pack.ron`, or a `.zip`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PackPlace {
    /// A lone `.ron` file (no media).
    File(PathBuf),
    /// A pack folder, holding `pack.ron` and its media.
    Folder(PathBuf),
    /// A pack `.zip`.
    Zip(PathBuf),
}

impl PackPlace {
    /// What `path` is: a folder, a `.zip`, a `pack.ron` (its folder), or a `.ron` file.
    pub fn of(path: &Path) -> PackPlace {
        let is_zip = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("zip"));
        if path.is_dir() {
            PackPlace::Folder(path.to_path_buf())
        } else if is_zip {
            PackPlace::Zip(path.to_path_buf())
        } else if path.file_name().is_some_and(|n| n == PACK_FILE) {
            PackPlace::Folder(path.parent().unwrap_or(Path::new(".")).to_path_buf())
        } else {
            PackPlace::File(path.to_path_buf())
        }
    }

    /// The pack file as an author names it: `quizzes/x.ron`, `my-pack/pack.ron`,
    /// `my-pack.zip`.
    pub fn display(&self) -> String {
        match self {
            PackPlace::File(path) | PackPlace::Zip(path) => path.display().to_string(),
            PackPlace::Folder(dir) => dir.join(PACK_FILE).display().to_string(),
        }
    }
}

/// A pack read from where it is: its checked content and, for a folder or `.zip`, where its
/// media are.
#[derive(Debug, Clone)]
pub struct PlacedPack {
    /// The pack and its problems, media included.
    pub checked: crate::parse::Checked,
    /// Where its media files are read from (`None` for a lone `.ron` file).
    pub source: Option<SharedSource>,
}

/// Reads and checks the pack at `place`, its media files included.
pub fn check_place(place: &PackPlace) -> PlacedPack {
    let failed = |message: String| PlacedPack {
        checked: crate::parse::Checked {
            pack: None,
            diagnostics: vec![Diagnostic::error(Location::START, message)],
        },
        source: None,
    };
    match place {
        PackPlace::File(path) => {
            let checked = crate::parse::check_file(path);
            // The text again, for the positions, only for a pack that names media.
            let text = checked
                .pack
                .as_ref()
                .filter(|p| p.has_media())
                .and_then(|_| std::fs::read(path).ok());
            PlacedPack {
                checked: with_media(checked, text.as_deref(), None),
                source: None,
            }
        }
        PackPlace::Folder(dir) => {
            let file = dir.join(PACK_FILE);
            if !file.is_file() {
                return failed(format!(
                    "no {PACK_FILE} in this folder: a pack folder holds {PACK_FILE} and its pictures and sounds"
                ));
            }
            let source: SharedSource = Arc::new(DirSource::new(dir));
            let text = std::fs::read(&file).unwrap_or_default();
            let checked = with_media(crate::parse::check_file(&file), Some(&text), Some(&*source));
            PlacedPack {
                checked,
                source: Some(source),
            }
        }
        PackPlace::Zip(path) => {
            let zip = match ZipSource::open(path) {
                Ok(zip) => zip,
                Err(message) => return failed(message),
            };
            let bytes = match zip.read(PACK_FILE, crate::parse::MAX_PACK_BYTES as u64) {
                Ok(bytes) => bytes,
                Err(ReadError::TooLarge(len)) => return failed(crate::parse::too_large(len)),
                Err(e) => return failed(format!("cannot read {PACK_FILE} in the .zip: {e}")),
            };
            let source: SharedSource = Arc::new(zip);
            let checked = with_media(
                crate::parse::check_bytes(&bytes),
                Some(&bytes),
                Some(&*source),
            );
            PlacedPack {
                checked,
                source: Some(source),
            }
        }
    }
}

/// Adds the media checks to a checked pack: its files through `source`, or, for a pack
/// with no folder (`source` `None`), an error at its first media path. `text` is the pack
/// file's bytes, for the positions.
pub fn with_media(
    mut checked: crate::parse::Checked,
    text: Option<&[u8]>,
    source: Option<&dyn MediaSource>,
) -> crate::parse::Checked {
    let Some(pack) = checked.pack.as_mut() else {
        return checked;
    };
    if !pack.has_media() {
        return checked;
    }
    let text = text
        .and_then(|t| std::str::from_utf8(t).ok())
        .map(|t| t.strip_prefix('\u{feff}').unwrap_or(t));
    let spans = text.map(PackSpans::read).unwrap_or_default();
    let problems = match source {
        Some(source) => check_media(pack, &spans, source),
        None => {
            let first = media_refs(pack, &spans).into_iter().next();
            vec![
                Diagnostic::error(
                    first.map_or(Location::START, |m| m.at),
                    "a pack with pictures or sounds must be a folder (or a .zip of one)",
                )
                .with_help(format!(
                    "put this file in a folder of its own as {PACK_FILE}, beside its pictures and sounds"
                )),
            ]
        }
    };
    if problems.iter().any(Diagnostic::is_error) {
        checked.pack = None;
    }
    checked.diagnostics.extend(problems);
    checked.diagnostics.sort_by_key(|d| d.location);
    checked
}

pub mod archive;

#[cfg(test)]
mod tests;
