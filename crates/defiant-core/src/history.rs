//! The party history: one record per party played, saved after each one (atomically,
//! through [`crate::store`]), so the title can name the last winner.

use serde::{Deserialize, Serialize};

use crate::game::{Format, Game};

/// Parties kept; the oldest are dropped first.
pub const MAX_PARTIES: usize = 50;

/// Every party kept, oldest first.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PartyHistory {
    /// The parties, oldest first; at most [`MAX_PARTIES`].
    #[serde(default)]
    pub parties: Vec<PartyRecord>,
}

/// One party as it ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PartyRecord {
    /// Identifies the party (a score corrected on the podium replaces its record).
    pub id: u64,
    /// Seconds since the Unix epoch when it ended.
    pub when: u64,
    /// The pack's title.
    pub pack: String,
    /// The round's code: the same code replays the same questions.
    pub round_code: String,
    /// How the questions were played: everyone answers, or buzz-in.
    pub format: Format,
    /// How many questions the round had.
    pub questions: usize,
    /// Every seat, best first.
    pub seats: Vec<SeatRecord>,
    /// Every team, best first (empty without teams).
    pub teams: Vec<TeamRecord>,
    /// The winning team, else the winning seat; a tie names them all, joined with " & ".
    pub winner: String,
    /// A night of rounds: each round's name and winner (none for a one-round night).
    #[serde(default)]
    pub rounds: Vec<RoundRecord>,
}

/// One round of a night of rounds, as the history keeps it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoundRecord {
    /// The round's name ("Round 2", "The final", "Sudden death").
    pub name: String,
    /// Who earned the most in it ("Ana", "Ana & Ben"); empty if nobody scored.
    pub winner: String,
}

/// How one seat finished a party.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeatRecord {
    /// The seat's name.
    pub name: String,
    /// Its final score.
    pub score: i64,
    /// Questions it answered right.
    pub correct: usize,
    /// Questions it was asked (skipped ones not counted).
    pub asked: usize,
    /// Its team's name, in a team party.
    pub team: Option<String>,
    /// The host took it out of the game before the end; its score still counts.
    pub removed: bool,
}

/// How one team finished a party.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TeamRecord {
    /// The team's name.
    pub name: String,
    /// Its score: the average of its members'.
    pub score: i64,
}

impl PartyRecord {
    /// The record of `game` (finished, or ended early), ended at `when`.
    pub fn from_game(game: &Game, pack: &str, round_code: &str, when: u64) -> Self {
        let team_name = |id| {
            game.teams()
                .iter()
                .find(|t| t.id == id)
                .map(|t| t.name.clone())
        };
        let seats: Vec<SeatRecord> = game
            .standings()
            .iter()
            .filter_map(|id| game.player(*id))
            .map(|p| SeatRecord {
                name: p.seat.name.clone(),
                score: p.stats.score,
                correct: p.stats.correct_count(),
                asked: p.stats.asked(),
                team: p.seat.team.and_then(team_name),
                removed: p.removed,
            })
            .collect();
        let teams: Vec<TeamRecord> = game
            .team_standings()
            .into_iter()
            .map(|(id, score)| TeamRecord {
                name: team_name(id).unwrap_or_default(),
                score,
            })
            .collect();
        let winner = match (teams.first(), seats.first()) {
            (Some(top), _) => joined(
                teams
                    .iter()
                    .filter(|t| t.score == top.score)
                    .map(|t| &t.name),
            ),
            (None, Some(_)) if game.tiebreak_winner().is_some() => game
                .tiebreak_winner()
                .and_then(|s| game.player(s))
                .map_or(String::new(), |p| p.seat.name.clone()),
            (None, Some(top)) => joined(
                seats
                    .iter()
                    .filter(|s| s.score == top.score)
                    .map(|s| &s.name),
            ),
            (None, None) => String::new(),
        };
        Self {
            // The game's seed tells parties of the same second apart.
            id: when.wrapping_mul(1_000_003) ^ game.seed(),
            when,
            pack: pack.to_string(),
            round_code: round_code.to_string(),
            format: game.rules().format,
            questions: game.questions().len(),
            seats,
            teams,
            winner,
            rounds: if game.in_rounds() {
                (0..game.rounds().len())
                    .map(|i| {
                        let round = &game.rounds()[i];
                        // A sudden death scores nobody: its winner is the closest guess.
                        let winners = if round.kind == crate::game::RoundKind::Tiebreak {
                            game.tiebreak_winner().into_iter().collect()
                        } else {
                            game.round_winners(i)
                        };
                        RoundRecord {
                            name: round.name.clone(),
                            winner: joined(
                                winners
                                    .iter()
                                    .filter_map(|s| game.player(*s))
                                    .map(|p| &p.seat.name),
                            ),
                        }
                    })
                    .collect()
            } else {
                Vec::new()
            },
        }
    }
}

fn joined<'a>(names: impl Iterator<Item = &'a String>) -> String {
    names.map(String::as_str).collect::<Vec<_>>().join(" & ")
}

impl PartyHistory {
    /// Adds a party, or replaces the record with the same id; keeps the newest
    /// [`MAX_PARTIES`].
    pub fn record(&mut self, record: PartyRecord) {
        match self.parties.iter_mut().find(|p| p.id == record.id) {
            Some(existing) => *existing = record,
            None => self.parties.push(record),
        }
        let excess = self.parties.len().saturating_sub(MAX_PARTIES);
        self.parties.drain(..excess);
    }

    /// The last party's winner and pack, if any party was played.
    pub fn last_winner(&self) -> Option<(&str, &str)> {
        let last = self.parties.last()?;
        Some((last.winner.as_str(), last.pack.as_str()))
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;
    use crate::command::{Command, HostAction};
    use crate::game::{Rules, ScoreboardEvery};
    use crate::pack::Difficulty;
    use crate::round::RoundQuestion;
    use crate::seat::{Device, Seat, SeatId, Team, TeamId};
    use crate::store;

    fn team_game() -> Game {
        let question = RoundQuestion {
            id: "q".into(),
            prompt: "Q?".into(),
            options: vec!["a".into(), "b".into()],
            correct: 0,
            explanation: "E.".into(),
            category: "C".into(),
            difficulty: Difficulty::Easy,
            time_limit: Duration::from_secs(20),
            true_false: false,
            asked: Default::default(),
            media: Default::default(),
        };
        let seat = |i: u32, team: u8| Seat {
            id: SeatId(i),
            name: ["Ana", "Ben", "Cy"][i as usize].to_string(),
            colour: i as u8,
            device: Device::Keys(i as u8),
            team: Some(TeamId(team)),
        };
        let mut rules = Rules::party(Format::EveryoneAnswers);
        rules.scoreboard = ScoreboardEvery::End;
        let mut g = Game::new(
            vec![question],
            vec![seat(0, 0), seat(1, 0), seat(2, 1)],
            vec![
                Team {
                    id: TeamId(0),
                    name: "Reds".into(),
                },
                Team {
                    id: TeamId(1),
                    name: "Blues".into(),
                },
            ],
            rules,
            9,
        )
        .unwrap();
        g.start(Duration::ZERO).unwrap();
        for (seat, points) in [(0, 900), (1, 100), (2, 600)] {
            g.apply(Command::Host {
                action: HostAction::Adjust {
                    seat: SeatId(seat),
                    points,
                },
                at: Duration::from_secs(1),
            })
            .unwrap();
        }
        g
    }

    #[test]
    fn a_record_ranks_seats_and_teams() {
        let record = PartyRecord::from_game(&team_game(), "Pack", "ABCD-EFGH", 1_700_000_000);
        let names: Vec<&str> = record.seats.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["Ana", "Cy", "Ben"]);
        assert_eq!(record.seats[0].team.as_deref(), Some("Reds"));
        // Reds average (900 + 100) / 2 = 500; Blues 600.
        assert_eq!(
            record.teams,
            [
                TeamRecord {
                    name: "Blues".into(),
                    score: 600
                },
                TeamRecord {
                    name: "Reds".into(),
                    score: 500
                },
            ]
        );
        assert_eq!(record.winner, "Blues");
    }

    #[test]
    fn records_replace_by_id_and_keep_the_newest_fifty() {
        let game = team_game();
        let mut history = PartyHistory::default();
        for when in 0..60 {
            history.record(PartyRecord::from_game(
                &game,
                &format!("P{when}"),
                "C",
                when,
            ));
        }
        assert_eq!(history.parties.len(), MAX_PARTIES);
        assert_eq!(history.parties[0].pack, "P10");
        assert_eq!(history.last_winner(), Some(("Blues", "P59")));
        let mut corrected = PartyRecord::from_game(&game, "P59", "C", 59);
        corrected.winner = "Reds".into();
        history.record(corrected);
        assert_eq!(history.parties.len(), MAX_PARTIES);
        assert_eq!(history.last_winner(), Some(("Reds", "P59")));
    }

    #[test]
    fn saved_atomically_read_back_and_a_corrupt_file_set_aside() {
        let dir = std::env::temp_dir().join(format!("defiant-history-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("party-history.ron");
        let mut history = PartyHistory::default();
        history.record(PartyRecord::from_game(&team_game(), "Pack", "C", 5));
        store::save(&path, &history).unwrap();
        let loaded = store::load::<PartyHistory>(&path);
        assert_eq!(loaded.notice, None);
        assert_eq!(loaded.value, history);

        std::fs::write(&path, "(parties: [ (id: ").unwrap();
        let loaded = store::load::<PartyHistory>(&path);
        assert_eq!(loaded.value, PartyHistory::default());
        assert!(loaded.notice.unwrap().contains("party-history.ron"));
        assert!(dir.join("party-history.ron.corrupt-1").is_file());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
