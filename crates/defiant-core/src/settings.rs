//! The player's settings, saved across restarts via `store`.

use serde::{Deserialize, Serialize};

/// Everything on the settings screen. Missing fields in an older file take their defaults.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    /// Play full screen (F11 toggles it).
    pub fullscreen: bool,
    /// Master volume, 0 to 100.
    pub volume: u8,
    /// No sound at all, whatever the volume.
    pub muted: bool,
    /// Seconds per question for new rounds; `None` keeps each pack's own.
    pub seconds_per_question: Option<u32>,
    /// Fewer animations: no pulsing or sliding.
    pub reduced_motion: bool,
    /// The port phones join on (`party --phones --port N` changes it); a phone's saved
    /// seat belongs to its address and port.
    pub phone_port: u16,
    /// Which screen shows the party to the room (the TV or projector).
    pub tv_screen: crate::monitors::TvScreen,
    /// When the host console opens at a party.
    pub host_console: crate::monitors::HostConsole,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            fullscreen: false,
            volume: 80,
            muted: false,
            seconds_per_question: None,
            reduced_motion: false,
            phone_port: crate::phone::DEFAULT_PORT,
            tv_screen: crate::monitors::TvScreen::default(),
            host_console: crate::monitors::HostConsole::default(),
        }
    }
}

impl Settings {
    /// The volume actually applied, 0.0 to 1.0.
    pub fn effective_volume(&self) -> f32 {
        if self.muted {
            0.0
        } else {
            f32::from(self.volume.min(100)) / 100.0
        }
    }
}
