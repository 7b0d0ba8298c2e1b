//! Menus the same way on every screen: keyboard, mouse and gamepad move a visible focus
//! over [`MenuButton`]s and activate them.
//!
//! Up/Down/Left/Right, Tab and Shift+Tab or the d-pad move the focus; Enter, Space or the
//! gamepad's South button activate it; the mouse focuses on hover and activates on click.
//! Screens read [`Activate`] messages and look up their own action component on the entity.

use bevy::prelude::*;

use super::theme::palette;

pub fn plugin(app: &mut App) {
    app.init_resource::<Focus>()
        .add_message::<Activate>()
        .add_systems(
            Update,
            (keep_focus_valid, navigate, click, paint_focus).chain(),
        );
}

/// A button in a menu; `order` is its place in the focus order.
#[derive(Component, Debug, Clone, Copy)]
pub struct MenuButton {
    pub order: usize,
}

/// The focused menu button, if any.
#[derive(Resource, Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Focus(pub Option<Entity>);

/// A menu button was activated.
#[derive(Message, Debug, Clone, Copy, PartialEq, Eq)]
pub struct Activate(pub Entity);

fn ordered(buttons: &Query<(Entity, &MenuButton)>) -> Vec<Entity> {
    let mut all: Vec<(usize, Entity)> = buttons.iter().map(|(e, b)| (b.order, e)).collect();
    all.sort();
    all.into_iter().map(|(_, e)| e).collect()
}

/// Focuses the first button when the focused one is gone (a new screen opened).
fn keep_focus_valid(buttons: Query<(Entity, &MenuButton)>, mut focus: ResMut<Focus>) {
    let valid = focus.0.is_some_and(|e| buttons.contains(e));
    if !valid {
        let first = ordered(&buttons).first().copied();
        if focus.0 != first {
            focus.0 = first;
        }
    }
}

fn navigate(
    keys: Res<ButtonInput<KeyCode>>,
    gamepads: Query<&Gamepad>,
    buttons: Query<(Entity, &MenuButton)>,
    mut focus: ResMut<Focus>,
    mut activate: MessageWriter<Activate>,
) {
    let pad = |b: GamepadButton| gamepads.iter().any(|g| g.just_pressed(b));
    let shift = keys.any_pressed([KeyCode::ShiftLeft, KeyCode::ShiftRight]);
    let back = keys.any_just_pressed([KeyCode::ArrowUp, KeyCode::ArrowLeft])
        || (shift && keys.just_pressed(KeyCode::Tab))
        || pad(GamepadButton::DPadUp)
        || pad(GamepadButton::DPadLeft);
    let forward = keys.any_just_pressed([KeyCode::ArrowDown, KeyCode::ArrowRight])
        || (!shift && keys.just_pressed(KeyCode::Tab))
        || pad(GamepadButton::DPadDown)
        || pad(GamepadButton::DPadRight);
    let order = ordered(&buttons);
    if order.is_empty() {
        return;
    }
    let at = focus
        .0
        .and_then(|f| order.iter().position(|&e| e == f))
        .unwrap_or(0);
    if back {
        focus.0 = Some(order[(at + order.len() - 1) % order.len()]);
    } else if forward {
        focus.0 = Some(order[(at + 1) % order.len()]);
    }
    let pressed = keys.any_just_pressed([KeyCode::Enter, KeyCode::NumpadEnter, KeyCode::Space])
        || pad(GamepadButton::South);
    if pressed && let Some(entity) = focus.0 {
        activate.write(Activate(entity));
    }
}

/// The mouse: hovering focuses a button, pressing it activates.
fn click(
    buttons: Query<(Entity, &Interaction), (Changed<Interaction>, With<MenuButton>)>,
    mut focus: ResMut<Focus>,
    mut activate: MessageWriter<Activate>,
) {
    for (entity, interaction) in &buttons {
        match interaction {
            Interaction::Pressed => {
                focus.0 = Some(entity);
                activate.write(Activate(entity));
            }
            Interaction::Hovered => focus.0 = Some(entity),
            Interaction::None => {}
        }
    }
}

/// The focused button is raised and outlined in the accent colour.
fn paint_focus(
    focus: Res<Focus>,
    mut buttons: Query<(Entity, &mut BackgroundColor, &mut BorderColor), With<MenuButton>>,
) {
    if !focus.is_changed() {
        return;
    }
    for (entity, mut background, mut border) in &mut buttons {
        let focused = focus.0 == Some(entity);
        let (bg, edge) = if focused {
            (palette::PANEL_RAISED, palette::ACCENT)
        } else {
            (palette::PANEL, palette::PANEL)
        };
        if background.0 != bg {
            background.0 = bg;
        }
        if *border != BorderColor::all(edge) {
            *border = BorderColor::all(edge);
        }
    }
}
