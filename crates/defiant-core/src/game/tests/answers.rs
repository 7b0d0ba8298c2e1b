//! Everyone-answers rounds, solo and party: scoring, closing, pausing, latecomers, extra
//! time, the scoreboard and standings.

use super::*;

#[test]
fn seat_states_follow_answers_buzzes_and_the_reveal() {
    let mut g = game(Format::EveryoneAnswers, 3, 2);
    g.start(Duration::ZERO).unwrap();
    let state = |g: &Game, s: u32| g.seat_state(SeatId(s), S).unwrap();
    assert_eq!(state(&g, 0), SeatState::Thinking);
    answer_right(&mut g, 0, S).unwrap();
    assert_eq!(state(&g, 0), SeatState::Answered);
    g.set_away(SeatId(2), true, S);
    assert_eq!(state(&g, 2), SeatState::Away);
    answer_wrong(&mut g, 1, 2 * S).unwrap();
    let _ = host(&mut g, HostAction::Reveal, 3 * S); // the away seat is not waited for
    assert_eq!(g.phase(), Phase::Reveal);
    assert_eq!(
        [state(&g, 0), state(&g, 1), state(&g, 2)],
        [SeatState::Right, SeatState::Wrong, SeatState::Away]
    );
    host(&mut g, HostAction::RemoveSeat(SeatId(1)), 4 * S).unwrap();
    assert_eq!(state(&g, 1), SeatState::Removed);
    assert!(g.seat_state(SeatId(9), S).is_none());

    let mut g = game(Format::BuzzIn, 3, 2);
    g.start(Duration::ZERO).unwrap();
    // A false start locks out; the first press in open buzzing holds the buzz.
    buzz(&mut g, 0, S).unwrap_or_default();
    assert_eq!(g.seat_state(SeatId(0), S).unwrap(), SeatState::LockedOut);
    buzz(&mut g, 1, 3 * S).unwrap();
    g.advance(4 * S);
    assert_eq!(g.seat_state(SeatId(1), 4 * S).unwrap(), SeatState::Holding);
    assert_eq!(g.seat_state(SeatId(2), 4 * S).unwrap(), SeatState::Thinking);
    assert_eq!(SeatState::LockedOut.label(), "locked out");
}

#[test]
fn solo_round_scores_right_wrong_and_timeout() {
    let mut g = Game::new(
        (0..4).map(|n| question(n, 20)).collect(),
        vec![seat(0, None)],
        Vec::new(),
        Rules::solo(),
        1,
    )
    .unwrap();
    g.start(Duration::ZERO).unwrap();
    // Right at once: 1000; everyone (one seat) answered, so it closes at once.
    answer_right(&mut g, 0, 200 * MS).unwrap();
    assert_eq!(g.phase(), Phase::Reveal);
    assert_eq!(score(&g, 0), 1000);
    // The reveal moves on by itself after 12 s.
    g.advance(200 * MS + 11 * S);
    assert_eq!(g.phase(), Phase::Reveal);
    g.advance(200 * MS + 12 * S);
    assert_eq!(g.phase(), Phase::Question);
    let t0 = 200 * MS + 12 * S;
    // Right after 10 of 20 s: 750 + 100 streak.
    answer_right(&mut g, 0, t0 + 10 * S).unwrap();
    let r = g.last_result(SeatId(0)).unwrap();
    assert_eq!((r.points.answer, r.points.streak_bonus), (750, 100));
    host(&mut g, HostAction::Next, t0 + 11 * S).unwrap();
    // Wrong: 0 and the streak resets.
    answer_wrong(&mut g, 0, t0 + 12 * S).unwrap();
    assert_eq!(g.player(SeatId(0)).unwrap().stats.streak, 0);
    host(&mut g, HostAction::Next, t0 + 13 * S).unwrap();
    // Nobody answers: the question closes at exactly 20 s.
    let t3 = t0 + 13 * S;
    g.advance(t3 + 19 * S);
    assert_eq!(g.remaining(t3 + 19 * S), S);
    assert_eq!(answer(&mut g, 0, 0, t3 + 20 * S), Err(Refusal::WrongPhase));
    assert_eq!(g.phase(), Phase::Reveal);
    assert_eq!(g.last_result(SeatId(0)).unwrap().chosen, None);
    host(&mut g, HostAction::Next, t3 + 21 * S).unwrap();
    assert_eq!(g.phase(), Phase::Finished);
    let stats = &g.player(SeatId(0)).unwrap().stats;
    assert_eq!(stats.score, 1850);
    assert_eq!(stats.best_streak, 2);
    assert_eq!(stats.correct_count(), 2);
    assert!((stats.accuracy() - 0.5).abs() < 1e-9);
}

#[test]
fn pause_stops_every_clock() {
    let mut g = game(Format::EveryoneAnswers, 2, 2);
    g.start(Duration::ZERO).unwrap();
    host(&mut g, HostAction::Pause, 4 * S).unwrap();
    g.advance(60 * S);
    assert_eq!(g.phase(), Phase::Question);
    assert_eq!(g.remaining(60 * S), 16 * S);
    assert_eq!(answer(&mut g, 0, 0, 61 * S), Err(Refusal::Paused));
    host(&mut g, HostAction::Resume, 70 * S).unwrap();
    answer_right(&mut g, 0, 76 * S).unwrap();
    answer_right(&mut g, 1, 76 * S).unwrap();
    let r = g.last_result(SeatId(0)).unwrap();
    assert_eq!(r.taken, Some(10 * S));
    assert_eq!(r.points.answer, 750);
}

#[test]
fn closes_early_when_everyone_present_answered() {
    let mut g = game(Format::EveryoneAnswers, 3, 2);
    g.start(Duration::ZERO).unwrap();
    answer(&mut g, 0, 0, S).unwrap();
    answer(&mut g, 1, 1, 2 * S).unwrap();
    assert_eq!(g.phase(), Phase::Question);
    assert_eq!(answer(&mut g, 1, 2, 2 * S), Err(Refusal::AlreadyAnswered));
    // The third player's pad is unplugged: nobody waits for an away seat.
    g.set_away(SeatId(2), true, 3 * S);
    assert_eq!(g.phase(), Phase::Reveal);
    assert_eq!(g.option_counts().iter().sum::<usize>(), 2);
    // An away seat keeps its seat and score, and gets an unanswered result.
    assert_eq!(g.last_result(SeatId(2)).unwrap().chosen, None);
}

#[test]
fn presses_stamped_before_a_question_opened_are_stale() {
    let mut g = game(Format::EveryoneAnswers, 1, 2);
    g.start(Duration::ZERO).unwrap();
    answer(&mut g, 0, 0, S).unwrap();
    host(&mut g, HostAction::Next, 5 * S).unwrap();
    // A press from the reveal, handled late, does not answer the new question.
    assert_eq!(answer(&mut g, 0, 0, 4 * S), Err(Refusal::Stale));
    assert!(!g.has_answered(SeatId(0)));
}

#[test]
fn speed_and_streak_bonus_can_be_switched_off() {
    let mut g = game(Format::EveryoneAnswers, 1, 2);
    g.rules.speed_bonus = false;
    g.rules.streak_bonus = false;
    g.start(Duration::ZERO).unwrap();
    answer_right(&mut g, 0, 15 * S).unwrap();
    host(&mut g, HostAction::Next, 16 * S).unwrap();
    answer_right(&mut g, 0, 30 * S).unwrap();
    assert_eq!(score(&g, 0), 2000);
    assert!(g.rules().describe().contains("however long"));
}

#[test]
fn team_score_is_the_average_of_its_members() {
    let mut g = Game::new(
        vec![question(0, 20)],
        vec![seat(0, Some(0)), seat(1, Some(0)), seat(2, Some(1))],
        vec![
            Team {
                id: TeamId(0),
                name: "A".into(),
            },
            Team {
                id: TeamId(1),
                name: "B".into(),
            },
        ],
        Rules::party(Format::EveryoneAnswers),
        7,
    )
    .unwrap();
    g.start(Duration::ZERO).unwrap();
    adjust(&mut g, 0, 1000, S);
    adjust(&mut g, 1, 501, S);
    adjust(&mut g, 2, 700, S);
    assert_eq!(
        g.team_score(TeamId(0)),
        Some(751),
        "(1000 + 501) / 2 rounded"
    );
    assert_eq!(g.team_score(TeamId(1)), Some(700));
    assert_eq!(g.team_standings(), vec![(TeamId(0), 751), (TeamId(1), 700)]);
    adjust(&mut g, 2, -1401, S);
    assert_eq!(g.team_score(TeamId(1)), Some(-701));
}

#[test]
fn scoreboard_every_n_questions_and_skip() {
    let mut g = game(Format::EveryoneAnswers, 1, 5);
    g.rules.scoreboard = ScoreboardEvery::Questions(2);
    g.start(Duration::ZERO).unwrap();
    answer_right(&mut g, 0, S).unwrap();
    host(&mut g, HostAction::Next, 2 * S).unwrap();
    assert_eq!(g.phase(), Phase::Question);
    // Skipping the second question still brings the scoreboard due after it.
    host(&mut g, HostAction::Skip, 3 * S).unwrap();
    assert_eq!(g.phase(), Phase::Scoreboard);
    assert!(g.player(SeatId(0)).unwrap().stats.results[1].skipped);
    assert_eq!(g.player(SeatId(0)).unwrap().stats.asked(), 1);
    host(&mut g, HostAction::Next, 4 * S).unwrap();
    assert_eq!(g.current_index(), 2);
    host(&mut g, HostAction::End, 5 * S).unwrap();
    assert_eq!(g.phase(), Phase::Finished);
}

#[test]
fn latecomers_wait_for_the_next_question() {
    let mut g = game(Format::EveryoneAnswers, 1, 2);
    g.start(Duration::ZERO).unwrap();
    g.add_seat(seat(1, None)).unwrap();
    assert_eq!(answer(&mut g, 1, 0, S), Err(Refusal::Waiting));
    answer(&mut g, 0, 0, S).unwrap();
    assert_eq!(g.phase(), Phase::Reveal, "nobody waits for a latecomer");
    host(&mut g, HostAction::Next, 2 * S).unwrap();
    answer(&mut g, 1, 0, 3 * S).unwrap();
}

#[test]
fn added_time_extends_the_question() {
    let mut g = game(Format::EveryoneAnswers, 1, 1);
    g.start(Duration::ZERO).unwrap();
    host(&mut g, HostAction::AddTime(10), 19 * S).unwrap();
    g.advance(25 * S);
    assert_eq!(g.phase(), Phase::Question);
    assert_eq!(g.remaining(25 * S), 5 * S);
    g.advance(30 * S);
    assert_eq!(g.phase(), Phase::Reveal);
}

#[test]
fn equal_scores_share_a_place() {
    assert_eq!(places(&[900, 500, 500, 100]), [1, 2, 2, 4]);
    assert_eq!(places(&[0, 0]), [1, 1]);
    assert!(places(&[]).is_empty());
}

#[test]
fn public_question_hides_the_answer() {
    let g = game(Format::EveryoneAnswers, 1, 1);
    let public = g.public_question();
    let json = serde_json::to_string(&public).unwrap();
    assert!(!json.contains("Because"));
    assert!(!json.contains("correct"));
    assert_eq!(public.options.len(), 4);
}
