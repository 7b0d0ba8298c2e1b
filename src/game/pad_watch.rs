//! Gamepads without polling. Bevy reads gamepads only when the app updates, and the game
//! updates only on input (reactive mode), which gamepad buttons are not to winit. Instead
//! of waking the window every few milliseconds while a pad is connected (a whole core on a
//! software renderer), a thread with its own gilrs handle sleeps until a gamepad event
//! arrives and then wakes the event loop once; Bevy's own gilrs plugin reads the event in
//! that update. Stick and trigger movement does not wake it; buttons, the d-pad,
//! connecting and disconnecting do.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use bevy::prelude::*;
use bevy::winit::{EventLoopProxyWrapper, WinitUserEvent};
use gilrs::EventType;

pub fn plugin(app: &mut App) {
    app.init_resource::<PadWatch>().add_systems(Startup, start);
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

fn start(proxy: Option<Res<EventLoopProxyWrapper>>, watch: Res<PadWatch>) {
    // Headless (tests): no event loop to wake.
    let Some(proxy) = proxy.map(|p| (**p).clone()) else {
        return;
    };
    let running = watch.0.clone();
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
                let mut wake = wakes(&event.event);
                // Everything already queued goes with the same wake-up.
                while let Some(event) = gilrs.next_event() {
                    wake |= wakes(&event.event);
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
