//! A party night from the lobby to the podium, and keys mashed through every transition.

use super::*;

#[test]
fn a_party_night_from_lobby_to_podium_and_a_buzz_in_round() {
    let data = temp_dir("party");
    let mut app = headless_app(&repo().join("quizzes"), &data, false);
    wait_for_screen(&mut app, Screen::Title);
    open_lobby(&mut app);

    // Three players on the keyboard join with their buzz keys, one on a gamepad.
    type_text(&mut app, "z");
    type_text(&mut app, "v");
    type_text(&mut app, "n");
    // A second press of a joined group's key lights its card; it does not add a seat.
    type_text(&mut app, "q");
    let pad = connect_gamepad(&mut app);
    pad_press(&mut app, pad, GamepadButton::South);
    assert_eq!(lobby(&app).seats.len(), 4);
    let (ana, ben, cy) = (
        seat_of(&app, Device::Keys(0)),
        seat_of(&app, Device::Keys(1)),
        seat_of(&app, Device::Keys(2)),
    );
    let dee = seat_of(&app, Device::Gamepad(0));
    // The host types a name for the first seat: Enter on its card, type, Enter.
    let card = find_by::<defiant_trivia::game::screens::lobby::SeatCard>(&mut app, |c| c.0 == ana)
        .unwrap();
    click(&mut app, card);
    for _ in 0..10 {
        press(&mut app, KeyCode::Backspace);
    }
    type_text(&mut app, "Ana");
    press(&mut app, KeyCode::Enter);
    assert_eq!(lobby(&app).seats[0].name, "Ana");

    // Five questions, everyone answers (the default), scoreboard after each.
    for _ in 0..3 {
        click_row(&mut app, LobbyRow::Round(SetupRow::Questions));
    }
    choices_first(&mut app, 20);
    click_row(&mut app, LobbyRow::Start);
    wait_for_screen(&mut app, Screen::Question);
    assert_eq!(session(&app).game.questions().len(), 5);
    assert!(
        session(&app)
            .game
            .questions()
            .iter()
            .all(|q| q.options.len() <= 4)
    );

    // Question 1: three keyboard seats and the pad answer; lock-ins show, never picks.
    let correct = session(&app).game.current().correct;
    let wrong = (correct + 1) % session(&app).game.current().options.len();
    type_text(&mut app, &key(0, correct).to_string());
    frames(&mut app, 1);
    assert_eq!(chip(&mut app, ana), "✓ locked in");
    assert_eq!(chip(&mut app, ben), "… thinking");
    // Two players in the same frame: both count.
    press_together(&mut app, &[key(1, wrong), key(2, correct)]);
    assert!(session(&app).game.has_answered(ben));
    assert!(session(&app).game.has_answered(cy));
    // Mashing an answered seat's keys changes nothing.
    press_together(&mut app, &[key(0, wrong), key(0, wrong)]);
    assert_eq!(session(&app).game.chosen(ana), Some(correct));
    assert_eq!(screen(&app), Screen::Question);
    // The last seat (the pad) answers: the question closes at once.
    pad_press(&mut app, pad, PAD_ANSWERS[correct]);
    wait_for_screen(&mut app, Screen::Reveal);
    assert_eq!(session(&app).game.option_counts()[correct], 3);
    assert_eq!(session(&app).game.option_counts()[wrong], 1);
    assert!(score(&app, ana) >= 500 && score(&app, ben) == 0);

    // Enter: the scoreboard, then the next question.
    press(&mut app, KeyCode::Enter);
    wait_for_screen(&mut app, Screen::Scoreboard);
    assert!(find::<ScoreRow>(&mut app).is_some());
    press(&mut app, KeyCode::Enter);
    wait_for_screen(&mut app, Screen::Question);
    assert_eq!(session(&app).game.current_index(), 1);

    // Question 2: pause stops the clock; F4 adds time; F3 skips (nobody scores).
    let limit = session(&app).game.time_limit();
    press(&mut app, KeyCode::Escape);
    assert!(session(&app).game.is_paused());
    let now = app.world().resource::<Time<Real>>().elapsed();
    let left = session(&app).game.remaining(now);
    frames(&mut app, 300);
    let now = app.world().resource::<Time<Real>>().elapsed();
    assert_eq!(session(&app).game.remaining(now), left);
    assert_eq!(screen(&app), Screen::Question);
    press(&mut app, KeyCode::Escape);
    assert!(!session(&app).game.is_paused());
    press_logical(&mut app, Key::F4);
    assert_eq!(
        session(&app).game.time_limit(),
        limit + std::time::Duration::from_secs(10)
    );
    let scores_before: Vec<i64> = [ana, ben, cy, dee]
        .iter()
        .map(|s| score(&app, *s))
        .collect();
    press_logical(&mut app, Key::F3);
    wait_for_screen(&mut app, Screen::Scoreboard);
    let scores_after: Vec<i64> = [ana, ben, cy, dee]
        .iter()
        .map(|s| score(&app, *s))
        .collect();
    assert_eq!(scores_before, scores_after);
    press(&mut app, KeyCode::Enter);
    wait_for_screen(&mut app, Screen::Question);

    // Question 3: the host gives Ben 100 points in the scores panel, then undoes it.
    press_logical(&mut app, Key::F6);
    press(&mut app, KeyCode::ArrowDown); // to Ben
    press(&mut app, KeyCode::ArrowRight);
    assert_eq!(score(&app, ben), 100);
    assert_eq!(
        session(&app).game.undo_label(),
        Some("+100 points for Player 2")
    );
    press_logical(&mut app, Key::F5);
    assert_eq!(score(&app, ben), 0);
    press_logical(&mut app, Key::F6);
    // Nobody answers: the time runs out.
    let frames_needed =
        (session(&app).game.time_limit().as_millis() / FRAME.as_millis()) as usize + 3;
    frames(&mut app, frames_needed);
    wait_for_screen(&mut app, Screen::Reveal);

    // The host ends the game early: F10 asks, F10 again confirms.
    press_logical(&mut app, Key::F10);
    assert_eq!(screen(&app), Screen::Reveal);
    press_logical(&mut app, Key::F10);
    wait_for_screen(&mut app, Screen::Podium);
    assert_eq!(session(&app).game.phase(), Phase::Finished);
    let history = app.world().resource::<SavedPartyHistory>().0.clone();
    assert_eq!(history.parties.len(), 1);
    let winner = session(&app).game.standings()[0];
    let winner_name = session(&app).game.player(winner).unwrap().seat.name.clone();
    assert!(
        history.parties[0].winner.contains(&winner_name),
        "{:?}",
        history.parties[0]
    );
    assert!(data.join("party-history.ron").is_file());

    // Back to the title, which names the last winner; then a buzz-in party with the same
    // seats (the lobby keeps them).
    let title = find_by::<PodiumAction>(&mut app, |a| *a == PodiumAction::Title).unwrap();
    click(&mut app, title);
    wait_for_screen(&mut app, Screen::Title);
    let texts: Vec<String> = {
        let mut q = app.world_mut().query::<&Text>();
        q.iter(app.world()).map(|t| t.0.clone()).collect()
    };
    assert!(
        texts
            .iter()
            .any(|t| t.contains("Last party: ") && t.contains(&winner_name)),
        "{texts:?}"
    );
    open_lobby(&mut app);
    assert_eq!(lobby(&app).seats.len(), 4);
    click_row(&mut app, LobbyRow::Format);
    assert_eq!(lobby(&app).format, Format::BuzzIn);
    choices_first(&mut app, 20);
    click_row(&mut app, LobbyRow::Start);
    wait_for_screen(&mut app, Screen::Question);
    assert_eq!(session(&app).game.rules().format, Format::BuzzIn);

    // Ana buzzes during the reading time: a false start locks her out for 3 s.
    type_text(&mut app, &KEY_GROUPS[0].buzz.to_string());
    assert!(events(&app).contains(&Event::FalseStart { seat: ana }));
    assert!(chip(&mut app, ana).contains("false start"));
    // The pad is unplugged: its seat stays, away.
    app.world_mut().write_message(GamepadConnectionEvent::new(
        pad,
        GamepadConnection::Disconnected,
    ));
    frames(&mut app, 2);
    assert!(session(&app).game.player(dee).unwrap().away);
    assert_eq!(chip(&mut app, dee), "away");
    // Buzzing opens after 2 s; Ben and Cy buzz in the same frame: a tie drawn by the seed.
    frames(&mut app, 20);
    assert_eq!(session(&app).game.buzz(), &Buzz::Open);
    press_together(&mut app, &[KEY_GROUPS[1].buzz, KEY_GROUPS[2].buzz]);
    assert!(
        events(&app)
            .iter()
            .any(|e| matches!(e, Event::BuzzWon { tied, .. } if tied.len() == 2))
    );
    frames(&mut app, 3);
    let seed = session(&app).game.seed();
    let expected = draw(seed, 0, 0, &[ben, cy]);
    let Buzz::Answering { seat: holder, .. } = session(&app).game.buzz().clone() else {
        panic!("no one holds the buzz: {:?}", session(&app).game.buzz());
    };
    assert_eq!(holder, expected);
    // The pad comes back: the seat is back.
    report_pad_connected(&mut app, pad);
    frames(&mut app, 2);
    assert!(!session(&app).game.player(dee).unwrap().away);
    // The holder answers right: the question ends and scores.
    let group = if holder == ben { 1 } else { 2 };
    let correct = session(&app).game.current().correct;
    type_text(&mut app, &key(group, correct).to_string());
    wait_for_screen(&mut app, Screen::Reveal);
    assert!(score(&app, holder) > 0);
    assert!(session(&app).game.last_result(holder).unwrap().buzzed);

    // A new game reads the party history back.
    let mut again = headless_app(&repo().join("quizzes"), &data, false);
    wait_for_screen(&mut again, Screen::Title);
    let reloaded = again.world().resource::<SavedPartyHistory>().0.clone();
    assert_eq!(reloaded, history);
}

/// Four players mash their keys (answers and buzzers, several per frame) through every
/// transition of a buzz-in and an everyone-answers game of choices, an order and a number:
/// nothing panics, no seat ever has two results for one question, every result matches an
/// option that exists or is an answer of its question's kind, and every score is the sum
/// of its results.
#[test]
fn four_players_mashing_keys_through_every_transition() {
    for format in [Format::EveryoneAnswers, Format::BuzzIn] {
        let data = temp_dir(&format!("party-mash-{format:?}"));
        let mut app = headless_app(&repo().join("quizzes"), &data, false);
        wait_for_screen(&mut app, Screen::Title);
        open_lobby(&mut app);
        press_together(&mut app, &['z', 'v', 'n', 'm']);
        assert_eq!(lobby(&app).seats.len(), 4);
        for _ in 0..3 {
            click_row(&mut app, LobbyRow::Round(SetupRow::Questions)); // 5 questions
        }
        if format == Format::BuzzIn {
            click_row(&mut app, LobbyRow::Format);
        }
        // Five questions of all three kinds: the keys that answer a choice place an order's
        // items and turn a number's dial, and the buzz key takes an item back or locks a
        // number in, so the mash reaches every kind's input.
        let count =
            |asked: &[&Asked], kind: fn(&Asked) -> bool| asked.iter().filter(|&&a| kind(a)).count();
        app.world_mut()
            .resource_mut::<defiant_trivia::game::round_setup::SetupChoices>()
            .seed = seed_where(5, |asked| {
            count(asked, |a| *a == Asked::Choice) >= 2
                && count(asked, |a| matches!(a, Asked::Order { .. })) >= 1
                && count(asked, |a| matches!(a, Asked::Number { .. })) >= 1
        })
        .expect("a seed with choices, an order and a number in its first five");
        click_row(&mut app, LobbyRow::Start);
        wait_for_screen(&mut app, Screen::Question);
        // A small deterministic generator: the same mash every run.
        let mut state: u64 = 0x5EED;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let all: Vec<char> = KEY_GROUPS
            .iter()
            .flat_map(|g| g.answers.iter().copied().chain([g.buzz]))
            .collect();
        for frame in 0..1500 {
            let n = (next() % 4) as usize;
            let keys: Vec<char> = (0..n)
                .map(|_| all[(next() % all.len() as u64) as usize])
                .collect();
            press_together(&mut app, &keys);
            // The host moves on whenever there is somewhere to go.
            if frame % 7 == 0 {
                press(&mut app, KeyCode::Enter);
            }
            if session(&app).game.phase() == Phase::Finished {
                break;
            }
        }
        let game = &session(&app).game;
        assert_eq!(
            game.phase(),
            Phase::Finished,
            "{format:?}: the game reached its end"
        );
        let mut given_kinds = std::collections::HashSet::new();
        for player in game.players() {
            let mut questions: Vec<usize> =
                player.stats.results.iter().map(|r| r.question).collect();
            questions.dedup();
            assert_eq!(
                questions.len(),
                player.stats.results.len(),
                "one result per question"
            );
            for r in &player.stats.results {
                let question = &game.questions()[r.question];
                assert!(r.chosen.is_none_or(|c| c < question.options.len()));
                // An answer is of its question's kind; an order names every item once.
                match (&question.asked, &r.given) {
                    (_, None) => {}
                    (Asked::Order { right, .. }, Some(Given::Order(order))) => {
                        let mut items = order.items();
                        items.sort_unstable();
                        assert_eq!(items, (0..right.len()).collect::<Vec<_>>());
                    }
                    (Asked::Number { .. }, Some(Given::Number(guess))) => {
                        assert!(guess.value().is_finite());
                    }
                    (asked, given) => panic!("{asked:?} answered with {given:?}"),
                }
                if r.given.is_some() {
                    given_kinds.insert(std::mem::discriminant(&question.asked));
                }
            }
            let sum: i64 = player.stats.results.iter().map(|r| r.points.total()).sum();
            assert_eq!(player.stats.score, sum + player.stats.adjustments);
        }
        assert_eq!(
            given_kinds.len(),
            2,
            "{format:?}: the mash locked in an order and a number"
        );
        wait_for_screen(&mut app, Screen::Podium);
    }
}
