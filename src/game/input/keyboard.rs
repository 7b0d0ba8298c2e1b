//! The keyboard, read once: text while a field takes it, else menu and host intents and
//! key presses for the seats.

use bevy::input::keyboard::{Key, KeyboardInput};
use bevy::prelude::*;

use super::{HostIntent, HostKey, InputLayer, KeyPress, MenuIntent, TextEntry, TextKey};
use crate::game::clock::Now;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(PreUpdate, read_keys.in_set(InputLayer));
}

/// Keys are read as the stream of key events, in order, so quick presses that arrive
/// within one frame (a slow software renderer, a fast typist, a script) each count.
pub(super) fn read_keys(
    mut events: MessageReader<KeyboardInput>,
    held: Res<ButtonInput<Key>>,
    text: Res<TextEntry>,
    now: Now,
    mut typed: MessageWriter<TextKey>,
    mut menu: MessageWriter<MenuIntent>,
    mut host: MessageWriter<HostIntent>,
    mut presses: MessageWriter<KeyPress>,
) {
    let at = now.now();
    let shift = held.pressed(Key::Shift);
    let ctrl = held.pressed(Key::Control);
    for event in events.read().filter(|k| k.state.is_pressed()) {
        if text.is_open() {
            if let Some(key) = text_key(&event.logical_key) {
                typed.write(key);
            } else if event.logical_key == Key::F11 && !event.repeat {
                // Fullscreen is the window's, whatever the screen is doing.
                host.write(HostIntent {
                    key: HostKey::Fullscreen,
                    at,
                });
            }
            continue;
        }
        if let Some(intent) = menu_intent(&event.logical_key, event.repeat, shift) {
            menu.write(intent);
        }
        if event.repeat {
            continue;
        }
        if let Some(key) = host_key(&event.logical_key, ctrl) {
            host.write(HostIntent { key, at });
        }
        presses.write(KeyPress {
            code: event.key_code,
            key: event.logical_key.clone(),
            at,
        });
    }
}

/// What a key does to a field taking text (repeats count: a held Backspace erases on).
fn text_key(key: &Key) -> Option<TextKey> {
    Some(match key {
        Key::Enter => TextKey::Enter,
        Key::Escape => TextKey::Escape,
        Key::Backspace => TextKey::Backspace,
        Key::Space => TextKey::Text(" ".to_string()),
        Key::Character(s) => TextKey::Text(s.to_string()),
        _ => return None,
    })
}

/// Logical keys (what the key means), not physical positions: arrows and Enter are the
/// same on every layout, and virtual X servers number physical keys differently.
fn menu_intent(key: &Key, repeat: bool, shift: bool) -> Option<MenuIntent> {
    Some(match key {
        Key::Escape if !repeat => MenuIntent::Back,
        Key::ArrowUp => MenuIntent::Move(-1),
        Key::ArrowDown => MenuIntent::Move(1),
        Key::Tab => MenuIntent::Move(if shift { -1 } else { 1 }),
        Key::ArrowLeft => MenuIntent::Adjust(-1),
        Key::ArrowRight => MenuIntent::Adjust(1),
        Key::Enter | Key::Space if !repeat => MenuIntent::Activate,
        Key::Delete if !repeat => MenuIntent::Remove,
        Key::Backspace if !repeat => MenuIntent::Erase,
        Key::PageUp if !repeat => MenuIntent::Page(-1),
        Key::PageDown if !repeat => MenuIntent::Page(1),
        _ => return None,
    })
}

/// The host's keys: the F keys and Ctrl+Z.
fn host_key(key: &Key, ctrl: bool) -> Option<HostKey> {
    Some(match key {
        Key::F1 => HostKey::Legend,
        Key::F2 => HostKey::Reveal,
        Key::F3 => HostKey::Skip,
        Key::F4 => HostKey::AddTime,
        Key::F5 => HostKey::Undo,
        Key::Character(c) if ctrl && c.eq_ignore_ascii_case("z") => HostKey::Undo,
        Key::F6 => HostKey::Scores,
        Key::F7 => HostKey::Console,
        Key::F8 => HostKey::Replay,
        Key::F10 => HostKey::End,
        Key::F11 => HostKey::Fullscreen,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn menu_keys_repeat_where_holding_means_more() {
        assert_eq!(
            menu_intent(&Key::ArrowDown, true, false),
            Some(MenuIntent::Move(1))
        );
        assert_eq!(
            menu_intent(&Key::Tab, false, true),
            Some(MenuIntent::Move(-1))
        );
        assert_eq!(menu_intent(&Key::Enter, true, false), None);
        assert_eq!(menu_intent(&Key::Escape, true, false), None);
        assert_eq!(
            menu_intent(&Key::Delete, false, false),
            Some(MenuIntent::Remove)
        );
        assert_eq!(
            menu_intent(&Key::Backspace, false, false),
            Some(MenuIntent::Erase)
        );
        assert_eq!(menu_intent(&Key::PageDown, true, false), None);
    }

    #[test]
    fn host_keys_and_text() {
        assert_eq!(
            host_key(&Key::Character("Z".into()), true),
            Some(HostKey::Undo)
        );
        assert_eq!(host_key(&Key::Character("z".into()), false), None);
        assert_eq!(text_key(&Key::Space), Some(TextKey::Text(" ".into())));
        assert_eq!(text_key(&Key::ArrowUp), None);
    }
}
