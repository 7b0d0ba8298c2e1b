//! The reveal as it opens: its body (the bar, the headline, the prompt, the cards, the
//! seats' points, the explanation), then a preview's error line and the continue row;
//! the body is drawn again when the game's state under it changes.

use bevy::prelude::*;

use super::{AutoText, ContinueButton, PreviewError, RevealBody, answers, headline};
use crate::core::game::{Phase, RoundKind};
use crate::core::round::{Asked, RoundQuestion};
use crate::game::media::{self, MediaCache};
use crate::game::session::{self, Session};
use crate::game::states::Screen;
use crate::game::theme::redraw::redraw_changed;
use crate::game::theme::{Fonts, palette, widgets};

pub(super) fn spawn(
    mut commands: Commands,
    fonts: Res<Fonts>,
    session: Res<Session>,
    cache: Res<MediaCache>,
) {
    let game = &session.game;
    if game.phase() != Phase::Reveal {
        return;
    }
    let party = session.is_party();
    commands
        .spawn((
            widgets::round_root("Reveal screen", JustifyContent::FlexStart, 12.0),
            DespawnOnExit(Screen::Reveal),
        ))
        .with_children(|root| {
            root.spawn((body_node(), RevealBody::of(game)))
                .with_children(|body| draw_body(body, &session, &fonts));
            // The answer's picture (or the question's, whole) in the room the text
            // leaves; else a spacer that keeps the continue button at the bottom.
            match picture_of(game.current()) {
                // The answer's picture beside the explanation, in the room the rest
                // leaves.
                Some(path) => {
                    root.spawn(Node {
                        flex_grow: 1.0,
                        flex_basis: px(0),
                        min_height: px(0),
                        width: percent(100),
                        column_gap: px(20),
                        align_items: AlignItems::Center,
                        ..default()
                    })
                    .with_children(|row| {
                        media::picture::spawn(row, &cache, path, None, &fonts);
                        explanation(
                            row,
                            &game.current().explanation,
                            Sizes::of(game.current()).explanation,
                            percent(46),
                            &fonts,
                        );
                    });
                }
                None => {
                    root.spawn(Node {
                        flex_grow: 1.0,
                        ..default()
                    });
                }
            }
            // A previewed pack's error since its last save, on its own wrapping line.
            root.spawn((
                widgets::text("", &fonts.regular, 20.0, palette::WARNING),
                TextLayout::justify(Justify::Center),
                Node {
                    max_width: percent(100),
                    margin: UiRect::bottom(px(12)),
                    ..default()
                },
                PreviewError,
            ));
            root.spawn(Node {
                align_items: AlignItems::Center,
                column_gap: px(24),
                ..default()
            })
            .with_children(|row| {
                row.spawn(widgets::button(
                    headline::continue_label(&session),
                    &fonts.bold,
                    0,
                    ContinueButton,
                ));
                row.spawn((
                    widgets::text("", &fonts.regular, 20.0, palette::TEXT_MUTED),
                    AutoText,
                ));
                if party {
                    row.spawn(widgets::pause_button(&fonts.bold, 1));
                }
            });
        });
}

/// The body's column: laid out as if its children were the screen's own.
fn body_node() -> Node {
    Node {
        width: percent(100),
        flex_direction: FlexDirection::Column,
        align_items: AlignItems::Center,
        row_gap: px(12),
        ..default()
    }
}

/// Draws the body again when the game's state under it changed: the buttons below keep
/// their focus.
pub(super) fn redraw(
    session: Res<Session>,
    fonts: Res<Fonts>,
    mut bodies: Query<(Entity, &mut RevealBody)>,
    mut commands: Commands,
) {
    if !session.is_changed() || session.game.phase() != Phase::Reveal {
        return;
    }
    let wanted = RevealBody::of(&session.game);
    redraw_changed(&mut bodies, &wanted, &mut commands, |body| {
        draw_body(body, &session, &fonts)
    });
}

/// Text sizes that keep the longest texts a pack allows on one 1280x720 screen.
struct Sizes {
    prompt: f32,
    answer: f32,
    explanation: f32,
    /// Long answers: a solo choice shows only the right one and the pick.
    compact: bool,
}

impl Sizes {
    fn of(q: &RoundQuestion) -> Self {
        let prompt = widgets::fit(q.prompt.chars().count(), &[(100, 28.0), (180, 24.0)], 22.0);
        let all_answers: usize = q.options.iter().map(|o| o.chars().count()).sum();
        let compact = all_answers > 240;
        let answer = widgets::fit(q.longest_option_chars(), &[(30, 26.0), (60, 22.0)], 18.0);
        let explanation = widgets::fit(
            q.explanation.chars().count(),
            &[(200, 27.0), (400, 23.0)],
            20.0,
        );
        // A long order (six items of up to 100 characters) takes most of the screen: its
        // cards, the prompt and the explanation shrink so that all of it fits at 1280x720.
        if compact && matches!(q.asked, Asked::Order { .. }) {
            Self {
                prompt: prompt.min(20.0),
                answer: 15.0,
                explanation: explanation.min(17.0),
                compact,
            }
        } else {
            Self {
                prompt,
                answer,
                explanation,
                compact,
            }
        }
    }
}

/// The top bar, the headline and its line, the prompt, the answers, the seats' points
/// (party) and the explanation.
fn draw_body(body: &mut ChildSpawnerCommands, session: &Session, fonts: &Fonts) {
    let game = &session.game;
    let party = session.is_party();
    let q = game.current();
    let header = format!("{}  ·  {}", session.progress(), q.category);
    let right = if party {
        session.format_label()
    } else {
        session::standing(session.solo_stats())
    };
    let kind = game.round().kind;
    let (headline, colour, breakdown) = if kind == RoundKind::Final {
        headline::final_headline(game)
    } else if kind == RoundKind::Tiebreak {
        headline::tiebreak_headline(game)
    } else if party {
        headline::party_headline(game)
    } else {
        headline::solo_headline(game)
    };
    let sizes = Sizes::of(q);
    body.spawn(widgets::top_bar(header, right, fonts));
    // A party's headline names the answer: a long one shrinks to leave room for the rest.
    let headline_size = widgets::fit(headline.chars().count(), &[(45, 44.0), (90, 32.0)], 26.0);
    body.spawn(widgets::text(headline, &fonts.bold, headline_size, colour));
    body.spawn(widgets::text(
        breakdown,
        &fonts.regular,
        22.0,
        palette::TEXT_MUTED,
    ));
    body.spawn((
        widgets::text(q.prompt.clone(), &fonts.bold, sizes.prompt, palette::TEXT),
        TextLayout::justify(Justify::Center),
        Node {
            max_width: px(1120),
            ..default()
        },
    ));
    if kind == RoundKind::Final {
        // The final: no counts per option (they would tell every answer at once), but
        // each seat's answer and stake in turn.
        answers::final_rows(body, game, fonts);
    } else {
        body.spawn(Node {
            width: percent(100),
            flex_wrap: FlexWrap::Wrap,
            justify_content: JustifyContent::SpaceBetween,
            row_gap: px(10),
            ..default()
        })
        .with_children(|grid| {
            answers::cards(grid, game, party, fonts, sizes.answer, sizes.compact)
        });
    }
    if party && kind != RoundKind::Final {
        answers::points_strip(body, game, fonts);
    }
    // With a picture, the explanation sits beside it, under the body.
    if picture_of(q).is_none() {
        explanation(body, &q.explanation, sizes.explanation, percent(100), fonts);
    }
}

/// The picture a reveal shows: the answer's, else the question's whole.
fn picture_of(q: &RoundQuestion) -> Option<&str> {
    q.media.reveal_image.as_deref().or(q.media.image.as_deref())
}

/// Why the answer is right, in its panel.
fn explanation(
    parent: &mut ChildSpawnerCommands,
    text: &str,
    size: f32,
    width: Val,
    fonts: &Fonts,
) {
    parent.spawn((
        Node {
            width,
            flex_shrink: 0.0,
            padding: UiRect::axes(px(22), px(14)),
            border_radius: BorderRadius::all(px(12)),
            ..default()
        },
        BackgroundColor(palette::PANEL),
        children![widgets::text(
            text.to_string(),
            &fonts.regular,
            size,
            palette::TEXT
        )],
    ));
}
