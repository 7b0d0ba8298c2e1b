//! Scenarios: a few nights spelt out.

use super::*;

// ---- Scenarios ---------------------------------------------------------------------------

pub(crate) fn one_seat_night(phone: bool) -> Setup {
    Setup {
        format: Format::EveryoneAnswers,
        seats: 1,
        extra: Extra {
            phones: phone.then_some(1),
            rounds: None,
        },
        questions: vec![
            (
                3,
                Kind::Number {
                    answer: 1992.0,
                    tolerance: 0.0,
                },
            ),
            (
                3,
                Kind::Order {
                    right: vec![0, 1, 2],
                },
            ),
        ],
        speed_bonus: false,
        streak_bonus: false,
        wrong_penalty: 0,
        reveal_for: None,
        scoreboard: ScoreboardEvery::End,
        seed: 0,
    }
}

pub(crate) fn at_once(action: Action) -> Step {
    Step {
        delay: Duration::ZERO,
        frames: Vec::new(),
        early: None,
        stamp: Stamp::Same,
        action,
    }
}

/// A guess with 17 significant digits comes back from the journal to the last bit (JSON
/// numbers are read back exactly only with serde_json's `float_roundtrip`): the replayed
/// guess, and so who guessed closest, is the one played.
#[test]
pub(crate) fn a_guess_reads_back_to_the_last_bit() {
    let steps = [
        at_once(Action::Start),
        at_once(Action::Number {
            seat: 0,
            guess: 19_484_179.667_837_046,
        }),
    ];
    let live = play(&one_seat_night(false), &steps);
    let journal = night::read(&live.bytes).unwrap();
    assert_eq!(journal.records, live.records);
    assert_eq!(&night::replay(&journal).unwrap().game, &live.game);
}

/// A journal torn as it was made, in its magic or its format number, has no header yet:
/// it is not taken for something else.
#[test]
pub(crate) fn a_journal_torn_in_its_format_has_no_header() {
    let live = play(&one_seat_night(false), &[]);
    for cut in 0..=12 {
        assert_eq!(
            night::read(&live.bytes[..cut]),
            Err(JournalError::NoHeader),
            "cut at {cut}"
        );
    }
}

/// A join refused because its seat id is taken changes nobody's phone token on resume.
#[test]
pub(crate) fn a_refused_join_keeps_the_seated_phone_token() {
    let steps = [
        at_once(Action::Start),
        at_once(Action::Join {
            fresh: false,
            seat: 0,
            phone: true,
            token: true,
        }),
    ];
    let live = play(&one_seat_night(true), &steps);
    let journal = night::read(&live.bytes).unwrap();
    let night = night::replay(&journal).unwrap();
    let tokens = night.tokens.clone();
    assert_eq!(tokens.len(), 1);
    assert_eq!(tokens[&SeatId(0)], "seat-token-0");
}

/// A series played over two evenings: the first stops at its first round's end (what it
/// did not play is dropped), the next is added as an `Op::Evening` (a buzz-in round and a
/// final), and the night goes on to the podium: the journal replays to the live game
/// record by record, and undoing everything brings the score back to 0.
#[test]
pub(crate) fn a_series_goes_on_another_evening_and_replays() {
    let mut setup = one_seat_night(false);
    setup.extra.rounds = Some(RoundsPlan {
        rounds: vec![
            (Format::EveryoneAnswers, Modifier::Normal, 0),
            (Format::EveryoneAnswers, Modifier::Double, 0),
        ],
        final_round: false,
        series: true,
        tiebreaks: Vec::new(),
    });
    let choice = |correct| {
        (
            5,
            Kind::Choice {
                options: 3,
                correct,
            },
        )
    };
    let evening = EveningPlan {
        rounds: vec![
            (Format::BuzzIn, Modifier::Double, vec![choice(1)]),
            (Format::EveryoneAnswers, Modifier::Normal, vec![choice(2)]),
        ],
        final_round: true,
        tiebreak: Some(1992.0),
    };
    let right = Action::Play {
        seat: 0,
        right: true,
        off: 0.0,
    };
    let next = Action::Proceed { choice: 1 };
    let mut live = play(
        &setup,
        &[
            at_once(Action::Start),
            at_once(right.clone()),
            at_once(next.clone()),
            at_once(Action::Proceed { choice: 0 }),
        ],
    );
    assert_eq!(live.game.phase(), Phase::Intermission);
    assert_eq!(live.game.rounds().len(), 1, "the second round is dropped");
    let score = live.game.players()[0].stats.score;
    assert!(score > 0);
    for step in [
        at_once(Action::Evening {
            plan: evening,
            anyway: false,
        }),
        at_once(next.clone()), // the buzz-in question: nobody buzzes, revealed
        at_once(next.clone()), // the round's end
        at_once(next.clone()), // the final's stakes
        at_once(Action::Stake {
            seat: 0,
            size: StakeSize::Share(100),
        }),
        at_once(next.clone()), // the final's question
        at_once(right),
        at_once(next.clone()), // seat 0 shown: its stake won
        at_once(next.clone()), // the round's end
        at_once(next),         // the podium
    ] {
        live.step(&step);
    }
    assert_eq!(live.game.evening(), 2);
    assert_eq!(live.game.phase(), Phase::Finished);
    assert_eq!(live.game.players()[0].stats.score, 2 * score);
    replays_as_it_went_live(&live).unwrap();
    undoes_everything_as_it_went_live(live, &[Duration::ZERO]).unwrap();
}
