//! Buzz-in: ties, the window, false starts, wrong answers and the countdown.

use super::*;

#[test]
fn buzz_ties_within_the_window_are_drawn_with_the_seed() {
    let mut winners = BTreeSet::new();
    for seed in 0..40 {
        let mut g = game(Format::BuzzIn, 3, 1);
        g.seed = seed;
        let t = open_buzzing(&mut g);
        buzz(&mut g, 0, t + S).unwrap();
        buzz(&mut g, 1, t + S + 299 * MS).unwrap();
        // Too late for the tie.
        buzz(&mut g, 2, t + S + 301 * MS).unwrap_err();
        let events = g.take_events();
        let won = events
            .iter()
            .find_map(|e| match e {
                Event::BuzzWon { seat, tied } => Some((*seat, tied.clone())),
                _ => None,
            })
            .unwrap();
        assert_eq!(won.1, vec![SeatId(0), SeatId(1)]);
        assert_eq!(won.0, draw(seed, 0, 0, &[SeatId(1), SeatId(0)]));
        winners.insert(won.0);
        // A replay with the same seed gives the same winner.
        let mut again = game(Format::BuzzIn, 3, 1);
        again.seed = seed;
        let t = open_buzzing(&mut again);
        buzz(&mut again, 1, t + S + 100 * MS).unwrap();
        buzz(&mut again, 0, t + S).unwrap();
        again.advance(t + 3 * S);
        assert!(matches!(again.buzz(), Buzz::Answering { seat, .. } if *seat == won.0));
    }
    assert_eq!(winners.len(), 2, "both tied seats win with some seeds");
}

#[test]
fn a_lone_buzz_waits_for_the_window_unless_everyone_pressed() {
    let mut g = game(Format::BuzzIn, 2, 1);
    let t = open_buzzing(&mut g);
    buzz(&mut g, 1, t + S).unwrap();
    g.advance(t + S + 299 * MS);
    assert!(matches!(g.buzz(), Buzz::Gathering { .. }));
    g.advance(t + S + 300 * MS);
    assert!(matches!(
        g.buzz(),
        Buzz::Answering {
            seat: SeatId(1),
            ..
        }
    ));

    // With both seats pressed, there is nobody left to wait for.
    let mut g = game(Format::BuzzIn, 2, 1);
    let t = open_buzzing(&mut g);
    buzz(&mut g, 0, t + S).unwrap();
    buzz(&mut g, 1, t + S + 50 * MS).unwrap();
    assert!(matches!(g.buzz(), Buzz::Answering { .. }));
}

#[test]
fn an_answer_pressed_right_after_the_buzz_counts_once_the_tie_is_settled() {
    let mut g = game(Format::BuzzIn, 3, 1);
    let t = open_buzzing(&mut g);
    buzz(&mut g, 1, t + S).unwrap();
    // Ben presses his answer 100 ms later, inside the tie window.
    answer_right(&mut g, 1, t + S + 100 * MS).unwrap();
    assert_eq!(
        answer(&mut g, 1, 0, t + S + 150 * MS),
        Err(Refusal::AlreadyAnswered)
    );
    // Someone who did not buzz cannot answer.
    assert_eq!(
        answer(&mut g, 2, 0, t + S + 150 * MS),
        Err(Refusal::BuzzFirst)
    );
    g.advance(t + S + 300 * MS);
    assert_eq!(g.phase(), Phase::Reveal);
    assert!(g.last_result(SeatId(1)).unwrap().correct);
}

#[test]
fn a_false_start_locks_out_for_three_seconds() {
    let mut g = game(Format::BuzzIn, 2, 1);
    g.start(Duration::ZERO).unwrap();
    buzz(&mut g, 0, S).unwrap();
    assert_eq!(g.player(SeatId(0)).unwrap().stats.false_starts, 1);
    assert!(
        g.take_events()
            .contains(&Event::FalseStart { seat: SeatId(0) })
    );
    g.advance(BUZZ_READING_TIME);
    assert_eq!(buzz(&mut g, 0, 3 * S + 999 * MS), Err(Refusal::LockedOut));
    assert_eq!(g.lockout(SeatId(0), 3 * S), Some(Some(S)));
    buzz(&mut g, 0, 4 * S).unwrap();
    g.advance(5 * S);
    assert!(matches!(
        g.buzz(),
        Buzz::Answering {
            seat: SeatId(0),
            ..
        }
    ));
}

#[test]
fn wrong_buzz_costs_the_penalty_locks_out_and_reopens() {
    let mut g = game(Format::BuzzIn, 3, 2);
    let t = open_buzzing(&mut g);
    buzz(&mut g, 0, t + S).unwrap();
    g.advance(t + 2 * S);
    // Only the buzz winner may answer.
    assert_eq!(answer(&mut g, 1, 0, t + 2 * S), Err(Refusal::NotYourTurn));
    answer_wrong(&mut g, 0, t + 3 * S).unwrap();
    assert_eq!(score(&g, 0), -250);
    assert_eq!(g.buzz(), &Buzz::Open);
    assert_eq!(buzz(&mut g, 0, t + 4 * S), Err(Refusal::LockedOut));
    // Ben buzzes, runs out of answer time: that is wrong too.
    buzz(&mut g, 1, t + 4 * S).unwrap();
    g.advance(t + 10 * S);
    assert_eq!(score(&g, 1), -250);
    // Cy answers right and the question closes.
    buzz(&mut g, 2, t + 11 * S).unwrap();
    g.advance(t + 11 * S + 300 * MS);
    answer_right(&mut g, 2, t + 12 * S).unwrap();
    assert_eq!(g.phase(), Phase::Reveal);
    assert!(score(&g, 2) > 500);
    let cy = g.last_result(SeatId(2)).unwrap();
    assert!(cy.correct && cy.buzzed);
    // Everyone has exactly one result for the question.
    assert!(g.players().iter().all(|p| p.stats.results.len() == 1));
}

#[test]
fn buzz_in_closes_when_everyone_is_locked_out() {
    let mut g = game(Format::BuzzIn, 2, 2);
    let t = open_buzzing(&mut g);
    for seat in 0..2 {
        buzz(&mut g, seat, t + S * (seat + 1)).unwrap();
        g.advance(t + S * (seat + 1) + 300 * MS);
        answer_wrong(&mut g, seat, t + S * (seat + 1) + 400 * MS).unwrap();
    }
    assert_eq!(g.phase(), Phase::Reveal);
}

#[test]
fn buzz_countdown_stops_while_someone_answers() {
    let mut g = game(Format::BuzzIn, 2, 1);
    let t = open_buzzing(&mut g);
    assert_eq!(g.remaining(t), 20 * S);
    buzz(&mut g, 0, t + 5 * S).unwrap();
    g.advance(t + 5 * S + 300 * MS);
    assert_eq!(g.remaining(t + 8 * S), 20 * S - 5 * S - 300 * MS);
    answer_wrong(&mut g, 0, t + 9 * S).unwrap();
    // Reopened: the countdown runs on from where it stopped, and ends the question.
    let left = g.remaining(t + 9 * S);
    assert_eq!(left, 20 * S - 5 * S - 300 * MS);
    g.advance(t + 9 * S + left);
    assert_eq!(g.phase(), Phase::Reveal);
}
