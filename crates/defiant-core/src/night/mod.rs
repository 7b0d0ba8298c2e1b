//! A night's journal: everything that changes a party, in order, so that a crash, a
//! `kill -9` or a power cut resumes the same night.
//!
//! The game is deterministic (time is an argument, ties are drawn with the seed), so the
//! changes *are* the night: a [`NightHeader`] holds what is needed to build the game
//! without the pack file (the questions and their option orders as asked, the rules, the
//! seed, the seats and the phones' seat tokens), and each [`Record`] is one change applied
//! at one time on the game clock. [`apply`] is the one way a change reaches a running
//! night, live and in [`replay`] alike.
//!
//! ## The file
//! ```text
//! "DTNIGHT\n"  format (u32 LE)  frame(header)  frame(record)  frame(record) ...
//! frame = length (u32 LE)  CRC-32 of the payload (u32 LE)  payload (JSON)
//! ```
//! A frame cut short at the end of the file (a power cut mid-write) is dropped, and so is
//! a last frame whose checksum fails; a failing frame with more after it is damage, and
//! the journal is refused rather than misread ([`JournalError::Damaged`]).
//!
//! The night as changes is here; the journal's bytes are in `file`, its files in the
//! data folder in `folder`, and the thread that writes and syncs them in `writer`.

mod file;
mod folder;
mod writer;

pub use file::{
    FORMAT, Journal, JournalError, MAGIC, MAX_FRAME, encode_record, encode_start, frame, read,
};
pub use folder::{
    EXTENSION, KEEP_UNFINISHED, ago, create, describe, describe_series, folder, journals, new_path,
    prune, reopen, series_folder,
};
pub use writer::{JournalWriter, WriterStatus};

use std::collections::BTreeMap;
use std::time::{Duration, SystemTime};

use serde::{Deserialize, Serialize};

use crate::command::{Command, Refusal};
use crate::game::{Evening, Game, GameError, GameRound, Phase, Rules};
use crate::pack::Pack;
use crate::plan::{PlanError, RoundPlan};
use crate::round::{RoundQuestion, RoundSettings, pick_questions};
use crate::seat::{Device, Seat, SeatId, Team};

/// Everything needed to build the night's game again without the pack file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NightHeader {
    /// The pack's file name: the key of its high scores.
    pub pack_file: String,
    /// The pack's title, as the title screen names the night.
    pub pack_title: String,
    /// The round's settings (its code among them) as chosen.
    pub settings: RoundSettings,
    /// The rules the night is played by.
    pub rules: Rules,
    /// The round's questions with their options in the order asked.
    pub questions: Vec<RoundQuestion>,
    /// The seats when the night started (latecomers are records).
    pub seats: Vec<Seat>,
    /// The teams, in a team party.
    pub teams: Vec<Team>,
    /// The game's seed (the round's): it draws the buzz ties.
    pub seed: u64,
    /// The phone room the night was played in, if phones could join.
    pub phones: Option<PhoneRoom>,
    /// When the night started, in milliseconds since the Unix epoch.
    pub started_ms: u64,
    /// The night's rounds over `questions` (none: one round of them all).
    #[serde(default)]
    pub rounds: Vec<GameRound>,
    /// Number questions kept for a sudden death.
    #[serde(default)]
    pub tiebreaks: Vec<RoundQuestion>,
    /// A series: each evening ends on a round's scoreboard and may go on another.
    #[serde(default)]
    pub series: bool,
}

/// The phone room of a night: the same port, code and seat tokens let every phone page
/// find its seat again after a resume, with no new scan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PhoneRoom {
    /// The port the phone server listened on.
    pub port: u16,
    /// The room code phones typed.
    pub room: String,
    /// Phone seats seated before the game started, and their tokens.
    pub tokens: BTreeMap<SeatId, String>,
    /// Names the host kept out of the room (a kicked phone's, by look-alike key): kept
    /// out again after a resume.
    #[serde(default)]
    pub banned: Vec<String>,
}

/// A change to the roster during a night.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Roster {
    /// A latecomer takes a seat (a phone with its seat token).
    Join {
        /// The new seat.
        seat: Seat,
        /// A phone's seat token, to find its seat after a resume; none for local seats.
        token: Option<String>,
    },
    /// A seat's device went away (a phone's page closed, a pad unplugged).
    Away(SeatId),
    /// A seat's device is back.
    Back(SeatId),
    /// A seat took a new name.
    Rename {
        /// The seat renamed.
        seat: SeatId,
        /// Its new name.
        name: String,
    },
}

/// What one record does.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Op {
    /// The first question opens.
    Start,
    /// A seat's or the host's input.
    Play(Command),
    /// A change to the seats.
    Roster(Roster),
    /// Time passed: a timer fired, or the clock ran on (so a resume knows the time left).
    Tick,
    /// Play again: the same round from the start with the night's first seats.
    Restart,
    /// The next evening of a series: its rounds and their questions.
    Evening(Box<Evening>),
}

/// One change, applied at `at` on the game clock: the game is advanced to `at` (timers
/// due by then fire first), then the op is applied.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Record {
    /// When the change happened, on the game clock.
    pub at: Duration,
    /// What changed.
    pub op: Op,
}

impl NightHeader {
    /// The header of a new night of `pack` (read from `pack_file`): its round picked
    /// with `settings`, no phone room yet, started now.
    pub fn new(
        pack_file: &str,
        pack: &Pack,
        settings: RoundSettings,
        rules: Rules,
        seats: Vec<Seat>,
        teams: Vec<Team>,
    ) -> Self {
        Self {
            pack_file: pack_file.to_string(),
            pack_title: pack.title.clone(),
            questions: pick_questions(pack, &settings),
            seed: settings.seed,
            settings,
            rules,
            seats,
            teams,
            phones: None,
            started_ms: SystemTime::now()
                .duration_since(SystemTime::UNIX_EPOCH)
                .map_or(0, |d| d.as_millis() as u64),
            rounds: Vec::new(),
            tiebreaks: Vec::new(),
            series: false,
        }
    }

    /// The header of a new night of `pack` in the rounds of `plan`, their questions
    /// picked with `settings`' seed and chapter limit (its count, time, category and
    /// difficulty are each round's own).
    #[allow(clippy::too_many_arguments)]
    pub fn planned(
        pack_file: &str,
        pack: &Pack,
        settings: RoundSettings,
        rules: Rules,
        plan: &[RoundPlan],
        series: bool,
        seats: Vec<Seat>,
        teams: Vec<Team>,
    ) -> Result<Self, PlanError> {
        let evening = crate::plan::pick(
            pack,
            plan,
            settings.seed,
            settings.watched,
            &Default::default(),
        )?;
        let mut header = Self::new(pack_file, pack, settings, rules, seats, teams);
        header.questions = evening.questions;
        header.rounds = evening.rounds;
        header.tiebreaks = evening.tiebreaks;
        header.series = series;
        Ok(header)
    }

    /// A new game of this night, before its first question.
    pub fn game(&self) -> Result<Game, GameError> {
        let mut game = Game::new(
            self.questions.clone(),
            self.seats.clone(),
            self.teams.clone(),
            self.rules.clone(),
            self.seed,
        )?;
        if !self.rounds.is_empty() {
            game.plan(self.rounds.clone(), self.tiebreaks.clone())
                .ok_or(GameError::NoQuestions)?;
        }
        game.set_series(self.series);
        Ok(game)
    }
}

/// The record that applies `op` now: never earlier than the game has been advanced to,
/// so that the record replays exactly as it was applied.
pub fn record(game: &Game, op: Op, at: Duration) -> Record {
    Record {
        at: at.max(game.advanced_to()),
        op,
    }
}

/// Applies one record to the night's game: the one way a change reaches a night, live
/// and in [`replay`] alike.
pub fn apply(game: &mut Game, header: &NightHeader, record: &Record) -> Result<(), Refusal> {
    let at = record.at;
    match &record.op {
        Op::Restart => {
            // Built once from this header already, so it builds again.
            *game = header.game().map_err(|_| Refusal::WrongPhase)?;
            Ok(())
        }
        Op::Start => {
            game.advance(at);
            game.start(at)
        }
        Op::Play(command) => {
            game.advance(at);
            game.apply(*command)
        }
        Op::Tick => {
            game.advance(at);
            Ok(())
        }
        Op::Evening(evening) => {
            game.advance(at);
            game.add_evening((**evening).clone(), at)
        }
        Op::Roster(change) => {
            game.advance(at);
            match change {
                Roster::Join { seat, .. } => {
                    if game.phase() == Phase::Finished {
                        return Err(Refusal::WrongPhase);
                    }
                    game.add_seat(seat.clone()).map_err(|_| Refusal::NoSuchSeat)
                }
                Roster::Away(seat) | Roster::Back(seat) => {
                    let away = matches!(change, Roster::Away(_));
                    match game.player(*seat) {
                        None => Err(Refusal::NoSuchSeat),
                        Some(p) if p.away == away => Err(Refusal::WrongPhase),
                        Some(_) => {
                            game.set_away(*seat, away, at);
                            Ok(())
                        }
                    }
                }
                Roster::Rename { seat, name } => {
                    game.player(*seat).ok_or(Refusal::NoSuchSeat)?;
                    game.rename(*seat, name.clone());
                    Ok(())
                }
            }
        }
    }
}

/// A night rebuilt from its journal.
#[derive(Debug, Clone)]
pub struct Night {
    /// What the night was built from.
    pub header: NightHeader,
    /// The game as the last record left it.
    pub game: Game,
    /// Records applied (refused ones included: they changed nothing then either).
    pub records: usize,
    /// Every phone seat still in the game and its token, for the phone server: the
    /// header's, and those of joins the game took (a refused join's token is not).
    pub tokens: BTreeMap<SeatId, String>,
}

impl Night {
    /// The game-clock time of the last record: the night goes on from here.
    pub fn resumed_at(&self) -> Duration {
        self.game.advanced_to()
    }
}

/// Replays a journal's records on a fresh game from its header.
pub fn replay(journal: &Journal) -> Result<Night, GameError> {
    let header = &journal.header;
    let mut game = header.game()?;
    let mut tokens: BTreeMap<SeatId, String> = header
        .phones
        .as_ref()
        .map(|p| p.tokens.clone())
        .unwrap_or_default();
    for record in &journal.records {
        let taken = apply(&mut game, header, record).is_ok();
        game.take_events();
        if taken
            && let Op::Roster(Roster::Join {
                seat,
                token: Some(token),
            }) = &record.op
        {
            tokens.insert(seat.id, token.clone());
        }
    }
    tokens.retain(|seat, _| {
        game.player(*seat)
            .is_some_and(|p| !p.removed && p.seat.device == Device::Phone)
    });
    Ok(Night {
        header: header.clone(),
        game,
        records: journal.records.len(),
        tokens,
    })
}

#[cfg(test)]
mod tests;
