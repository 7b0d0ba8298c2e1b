use super::*;
use crate::check_text;
use crate::command::{Command, HostAction};
use crate::game::{Phase, Rules};
use crate::night::{NightHeader, Op, apply, encode_record, encode_start, read, record, replay};
use std::time::Duration;

fn documentary() -> Pack {
    check_text(include_str!("../../../../quizzes/the-defiant-ones.ron"))
        .pack
        .expect("the shipped pack is good")
}

#[test]
fn a_plan_is_checked_before_anything_is_picked() {
    assert_eq!(check(&[]), Err(PlanError::Empty));
    let too_many = vec![RoundPlan::regular(Format::EveryoneAnswers, 1); MAX_ROUNDS + 1];
    assert_eq!(check(&too_many), Err(PlanError::TooMany));
    let final_first = vec![
        RoundPlan::final_round(),
        RoundPlan::regular(Format::BuzzIn, 5),
    ];
    assert_eq!(check(&final_first), Err(PlanError::FinalNotLast));
    for preset in Preset::ALL {
        assert_eq!(check(&preset.rounds(Format::BuzzIn)), Ok(()));
    }
}

#[test]
fn the_classic_night_asks_no_question_twice_and_its_final_is_one_choice() {
    let pack = documentary();
    let plan = Preset::Classic.rounds(Format::EveryoneAnswers);
    let evening = pick(&pack, &plan, 7, None, &BTreeSet::new()).unwrap();
    assert_eq!(evening.rounds.len(), 3);
    assert_eq!(
        evening.rounds.iter().map(|r| r.len).collect::<Vec<_>>(),
        vec![5, 5, 1]
    );
    assert_eq!(evening.rounds[1].modifier, Modifier::Double);
    let last = evening.rounds.last().unwrap();
    assert_eq!((last.kind, last.first), (RoundKind::Final, 10));
    assert!(matches!(
        evening.questions[10].asked,
        crate::round::Asked::Choice
    ));
    let mut ids: Vec<&str> = evening.questions.iter().map(|q| q.id.as_str()).collect();
    ids.extend(evening.tiebreaks.iter().map(|q| q.id.as_str()));
    let unique: BTreeSet<&str> = ids.iter().copied().collect();
    assert_eq!(unique.len(), ids.len(), "a question asked twice: {ids:?}");
    assert!(!evening.tiebreaks.is_empty() && evening.tiebreaks.len() <= TIEBREAKS_KEPT);
    assert!(
        evening
            .tiebreaks
            .iter()
            .all(|q| matches!(q.asked, crate::round::Asked::Number { .. }))
    );
    // The same seed picks the same night.
    assert_eq!(
        pick(&pack, &plan, 7, None, &BTreeSet::new()).unwrap(),
        evening
    );
}

#[test]
fn a_later_evening_skips_what_was_asked_and_keeps_to_the_chapters_watched() {
    let pack = documentary();
    let plan = vec![RoundPlan::regular(Format::EveryoneAnswers, 5)];
    let first = pick(&pack, &plan, 3, Some(1), &BTreeSet::new()).unwrap();
    assert!(
        first.questions.iter().all(|q| pack
            .chapters_needed(pack.questions.iter().find(|p| p.id == q.id).unwrap())
            <= 1)
    );
    let asked: BTreeSet<String> = first.questions.iter().map(|q| q.id.clone()).collect();
    let second = pick(&pack, &plan, 3, Some(2), &asked).unwrap();
    assert!(second.questions.iter().all(|q| !asked.contains(&q.id)));
    // A round nothing is left for is an error that names it.
    let everything = vec![
        RoundPlan {
            count: None,
            ..RoundPlan::regular(Format::EveryoneAnswers, 1)
        },
        RoundPlan::regular(Format::EveryoneAnswers, 1),
    ];
    assert_eq!(
        pick(&pack, &everything, 3, None, &BTreeSet::new()),
        Err(PlanError::NoQuestions(2))
    );
}

#[test]
fn a_series_journal_replays_its_evenings_exactly() {
    let pack = documentary();
    let plan = vec![
        RoundPlan::regular(Format::EveryoneAnswers, 1),
        RoundPlan::regular(Format::EveryoneAnswers, 1),
    ];
    let settings = crate::RoundSettings {
        seed: 11,
        ..Default::default()
    };
    let seats = (0..2).map(crate::seat::test_seat).collect();
    let header = NightHeader::planned(
        "the-defiant-ones.ron",
        &pack,
        settings,
        Rules::party(Format::EveryoneAnswers),
        &plan,
        true,
        seats,
        Vec::new(),
    )
    .unwrap();
    let s = Duration::from_secs(1);
    let host = |action, at| Op::Play(Command::Host { action, at });
    let mut game = header.game().unwrap();
    let mut bytes = encode_start(&header);
    let mut ops = vec![
        (s, Op::Start),
        (2 * s, host(HostAction::Reveal, 2 * s)),
        (3 * s, host(HostAction::Next, 3 * s)),
        (4 * s, host(HostAction::EndEvening, 4 * s)),
    ];
    let asked: BTreeSet<String> = header.questions[..1].iter().map(|q| q.id.clone()).collect();
    let evening = pick(&pack, &plan[..1], 12, Some(4), &asked).unwrap();
    ops.push((100 * s, Op::Evening(Box::new(evening))));
    ops.push((101 * s, host(HostAction::Reveal, 101 * s)));
    for (at, op) in ops {
        let r = record(&game, op, at);
        apply(&mut game, &header, &r).unwrap();
        bytes.extend(encode_record(&r));
    }
    assert_eq!((game.phase(), game.evening()), (Phase::Reveal, 2));
    assert_eq!(game.questions().len(), 2);
    let night = replay(&read(&bytes).unwrap()).unwrap();
    let mut live = game.clone();
    live.take_events();
    assert_eq!(night.game, live);
}
