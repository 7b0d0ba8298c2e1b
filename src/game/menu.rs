//! Menus the same way on every screen: menu intents (keys and the host's pads, from the
//! input layer, see [`super::input::MenuIntent`]) and the mouse move a visible focus over
//! [`MenuButton`]s and activate them.
//!
//! Moves go to the previous or next button; Left/Right change an [`Adjustable`] control
//! and otherwise move the focus too; Activate presses the focused button; Back goes back.
//! The mouse focuses on hover and activates on click; the wheel and PageUp/PageDown scroll
//! a [`Scrollable`] list. Screens read the messages and look up their own action component
//! on the entity.

use bevy::input::mouse::{MouseScrollUnit, MouseWheel};
use bevy::prelude::*;

use super::audio::Sfx;
use super::input::{InputLayer, MenuIntent, TextEntry};
use super::states::Screen;
use super::theme::palette;
use super::theme::stepper::stepped;

pub fn plugin(app: &mut App) {
    app.init_resource::<Focus>()
        .add_message::<Activate>()
        .add_message::<Adjust>()
        .add_message::<Back>()
        // Registered by the window plugin too; here so headless apps (tests) have it.
        .add_message::<CursorMoved>()
        .add_systems(
            PreUpdate,
            (keep_focus_valid, navigate, click, scroll)
                .chain()
                .after(InputLayer),
        )
        // Again after the screens' own systems, so a screen opened this frame shows its
        // focused button at once rather than on the next input.
        .add_systems(PostUpdate, (keep_focus_valid, paint_focus).chain());
    for screen in Screen::ALL {
        app.add_systems(OnEnter(screen), forget_stale_input);
    }
}

/// A button in a menu. `order` is its place in the focus order; while any button of a
/// higher `group` exists (a pause menu over a question), only that group takes focus.
#[derive(Component, Debug, Clone, Copy)]
pub struct MenuButton {
    pub order: usize,
    pub group: u8,
}

/// A button for the mouse only (the host's on-screen controls): clickable, but never
/// given the keyboard's focus, so Enter and Space keep their own meaning.
#[derive(Component, Debug, Clone, Copy)]
pub struct MouseOnly;

/// A control that Left/Right change (a setting) rather than move the focus.
#[derive(Component, Debug, Clone, Copy)]
pub struct Adjustable;

/// A button that keeps its own background colour; focus only changes its border.
#[derive(Component, Debug, Clone, Copy)]
pub struct FixedColor;

/// A list that the mouse wheel and PageUp/PageDown scroll.
#[derive(Component, Debug, Clone, Copy, Default)]
pub struct Scrollable;

/// The focused menu button, if any.
#[derive(Resource, Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Focus(pub Option<Entity>);

/// A menu button was activated.
#[derive(Message, Debug, Clone, Copy, PartialEq, Eq)]
pub struct Activate(pub Entity);

/// Left (-1) or Right (+1) on the focused control.
#[derive(Message, Debug, Clone, Copy, PartialEq, Eq)]
pub struct Adjust {
    pub entity: Entity,
    pub step: i32,
}

/// Esc or the gamepad's East button: leave this screen (or open the pause menu).
#[derive(Message, Debug, Clone, Copy, PartialEq, Eq)]
pub struct Back;

/// Drops menu messages left from the previous screen, so one key press acts only once.
/// Runs on entering every screen.
fn forget_stale_input(
    mut activate: ResMut<Messages<Activate>>,
    mut adjust: ResMut<Messages<Adjust>>,
    mut back: ResMut<Messages<Back>>,
) {
    activate.clear();
    adjust.clear();
    back.clear();
}

/// The buttons that can take focus now, in focus order.
fn ordered(buttons: &Query<(Entity, &MenuButton), Without<MouseOnly>>) -> Vec<Entity> {
    let top = buttons.iter().map(|(_, b)| b.group).max().unwrap_or(0);
    let mut all: Vec<(usize, Entity)> = buttons
        .iter()
        .filter(|(_, b)| b.group == top)
        .map(|(e, b)| (b.order, e))
        .collect();
    all.sort();
    all.into_iter().map(|(_, e)| e).collect()
}

/// Focuses the first button when the focused one is gone or covered by a higher group.
fn keep_focus_valid(
    buttons: Query<(Entity, &MenuButton), Without<MouseOnly>>,
    mut focus: ResMut<Focus>,
) {
    let order = ordered(&buttons);
    let valid = focus.0.is_some_and(|e| order.contains(&e));
    if !valid {
        let first = order.first().copied();
        if focus.0 != first {
            focus.0 = first;
        }
    }
}

/// Menu intents (keys and the host's pads, from the input layer) move the focus and press
/// the focused button, in the order they arrived.
fn navigate(
    mut intents: MessageReader<MenuIntent>,
    buttons: Query<(Entity, &MenuButton), Without<MouseOnly>>,
    adjustable: Query<(), With<Adjustable>>,
    mut focus: ResMut<Focus>,
    mut activate: MessageWriter<Activate>,
    mut adjust: MessageWriter<Adjust>,
    mut back: MessageWriter<Back>,
    mut sfx: MessageWriter<Sfx>,
) {
    if intents.is_empty() {
        return;
    }
    let order = ordered(&buttons);
    for intent in intents.read() {
        let at = focus
            .0
            .and_then(|f| order.iter().position(|&e| e == f))
            .unwrap_or(0);
        let mut step_focus = |step: i32, focus: &mut Focus| {
            if !order.is_empty() {
                focus.0 = Some(order[stepped(at, order.len(), step)]);
                sfx.write(Sfx::Select);
            }
        };
        match *intent {
            MenuIntent::Back => {
                back.write(Back);
            }
            MenuIntent::Move(step) => step_focus(step, &mut focus),
            // Left/Right change a setting, or else move along a row of buttons.
            MenuIntent::Adjust(step) => match focus.0 {
                Some(entity) if adjustable.contains(entity) => {
                    adjust.write(Adjust { entity, step });
                }
                _ => step_focus(step, &mut focus),
            },
            MenuIntent::Activate => {
                if let Some(entity) = focus.0 {
                    activate.write(Activate(entity));
                }
            }
            MenuIntent::Remove | MenuIntent::Erase | MenuIntent::Page(_) | MenuIntent::Pause => {}
        }
    }
}

/// The mouse: moving over a button focuses it, pressing it activates. A button that
/// appears under a resting pointer does not steal the keyboard's focus.
fn click(
    mut moved: MessageReader<CursorMoved>,
    buttons: Query<(Entity, &Interaction, &MenuButton, Has<MouseOnly>), Changed<Interaction>>,
    all: Query<(Entity, &MenuButton)>,
    text: Res<TextEntry>,
    mut focus: ResMut<Focus>,
    mut activate: MessageWriter<Activate>,
) {
    let pointer_moved = moved.read().count() > 0;
    // A field taking text keeps it until it is done.
    if text.is_open() {
        return;
    }
    let top = all.iter().map(|(_, b)| b.group).max().unwrap_or(0);
    for (entity, interaction, button, mouse_only) in &buttons {
        if button.group != top {
            continue;
        }
        match interaction {
            Interaction::Pressed => {
                if !mouse_only {
                    focus.0 = Some(entity);
                }
                activate.write(Activate(entity));
            }
            Interaction::Hovered if pointer_moved && !mouse_only => focus.0 = Some(entity),
            Interaction::Hovered | Interaction::None => {}
        }
    }
}

/// Wheel and PageUp/PageDown scroll every scrollable list on screen, within its content.
fn scroll(
    mut wheel: MessageReader<MouseWheel>,
    mut intents: MessageReader<MenuIntent>,
    mut lists: Query<(&mut ScrollPosition, &ComputedNode), With<Scrollable>>,
) {
    let mut delta = 0.0;
    for w in wheel.read() {
        delta -= match w.unit {
            MouseScrollUnit::Line => w.y * 40.0,
            MouseScrollUnit::Pixel => w.y,
        };
    }
    for intent in intents.read() {
        if let MenuIntent::Page(pages) = intent {
            delta += 300.0 * *pages as f32;
        }
    }
    if delta == 0.0 {
        return;
    }
    for (mut position, computed) in &mut lists {
        let max = ((computed.content_size().y - computed.size().y)
            * computed.inverse_scale_factor())
        .max(0.0);
        position.y = (position.y + delta).clamp(0.0, max);
    }
}

/// The focused button is raised and outlined; buttons with [`FixedColor`] keep their fill.
fn paint_focus(
    focus: Res<Focus>,
    added: Query<(), Added<MenuButton>>,
    mut buttons: Query<
        (
            Entity,
            &mut BackgroundColor,
            &mut BorderColor,
            Has<FixedColor>,
        ),
        With<MenuButton>,
    >,
) {
    if !focus.is_changed() && added.is_empty() {
        return;
    }
    for (entity, mut background, mut border, fixed) in &mut buttons {
        let focused = focus.0 == Some(entity);
        let edge = match (focused, fixed) {
            (true, true) => palette::TEXT,
            (true, false) => palette::ACCENT,
            (false, true) => Color::NONE,
            (false, false) => palette::PANEL,
        };
        if !fixed {
            let bg = if focused {
                palette::PANEL_RAISED
            } else {
                palette::PANEL
            };
            if background.0 != bg {
                background.0 = bg;
            }
        }
        if *border != BorderColor::all(edge) {
            *border = BorderColor::all(edge);
        }
    }
}
