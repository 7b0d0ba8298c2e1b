//! Scenarios: buzz-in games, undo, seats removed while paused.

use super::*;

// ---- Scenarios ---------------------------------------------------------------------------

fn party(format: Format, seats: u32, questions: usize, seed: u64) -> Game {
    let mut rules = Rules::party(format);
    rules.scoreboard = ScoreboardEvery::End;
    Game::new(
        (0..questions).map(|n| question(n, 20, 4, n)).collect(),
        (0..seats).map(seat).collect(),
        teams(),
        rules,
        seed,
    )
    .unwrap()
}

fn buzz(g: &mut Game, seat: u32, at: Duration) -> Result<(), Refusal> {
    g.apply(Command::Seat {
        seat: SeatId(seat),
        action: SeatAction::Buzz,
        at,
    })
}

fn answer(g: &mut Game, seat: u32, option: usize, at: Duration) -> Result<(), Refusal> {
    g.apply(Command::Seat {
        seat: SeatId(seat),
        action: SeatAction::Answer(option as u8),
        at,
    })
}

fn host(g: &mut Game, action: HostAction, at: Duration) -> Result<(), Refusal> {
    g.apply(Command::Host { action, at })
}

fn score(g: &Game, seat: u32) -> i64 {
    g.player(SeatId(seat)).unwrap().stats.score
}

/// Starts a buzz-in game and opens buzzing; returns when it opened.
fn open_buzzing(g: &mut Game) -> Duration {
    g.start(Duration::ZERO).unwrap();
    g.advance(BUZZ_READING_TIME);
    assert_eq!(g.buzz(), &Buzz::Open);
    BUZZ_READING_TIME
}

fn buzz_won(events: &[Event]) -> Vec<(SeatId, Vec<SeatId>)> {
    events
        .iter()
        .filter_map(|e| match e {
            Event::BuzzWon { seat, tied } => Some((*seat, tied.clone())),
            _ => None,
        })
        .collect()
}

/// Two presses 200 ms apart are a tie drawn with the round's seed; a press 400 ms after
/// the first is outside the 300 ms window, so it is not in the tie (and comes too late:
/// the buzz has been awarded by then).
#[test]
fn presses_200_ms_apart_tie_and_400_ms_does_not() {
    let mut winners = BTreeSet::new();
    for seed in 0..32 {
        for (first, second) in [(0, 1), (1, 0)] {
            let mut g = party(Format::BuzzIn, 3, 1, seed);
            let t = open_buzzing(&mut g) + S;
            g.take_events();
            buzz(&mut g, first, t).unwrap();
            buzz(&mut g, second, t + 200 * MS).unwrap();
            // Cy could still press: the window stays open until it ends.
            assert!(matches!(g.buzz(), Buzz::Gathering { .. }));
            assert_eq!(buzz(&mut g, 2, t + 400 * MS), Err(Refusal::NotYourTurn));
            let won = buzz_won(&g.take_events());
            assert_eq!(won.len(), 1, "one award: {won:?}");
            let (winner, mut tied) = won[0].clone();
            tied.sort();
            assert_eq!(tied, vec![SeatId(0), SeatId(1)], "Cy is not in the tie");
            assert_eq!(winner, draw(seed, 0, 0, &[SeatId(first), SeatId(second)]));
            assert!(matches!(g.buzz(), Buzz::Answering { seat, .. } if *seat == winner));
            assert_eq!(g.player(winner).unwrap().stats.buzzes_won, 1);
            winners.insert(winner);
        }
    }
    assert_eq!(winners.len(), 2, "each tied seat wins with some seeds");
}

/// A scripted buzz-in game undone step by step: each undo brings back exactly the scores
/// from before the decision it takes back, in reverse order, down to zero.
#[test]
fn undo_walks_back_a_buzz_in_game() {
    let mut g = party(Format::BuzzIn, 3, 2, 5);
    let t = open_buzzing(&mut g);
    let mut history = vec![vec![0, 0, 0]];
    let snap = |g: &Game| (0..3).map(|s| score(g, s)).collect::<Vec<_>>();

    // Ana buzzes alone and answers wrong: -250, locked out.
    buzz(&mut g, 0, t + S).unwrap();
    g.advance(t + S + BUZZ_TIE_WINDOW);
    answer(&mut g, 0, 1, t + 2 * S).unwrap();
    history.push(snap(&g));
    assert_eq!(history.last().unwrap(), &vec![-250, 0, 0]);
    // The host gives Cy 300.
    host(
        &mut g,
        HostAction::Adjust {
            seat: SeatId(2),
            points: 300,
        },
        t + 3 * S,
    )
    .unwrap();
    history.push(snap(&g));
    // Ben buzzes and answers right: the question closes.
    buzz(&mut g, 1, t + 4 * S).unwrap();
    g.advance(t + 4 * S + BUZZ_TIE_WINDOW);
    answer(&mut g, 1, 0, t + 5 * S).unwrap();
    assert_eq!(g.phase(), Phase::Reveal);
    history.push(snap(&g));
    assert!(score(&g, 1) > 500);
    // The host takes Ana out.
    host(&mut g, HostAction::RemoveSeat(SeatId(0)), t + 6 * S).unwrap();
    history.push(snap(&g));

    // Undo, one decision at a time.
    let at = t + 7 * S;
    history.pop();
    while let Some(expected) = history.pop() {
        host(&mut g, HostAction::Undo, at).unwrap();
        assert_eq!(snap(&g), expected);
    }
    assert_eq!(
        host(&mut g, HostAction::Undo, at),
        Err(Refusal::NothingToUndo)
    );
    assert!(!g.player(SeatId(0)).unwrap().removed);
    assert_eq!(snap(&g), vec![0, 0, 0]);
}

/// A seat the host removes is "no longer asked, score kept": removing the seat that holds
/// the buzz reopens buzzing for the others, and a removed seat drops out of a tie. Neither
/// may depend on whether the game was paused at the time.
#[test]
fn removing_a_buzzing_seat_while_paused_leaves_it_unscored() {
    let ana = |g: &Game| {
        let stats = &g.player(SeatId(0)).unwrap().stats;
        (stats.score, stats.results.len())
    };
    // Ana holds the buzz when the host pauses and removes her.
    let mut g = party(Format::BuzzIn, 2, 1, 1);
    let t = open_buzzing(&mut g);
    buzz(&mut g, 0, t + S).unwrap();
    g.advance(t + S + BUZZ_TIE_WINDOW);
    assert!(matches!(
        g.buzz(),
        Buzz::Answering {
            seat: SeatId(0),
            ..
        }
    ));
    host(&mut g, HostAction::Pause, t + 2 * S).unwrap();
    host(&mut g, HostAction::RemoveSeat(SeatId(0)), t + 2 * S).unwrap();
    host(&mut g, HostAction::Resume, t + 3 * S).unwrap();
    g.advance(t + 10 * S); // well past her answer time
    let holding = ana(&g);

    // Ana has pressed alone (the tie window is open) when the host pauses and removes her.
    let mut g = party(Format::BuzzIn, 2, 1, 1);
    let t = open_buzzing(&mut g);
    buzz(&mut g, 0, t + S).unwrap();
    host(&mut g, HostAction::Pause, t + S + 100 * MS).unwrap();
    host(&mut g, HostAction::RemoveSeat(SeatId(0)), t + S + 100 * MS).unwrap();
    host(&mut g, HostAction::Resume, t + 2 * S).unwrap();
    g.advance(t + 10 * S);
    let pressed = ana(&g);

    // (score, results) of removed Ana; the engine gives (-250, 1) in both cases.
    assert_eq!((holding, pressed), ((0, 0), (0, 0)));
}

/// Everyone answers: removing the one seat still thinking closes the question, as it does
/// when the game is running; removed while paused, it closes at the latest on Resume.
#[test]
fn removing_the_last_thinker_while_paused_closes_on_resume() {
    let mut g = party(Format::EveryoneAnswers, 2, 2, 1);
    g.start(Duration::ZERO).unwrap();
    answer(&mut g, 0, 0, S).unwrap();
    host(&mut g, HostAction::Pause, 2 * S).unwrap();
    host(&mut g, HostAction::RemoveSeat(SeatId(1)), 2 * S).unwrap();
    host(&mut g, HostAction::Resume, 3 * S).unwrap();
    g.advance(4 * S);
    assert_eq!(
        g.phase(),
        Phase::Reveal,
        "Ana, the only seat left, answered 3 s ago"
    );
}

/// Everyone answers: the question closes once every seat present has answered. A seat
/// whose device was away when its answer arrived is present again, with its answer, once
/// the device is back.
#[test]
fn a_seat_back_with_its_answer_in_closes_the_question() {
    let mut g = party(Format::EveryoneAnswers, 2, 2, 1);
    g.start(Duration::ZERO).unwrap();
    g.set_away(SeatId(0), true, S);
    g.set_away(SeatId(1), true, S);
    answer(&mut g, 0, 0, 2 * S).unwrap();
    answer(&mut g, 1, 1, 2 * S).unwrap();
    // Nobody present: nothing to close on.
    assert_eq!(g.phase(), Phase::Question);
    g.set_away(SeatId(0), false, 3 * S);
    g.advance(4 * S);
    assert_eq!(
        g.phase(),
        Phase::Reveal,
        "Ana is back and has answered; Ben is away"
    );
}

proptest! {
    /// Any order of 3 to 6 items scores between nothing and full, full only when exact,
    /// and never more than half when not exact.
    #[test]
    fn order_credit_of_any_order(order in shuffled_items()) {
        let n = order.len();
        let credit = defiant_core::kinds::order_credit(&order, n).expect("an order of all items");
        let exact = order.iter().enumerate().all(|(k, i)| k == *i);
        prop_assert_eq!(credit.right, exact);
        prop_assert!((0.0..=1.0).contains(&credit.share));
        if !exact {
            prop_assert!(credit.share <= 0.5);
        }
    }

    /// A number guess earns less the further off it is, full within the tolerance.
    #[test]
    fn number_credit_never_grows_with_distance(answer in -5000.0f64..5000.0, tolerance in 0.0f64..50.0, a in 0.0f64..500.0, b in 0.0f64..500.0) {
        let rule = defiant_core::kinds::NumberRule::new(answer, tolerance);
        let (near, far) = if a <= b { (a, b) } else { (b, a) };
        let (c_near, c_far) = (rule.credit(answer + near), rule.credit(answer - far));
        prop_assert!(c_near.share >= c_far.share);
        prop_assert_eq!(c_near.right, near <= tolerance);
        prop_assert!((0.0..=1.0).contains(&c_far.share));
    }
}
