//! A question's picture and clip on the host console, as data and drawn.
//!
//! As data ([`MediaView`], built by [`media_view`] for [`super::model`]): the picture's
//! path in the pack (the question's while it is open; the answer's, or else the question's,
//! from the reveal on), the clip's length, and why nothing is heard (no sound device).
//!
//! Drawn ([`media_row`], for [`super::view`]): the picture as a thumbnail, whole and
//! letterboxed ([`media::picture::spawn`], filled when the cache has it) whatever the TV
//! uncovers, and beside it the clip's line ([`clip_line`]), written in place as the clip
//! plays ("♪ 0:04 / 0:12"), never by rebuilding the console. During a question the
//! countdown's redraws carry it; a clip playing at any other time asks for a redraw every
//! [`CLIP_FRAME`], only while the console is open.

use std::time::Duration;

use bevy::prelude::*;

use super::{Console, FONT_BODY, FONT_SMALL};
use crate::core::game::Phase;
use crate::core::pack::Uncover;
use crate::core::round::RoundQuestion;
use crate::game::display::{Burst, RedrawRate};
use crate::game::media::{self, MediaCache, clip::ClipPlayer};
use crate::game::session::Session;
use crate::game::theme::{Fonts, palette, widgets};

/// The line of the question's clip (how far it played), updated in place.
#[derive(Component, Debug, Clone, Copy)]
pub struct ConsoleClip;

/// Why the room hears nothing (no sound device), under the clip's line.
#[derive(Component, Debug, Clone, Copy)]
pub struct ConsoleClipNotice;

/// How often the clip's line is redrawn while a clip plays with nothing else redrawing.
pub const CLIP_FRAME: Duration = Duration::from_millis(500);

/// The size of the picture's thumbnail: it is letterboxed inside.
const THUMBNAIL: Vec2 = Vec2::new(256.0, 144.0);

/// The current question's picture and sound as the host sees them.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct MediaView {
    /// The picture shown (a path in the pack), always whole: the question's while it is
    /// open, the reveal picture (or else the question's) from the reveal on.
    pub picture: Option<String>,
    /// What that picture is, and what the TV does with it.
    pub caption: String,
    /// The question's clip.
    pub clip: Option<ClipView>,
    /// Why the room hears nothing (no sound device), for a question with a clip.
    pub notice: Option<String>,
}

/// A question's clip: its file, and how long it plays when that is known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClipView {
    pub file: String,
    pub length: Option<Duration>,
}

/// What the host sees of `q`'s picture and sound in `phase`; `None` without any.
pub(super) fn media_view(
    q: &RoundQuestion,
    phase: Phase,
    notice: Option<&str>,
) -> Option<MediaView> {
    let media = &q.media;
    if media.is_empty() {
        return None;
    }
    let revealed = matches!(
        phase,
        Phase::Reveal | Phase::Scoreboard | Phase::RoundEnd | Phase::Intermission
    );
    let (picture, caption) = match (&media.image, &media.reveal_image) {
        (_, Some(answer)) if revealed => (Some(answer), "The answer's picture".to_string()),
        (Some(picture), _) if revealed => (Some(picture), "The picture, whole".to_string()),
        (Some(picture), _) => (
            Some(picture),
            match media.uncover {
                Some(Uncover::Tiles) => "The picture: the TV uncovers it tile by tile",
                Some(Uncover::Zoom { .. }) => "The picture: the TV zooms out from a detail",
                None => "The picture, as the TV shows it",
            }
            .to_string(),
        ),
        // Only an answer's picture, and the answer is not out yet.
        _ => (None, String::new()),
    };
    let clip = media.audio.as_ref().map(|clip| ClipView {
        file: clip.file.clone(),
        length: clip
            .length()
            .filter(|l| l.is_finite() && *l > 0.0)
            .map(Duration::from_secs_f64),
    });
    Some(MediaView {
        picture: picture.cloned(),
        caption,
        notice: clip.as_ref().and(notice).map(str::to_string),
        clip,
    })
}

/// Seconds as minutes and seconds: "0:04".
fn minutes(secs: u64) -> String {
    format!("{}:{:02}", secs / 60, secs % 60)
}

/// The clip's line: "♪ 0:04 / 0:12" while it plays (`position`: played, and its
/// length, from [`crate::game::media::clip::ClipPlayer::position`]), "♪ 0:12 clip" when
/// it does not.
pub fn clip_line(clip: &ClipView, position: Option<(Duration, Duration)>) -> String {
    // A length to the nearest second; the time played in whole seconds, as players do.
    let round = |d: Duration| ((d.as_millis() + 500) / 1000) as u64;
    match position {
        Some((played, length)) => {
            let length = Some(length).filter(|l| !l.is_zero()).or(clip.length);
            match length {
                // Played to its end: the whole length, not the second before it.
                Some(length) if played >= length => {
                    let length = minutes(round(length));
                    format!("♪ {length} / {length}")
                }
                Some(length) => {
                    let length = round(length);
                    let played = played.as_secs();
                    format!("♪ {} / {}", minutes(played.min(length)), minutes(length))
                }
                None => format!("♪ {}", minutes(played.as_secs())),
            }
        }
        None => match clip.length {
            Some(length) => format!("♪ {} clip", minutes(round(length))),
            None => "♪ clip".to_string(),
        },
    }
}

/// The question's picture (a thumbnail, whole) and, beside it, what it is, the clip's
/// line and why the room hears nothing.
pub(super) fn media_row(
    left: &mut ChildSpawnerCommands,
    media: &MediaView,
    clip: String,
    cache: &MediaCache,
    fonts: &Fonts,
) {
    left.spawn(Node {
        column_gap: px(12),
        align_items: AlignItems::Center,
        flex_shrink: 0.0,
        ..default()
    })
    .with_children(|row| {
        if let Some(path) = &media.picture {
            row.spawn((
                Name::new("Console picture"),
                Node {
                    width: px(THUMBNAIL.x),
                    height: px(THUMBNAIL.y),
                    flex_shrink: 0.0,
                    ..default()
                },
            ))
            .with_children(|b| media::picture::spawn(b, cache, path, None, fonts));
        }
        row.spawn(Node {
            flex_direction: FlexDirection::Column,
            flex_grow: 1.0,
            flex_basis: px(0),
            row_gap: px(4),
            ..default()
        })
        .with_children(|side| {
            if media.picture.is_some() {
                side.spawn(widgets::text(
                    media.caption.clone(),
                    &fonts.regular,
                    FONT_SMALL,
                    palette::TEXT_MUTED,
                ));
            }
            if let Some(file) = media.clip.as_ref().map(|c| &c.file) {
                side.spawn((
                    ConsoleClip,
                    widgets::text(clip, &fonts.bold, FONT_BODY, palette::TEXT),
                ));
                side.spawn(widgets::text(
                    file.clone(),
                    &fonts.regular,
                    FONT_SMALL,
                    palette::TEXT_MUTED,
                ));
            }
            if let Some(notice) = &media.notice {
                side.spawn((
                    ConsoleClipNotice,
                    widgets::text(notice.clone(), &fonts.bold, FONT_SMALL, palette::WARNING),
                ));
            }
        });
    });
}

/// A clip playing while the game is not redrawing often enough to follow it (a replay at
/// the reveal): a redraw every [`CLIP_FRAME`] while the console shows it, and none after.
/// During a question the countdown redraws more often already: nothing is added.
pub(super) fn wake_for_clip(
    console: Res<Console>,
    session: Option<Res<Session>>,
    player: Res<ClipPlayer>,
    rate: Res<RedrawRate>,
    mut burst: ResMut<Burst>,
    mut asked: Local<bool>,
) {
    let paused = session.is_some_and(|s| s.game.is_paused());
    let wanted = console.is_open()
        && player.position().is_some()
        && !paused
        && rate.0.is_none_or(|every| every > CLIP_FRAME);
    if wanted && !*asked && burst.0.is_none() {
        burst.0 = Some(CLIP_FRAME);
        *asked = true;
    } else if !wanted && *asked {
        // Only the console's own burst is taken back (the podium has its own).
        if burst.0 == Some(CLIP_FRAME) {
            burst.0 = None;
        }
        *asked = false;
    }
}
