//! Gamepads without polling. Bevy reads gamepads only when the app updates, and the game
//! updates only on input (reactive mode), which gamepad buttons are not to winit. Instead
//! of waking the window every few milliseconds while a pad is connected (a whole core on a
//! software renderer), a thread with its own gilrs handle sleeps until a gamepad event
//! arrives and then wakes the event loop once; Bevy's own gilrs plugin reads the event in
//! that update. Stick and trigger movement does not wake it; buttons, the d-pad,
//! connecting and disconnecting do.
//!
//! The thread also keeps the time of every button press (the kernel's timestamp, through
//! gilrs), so that a seat's press is stamped with when it happened rather than when the
//! next update ran: see [`PadPresses`].

use std::collections::VecDeque;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, SystemTime};

use bevy::prelude::*;
use bevy::winit::{EventLoopProxyWrapper, WinitUserEvent};
use gilrs::EventType;

pub fn plugin(app: &mut App) {
    app.init_resource::<PadWatch>()
        .init_resource::<PadPresses>()
        .add_systems(Startup, start);
}

/// How long the thread blocks on gilrs at a time.
const BLOCK_FOR: Duration = Duration::from_secs(1);

/// Whether the watching thread runs; when it does not (no gilrs, headless), the display
/// polls connected gamepads instead.
#[derive(Resource, Debug, Clone, Default)]
pub struct PadWatch(Arc<AtomicBool>);

impl PadWatch {
    pub fn running(&self) -> bool {
        self.0.load(Ordering::Acquire)
    }
}

/// A button press seen by the watching thread.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PadPress {
    /// The pad's USB vendor and product id, the part of its identity both gilrs handles
    /// (ours and Bevy's) agree on.
    pub model: (Option<u16>, Option<u16>),
    pub button: GamepadButton,
    pub at: SystemTime,
}

/// How many presses are kept for matching; older ones are dropped.
const KEEP: usize = 256;
/// A press older than this is not matched: Bevy read it long ago or never will.
pub const STALE: Duration = Duration::from_secs(2);

/// The presses the watching thread has seen and Bevy's input has not yet been matched to.
///
/// Bevy's gamepad events carry no timestamp, and they arrive only in the update that the
/// press woke. Each [`GamepadButtonStateChangedEvent`](bevy::input::gamepad::GamepadButtonStateChangedEvent)
/// press of a seat's pad takes the oldest unmatched press of the same button on a pad of
/// the same model (both handles read the same devices in the same order). Two identical
/// pads pressing the same button between two updates could trade stamps; both are then
/// within one update of each other, which the buzz tie window already treats as a tie.
#[derive(Resource, Debug, Clone, Default)]
pub struct PadPresses(Arc<Mutex<VecDeque<PadPress>>>);

impl PadPresses {
    pub fn push(&self, press: PadPress) {
        let mut queue = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        if queue.len() == KEEP {
            queue.pop_front();
        }
        queue.push_back(press);
    }

    /// The time of the oldest unmatched press of `button` on a pad of `model`, taken out
    /// of the queue; presses older than [`STALE`] (relative to `now`) are dropped on the
    /// way. `None` when there is none: the caller stamps the press with the current time.
    pub fn take(
        &self,
        model: (Option<u16>, Option<u16>),
        button: GamepadButton,
        now: SystemTime,
    ) -> Option<SystemTime> {
        let mut queue = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        queue.retain(|p| now.duration_since(p.at).map_or(true, |age| age <= STALE));
        let i = queue
            .iter()
            .position(|p| p.model == model && p.button == button)?;
        queue.remove(i).map(|p| p.at.min(now))
    }

    pub fn len(&self) -> usize {
        self.0.lock().unwrap_or_else(PoisonError::into_inner).len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// The Bevy button for a gilrs button, for the buttons a seat plays with.
pub fn bevy_button(button: gilrs::Button) -> Option<GamepadButton> {
    use gilrs::Button as B;
    Some(match button {
        B::South => GamepadButton::South,
        B::East => GamepadButton::East,
        B::West => GamepadButton::West,
        B::North => GamepadButton::North,
        B::LeftTrigger => GamepadButton::LeftTrigger,
        B::RightTrigger => GamepadButton::RightTrigger,
        B::LeftTrigger2 => GamepadButton::LeftTrigger2,
        B::RightTrigger2 => GamepadButton::RightTrigger2,
        _ => return None,
    })
}

/// Whether a gamepad event should wake the game.
pub fn wakes(event: &EventType) -> bool {
    matches!(
        event,
        EventType::ButtonPressed(..)
            | EventType::ButtonReleased(..)
            | EventType::Connected
            | EventType::Disconnected
    )
}

fn start(
    proxy: Option<Res<EventLoopProxyWrapper>>,
    watch: Res<PadWatch>,
    presses: Res<PadPresses>,
) {
    // Headless (tests): no event loop to wake.
    let Some(proxy) = proxy.map(|p| (**p).clone()) else {
        return;
    };
    let running = watch.0.clone();
    let presses = presses.clone();
    let spawned = std::thread::Builder::new()
        .name("gamepad-watch".to_string())
        .spawn(move || {
            let mut gilrs = match gilrs::Gilrs::new() {
                Ok(gilrs) => {
                    running.store(true, Ordering::Release);
                    gilrs
                }
                Err(e) => {
                    warn!("gamepads will not wake the game by themselves: {e}");
                    return;
                }
            };
            loop {
                let Some(event) = gilrs.next_event_blocking(Some(BLOCK_FOR)) else {
                    continue;
                };
                let mut wake = false;
                let mut seen = |gilrs: &gilrs::Gilrs, event: gilrs::Event| {
                    wake |= wakes(&event.event);
                    if let EventType::ButtonPressed(button, _) = event.event
                        && let Some(button) = bevy_button(button)
                    {
                        let pad = gilrs.gamepad(event.id);
                        presses.push(PadPress {
                            model: (pad.vendor_id(), pad.product_id()),
                            button,
                            at: event.time,
                        });
                    }
                };
                seen(&gilrs, event);
                // Everything already queued goes with the same wake-up.
                while let Some(event) = gilrs.next_event() {
                    seen(&gilrs, event);
                }
                if wake && proxy.send_event(WinitUserEvent::WakeUp).is_err() {
                    running.store(false, Ordering::Release);
                    return; // the window is gone
                }
            }
        });
    if let Err(e) = spawned {
        warn!("cannot watch gamepads: {e}; they are polled instead");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAD: (Option<u16>, Option<u16>) = (Some(0x045e), Some(0x028e));
    const OTHER: (Option<u16>, Option<u16>) = (Some(0x054c), Some(0x09cc));

    fn press(model: (Option<u16>, Option<u16>), button: GamepadButton, ms: u64) -> PadPress {
        PadPress {
            model,
            button,
            at: SystemTime::UNIX_EPOCH + Duration::from_millis(ms),
        }
    }

    fn t(ms: u64) -> SystemTime {
        SystemTime::UNIX_EPOCH + Duration::from_millis(ms)
    }

    #[test]
    fn a_press_takes_the_oldest_matching_record() {
        let presses = PadPresses::default();
        presses.push(press(PAD, GamepadButton::South, 1_000));
        presses.push(press(OTHER, GamepadButton::South, 1_005));
        presses.push(press(PAD, GamepadButton::East, 1_010));
        presses.push(press(PAD, GamepadButton::South, 1_020));
        let now = t(1_050);
        assert_eq!(presses.take(PAD, GamepadButton::South, now), Some(t(1_000)));
        assert_eq!(presses.take(PAD, GamepadButton::South, now), Some(t(1_020)));
        assert_eq!(presses.take(PAD, GamepadButton::South, now), None);
        assert_eq!(
            presses.take(OTHER, GamepadButton::South, now),
            Some(t(1_005))
        );
        assert_eq!(presses.take(PAD, GamepadButton::East, now), Some(t(1_010)));
        assert!(presses.is_empty());
    }

    #[test]
    fn stale_records_are_dropped_and_never_matched() {
        let presses = PadPresses::default();
        presses.push(press(PAD, GamepadButton::North, 1_000));
        presses.push(press(PAD, GamepadButton::North, 4_000));
        // At 4.5 s the first is 3.5 s old: gone.
        assert_eq!(
            presses.take(PAD, GamepadButton::North, t(4_500)),
            Some(t(4_000))
        );
        assert!(presses.is_empty());
    }

    #[test]
    fn a_record_from_the_future_is_clamped_to_now() {
        // Kernel and wall clocks can disagree by a little; a press is never stamped later
        // than the moment it is read.
        let presses = PadPresses::default();
        presses.push(press(PAD, GamepadButton::West, 2_000));
        assert_eq!(
            presses.take(PAD, GamepadButton::West, t(1_990)),
            Some(t(1_990))
        );
    }

    #[test]
    fn the_queue_is_bounded() {
        let presses = PadPresses::default();
        for i in 0..(KEEP as u64 + 50) {
            presses.push(press(PAD, GamepadButton::South, 10_000 + i));
        }
        assert_eq!(presses.len(), KEEP);
        assert_eq!(
            presses.take(PAD, GamepadButton::South, t(10_400)),
            Some(t(10_050))
        );
    }

    #[test]
    fn the_seat_buttons_map_to_bevy() {
        assert_eq!(
            bevy_button(gilrs::Button::South),
            Some(GamepadButton::South)
        );
        assert_eq!(
            bevy_button(gilrs::Button::RightTrigger2),
            Some(GamepadButton::RightTrigger2)
        );
        assert_eq!(bevy_button(gilrs::Button::Start), None);
        for b in crate::game::input::bindings::PAD_ANSWERS
            .iter()
            .chain(crate::game::input::bindings::PAD_BUZZ.iter())
        {
            assert!(
                [
                    gilrs::Button::South,
                    gilrs::Button::East,
                    gilrs::Button::West,
                    gilrs::Button::North,
                    gilrs::Button::LeftTrigger,
                    gilrs::Button::RightTrigger,
                    gilrs::Button::LeftTrigger2,
                    gilrs::Button::RightTrigger2
                ]
                .iter()
                .any(|g| bevy_button(*g) == Some(*b)),
                "{b:?} has no gilrs button"
            );
        }
    }
}
