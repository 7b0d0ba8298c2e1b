//! The host: the guard after a buzz, corrections, undo and removing seats.

use super::*;

#[test]
fn host_next_is_ignored_just_after_a_buzz() {
    let mut g = game(Format::BuzzIn, 2, 2);
    let t = open_buzzing(&mut g);
    buzz(&mut g, 0, t + S).unwrap();
    assert_eq!(
        host(&mut g, HostAction::Skip, t + S + 400 * MS),
        Err(Refusal::TooSoonAfterBuzz)
    );
    g.advance(t + S + 300 * MS);
    answer_right(&mut g, 0, t + S + 350 * MS).unwrap();
    assert_eq!(
        host(&mut g, HostAction::Next, t + S + 499 * MS),
        Err(Refusal::TooSoonAfterBuzz)
    );
    assert_eq!(g.phase(), Phase::Reveal);
    host(&mut g, HostAction::Next, t + S + 500 * MS).unwrap();
    assert_eq!(g.phase(), Phase::Question);
}

#[test]
fn adjustments_and_undo_restore_exact_scores() {
    let mut g = game(Format::EveryoneAnswers, 2, 3);
    g.start(Duration::ZERO).unwrap();
    answer_right(&mut g, 0, S).unwrap();
    answer_wrong(&mut g, 1, S).unwrap();
    let after_q1 = (score(&g, 0), score(&g, 1));
    adjust(&mut g, 1, 300, 2 * S);
    adjust(&mut g, 0, -100, 3 * S);
    assert_eq!((score(&g, 0), score(&g, 1)), (after_q1.0 - 100, 300));
    assert_eq!(g.undo_label(), Some("-100 points for Ana"));
    host(&mut g, HostAction::Undo, 4 * S).unwrap();
    assert_eq!((score(&g, 0), score(&g, 1)), (after_q1.0, 300));
    host(&mut g, HostAction::Undo, 4 * S).unwrap();
    assert_eq!((score(&g, 0), score(&g, 1)), after_q1);
    host(&mut g, HostAction::Undo, 4 * S).unwrap();
    assert_eq!((score(&g, 0), score(&g, 1)), (0, 0));
    assert_eq!(
        host(&mut g, HostAction::Undo, 4 * S),
        Err(Refusal::NothingToUndo)
    );
}

#[test]
fn undo_of_a_wrong_buzz_lifts_the_lockout() {
    let mut g = game(Format::BuzzIn, 2, 1);
    let t = open_buzzing(&mut g);
    buzz(&mut g, 0, t + S).unwrap();
    g.advance(t + S + 300 * MS);
    answer_wrong(&mut g, 0, t + 2 * S).unwrap();
    assert_eq!(buzz(&mut g, 0, t + 3 * S), Err(Refusal::LockedOut));
    host(&mut g, HostAction::Undo, t + 4 * S).unwrap();
    assert_eq!(score(&g, 0), 0);
    assert!(g.player(SeatId(0)).unwrap().stats.results.is_empty());
    buzz(&mut g, 0, t + 5 * S).unwrap();
}

#[test]
fn removing_a_seat_mid_question() {
    let mut g = game(Format::EveryoneAnswers, 3, 2);
    g.start(Duration::ZERO).unwrap();
    answer_right(&mut g, 0, S).unwrap();
    answer_right(&mut g, 1, S).unwrap();
    adjust(&mut g, 2, 50, S);
    // Removing the one seat still thinking closes the question.
    host(&mut g, HostAction::RemoveSeat(SeatId(2)), 2 * S).unwrap();
    assert_eq!(g.phase(), Phase::Reveal);
    assert_eq!(score(&g, 2), 50, "a removed seat keeps its score");
    assert!(g.standings().contains(&SeatId(2)));
    host(&mut g, HostAction::Next, 3 * S).unwrap();
    assert_eq!(answer(&mut g, 2, 0, 4 * S), Err(Refusal::SeatRemoved));

    // Buzz-in: removing the seat that holds the buzz reopens buzzing.
    let mut g = game(Format::BuzzIn, 3, 1);
    let t = open_buzzing(&mut g);
    buzz(&mut g, 1, t + S).unwrap();
    g.advance(t + 2 * S);
    host(&mut g, HostAction::RemoveSeat(SeatId(1)), t + 2 * S).unwrap();
    assert_eq!(g.buzz(), &Buzz::Open);
    assert_eq!(score(&g, 1), 0);
}
