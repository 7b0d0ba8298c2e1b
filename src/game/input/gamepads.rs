//! Gamepads, read once: every button press becomes a [`PadPress`] stamped with the
//! kernel's time of the press; the host's pads (any pad not playing for a seat) also
//! drive the menus, and while a field takes text a pad's South is Enter.

use std::time::SystemTime;

use bevy::input::gamepad::GamepadButtonStateChangedEvent;
use bevy::prelude::*;

use super::pad_watch::PadPresses;
use super::{Bindings, InputLayer, MenuIntent, PadPress, TextEntry, TextKey};
use crate::game::clock::Now;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(PreUpdate, read_pads.in_set(InputLayer));
}

/// A press is stamped with the time the watching thread saw it (see [`PadPresses`]), or
/// with now when it has no record of it.
pub(super) fn read_pads(
    mut buttons: MessageReader<GamepadButtonStateChangedEvent>,
    pads: Query<&Gamepad>,
    presses: Option<Res<PadPresses>>,
    bindings: Res<Bindings>,
    text: Res<TextEntry>,
    now: Now,
    mut out: MessageWriter<PadPress>,
    mut menu: MessageWriter<MenuIntent>,
    mut typed: MessageWriter<TextKey>,
) {
    let wall = SystemTime::now();
    for event in buttons.read().filter(|e| e.state.is_pressed()) {
        let seen = presses
            .as_ref()
            .zip(pads.get(event.entity).ok())
            .and_then(|(presses, pad)| {
                presses.take((pad.vendor_id(), pad.product_id()), event.button, wall)
            });
        let at = seen.map_or_else(|| now.now(), |t| now.at_system(t));
        // Seats' pads still speak while the host types (joining, lighting a card).
        out.write(PadPress {
            pad: event.entity,
            button: event.button,
            at,
        });
        // Only the host's pads drive menus and fields: a pad playing for a seat (or any
        // pad at a party, where every pad is a player's) never moves the focus.
        if bindings.is_seat_pad(event.entity) {
            continue;
        }
        if text.is_open() {
            if event.button == GamepadButton::South {
                typed.write(TextKey::Enter);
            }
        } else if let Some(intent) = menu_intent(event.button) {
            menu.write(intent);
        }
    }
}

fn menu_intent(button: GamepadButton) -> Option<MenuIntent> {
    Some(match button {
        GamepadButton::East => MenuIntent::Back,
        GamepadButton::DPadUp => MenuIntent::Move(-1),
        GamepadButton::DPadDown => MenuIntent::Move(1),
        GamepadButton::DPadLeft => MenuIntent::Adjust(-1),
        GamepadButton::DPadRight => MenuIntent::Adjust(1),
        GamepadButton::South => MenuIntent::Activate,
        GamepadButton::Start => MenuIntent::Pause,
        _ => return None,
    })
}
