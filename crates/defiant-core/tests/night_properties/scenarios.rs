//! Scenarios: a few nights spelt out.

use super::*;

// ---- Scenarios ---------------------------------------------------------------------------

pub(crate) fn one_seat_night(phone: bool) -> Setup {
    Setup {
        format: Format::EveryoneAnswers,
        seats: 1,
        extra: phone.then_some(1),
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
