//! The game's unit tests, by concern; this module has what they share.

mod answers;
mod buzz;
mod host;
mod question_kinds;
mod rounds;

use super::*;
use crate::command::{Arrangement, Guess, HostAction};
use crate::kinds;
use crate::pack::Difficulty;
use crate::seat::{Device, TeamId};

const S: Duration = Duration::from_secs(1);
const MS: Duration = Duration::from_millis(1);

fn question(n: usize, seconds: u64) -> RoundQuestion {
    RoundQuestion {
        id: format!("q{n}"),
        prompt: format!("Question {n}?"),
        options: (0..4).map(|o| format!("option {o}")).collect(),
        correct: n % 4,
        explanation: "Because.".to_string(),
        category: "Music".to_string(),
        difficulty: Difficulty::Easy,
        time_limit: Duration::from_secs(seconds),
        true_false: false,
        asked: Default::default(),
        media: Default::default(),
    }
}

fn seat(id: u32, team: Option<u8>) -> Seat {
    Seat {
        id: SeatId(id),
        name: ["Ana", "Ben", "Cy", "Dee", "Eve", "Flo", "Gus", "Hal"][id as usize].to_string(),
        colour: id as u8,
        device: Device::Keys(id as u8),
        team: team.map(TeamId),
    }
}

fn game(format: Format, seats: u32, questions: usize) -> Game {
    let mut rules = Rules::party(format);
    rules.scoreboard = ScoreboardEvery::End;
    Game::new(
        (0..questions).map(|n| question(n, 20)).collect(),
        (0..seats).map(|i| seat(i, None)).collect(),
        Vec::new(),
        rules,
        42,
    )
    .unwrap()
}

fn answer(g: &mut Game, seat: u32, option: usize, at: Duration) -> Result<(), Refusal> {
    g.apply(Command::Seat {
        seat: SeatId(seat),
        action: SeatAction::Answer(option as u8),
        at,
    })
}

fn answer_right(g: &mut Game, seat: u32, at: Duration) -> Result<(), Refusal> {
    let option = right(g);
    answer(g, seat, option, at)
}

fn answer_wrong(g: &mut Game, seat: u32, at: Duration) -> Result<(), Refusal> {
    let option = wrong(g);
    answer(g, seat, option, at)
}

fn buzz(g: &mut Game, seat: u32, at: Duration) -> Result<(), Refusal> {
    g.apply(Command::Seat {
        seat: SeatId(seat),
        action: SeatAction::Buzz,
        at,
    })
}

fn host(g: &mut Game, action: HostAction, at: Duration) -> Result<(), Refusal> {
    g.apply(Command::Host { action, at })
}

/// The host's correction of `points` for `seat` at `at`.
fn adjust(g: &mut Game, seat: u32, points: i32, at: Duration) {
    let seat = SeatId(seat);
    host(g, HostAction::Adjust { seat, points }, at).unwrap();
}

fn score(g: &Game, seat: u32) -> i64 {
    g.player(SeatId(seat)).unwrap().stats.score
}

fn right(g: &Game) -> usize {
    g.current().correct
}

fn wrong(g: &Game) -> usize {
    (g.current().correct + 1) % 4
}

/// Buzzing opens after the reading time; returns that time.
fn open_buzzing(g: &mut Game) -> Duration {
    g.start(Duration::ZERO).unwrap();
    g.advance(BUZZ_READING_TIME);
    assert_eq!(g.buzz(), &Buzz::Open);
    BUZZ_READING_TIME
}
