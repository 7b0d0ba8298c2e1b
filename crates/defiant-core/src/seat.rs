//! Seats and teams: who plays, on which device, in which team.
//!
//! A seat has a stable [`SeatId`] that never changes or gets reused in a party, whatever
//! joins or leaves: scores, answers and undo entries refer to seats by id, never by a
//! position in a list.

use std::fmt;

use serde::{Deserialize, Serialize};

/// A seat's stable id within one party.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct SeatId(pub u32);

impl fmt::Display for SeatId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "seat {}", self.0)
    }
}

/// A team's id within one party.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct TeamId(pub u8);

/// The device a seat plays on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Device {
    /// The solo player: every key, the mouse and any gamepad.
    Solo,
    /// One of the fixed key groups on the shared keyboard (0-based).
    Keys(u8),
    /// A gamepad, by the order in which pads joined this party (0-based).
    Gamepad(u8),
    /// A phone over the local network.
    Phone,
}

impl Device {
    /// The device in words, for the lobby and the seat list ("Keyboard 2").
    pub fn label(self) -> String {
        match self {
            Device::Solo => "Keyboard, mouse or gamepad".to_string(),
            Device::Keys(group) => format!("Keyboard {}", group + 1),
            Device::Gamepad(pad) => format!("Gamepad {}", pad + 1),
            Device::Phone => "Phone".to_string(),
        }
    }
}

/// One player (or one seat of a shared device).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Seat {
    /// The seat's id: stable for the whole party, whatever the seat's name.
    pub id: SeatId,
    /// The player's name, shown on the chip, the scoreboard and the phone.
    pub name: String,
    /// Index into the seat colours (and shapes of the markers drawn for it).
    pub colour: u8,
    /// What the player presses: a key group, a gamepad, a phone.
    pub device: Device,
    /// The seat's team, when playing in teams.
    pub team: Option<TeamId>,
}

/// A team: its members are the seats whose `team` names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Team {
    /// The team's id.
    pub id: TeamId,
    /// The team's name.
    pub name: String,
}

/// Fewest seats at a party.
pub const MIN_PARTY_SEATS: usize = 2;
/// Most seats on this machine's keys and gamepads; phones come on top of these.
pub const MAX_LOCAL_SEATS: usize = 8;
/// Seat colours: with more seats than colours, colours repeat (names tell seats apart).
pub const SEAT_COLOURS: u8 = 8;
/// Fewest teams when playing in teams.
pub const MIN_TEAMS: usize = 2;
/// Most teams when playing in teams.
pub const MAX_TEAMS: usize = 4;
/// Longest seat name, in characters.
pub const MAX_NAME_CHARS: usize = 16;

/// The default team names, in order.
pub const TEAM_NAMES: [&str; MAX_TEAMS] = [
    "Team Compton",
    "Team Brooklyn",
    "Team Aftermath",
    "Team Interscope",
];

/// Cleans a typed name: control characters and bidirectional overrides removed, spaces
/// collapsed, trimmed, at most [`MAX_NAME_CHARS`] characters (emoji allowed). Returns
/// `None` when nothing is left.
pub fn clean_name(raw: &str) -> Option<String> {
    let kept: String = raw
        .chars()
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .filter(|&c| !c.is_control() && !is_bidi_control(c) && !is_invisible(c))
        .collect();
    let collapsed = kept
        .split(' ')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    let cut: String = collapsed.chars().take(MAX_NAME_CHARS).collect();
    let cut = cut.trim().to_string();
    (!cut.is_empty()).then_some(cut)
}

/// Bidirectional embedding, override and isolate characters, which could reorder a
/// scoreboard line around a name.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Zero-width characters that would make two names look the same.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}')
}

/// `wanted`, or `wanted 2`, `wanted 3`, ... so that no two seats share a name (compared
/// without case). The number replaces the end of a long name so it still fits.
pub fn unique_name<'a>(wanted: &str, taken: impl IntoIterator<Item = &'a str> + Clone) -> String {
    let clash = |name: &str| {
        taken
            .clone()
            .into_iter()
            .any(|t| t.to_lowercase() == name.to_lowercase())
    };
    if !clash(wanted) {
        return wanted.to_string();
    }
    (2..)
        .map(|n| {
            let suffix = format!(" {n}");
            let room = MAX_NAME_CHARS.saturating_sub(suffix.chars().count());
            let stem: String = wanted.chars().take(room).collect();
            format!("{}{suffix}", stem.trim_end())
        })
        .find(|candidate| !clash(candidate))
        .expect("some number is free")
}

/// A seat on keys for the crate's unit tests: id `i`, named `P{i}`, colour and key set `i`.
#[cfg(test)]
pub(crate) fn test_seat(i: u32) -> Seat {
    Seat {
        id: SeatId(i),
        name: format!("P{i}"),
        colour: i as u8,
        device: Device::Keys(i as u8),
        team: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_cleaned() {
        assert_eq!(clean_name("  Ana  ").as_deref(), Some("Ana"));
        assert_eq!(clean_name("A\u{202E}na\u{0007}").as_deref(), Some("Ana"));
        assert_eq!(clean_name("Big\n\tDre").as_deref(), Some("Big Dre"));
        assert_eq!(clean_name("\u{200B}\u{202D} ").as_deref(), None);
        assert_eq!(clean_name("🎤 MC").as_deref(), Some("🎤 MC"));
        assert_eq!(
            clean_name("abcdefghijklmnopqrstuvwxyz").as_deref(),
            Some("abcdefghijklmnop")
        );
    }

    #[test]
    fn duplicate_names_are_numbered() {
        let taken = ["Ana", "ana 2", "Ben"];
        assert_eq!(unique_name("Cy", taken), "Cy");
        assert_eq!(unique_name("ANA", taken), "ANA 3");
        assert_eq!(unique_name("Ben", taken), "Ben 2");
        let long = "abcdefghijklmnop";
        let named = unique_name(long, [long]);
        assert_eq!(named, "abcdefghijklmn 2");
        assert!(named.chars().count() <= MAX_NAME_CHARS);
    }
}
