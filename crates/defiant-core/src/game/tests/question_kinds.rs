//! Order and number questions inside a game.

use super::*;
use crate::command::test_answers::{guess, order};

/// An order question of four items shown as [C, A, D, B] (right order A B C D), and a
/// number question: 1992, within 1, nothing from 5 off.
fn kinds_questions() -> Vec<RoundQuestion> {
    let mut order = question(0, 20);
    order.options = ["C", "A", "D", "B"].map(String::from).to_vec();
    order.asked = Asked::Order {
        right: vec![1, 3, 0, 2],
        first: "Earliest".to_string(),
        last: "Latest".to_string(),
    };
    let mut number = question(1, 20);
    number.options = Vec::new();
    number.asked = Asked::Number {
        rule: kinds::NumberRule::new(1992.0, 1.0),
        unit: String::new(),
    };
    vec![order, number, question(2, 20)]
}

fn send(g: &mut Game, seat: u32, action: SeatAction, at: Duration) -> Result<(), Refusal> {
    g.apply(Command::Seat {
        seat: SeatId(seat),
        action,
        at,
    })
}

#[test]
fn order_and_number_questions_score_by_their_rules_in_a_buzz_in_party() {
    let mut rules = Rules::party(Format::BuzzIn);
    rules.scoreboard = ScoreboardEvery::End;
    rules.speed_bonus = false;
    let mut g = Game::new(
        kinds_questions(),
        (0..3).map(|i| seat(i, None)).collect(),
        Vec::new(),
        rules,
        7,
    )
    .unwrap();
    g.start(Duration::ZERO).unwrap();
    // Orders are everyone-answers, even in a buzz-in round: no reading time, no buzz.
    assert_eq!(g.format_now(), Format::EveryoneAnswers);
    assert_eq!(
        send(&mut g, 0, SeatAction::Buzz, S),
        Err(Refusal::NotInThisFormat)
    );
    assert_eq!(
        send(&mut g, 0, SeatAction::Answer(0), S),
        Err(Refusal::NotInThisFormat)
    );
    assert_eq!(
        send(&mut g, 0, guess(3.0), S),
        Err(Refusal::NotInThisFormat)
    );
    // Not an order of the four items: refused, and the seat may still answer.
    assert_eq!(
        send(&mut g, 0, order(&[1, 1, 0, 2]), S),
        Err(Refusal::NoSuchOption)
    );
    assert_eq!(
        send(&mut g, 0, order(&[1, 3, 0]), S),
        Err(Refusal::NoSuchOption)
    );
    // Ana exact; Ben swaps the last two (two of four in place: a quarter); Cy reversed.
    send(&mut g, 0, order(&[1, 3, 0, 2]), S).unwrap();
    assert_eq!(
        send(&mut g, 0, order(&[1, 3, 0, 2]), S),
        Err(Refusal::AlreadyAnswered)
    );
    send(&mut g, 1, order(&[1, 3, 2, 0]), 2 * S).unwrap();
    assert_eq!(g.phase(), Phase::Question);
    send(&mut g, 2, order(&[2, 0, 3, 1]), 3 * S).unwrap();
    assert_eq!(g.phase(), Phase::Reveal, "everyone answered");
    let result = |g: &Game, s: u32| g.last_result(SeatId(s)).unwrap().clone();
    assert_eq!(
        (result(&g, 0).points.answer, result(&g, 0).correct),
        (1000, true)
    );
    assert_eq!(
        (result(&g, 1).points.answer, result(&g, 1).correct),
        (250, false)
    );
    assert!(result(&g, 1).partly());
    assert_eq!(result(&g, 2).points.answer, 0);
    assert_eq!(g.seat_state(SeatId(1), 4 * S), Some(SeatState::Partly));
    assert_eq!(g.seat_state(SeatId(2), 4 * S), Some(SeatState::Wrong));
    assert_eq!(
        g.given(SeatId(1)),
        Some(Given::Order(Arrangement::new(&[1, 3, 2, 0]).unwrap()))
    );
    assert_eq!(g.current().correct_text(), "A → B → C → D");
    host(&mut g, HostAction::Next, 5 * S).unwrap();
    // The number: Ana and Ben tie, 2 off, and share the win; Cy is 3 off: half his
    // solo credit (0.5) at most.
    assert_eq!(g.format_now(), Format::EveryoneAnswers);
    send(&mut g, 0, guess(1990.0), 6 * S).unwrap();
    send(&mut g, 1, guess(1994.0), 6 * S).unwrap();
    send(&mut g, 2, guess(1995.0), 6 * S).unwrap();
    assert_eq!(g.phase(), Phase::Reveal);
    assert_eq!(result(&g, 0).points.answer, 1000);
    assert_eq!(result(&g, 1).points.answer, 1000);
    assert!(!result(&g, 0).correct, "2 off is outside the tolerance");
    assert_eq!(result(&g, 2).points.answer, 500);
    // Ana was right on the order, then not right: her streak broke, no bonus.
    assert_eq!(result(&g, 0).streak, 0);
    assert_eq!(g.current().correct_text(), "1992");
    // Undo takes the question's scores back exactly.
    let before = score(&g, 0);
    host(&mut g, HostAction::Undo, 7 * S).unwrap();
    assert_eq!(score(&g, 0), before - 1000);
    host(&mut g, HostAction::Next, 8 * S).unwrap();
    // The choice question after them is a buzz-in question again.
    assert_eq!(g.format_now(), Format::BuzzIn);
    assert!(matches!(g.buzz(), Buzz::Reading { .. }));
}

#[test]
fn alone_a_number_earns_its_own_credit_and_a_late_order_times_out() {
    let mut g = Game::new(
        kinds_questions(),
        vec![seat(0, None)],
        Vec::new(),
        Rules::solo(),
        1,
    )
    .unwrap();
    g.start(Duration::ZERO).unwrap();
    // No answer in 20 s: no points, the order question reveals on time.
    g.advance(20 * S);
    assert_eq!(g.phase(), Phase::Reveal);
    assert!(!g.last_result(SeatId(0)).unwrap().answered());
    assert_eq!(g.seat_state(SeatId(0), 20 * S), Some(SeatState::NoAnswer));
    host(&mut g, HostAction::Next, 21 * S).unwrap();
    // 3 off, alone: half of the points (the tolerance is 1, the limit 5), at once.
    send(&mut g, 0, guess(1995.0), 21 * S + 100 * MS).unwrap();
    let r = g.last_result(SeatId(0)).unwrap();
    assert_eq!((r.points.answer, r.correct), (500, false));
    assert_eq!(r.given, Some(Given::Number(Guess::new(1995.0).unwrap())));
}
