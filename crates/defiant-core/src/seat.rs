//! Seats and teams: who plays, on which device, in which team.
//!
//! A seat has a stable [`SeatId`] that never changes or gets reused in a party, whatever
//! joins or leaves: scores, answers and undo entries refer to seats by id, never by a
//! position in a list.

use std::fmt;

use serde::{Deserialize, Serialize};
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;
use unicode_security::confusable_detection::skeleton;
use unicode_segmentation::UnicodeSegmentation;

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

/// Most combining marks kept on one letter: enough for any language's accents, not for a
/// "Zalgo" stack that draws far outside its line.
pub const MAX_MARKS_PER_LETTER: usize = 2;

/// Cleans a typed name so that what the TV shows is what was typed, readably:
/// normalised (NFC); control, bidirectional, default-ignorable and blank characters
/// removed (zero-width joiners, fillers, tag characters, the blank Braille cell); at most
/// [`MAX_MARKS_PER_LETTER`] combining marks on a letter; spaces collapsed and trimmed; at
/// most [`MAX_NAME_CHARS`] characters, cut between letters. Emoji are welcome, whole: a
/// zero-width joiner between two emoji (👩‍🎤) and the emoji presentation selector after
/// one (❤️) are kept. Returns `None` when nothing visible is left.
pub fn clean_name(raw: &str) -> Option<String> {
    let chars: Vec<char> = raw
        .nfc()
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .filter(|&c| !c.is_control() && !is_bidi_control(c))
        .collect();
    // Joiners and selectors are kept only inside an emoji sequence: a selector after an
    // emoji (or in a keycap, 1️⃣), a joiner between an emoji (with its selector) and the
    // next emoji (❤️‍🔥, 🏳️‍🌈, 👩‍🎤).
    let mut kept = String::new();
    let mut last_kept: Option<char> = None;
    for (i, &c) in chars.iter().enumerate() {
        let next = chars.get(i + 1).copied();
        let keep = match c {
            ZWJ => {
                last_kept.is_some_and(|p| is_pictographic(p) || p == EMOJI_STYLE)
                    && next.is_some_and(is_pictographic)
            }
            EMOJI_STYLE => last_kept.is_some_and(|p| {
                is_pictographic(p) || (matches!(p, '0'..='9' | '#' | '*') && next == Some(KEYCAP))
            }),
            _ => !is_invisible(c),
        };
        if keep {
            kept.push(c);
            last_kept = Some(c);
        }
    }
    // Letters (grapheme clusters) with their marks capped, words joined by one space.
    let mut letters: Vec<String> = Vec::new();
    for word in kept.split(' ').filter(|w| !w.is_empty()) {
        if !letters.is_empty() {
            letters.push(" ".to_string());
        }
        for letter in word.graphemes(true) {
            let mut marks = 0;
            let letter: String = letter
                .chars()
                .filter(|&c| {
                    let mark = is_combining_mark(c);
                    marks += usize::from(mark);
                    !mark || marks <= MAX_MARKS_PER_LETTER
                })
                .collect();
            // Marks with nothing under them are dropped.
            if letter.chars().any(|c| !is_combining_mark(c)) {
                letters.push(letter);
            }
        }
    }
    // Cut between letters, never inside one.
    let mut name = String::new();
    for letter in letters {
        if name.chars().count() + letter.chars().count() > MAX_NAME_CHARS {
            break;
        }
        name.push_str(&letter);
    }
    (!name.trim().is_empty()).then(|| name.trim().to_string())
}

/// The zero-width joiner, kept only inside an emoji sequence.
const ZWJ: char = '\u{200D}';
/// Variation selector 16 (draw as emoji), kept only after an emoji or in a keycap.
const EMOJI_STYLE: char = '\u{FE0F}';
/// The combining enclosing keycap that ends a keycap emoji (1️⃣).
const KEYCAP: char = '\u{20E3}';

/// Pictographic characters (Unicode's Extended_Pictographic, in the ranges that matter
/// for names): what a zero-width joiner may join and a presentation selector may follow.
fn is_pictographic(c: char) -> bool {
    matches!(c,
        '\u{00A9}' | '\u{00AE}' | '\u{203C}' | '\u{2049}' | '\u{2122}' | '\u{2139}'
        | '\u{2194}'..='\u{2199}' | '\u{21A9}'..='\u{21AA}' | '\u{231A}'..='\u{23FF}'
        | '\u{24C2}' | '\u{25AA}'..='\u{25FE}' | '\u{2600}'..='\u{27BF}'
        | '\u{2934}'..='\u{2935}' | '\u{2B05}'..='\u{2B55}' | '\u{3030}' | '\u{303D}'
        | '\u{3297}' | '\u{3299}' | '\u{1F000}'..='\u{1FAFF}')
}

/// Bidirectional embedding, override and isolate characters, which could reorder a
/// scoreboard line around a name.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Characters that draw nothing: Unicode's default-ignorable code points
/// (DerivedCoreProperties.txt: soft hyphen, combining grapheme joiner, Hangul fillers,
/// Mongolian and other variation selectors, zero-width spaces and joiners, invisible
/// operators, tag characters...) and the blank Braille cell.
fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}'..='\u{1160}' | '\u{17B4}'..='\u{17B5}'
        | '\u{180B}'..='\u{180F}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{206F}' | '\u{2800}' | '\u{3164}' | '\u{FE00}'..='\u{FE0F}'
        | '\u{FEFF}' | '\u{FFA0}' | '\u{FFF0}'..='\u{FFF8}' | '\u{1BCA0}'..='\u{1BCA3}'
        | '\u{1D173}'..='\u{1D17A}' | '\u{E0000}'..='\u{E0FFF}')
}

/// What two names are compared by: their Unicode confusable skeleton (UTS #39) in lower
/// case, so that names which read the same on the TV ("Mixxng" and "Mіxxng" with a
/// Cyrillic і, "rn" and "m") count as the same name.
pub fn name_key(name: &str) -> String {
    let lower: String = name.nfc().flat_map(char::to_lowercase).collect();
    skeleton(&lower).flat_map(char::to_lowercase).collect()
}

/// `wanted`, or with " 2", " 3"... added (within [`MAX_NAME_CHARS`]) if it reads the same
/// as a name already `taken` (see [`name_key`]).
pub fn unique_name<'a>(wanted: &str, taken: impl IntoIterator<Item = &'a str>) -> String {
    // Each taken name's key once, not once per candidate.
    let keys: std::collections::HashSet<String> = taken.into_iter().map(name_key).collect();
    let clash = |name: &str| keys.contains(&name_key(name));
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

    #[test]
    fn invisible_names_are_refused() {
        // Zero-width non-joiner, invisible operator, Hangul filler, blank Braille cell,
        // tag characters, a variation selector, a soft hyphen: nothing to see.
        for name in [
            "\u{200C}",
            "\u{2061}\u{2061}",
            "\u{3164}",
            "\u{2800}\u{2800}",
            "\u{E0041}\u{E0042}",
            "\u{FE0F} \u{00AD}",
            "\u{0301}\u{0301}",
        ] {
            assert_eq!(clean_name(name), None, "{name:?}");
        }
        assert_eq!(clean_name("Ana\u{200C}\u{3164}").as_deref(), Some("Ana"));
    }

    #[test]
    fn look_alike_names_read_as_taken() {
        let taken = ["Mixxng"];
        // A hidden joiner, a hidden grapheme joiner, a Cyrillic і, "rn" for "m".
        let joiner = clean_name("Mixxng\u{200C}").unwrap();
        assert_eq!(unique_name(&joiner, taken), "Mixxng 2");
        let grapheme = clean_name("Mix\u{034F}xng").unwrap();
        assert_eq!(unique_name(&grapheme, taken), "Mixxng 2");
        assert_eq!(unique_name("M\u{0456}xxng", taken), "M\u{0456}xxng 2");
        assert_eq!(name_key("Dre"), name_key("DRE"));
        assert_eq!(name_key("rnc"), name_key("mc"));
        assert_ne!(name_key("Dre"), name_key("Dee"));
        // Composed and decomposed accents are one name.
        assert_eq!(name_key("Jos\u{00E9}"), name_key("Jose\u{0301}"));
    }

    #[test]
    fn emoji_names_stay_whole() {
        // A woman singer (woman + ZWJ + microphone), a red heart with its emoji selector,
        // a skin tone, a flag: kept as typed.
        for name in [
            "👩\u{200D}🎤 Ana",
            "❤\u{FE0F} Dre",
            "👍🏽",
            "🇺🇸 Jimmy",
            "🎧🎹",
            // A heart on fire, a rainbow flag, a woman detective: a selector then a joiner;
            // a keycap.
            "❤\u{FE0F}\u{200D}🔥",
            "🏳\u{FE0F}\u{200D}🌈",
            "🕵\u{FE0F}\u{200D}♀\u{FE0F}",
            "1\u{FE0F}\u{20E3} Cy",
        ] {
            assert_eq!(clean_name(name).as_deref(), Some(name), "{name:?}");
        }
        // A joiner or selector anywhere else is still dropped, and an emoji alone is a
        // visible name.
        assert_eq!(clean_name("A\u{200D}na\u{FE0F}").as_deref(), Some("Ana"));
        assert_eq!(clean_name("🎤\u{200D}").as_deref(), Some("🎤"));
        assert_eq!(clean_name("\u{200D}\u{FE0F}"), None);
        // Two emoji names compare by what they show.
        assert_eq!(unique_name("🎤", ["🎤"]), "🎤 2");
    }

    #[test]
    fn a_letter_keeps_at_most_two_marks() {
        let zalgo = format!("Z{}", "\u{0301}".repeat(15));
        let cleaned = clean_name(&zalgo).unwrap();
        assert_eq!(cleaned.chars().count(), 1 + MAX_MARKS_PER_LETTER);
        // Real accents stay, composed (NFC).
        assert_eq!(clean_name("Jose\u{0301}").as_deref(), Some("Jos\u{00E9}"));
        assert_eq!(
            clean_name("Ng\u{0303}\u{0301}").as_deref(),
            Some("Ng\u{0303}\u{0301}")
        );
        // The cut falls between letters, never between a letter and its marks.
        let long = format!("abcdefghijklmno{}", "e\u{0301}\u{0302}");
        let cut = clean_name(&long).unwrap();
        assert_eq!(cut, "abcdefghijklmno");
    }
}
