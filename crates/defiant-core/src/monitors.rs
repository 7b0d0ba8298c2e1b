//! Where a party is shown: the TV (the room's window) and the host console (the laptop's).
//!
//! A party with a second monitor puts the room's window full-screen on the TV (by default
//! the last monitor that is not the system's primary one, usually the TV or projector just
//! plugged in) and opens the host console on another monitor. With one monitor the game
//! stays in its window and the console opens only when asked for.

use serde::{Deserialize, Serialize};

/// The monitor that shows the party to the room.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum TvScreen {
    /// The last monitor that is not the primary one; none with a single monitor.
    #[default]
    Auto,
    /// The monitor of this name (as the system reports it); `Auto` when it is not there.
    Named(String),
    /// Never move the window: the room sees the game's window wherever it is.
    Off,
}

/// When the host console opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum HostConsole {
    /// When the party has a TV of its own (a second monitor).
    #[default]
    Auto,
    /// At every party, as a second window.
    Always,
    /// Never by itself (F7 or `--host-window` still open it).
    Never,
}

impl HostConsole {
    /// The choice in words, as the settings screen shows it.
    pub fn label(self) -> &'static str {
        match self {
            HostConsole::Auto => "with a second screen",
            HostConsole::Always => "always",
            HostConsole::Never => "only with F7",
        }
    }

    /// The next choice (settings' ←→).
    pub fn cycle(self, step: i32) -> Self {
        const ALL: [HostConsole; 3] = [HostConsole::Auto, HostConsole::Always, HostConsole::Never];
        let at = ALL.iter().position(|c| *c == self).unwrap_or(0) as i64;
        ALL[(at + i64::from(step)).rem_euclid(ALL.len() as i64) as usize]
    }
}

/// A monitor as the system reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonitorInfo {
    /// The monitor's name, as the system gives it: how the settings remember the TV.
    pub name: String,
    /// The system's primary monitor (the laptop's own screen, as a rule).
    pub primary: bool,
    /// Top-left corner on the desktop, in physical pixels.
    pub x: i32,
    /// Top edge of the monitor on the desktop, in physical pixels.
    pub y: i32,
}

/// The monitors in the order people see them: left to right, then top to bottom.
pub fn in_order(monitors: &mut [MonitorInfo]) {
    monitors.sort_by_key(|m| (m.x, m.y));
}

/// Where the party goes: the TV's and the console's monitor (indices into the list given),
/// and whether the console opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Placement {
    /// The TV's monitor, if the party has a TV of its own.
    pub tv: Option<usize>,
    /// The console's monitor, when the console opens and there is one to spare.
    pub console: Option<usize>,
    /// Whether the host console opens (in a window of its own).
    pub open_console: bool,
}

/// Places a party on `monitors` (in [`in_order`]); `forced` is `--host-window`.
pub fn place(
    monitors: &[MonitorInfo],
    tv: &TvScreen,
    console: HostConsole,
    forced: bool,
) -> Placement {
    let auto = || {
        (monitors.len() > 1)
            .then(|| monitors.iter().rposition(|m| !m.primary))
            .flatten()
    };
    let tv = match tv {
        TvScreen::Off => None,
        TvScreen::Auto => auto(),
        TvScreen::Named(name) => monitors
            .iter()
            .position(|m| &m.name == name)
            .or_else(auto)
            // The chosen monitor as the only one is not a TV of its own.
            .filter(|_| monitors.len() > 1),
    };
    let console_at = tv.and_then(|tv| {
        monitors
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != tv)
            .max_by_key(|(i, m)| (m.primary, std::cmp::Reverse(*i)))
            .map(|(i, _)| i)
    });
    let open_console = forced
        || match console {
            HostConsole::Auto => tv.is_some(),
            HostConsole::Always => true,
            HostConsole::Never => false,
        };
    Placement {
        tv,
        console: console_at.filter(|_| open_console),
        open_console,
    }
}

/// The TV choice after `current`, going through Auto, each monitor by name, and Off.
pub fn cycle_tv(current: &TvScreen, monitors: &[MonitorInfo], step: i32) -> TvScreen {
    let mut all = vec![TvScreen::Auto];
    all.extend(monitors.iter().map(|m| TvScreen::Named(m.name.clone())));
    all.push(TvScreen::Off);
    let at = all.iter().position(|c| c == current).unwrap_or(0) as i64;
    all[(at + i64::from(step)).rem_euclid(all.len() as i64) as usize].clone()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn monitor(name: &str, primary: bool, x: i32) -> MonitorInfo {
        MonitorInfo {
            name: name.to_string(),
            primary,
            x,
            y: 0,
        }
    }

    #[test]
    fn one_monitor_keeps_the_window_and_opens_the_console_only_when_asked() {
        let one = [monitor("eDP-1", true, 0)];
        let p = place(&one, &TvScreen::Auto, HostConsole::Auto, false);
        assert_eq!(
            p,
            Placement {
                tv: None,
                console: None,
                open_console: false
            }
        );
        // A name saved at another party is not a second screen here.
        let p = place(
            &one,
            &TvScreen::Named("eDP-1".into()),
            HostConsole::Auto,
            false,
        );
        assert_eq!(p.tv, None);
        assert!(place(&one, &TvScreen::Auto, HostConsole::Auto, true).open_console);
        assert!(place(&one, &TvScreen::Auto, HostConsole::Always, false).open_console);
        assert!(!place(&one, &TvScreen::Auto, HostConsole::Never, false).open_console);
        assert!(
            place(&[], &TvScreen::Auto, HostConsole::Auto, false)
                .tv
                .is_none()
        );
    }

    #[test]
    fn a_second_monitor_is_the_tv_and_the_laptop_gets_the_console() {
        let mut two = vec![monitor("HDMI-1", false, 1920), monitor("eDP-1", true, 0)];
        in_order(&mut two);
        assert_eq!(two[0].name, "eDP-1");
        let p = place(&two, &TvScreen::Auto, HostConsole::Auto, false);
        assert_eq!(
            p,
            Placement {
                tv: Some(1),
                console: Some(0),
                open_console: true
            }
        );
        // The laptop on the right: the TV is still the one that is not primary.
        let two = [monitor("HDMI-1", false, 0), monitor("eDP-1", true, 1920)];
        let p = place(&two, &TvScreen::Auto, HostConsole::Auto, false);
        assert_eq!((p.tv, p.console), (Some(0), Some(1)));
        // Never: the TV still gets the game, the console stays closed.
        let p = place(&two, &TvScreen::Auto, HostConsole::Never, false);
        assert_eq!((p.tv, p.console, p.open_console), (Some(0), None, false));
        // Off: nothing moves; Auto opens no console without a TV.
        let p = place(&two, &TvScreen::Off, HostConsole::Auto, false);
        assert_eq!((p.tv, p.open_console), (None, false));
    }

    #[test]
    fn the_chosen_monitor_wins_and_a_missing_one_falls_back_to_auto() {
        let three = [
            monitor("eDP-1", true, 0),
            monitor("HDMI-1", false, 1920),
            monitor("DP-2", false, 3840),
        ];
        let p = place(&three, &TvScreen::Auto, HostConsole::Auto, false);
        assert_eq!((p.tv, p.console), (Some(2), Some(0)));
        let p = place(
            &three,
            &TvScreen::Named("HDMI-1".into()),
            HostConsole::Auto,
            false,
        );
        assert_eq!((p.tv, p.console), (Some(1), Some(0)));
        let p = place(
            &three,
            &TvScreen::Named("gone".into()),
            HostConsole::Auto,
            false,
        );
        assert_eq!(p.tv, Some(2));
        // The laptop itself chosen as the TV: the console goes to the first other screen.
        let p = place(
            &three,
            &TvScreen::Named("eDP-1".into()),
            HostConsole::Auto,
            false,
        );
        assert_eq!((p.tv, p.console), (Some(0), Some(1)));
    }

    #[test]
    fn the_tv_setting_cycles_through_every_monitor() {
        let two = [monitor("eDP-1", true, 0), monitor("HDMI-1", false, 1920)];
        let mut at = TvScreen::Auto;
        let mut seen = Vec::new();
        for _ in 0..4 {
            at = cycle_tv(&at, &two, 1);
            seen.push(at.clone());
        }
        assert_eq!(
            seen,
            [
                TvScreen::Named("eDP-1".into()),
                TvScreen::Named("HDMI-1".into()),
                TvScreen::Off,
                TvScreen::Auto
            ]
        );
        assert_eq!(cycle_tv(&TvScreen::Auto, &two, -1), TvScreen::Off);
        assert_eq!(HostConsole::Never.cycle(1), HostConsole::Auto);
    }
}
