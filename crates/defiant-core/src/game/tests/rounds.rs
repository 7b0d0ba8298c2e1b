//! A night in rounds: order and carry-over, double points, the final's stakes and
//! reveal (and undo of both), the sudden-death tiebreak, and evenings.

use proptest::prelude::*;

use super::*;
use crate::command::test_answers::guess;

fn number_question(n: usize, answer: f64) -> RoundQuestion {
    let mut q = question(n, 20);
    q.id = format!("n{n}");
    q.options.clear();
    q.asked = Asked::Number {
        rule: kinds::NumberRule::new(answer, 0.0),
        unit: String::new(),
    };
    q
}

fn round(
    kind: RoundKind,
    format: Format,
    modifier: Modifier,
    first: usize,
    len: usize,
) -> GameRound {
    GameRound {
        name: format!("Round at {first}"),
        format,
        modifier,
        kind,
        first,
        len,
        evening: 1,
    }
}

/// Three seats; rounds of 2 (everyone answers), 2 (buzz-in, double) and a final of 1.
fn classic(seats: u32) -> Game {
    let mut g = game(Format::EveryoneAnswers, seats, 5);
    g.plan(
        vec![
            round(
                RoundKind::Regular,
                Format::EveryoneAnswers,
                Modifier::Normal,
                0,
                2,
            ),
            round(RoundKind::Regular, Format::BuzzIn, Modifier::Double, 2, 2),
            round(
                RoundKind::Final,
                Format::EveryoneAnswers,
                Modifier::Normal,
                4,
                1,
            ),
        ],
        vec![number_question(90, 1992.0), number_question(91, 45.0)],
    )
    .unwrap();
    g
}

fn next(g: &mut Game, at: Duration) -> Result<(), Refusal> {
    host(g, HostAction::Next, at)
}

fn stake(g: &mut Game, seat: u32, points: u32, at: Duration) -> Result<(), Refusal> {
    g.apply(Command::Seat {
        seat: SeatId(seat),
        action: SeatAction::Stake(points),
        at,
    })
}

/// Plays an everyone-answers question: the listed seats answer right, the rest wrong,
/// all at once at `at`.
fn everyone(g: &mut Game, seats: u32, right_ones: &[u32], at: Duration) {
    for s in 0..seats {
        if right_ones.contains(&s) {
            answer_right(g, s, at).unwrap();
        } else {
            answer_wrong(g, s, at).unwrap();
        }
    }
    assert_eq!(g.phase(), Phase::Reveal);
}

#[test]
fn a_plan_must_cover_the_questions_end_to_end() {
    let mut g = game(Format::EveryoneAnswers, 2, 3);
    let gap = vec![
        round(
            RoundKind::Regular,
            Format::EveryoneAnswers,
            Modifier::Normal,
            0,
            1,
        ),
        round(
            RoundKind::Regular,
            Format::EveryoneAnswers,
            Modifier::Normal,
            2,
            1,
        ),
    ];
    assert!(g.plan(gap, Vec::new()).is_none());
    let short = vec![round(
        RoundKind::Regular,
        Format::EveryoneAnswers,
        Modifier::Normal,
        0,
        2,
    )];
    assert!(g.plan(short, Vec::new()).is_none());
    // A game without a plan is one round of everything, in the rules' format.
    assert_eq!(g.rounds().len(), 1);
    assert_eq!(g.rounds()[0].len, 3);
    assert!(!g.in_rounds());
}

#[test]
fn rounds_run_in_order_with_scores_carried_and_a_scoreboard_between() {
    let mut g = classic(3);
    g.start(Duration::ZERO).unwrap();
    assert_eq!((g.round_index(), g.current_index()), (0, 0));
    everyone(&mut g, 3, &[0, 1], S);
    next(&mut g, 2 * S).unwrap();
    assert_eq!(g.current_index(), 1);
    everyone(&mut g, 3, &[0], 3 * S);
    next(&mut g, 4 * S).unwrap();
    // Round 1 over: its scoreboard, at the host's pace (no timer moves it on).
    assert_eq!(g.phase(), Phase::RoundEnd);
    assert!(!g.advance(600 * S));
    assert_eq!(g.round_winners(0), vec![SeatId(0)]);
    let after_one: Vec<i64> = (0..3).map(|s| score(&g, s)).collect();
    assert!(after_one[0] > after_one[1] && after_one[1] > 0 && after_one[2] == 0);
    next(&mut g, 601 * S).unwrap();
    // Round 2: buzz-in, from its first question, the totals carried over.
    assert_eq!((g.round_index(), g.current_index()), (1, 2));
    assert_eq!(g.format_now(), Format::BuzzIn);
    assert_eq!(g.phase(), Phase::Question);
    assert_eq!((0..3).map(|s| score(&g, s)).collect::<Vec<_>>(), after_one);
    assert_eq!(g.round_points(SeatId(0), 1), 0);
    assert_eq!(g.round_points(SeatId(0), 0), after_one[0]);
}

#[test]
fn double_points_double_what_an_answer_earns_but_not_the_penalty() {
    // The same right answer at the same speed in a normal and a double round.
    let mut g = game(Format::BuzzIn, 2, 2);
    g.plan(
        vec![
            round(
                RoundKind::Regular,
                Format::EveryoneAnswers,
                Modifier::Normal,
                0,
                1,
            ),
            round(
                RoundKind::Regular,
                Format::EveryoneAnswers,
                Modifier::Double,
                1,
                1,
            ),
        ],
        Vec::new(),
    )
    .unwrap();
    g.start(Duration::ZERO).unwrap();
    answer_right(&mut g, 0, 2 * S).unwrap();
    answer_wrong(&mut g, 1, 2 * S).unwrap();
    let first = score(&g, 0);
    next(&mut g, 3 * S).unwrap();
    next(&mut g, 4 * S).unwrap();
    assert_eq!(g.current_index(), 1);
    answer_right(&mut g, 0, 6 * S).unwrap();
    answer_wrong(&mut g, 1, 6 * S).unwrap();
    let second = g.player(SeatId(0)).unwrap().stats.results[1].points;
    let first_points = g.player(SeatId(0)).unwrap().stats.results[0].points;
    assert_eq!(second.answer, 2 * first_points.answer);
    // The streak bonus of the second right answer in a row counts double too.
    assert_eq!(second.streak_bonus, 2 * 100);
    assert_eq!(score(&g, 0), first + second.total());

    // Buzz-in, double: a wrong answer costs the usual penalty, no more.
    let mut b = game(Format::BuzzIn, 2, 1);
    b.plan(
        vec![round(
            RoundKind::Regular,
            Format::BuzzIn,
            Modifier::Double,
            0,
            1,
        )],
        Vec::new(),
    )
    .unwrap();
    let open = open_buzzing(&mut b);
    buzz(&mut b, 0, open + S).unwrap();
    b.advance(open + S + BUZZ_TIE_WINDOW);
    answer_wrong(&mut b, 0, open + 2 * S).unwrap();
    assert_eq!(score(&b, 0), -i64::from(b.rules().wrong_penalty));
    buzz(&mut b, 1, open + 3 * S).unwrap();
    b.advance(open + 3 * S + BUZZ_TIE_WINDOW);
    answer_right(&mut b, 1, open + 4 * S).unwrap();
    let won = b.player(SeatId(1)).unwrap().stats.results[0].points;
    assert!(won.answer > BASE && won.answer <= 2 * 1000, "{won:?}");
}

const BASE: u32 = 1000;

/// Plays the classic night's first two rounds: seat 0 right on everything, seat 1 on the
/// first question only, seat 2 never (and a buzz-in round nobody buzzes in).
fn to_the_final(g: &mut Game) -> Duration {
    g.start(Duration::ZERO).unwrap();
    everyone(g, 3, &[0, 1], S);
    next(g, 2 * S).unwrap();
    everyone(g, 3, &[0], 3 * S);
    next(g, 4 * S).unwrap();
    next(g, 5 * S).unwrap(); // round 2
    host(g, HostAction::Skip, 6 * S).unwrap();
    host(g, HostAction::Skip, 7 * S).unwrap();
    assert_eq!(g.phase(), Phase::RoundEnd);
    next(g, 8 * S).unwrap();
    8 * S
}

#[test]
fn the_final_takes_secret_stakes_within_bounds_then_reveals_lowest_first() {
    let mut g = classic(3);
    let t = to_the_final(&mut g);
    assert_eq!(g.phase(), Phase::Wager);
    assert_eq!(g.round().kind, RoundKind::Final);
    // Answers are not taken yet: only stakes.
    assert_eq!(answer_right(&mut g, 0, t), Err(Refusal::WrongPhase));
    let (s0, s1) = (score(&g, 0), score(&g, 1));
    assert_eq!(score(&g, 2), 0);
    assert_eq!(g.max_stake(SeatId(0)), s0 as u32);
    assert_eq!(
        g.max_stake(SeatId(2)),
        STAKE_FLOOR,
        "a seat at zero may stake the floor"
    );
    assert_eq!(
        stake(&mut g, 0, s0 as u32 + 1, t),
        Err(Refusal::StakeTooHigh)
    );
    stake(&mut g, 0, s0 as u32, t).unwrap();
    stake(&mut g, 1, 100, t).unwrap();
    stake(&mut g, 1, 300, t).unwrap(); // changed its mind
    stake(&mut g, 2, STAKE_FLOOR, t).unwrap();
    assert_eq!(g.seat_state(SeatId(1), t), Some(SeatState::Staked));
    // Undo takes back the last stake (seat 2's), and it may stake again.
    host(&mut g, HostAction::Undo, t).unwrap();
    assert!(!g.has_staked(SeatId(2)));
    stake(&mut g, 2, 200, t).unwrap();
    // The host shows the question: everyone answers.
    next(&mut g, t + S).unwrap();
    assert_eq!(g.phase(), Phase::Question);
    assert_eq!(stake(&mut g, 0, 1, t + S), Err(Refusal::WrongPhase));
    answer_wrong(&mut g, 0, t + 2 * S).unwrap();
    answer_right(&mut g, 1, t + 2 * S).unwrap();
    answer_right(&mut g, 2, t + 2 * S).unwrap();
    assert_eq!(g.phase(), Phase::Reveal);
    // Nothing scored yet; the reveal goes lowest score first.
    assert_eq!((score(&g, 0), score(&g, 1), score(&g, 2)), (s0, s1, 0));
    let (order, shown) = g.final_reveal();
    assert_eq!(
        (order.to_vec(), shown),
        (vec![SeatId(2), SeatId(1), SeatId(0)], 0)
    );
    next(&mut g, t + 3 * S).unwrap();
    assert_eq!(score(&g, 2), 200);
    assert!(g.final_revealed(SeatId(2)) && !g.final_revealed(SeatId(1)));
    next(&mut g, t + 4 * S).unwrap();
    assert_eq!(score(&g, 1), s1 + 300);
    // Undo takes back one step of the reveal, exactly.
    host(&mut g, HostAction::Undo, t + 5 * S).unwrap();
    assert_eq!(score(&g, 1), s1);
    assert_eq!(g.final_reveal().1, 1);
    next(&mut g, t + 6 * S).unwrap();
    next(&mut g, t + 7 * S).unwrap();
    assert_eq!(score(&g, 0), 0, "seat 0 staked everything and lost it");
    assert!(!g.final_pending());
    // Then the round's scoreboard (the final standings), then the podium.
    next(&mut g, t + 8 * S).unwrap();
    assert_eq!(g.phase(), Phase::RoundEnd);
    next(&mut g, t + 9 * S).unwrap();
    assert_eq!(g.phase(), Phase::Finished);
}

#[test]
fn a_tie_for_first_is_broken_by_the_closest_guess_then_the_earliest() {
    let mut g = game(Format::EveryoneAnswers, 3, 1);
    g.plan(
        vec![round(
            RoundKind::Regular,
            Format::EveryoneAnswers,
            Modifier::Normal,
            0,
            1,
        )],
        vec![number_question(90, 1992.0), number_question(91, 45.0)],
    )
    .unwrap();
    g.start(Duration::ZERO).unwrap();
    everyone(&mut g, 3, &[0, 1], S); // same time: same points
    next(&mut g, 2 * S).unwrap();
    assert_eq!(g.phase(), Phase::Finished);
    assert_eq!(g.tied_for_first(), vec![SeatId(0), SeatId(1)]);
    assert!(g.tiebreak_offered());
    let scores: Vec<i64> = (0..3).map(|s| score(&g, s)).collect();
    host(&mut g, HostAction::Tiebreak, 3 * S).unwrap();
    assert_eq!(g.phase(), Phase::Question);
    assert_eq!(g.round().kind, RoundKind::Tiebreak);
    // Only the tied seats play; seat 2 sits it out.
    let number = |seat: u32, value: f64, at| {
        move |g: &mut Game| {
            g.apply(Command::Seat {
                seat: SeatId(seat),
                action: guess(value),
                at,
            })
        }
    };
    assert_eq!(number(2, 1992.0, 4 * S)(&mut g), Err(Refusal::SeatRemoved));
    // Equally close (3 off either way): seat 1 locked in first and wins.
    number(1, 1995.0, 4 * S)(&mut g).unwrap();
    number(0, 1989.0, 5 * S)(&mut g).unwrap();
    assert_eq!(g.phase(), Phase::Reveal);
    assert_eq!(g.tiebreak_winner(), Some(SeatId(1)));
    next(&mut g, 6 * S).unwrap();
    assert_eq!(g.phase(), Phase::Finished);
    // No score changed; the winner heads the standings.
    assert_eq!((0..3).map(|s| score(&g, s)).collect::<Vec<_>>(), scores);
    assert_eq!(g.standings()[0], SeatId(1));
    assert!(g.tied_for_first().is_empty());
    assert!(g.players().iter().all(|p| !p.benched));
}

#[test]
fn the_closest_guess_wins_sudden_death_and_the_host_may_share_the_win_instead() {
    let build = || {
        let mut g = game(Format::EveryoneAnswers, 2, 1);
        g.plan(
            vec![round(
                RoundKind::Regular,
                Format::EveryoneAnswers,
                Modifier::Normal,
                0,
                1,
            )],
            vec![number_question(90, 1992.0)],
        )
        .unwrap();
        g.start(Duration::ZERO).unwrap();
        everyone(&mut g, 2, &[0, 1], S);
        next(&mut g, 2 * S).unwrap();
        g
    };
    let mut g = build();
    host(&mut g, HostAction::Tiebreak, 3 * S).unwrap();
    for (seat, value, at) in [(0, 2000.0, 4 * S), (1, 1993.0, 5 * S)] {
        g.apply(Command::Seat {
            seat: SeatId(seat),
            action: guess(value),
            at,
        })
        .unwrap();
    }
    assert_eq!(g.tiebreak_winner(), Some(SeatId(1)), "closer beats earlier");
    next(&mut g, 6 * S).unwrap();
    // The one question kept is used: no second sudden death is offered anyway.
    assert!(!g.tiebreak_offered());

    let mut shared = build();
    host(&mut shared, HostAction::ShareWin, 3 * S).unwrap();
    assert!(shared.win_shared());
    assert!(shared.tied_for_first().is_empty());
    assert_eq!(
        host(&mut shared, HostAction::Tiebreak, 4 * S),
        Err(Refusal::WrongPhase)
    );

    // Nobody answers the sudden death: no winner, and the tie stands.
    let mut silent = build();
    host(&mut silent, HostAction::Tiebreak, 3 * S).unwrap();
    silent.advance(60 * S);
    assert_eq!(silent.tiebreak_winner(), None);
    next(&mut silent, 61 * S).unwrap();
    assert_eq!(silent.tied_for_first().len(), 2);
    assert!(!silent.tiebreak_offered(), "no question left");
}

#[test]
fn an_evening_ends_at_a_round_end_and_the_next_adds_its_rounds() {
    let mut g = classic(2);
    g.start(Duration::ZERO).unwrap();
    everyone(&mut g, 2, &[0], S);
    next(&mut g, 2 * S).unwrap();
    everyone(&mut g, 2, &[1], 3 * S);
    next(&mut g, 4 * S).unwrap();
    assert_eq!(g.phase(), Phase::RoundEnd);
    let totals: Vec<i64> = (0..2).map(|s| score(&g, s)).collect();
    // Not at a question: only at a round's end.
    host(&mut g, HostAction::EndEvening, 5 * S).unwrap();
    assert_eq!(g.phase(), Phase::Intermission);
    assert!(g.is_series());
    assert_eq!(g.rounds().len(), 1, "the rounds not played are dropped");
    assert_eq!(g.questions().len(), 2);
    assert_eq!(next(&mut g, 6 * S), Err(Refusal::WrongPhase));
    assert_eq!(
        host(&mut g, HostAction::End, 6 * S),
        Err(Refusal::WrongPhase)
    );
    let evening = Evening {
        rounds: vec![
            round(
                RoundKind::Regular,
                Format::EveryoneAnswers,
                Modifier::Double,
                0,
                1,
            ),
            round(
                RoundKind::Final,
                Format::EveryoneAnswers,
                Modifier::Normal,
                1,
                1,
            ),
        ],
        questions: vec![question(10, 20), question(11, 20)],
        tiebreaks: vec![number_question(92, 3.0)],
    };
    g.add_evening(evening, 100 * S).unwrap();
    assert_eq!(
        (g.phase(), g.current_index(), g.evening()),
        (Phase::Question, 2, 2)
    );
    assert_eq!((0..2).map(|s| score(&g, s)).collect::<Vec<_>>(), totals);
    everyone(&mut g, 2, &[0, 1], 101 * S);
    next(&mut g, 102 * S).unwrap();
    assert_eq!(g.phase(), Phase::RoundEnd);
    next(&mut g, 103 * S).unwrap();
    assert_eq!(g.phase(), Phase::Wager);
}

proptest! {
    /// The final's arithmetic: each seat ends at its score plus its stake if right, minus
    /// it if not; undoing every step of the reveal and every stake restores the scores
    /// and stakes exactly.
    #[test]
    fn the_finals_arithmetic_and_undo_restore_exact_scores(
        corrections in proptest::collection::vec(-3000i32..3000, 3),
        stake_shares in proptest::collection::vec(0u32..=100, 3),
        rights in proptest::collection::vec(any::<bool>(), 3),
        undo_steps in 0usize..=3,
    ) {
        let mut g = game(Format::EveryoneAnswers, 3, 2);
        g.plan(
            vec![
                round(RoundKind::Regular, Format::EveryoneAnswers, Modifier::Normal, 0, 1),
                round(RoundKind::Final, Format::EveryoneAnswers, Modifier::Normal, 1, 1),
            ],
            Vec::new(),
        ).unwrap();
        g.start(Duration::ZERO).unwrap();
        everyone(&mut g, 3, &[], S);
        for (seat, points) in corrections.iter().enumerate() {
            adjust(&mut g, seat as u32, *points, 2 * S);
        }
        next(&mut g, 3 * S).unwrap();
        next(&mut g, 4 * S).unwrap();
        prop_assert_eq!(g.phase(), Phase::Wager);
        let before: Vec<i64> = (0..3).map(|s| score(&g, s)).collect();
        let stakes: Vec<u32> = (0..3u32)
            .map(|s| g.max_stake(SeatId(s)) / 100 * stake_shares[s as usize])
            .collect();
        for s in 0..3u32 {
            let max = g.max_stake(SeatId(s));
            prop_assert!(max == STAKE_FLOOR || i64::from(max) == before[s as usize]);
            prop_assert_eq!(stake(&mut g, s, max + 1, 5 * S), Err(Refusal::StakeTooHigh));
            stake(&mut g, s, stakes[s as usize], 5 * S).unwrap();
        }
        next(&mut g, 6 * S).unwrap();
        for s in 0..3u32 {
            if rights[s as usize] {
                answer_right(&mut g, s, 7 * S).unwrap();
            } else {
                answer_wrong(&mut g, s, 7 * S).unwrap();
            }
        }
        for step in 0..3 {
            next(&mut g, (8 + step) * S).unwrap();
        }
        prop_assert!(!g.final_pending());
        for s in 0..3usize {
            let stake = i64::from(stakes[s]);
            let want = before[s] + if rights[s] { stake } else { -stake };
            prop_assert_eq!(score(&g, s as u32), want);
        }
        // Undo some steps of the reveal: those seats are back to their scores before it.
        for _ in 0..undo_steps {
            host(&mut g, HostAction::Undo, 20 * S).unwrap();
        }
        let (order, shown) = g.final_reveal();
        let order = order.to_vec();
        prop_assert_eq!(shown, 3 - undo_steps);
        for (k, seat) in order.iter().enumerate() {
            let s = seat.0 as usize;
            let stake = i64::from(stakes[s]);
            let want = if k < shown {
                before[s] + if rights[s] { stake } else { -stake }
            } else {
                before[s]
            };
            prop_assert_eq!(score(&g, seat.0), want);
        }
    }
}
