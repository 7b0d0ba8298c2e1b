//! The high-score table: the ten best rounds per pack, kept across restarts via `store`.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// Entries kept per pack.
pub const TABLE_SIZE: usize = 10;
/// Longest name on the table, in characters.
pub const MAX_NAME: usize = 16;

/// One finished round on the table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HighScore {
    /// The name the player typed, at most [`MAX_NAME`] characters.
    pub name: String,
    /// The round's final score.
    pub score: u32,
    /// Questions answered right.
    pub correct: usize,
    /// Questions in the round.
    pub questions: usize,
    /// The longest run of right answers.
    pub best_streak: u32,
    /// The round code, so others can replay the same round.
    pub round_code: String,
    /// Seconds since the Unix epoch when the round ended.
    pub when: u64,
}

/// Every pack's table, keyed by the pack's file name.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HighScores {
    /// Each pack's entries, best first, keyed by the pack's file name.
    #[serde(default)]
    pub packs: BTreeMap<String, Vec<HighScore>>,
}

impl HighScores {
    /// The table of `pack`, best first; empty when nobody has played it.
    pub fn table(&self, pack: &str) -> &[HighScore] {
        self.packs.get(pack).map_or(&[], Vec::as_slice)
    }

    /// Whether `score` would make the pack's top ten (a score of 0 never does).
    pub fn qualifies(&self, pack: &str, score: u32) -> bool {
        let table = self.table(pack);
        score > 0 && (table.len() < TABLE_SIZE || table.iter().any(|e| score > e.score))
    }

    /// Adds an entry if it qualifies; returns its place on the table (0 = best).
    /// Equal scores keep the earlier entry ahead.
    pub fn insert(&mut self, pack: &str, mut entry: HighScore) -> Option<usize> {
        if !self.qualifies(pack, entry.score) {
            return None;
        }
        entry.name = clean_name(&entry.name);
        let table = self.packs.entry(pack.to_string()).or_default();
        let place = table
            .iter()
            .position(|e| entry.score > e.score)
            .unwrap_or(table.len());
        table.insert(place, entry);
        table.truncate(TABLE_SIZE);
        Some(place)
    }
}

/// A name as it goes on the table: trimmed, control characters dropped, at most
/// [`MAX_NAME`] characters, "Player" when nothing is left.
pub fn clean_name(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .filter(|c| !c.is_control())
        .collect::<String>()
        .trim()
        .chars()
        .take(MAX_NAME)
        .collect();
    if cleaned.is_empty() {
        "Player".to_string()
    } else {
        cleaned
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(name: &str, score: u32) -> HighScore {
        HighScore {
            name: name.to_string(),
            score,
            correct: 0,
            questions: 10,
            best_streak: 0,
            round_code: "0000-0000".to_string(),
            when: 0,
        }
    }

    #[test]
    fn keeps_the_ten_best_in_order() {
        let mut hs = HighScores::default();
        for s in 1..=12u32 {
            hs.insert("p.ron", entry(&format!("n{s}"), s * 100));
        }
        let scores: Vec<u32> = hs.table("p.ron").iter().map(|e| e.score).collect();
        assert_eq!(scores, (3..=12).rev().map(|s| s * 100).collect::<Vec<_>>());
        assert!(!hs.qualifies("p.ron", 300));
        assert!(hs.qualifies("p.ron", 301));
        assert_eq!(hs.insert("p.ron", entry("late", 250)), None);
        assert_eq!(hs.insert("p.ron", entry("best", 5000)), Some(0));
        assert!(hs.table("other.ron").is_empty());
    }

    #[test]
    fn ties_keep_the_earlier_entry_ahead() {
        let mut hs = HighScores::default();
        hs.insert("p", entry("first", 500));
        assert_eq!(hs.insert("p", entry("second", 500)), Some(1));
        assert_eq!(hs.table("p")[0].name, "first");
    }

    #[test]
    fn zero_never_qualifies() {
        assert!(!HighScores::default().qualifies("p", 0));
    }

    #[test]
    fn names_are_cleaned() {
        assert_eq!(clean_name("  Ana \n"), "Ana");
        assert_eq!(clean_name(""), "Player");
        assert_eq!(clean_name("\u{7}"), "Player");
        assert_eq!(clean_name(&"é".repeat(40)).chars().count(), MAX_NAME);
    }
}
