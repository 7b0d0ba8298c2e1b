//! The join code in the TV's corner while phones can join, and the QR image it shows.

use super::*;

/// Makes the QR code image of the join address whenever the address changes.
pub(super) fn make_qr(mut phones: ResMut<Phones>, images: Option<ResMut<Assets<Image>>>) {
    // The address lives in `Phones`: nothing to do until it changes.
    if !phones.is_changed() {
        return;
    }
    let url = phones.qr_url();
    let current = phones.qr.as_ref().map(|(u, _)| u.clone());
    if url == current {
        return;
    }
    phones.qr = match (url, images) {
        (Some(url), Some(mut images)) => qr::image(&url).map(|image| (url, images.add(image))),
        _ => None,
    };
}

/// The small join code in a corner of the game's screens, for latecomers.
#[derive(Component)]
pub(super) struct JoinCorner;

#[derive(Component)]
pub(super) struct JoinCornerCode;

#[derive(Component)]
pub(super) struct JoinCornerText;

pub(super) fn spawn_corner(mut commands: Commands, fonts: Option<Res<crate::game::theme::Fonts>>) {
    let Some(fonts) = fonts else { return };
    commands
        .spawn((
            Name::new("Join corner"),
            JoinCorner,
            Node {
                position_type: PositionType::Absolute,
                right: px(10),
                bottom: px(10),
                flex_direction: FlexDirection::Column,
                align_items: AlignItems::Center,
                padding: UiRect::all(px(6)),
                row_gap: px(2),
                border_radius: BorderRadius::all(px(8)),
                display: Display::None,
                ..default()
            },
            BackgroundColor(crate::game::theme::palette::PANEL),
            GlobalZIndex(5),
        ))
        .with_children(|corner| {
            corner.spawn((
                JoinCornerCode,
                ImageNode::default(),
                Node {
                    width: px(84),
                    height: px(84),
                    ..default()
                },
            ));
            corner.spawn((
                JoinCornerText,
                crate::game::theme::widgets::text(
                    "",
                    &fonts.bold,
                    14.0,
                    crate::game::theme::palette::TEXT,
                ),
            ));
        });
}

/// Shows the corner code on the game's screens while new phones may join.
pub(super) fn show_corner(
    phones: Res<Phones>,
    state: Res<State<Screen>>,
    mut corner: Query<&mut Node, With<JoinCorner>>,
    mut code: Query<&mut ImageNode, With<JoinCornerCode>>,
    mut text: Query<&mut Text, With<JoinCornerText>>,
) {
    if !phones.is_changed() && !state.is_changed() {
        return;
    }
    let shown = phones.running()
        && !phones.locked
        && phones.qr.is_some()
        && state.get().in_game()
        && *state.get() != Screen::Podium;
    let display = if shown { Display::Flex } else { Display::None };
    for mut node in &mut corner {
        if node.display != display {
            node.display = display;
        }
    }
    if !shown {
        return;
    }
    if let Some((_, handle)) = &phones.qr {
        for mut image in &mut code {
            if image.image != *handle {
                image.image = handle.clone();
            }
        }
    }
    let line = format!("Join · room {}", phones.room().unwrap_or_default());
    for mut t in &mut text {
        if t.0 != line {
            t.0.clone_from(&line);
        }
    }
}
