//! A question's picture on the TV: as large as the space the screen leaves it, its shape
//! kept (letterboxed) at every window size, and, for an `uncover` question, covered by
//! tiles that come off one by one or zoomed close in on a detail and coming out step by
//! step over the countdown ([`crate::core::uncover`]). With reduced motion each step is
//! still; otherwise the zoom glides to its next step.
//!
//! A picture already loaded (the cache loads ahead) is in the screen's first frame, fitted
//! by the UI layout itself (its frame measures itself against the room it is given).

use std::time::Duration;

use bevy::prelude::*;
use bevy::ui::{AvailableSpace, ContentSize, Measure, MeasureArgs, NodeMeasure};
use bevy::window::RequestRedraw;

use super::{MediaCache, MediaState};
use crate::core::game::Phase;
use crate::core::pack::Uncover;
use crate::core::uncover::{self, TILE_COLUMNS, TILE_ROWS};
use crate::game::clock::Now;
use crate::game::persist::SavedSettings;
use crate::game::session::Session;
use crate::game::theme::{Fonts, palette, widgets};

pub fn plugin(app: &mut App) {
    app.add_systems(Update, (fill_pictures, uncover_pictures).chain());
}

/// Sizes a picture's frame in the UI layout itself: the largest rectangle of the
/// picture's shape that fits the space its box is given, so that the picture is fitted
/// in the very frame it first shows (no layout pass after the fact).
struct FitMeasure {
    /// Width over height.
    aspect: f32,
}

impl Measure for FitMeasure {
    fn measure(&mut self, args: MeasureArgs) -> Vec2 {
        let definite = |known: Option<f32>, available: AvailableSpace| {
            known.or(match available {
                AvailableSpace::Definite(v) => Some(v),
                _ => None,
            })
        };
        // A picture can be as small as need be: its least size is nothing.
        let min_content = |known: Option<f32>, available: AvailableSpace| {
            known.is_none() && matches!(available, AvailableSpace::MinContent)
        };
        if min_content(args.known_width, args.available_width)
            || min_content(args.known_height, args.available_height)
        {
            return Vec2::ZERO;
        }
        let width = definite(args.known_width, args.available_width);
        let height = definite(args.known_height, args.available_height);
        match (width, height) {
            // The box's own size: the picture takes what it is given, no more.
            (Some(w), Some(h)) => {
                let h = (w / self.aspect).min(h).max(0.0);
                Vec2::new(h * self.aspect, h)
            }
            // One side given (taffy asks for a flex item's natural main size with the other
            // side open): the picture's shape at that size; the frame then shrinks it into
            // the box and asks again with both.
            (Some(w), None) => Vec2::new(w, w / self.aspect),
            (None, Some(h)) => Vec2::new(h * self.aspect, h),
            (None, None) => Vec2::ZERO,
        }
    }
}

fn fit(aspect: f32) -> ContentSize {
    let mut size = ContentSize::default();
    size.set(NodeMeasure::Custom(Box::new(FitMeasure {
        aspect: if aspect.is_finite() && aspect > 0.0 {
            aspect
        } else {
            16.0 / 9.0
        },
    })));
    size
}

fn aspect_of(cache: &MediaCache, path: &str) -> f32 {
    cache
        .ready(path)
        .map(|r| r.size.as_vec2())
        .filter(|s| s.x > 0.0 && s.y > 0.0)
        .map_or(16.0 / 9.0, |s| s.x / s.y)
}

/// A picture's box: the space a screen gives it. Its frame is fitted inside it.
#[derive(Component, Debug, Clone)]
pub struct PictureBox {
    /// The file in the pack.
    pub path: String,
    /// How it uncovers itself, with the seed of its tile order; `None`: shown whole.
    pub uncover: Option<(Uncover, u64)>,
}

/// The frame inside a [`PictureBox`], the picture's shape, clipping what it holds.
#[derive(Component, Debug)]
pub struct PictureFrame;

/// The leaf in a frame that gives it its fitted size.
#[derive(Component, Debug)]
pub struct PictureSizer;

/// The picture itself, in its frame.
#[derive(Component, Debug)]
pub struct PictureImage;

/// A tile covering part of an uncovering picture: its index, row by row.
#[derive(Component, Debug, Clone, Copy)]
pub struct Tile(pub usize);

/// The line shown in a frame while its picture loads, or when it cannot be shown.
#[derive(Component, Debug)]
pub struct PictureNote;

/// The zoom as drawn (it glides towards its step without reduced motion).
#[derive(Component, Debug, Clone, Copy)]
struct ZoomShown(f32);

/// Spawns a picture's box under `parent`, filled at once when the picture is ready.
pub fn spawn(
    parent: &mut ChildSpawnerCommands,
    cache: &MediaCache,
    path: &str,
    uncover: Option<(Uncover, u64)>,
    fonts: &Fonts,
) {
    parent
        .spawn((
            Name::new("Picture"),
            PictureBox {
                path: path.to_string(),
                uncover,
            },
            Node {
                flex_grow: 1.0,
                flex_shrink: 1.0,
                flex_basis: px(0),
                min_height: px(0),
                min_width: px(0),
                width: percent(100),
                justify_content: JustifyContent::Center,
                align_items: AlignItems::Center,
                ..default()
            },
        ))
        .with_children(|b| {
            b.spawn((
                PictureFrame,
                Node {
                    max_width: percent(100),
                    max_height: percent(100),
                    overflow: Overflow::clip(),
                    justify_content: JustifyContent::Center,
                    align_items: AlignItems::Center,
                    border_radius: BorderRadius::all(px(6)),
                    ..default()
                },
                BackgroundColor(palette::PANEL),
            ))
            .with_children(|frame| {
                // The frame's one child in the flow: a leaf that measures the fitted
                // size, which the frame takes (the rest lie over it).
                frame.spawn((PictureSizer, fit(aspect_of(cache, path)), Node::default()));
                fill(frame, cache, path, uncover, fonts);
            });
        });
}

/// The frame's content: the picture (and its tiles), or a note.
fn fill(
    frame: &mut ChildSpawnerCommands,
    cache: &MediaCache,
    path: &str,
    uncover: Option<(Uncover, u64)>,
    fonts: &Fonts,
) {
    let image = cache.ready(path).and_then(|r| r.image.clone());
    let ready = cache.ready(path).is_some();
    if !ready {
        let note = match cache.state(path) {
            MediaState::Failed(_) => "The picture cannot be shown",
            _ => "Loading the picture…",
        };
        frame.spawn((
            PictureNote,
            widgets::text(note, &fonts.regular, 20.0, palette::TEXT_MUTED),
            Node {
                position_type: PositionType::Absolute,
                ..default()
            },
        ));
        return;
    }
    let mut picture = frame.spawn((
        PictureImage,
        Node {
            position_type: PositionType::Absolute,
            left: percent(0),
            top: percent(0),
            width: percent(100),
            height: percent(100),
            ..default()
        },
    ));
    if let Some(image) = image {
        picture.insert(ImageNode::new(image).with_mode(NodeImageMode::Stretch));
    }
    match uncover {
        Some((Uncover::Tiles, _)) => {
            for i in 0..TILE_COLUMNS * TILE_ROWS {
                let (col, row) = (i % TILE_COLUMNS, i / TILE_COLUMNS);
                frame
                    .spawn((
                        Tile(i),
                        Node {
                            position_type: PositionType::Absolute,
                            left: percent(100.0 * col as f32 / TILE_COLUMNS as f32),
                            top: percent(100.0 * row as f32 / TILE_ROWS as f32),
                            width: percent(100.0 / TILE_COLUMNS as f32),
                            height: percent(100.0 / TILE_ROWS as f32),
                            border: UiRect::all(px(1)),
                            justify_content: JustifyContent::Center,
                            align_items: AlignItems::Center,
                            ..default()
                        },
                        BackgroundColor(palette::PANEL),
                        BorderColor::all(palette::BACKGROUND),
                    ))
                    .with_child(widgets::text("?", &fonts.bold, 22.0, palette::TEXT_MUTED));
            }
        }
        Some((Uncover::Zoom { .. }, _)) => {
            picture.insert(ZoomShown(uncover::ZOOM_START as f32));
        }
        None => {}
    }
}

/// Fills the frames whose picture finished loading after they were spawned.
fn fill_pictures(
    mut commands: Commands,
    cache: Res<MediaCache>,
    fonts: Res<Fonts>,
    boxes: Query<(&PictureBox, &Children)>,
    frames: Query<&Children, With<PictureFrame>>,
    notes: Query<(), With<PictureNote>>,
    mut redraw: Option<MessageWriter<RequestRedraw>>,
) {
    if !cache.is_changed() {
        return;
    }
    for (picture, children) in &boxes {
        for frame in children.iter() {
            let Ok(content) = frames.get(frame) else {
                continue;
            };
            let waiting = content.iter().any(|c| notes.contains(c));
            if waiting && cache.ready(&picture.path).is_some() {
                commands.entity(frame).despawn_children();
                commands.entity(frame).with_children(|f| {
                    f.spawn((
                        PictureSizer,
                        fit(aspect_of(&cache, &picture.path)),
                        Node::default(),
                    ));
                    fill(f, &cache, &picture.path, picture.uncover, &fonts);
                });
                if let Some(redraw) = redraw.as_mut() {
                    redraw.write(RequestRedraw);
                }
            }
        }
    }
}

/// Takes tiles off, or zooms out, as the countdown runs.
fn uncover_pictures(
    session: Option<Res<Session>>,
    now: Now,
    settings: Res<SavedSettings>,
    time: Res<Time>,
    boxes: Query<(&PictureBox, &Children)>,
    frames: Query<&Children, With<PictureFrame>>,
    mut tiles: Query<(&Tile, &mut Visibility)>,
    mut zooms: Query<(&mut Node, &mut ZoomShown), With<PictureImage>>,
    mut redraw: Option<MessageWriter<RequestRedraw>>,
) {
    let Some(session) = session else {
        return;
    };
    let game = &session.game;
    let q = game.current();
    // Whole once the question closes (the reveal shows it all).
    let progress = if game.phase() == Phase::Question {
        uncover::progress(
            game.phase_elapsed(now.now()),
            q.media.listen,
            game.time_limit(),
        )
    } else {
        1.0
    };
    let finished = game.phase() != Phase::Question;
    for (picture, children) in &boxes {
        let Some((style, seed)) = picture.uncover else {
            continue;
        };
        let content: Vec<Entity> = children
            .iter()
            .filter_map(|f| frames.get(f).ok())
            .flat_map(|c| c.iter().collect::<Vec<_>>())
            .collect();
        match style {
            Uncover::Tiles => {
                let off = if finished {
                    usize::MAX
                } else {
                    uncover::tiles_off(progress)
                };
                let order = uncover::tile_order(seed);
                for &entity in &content {
                    if let Ok((tile, mut visibility)) = tiles.get_mut(entity) {
                        let gone = order.iter().take(off).any(|&t| t == tile.0);
                        let wanted = if gone {
                            Visibility::Hidden
                        } else {
                            Visibility::Inherited
                        };
                        if *visibility != wanted {
                            *visibility = wanted;
                        }
                    }
                }
            }
            Uncover::Zoom { x, y } => {
                let step = if finished {
                    uncover::ZOOM_STEPS
                } else {
                    uncover::zoom_step(progress)
                };
                let target = uncover::zoom_scale(step) as f32;
                for &entity in &content {
                    let Ok((mut node, mut shown)) = zooms.get_mut(entity) else {
                        continue;
                    };
                    let scale = if settings.0.reduced_motion {
                        target
                    } else {
                        // Glide to the step over about a third of a second.
                        let k = 1.0 - (-time.delta_secs() * 9.0).exp();
                        let next = shown.0 + (target - shown.0) * k;
                        if (next - target).abs() < 0.01 {
                            target
                        } else {
                            next
                        }
                    };
                    if scale != shown.0 {
                        shown.0 = scale;
                        if scale != target
                            && let Some(redraw) = redraw.as_mut()
                        {
                            redraw.write(RequestRedraw);
                        }
                    }
                    let (left, top) = uncover::zoom_window(x, y, f64::from(scale));
                    let wanted = (
                        percent(100.0 * scale),
                        percent(-100.0 * left as f32 * scale),
                        percent(-100.0 * top as f32 * scale),
                    );
                    if node.width != wanted.0 || node.left != wanted.1 || node.top != wanted.2 {
                        node.width = wanted.0;
                        node.height = wanted.0;
                        node.left = wanted.1;
                        node.top = wanted.2;
                    }
                }
            }
        }
    }
}

/// How long the zoom may take to settle on its step (for tests that wait on it).
pub const ZOOM_SETTLE: Duration = Duration::from_millis(600);
