//! Scenarios: a night in rounds, ending on a final.

use defiant_core::game::{GameRound, Modifier};

use super::*;

/// `seats` seats; a regular round of `regular` questions (none: the final alone), then
/// a final of one; no speed or streak bonus, a 250 penalty, the reveal moving on by
/// itself after `reveal_for` if some.
fn final_night(seats: u32, regular: usize, reveal_for: Option<Duration>) -> Game {
    let rules = Rules {
        format: Format::EveryoneAnswers,
        speed_bonus: false,
        streak_bonus: false,
        wrong_penalty: 250,
        reveal_for,
        scoreboard: ScoreboardEvery::End,
    };
    let mut g = Game::new(
        (0..=regular).map(|n| question(n, 20, 4, 0)).collect(),
        (0..seats).map(seat).collect(),
        teams(),
        rules,
        0,
    )
    .unwrap();
    let mut rounds = Vec::new();
    if regular > 0 {
        rounds.push(GameRound {
            name: "Round 1".to_string(),
            format: Format::EveryoneAnswers,
            modifier: Modifier::Normal,
            kind: RoundKind::Regular,
            first: 0,
            len: regular,
            evening: 1,
        });
    }
    rounds.push(common::final_round(regular));
    g.plan(rounds, Vec::new()).unwrap();
    g.start(Duration::ZERO).unwrap();
    g
}

fn seat_does(g: &mut Game, seat: u32, action: SeatAction, at: Duration) {
    g.apply(Command::Seat {
        seat: SeatId(seat),
        action,
        at,
    })
    .unwrap();
}

fn host_does(g: &mut Game, action: HostAction, at: Duration) {
    g.apply(Command::Host { action, at }).unwrap();
}

fn score(g: &Game, seat: u32) -> i64 {
    g.player(SeatId(seat)).unwrap().stats.score
}

/// Plays the night's regular round (`regular` questions, seat 0 right, the others wrong)
/// to the final's stakes; returns the time.
fn to_the_wager(g: &mut Game, seats: u32, regular: usize) -> Duration {
    let mut t = Duration::ZERO;
    for _ in 0..regular {
        t += S;
        for s in 0..seats {
            seat_does(g, s, SeatAction::Answer(u8::from(s != 0)), t);
        }
        t += S;
        host_does(g, HostAction::Next, t);
    }
    if regular > 0 {
        assert_eq!(g.phase(), Phase::RoundEnd);
        t += S;
        host_does(g, HostAction::Next, t);
    }
    assert_eq!(g.phase(), Phase::Wager);
    t
}

/// A night in rounds played out: a round, the final's stakes, its question and its
/// reveal seat by seat, lowest score first, each by its stake; then the round's
/// scoreboard and the podium. (What the properties check at random, once in order.)
#[test]
fn a_final_is_staked_answered_and_revealed_seat_by_seat() {
    let mut g = final_night(3, 1, None);
    let t = to_the_wager(&mut g, 3, 1);
    assert_eq!((score(&g, 0), score(&g, 1), score(&g, 2)), (1000, 0, 0));
    assert_eq!(g.max_stake(SeatId(0)), 1000);
    assert_eq!(g.max_stake(SeatId(1)), STAKE_FLOOR);
    assert_eq!(
        g.apply(Command::Seat {
            seat: SeatId(0),
            action: SeatAction::Stake(1001),
            at: t,
        }),
        Err(Refusal::StakeTooHigh)
    );
    seat_does(&mut g, 0, SeatAction::Stake(600), t);
    seat_does(&mut g, 1, SeatAction::Stake(STAKE_FLOOR), t);
    host_does(&mut g, HostAction::Next, t + S);
    seat_does(&mut g, 0, SeatAction::Answer(1), t + 2 * S);
    seat_does(&mut g, 1, SeatAction::Answer(0), t + 2 * S);
    seat_does(&mut g, 2, SeatAction::Answer(0), t + 2 * S);
    assert!(g.final_pending());
    assert_eq!(
        g.final_reveal(),
        (&[SeatId(1), SeatId(2), SeatId(0)][..], 0)
    );
    for k in 1..=3 {
        host_does(&mut g, HostAction::Next, t + (2 + k) * S);
        assert_eq!(g.final_reveal().1, k as usize);
    }
    assert_eq!((score(&g, 0), score(&g, 1), score(&g, 2)), (400, 500, 0));
    host_does(&mut g, HostAction::Next, t + 6 * S);
    assert_eq!(g.phase(), Phase::RoundEnd);
    host_does(&mut g, HostAction::Next, t + 7 * S);
    assert_eq!(g.phase(), Phase::Finished);
    assert_eq!(g.standings()[0], SeatId(1));
}

/// Was a core bug (fixed): with the reveal moving on by itself (`Rules::reveal_for`), its countdown
/// runs through the final's reveal too: when it is up, the reveal moves on with seats
/// not shown, and their stakes are never won or lost (`fire_next_timer` in
/// `game/flow.rs` calls `move_on` in any `Phase::Reveal`, `final_pending()` or not).
/// Found by `the_final_scores_each_seat_by_its_stake`.
#[test]
fn the_reveal_countdown_waits_for_the_finals_reveal() {
    let mut g = final_night(1, 0, Some(2 * S));
    assert_eq!(g.phase(), Phase::Wager);
    seat_does(&mut g, 0, SeatAction::Stake(300), S);
    host_does(&mut g, HostAction::Next, S);
    seat_does(&mut g, 0, SeatAction::Answer(0), 2 * S);
    assert!(g.final_pending());
    g.advance(10 * S);
    // Still revealing, or revealed: either way the right answer won its stake.
    assert!(
        g.final_pending() || score(&g, 0) == 300,
        "{:?} with {} of 1 seats shown, score {}",
        g.phase(),
        g.final_reveal().1,
        score(&g, 0)
    );
}

/// Was a core bug: the final's answers were recorded with no undo snapshot of their own,
/// so an Undo in its reveal took back the snapshot before them (the last stake) and every
/// answer with it. Now closing the final saves one: an Undo in its reveal takes back the
/// last seat shown, and only an Undo before any is shown takes back the answers as a
/// whole (like a question's scores). Found by `the_final_scores_each_seat_by_its_stake`.
#[test]
fn undo_in_the_finals_reveal_keeps_its_answers() {
    let mut g = final_night(2, 1, None);
    let t = to_the_wager(&mut g, 2, 1);
    seat_does(&mut g, 0, SeatAction::Stake(400), t);
    seat_does(&mut g, 1, SeatAction::Stake(300), t);
    host_does(&mut g, HostAction::Next, t + S);
    seat_does(&mut g, 0, SeatAction::Answer(0), t + 2 * S);
    seat_does(&mut g, 1, SeatAction::Answer(0), t + 2 * S);
    assert!(g.final_pending());
    assert_eq!(g.undo_label(), Some("the final's answers"));
    host_does(&mut g, HostAction::Next, t + 3 * S);
    let first = g.final_reveal().0[0];
    let shown_score = score(&g, first.0);
    host_does(&mut g, HostAction::Undo, t + 4 * S);
    assert_eq!(g.final_reveal().1, 0);
    for s in 0..2 {
        assert!(
            g.last_result(SeatId(s)).is_some(),
            "seat {s}'s answer to the final is gone after undoing a step"
        );
    }
    host_does(&mut g, HostAction::Next, t + 5 * S);
    assert_eq!(score(&g, first.0), shown_score);
    host_does(&mut g, HostAction::Next, t + 6 * S);
    // Both were right: Ana wins her 400 and Ben his 300.
    assert_eq!(score(&g, 0), 1400);
    // Before any seat is shown, Undo takes the final's answers back as a whole.
    let mut h = final_night(2, 1, None);
    let t = to_the_wager(&mut h, 2, 1);
    seat_does(&mut h, 0, SeatAction::Stake(400), t);
    host_does(&mut h, HostAction::Next, t + S);
    seat_does(&mut h, 0, SeatAction::Answer(0), t + 2 * S);
    seat_does(&mut h, 1, SeatAction::Answer(0), t + 2 * S);
    let before = (score(&h, 0), score(&h, 1));
    host_does(&mut h, HostAction::Undo, t + 3 * S);
    assert!(h.last_result(SeatId(0)).is_none());
    host_does(&mut h, HostAction::Next, t + 4 * S);
    host_does(&mut h, HostAction::Next, t + 5 * S);
    assert_eq!(
        (score(&h, 0), score(&h, 1)),
        before,
        "nothing left to score"
    );
}

/// Was a core bug (settled: a removed seat's turn passes, its score kept): a seat the host removes after the final's question
/// closed is still shown in its reveal, and its score moves by its stake, though a
/// removed seat is "no longer asked, score kept" (an everyone-answers question drops a
/// removed seat's answer). Found by `removed_seats_are_left_alone_and_present_answers_close`
/// once its games had finals.
#[test]
fn a_seat_removed_before_its_final_reveal_is_not_scored() {
    let mut g = final_night(2, 0, None);
    seat_does(&mut g, 0, SeatAction::Stake(250), S);
    host_does(&mut g, HostAction::Next, S);
    g.advance(30 * S);
    assert!(g.final_pending());
    host_does(&mut g, HostAction::RemoveSeat(SeatId(0)), 31 * S);
    host_does(&mut g, HostAction::Next, 32 * S);
    host_does(&mut g, HostAction::Next, 33 * S);
    assert_eq!(score(&g, 0), 0, "removed, yet lost its stake");
}

/// Was a core gap (fixed: stakes are brought down to the bound as the question opens): a stake is checked against the seat's score only when it is set. A host
/// correction during the stakes (or an undo there of a decision before them) can lower
/// the score below a stake already set, and the final opens with the stake above what
/// the seat may stake (and may lose more than its score). Found by
/// `the_final_scores_each_seat_by_its_stake`.
#[test]
fn a_correction_after_a_stake_keeps_it_within_the_score() {
    let mut g = final_night(1, 1, None);
    let t = to_the_wager(&mut g, 1, 1);
    seat_does(&mut g, 0, SeatAction::Stake(1000), t);
    host_does(
        &mut g,
        HostAction::Adjust {
            seat: SeatId(0),
            points: -900,
        },
        t + S,
    );
    assert_eq!(g.max_stake(SeatId(0)), 100);
    host_does(&mut g, HostAction::Next, t + 2 * S);
    assert_eq!(g.phase(), Phase::Question);
    let stake = g.stake(SeatId(0)).unwrap_or(0);
    assert!(
        stake <= g.max_stake(SeatId(0)),
        "the final opens with a stake of {stake} on 100 points"
    );
}
