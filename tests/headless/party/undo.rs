//! Undo and host corrections redraw the reveal, the scoreboard and the podium.

use super::*;

/// Two keyboard players play one question of `format` to a right answer from Player 2 (and,
/// everyone answering, a wrong one from Player 1); the host opens the legend (F1) on the
/// reveal and undoes (F5) the scoring. The reveal then shows what the game says: nobody
/// scores, nobody "got it", no points on any chip, no picks; the legend sits at the top of
/// the reveal's own column (so the screen moves down under it, uncovered). The scoreboard
/// after it shows the scores as undone, and follows a correction made on it.
#[test]
fn undo_on_the_reveal_redraws_the_reveal_and_the_scoreboard() {
    use defiant_trivia::core::game::BUZZ_READING_TIME;
    use defiant_trivia::game::host::HostButton;
    use defiant_trivia::game::theme::widgets::RoundRoot;

    for format in [Format::BuzzIn, Format::EveryoneAnswers] {
        let data = temp_dir(&format!("party-undo-reveal-{format:?}"));
        let (mut app, one, two) = lobby_of_two(&data);
        if format == Format::BuzzIn {
            click_row(&mut app, LobbyRow::Format);
        }
        assert_eq!(lobby(&app).format, format);
        choices_first(&mut app, 20);
        click_row(&mut app, LobbyRow::Start);
        wait_for_screen(&mut app, Screen::Question);
        let correct = session(&app).game.current().correct;
        let wrong = (correct + 1) % session(&app).game.current().options.len();
        match format {
            Format::BuzzIn => {
                // Past the reading time, Player 2 buzzes; past the tie window, answers.
                let reading = (BUZZ_READING_TIME.as_millis() / FRAME.as_millis()) as usize;
                frames(&mut app, reading + 2);
                assert_eq!(session(&app).game.buzz(), &Buzz::Open);
                type_text(&mut app, &KEY_GROUPS[1].buzz.to_string());
                frames(&mut app, 4);
                type_text(&mut app, &key(1, correct).to_string());
            }
            Format::EveryoneAnswers => {
                type_text(&mut app, &key(0, wrong).to_string());
                type_text(&mut app, &key(1, correct).to_string());
            }
        }
        wait_for_screen(&mut app, Screen::Reveal);
        let points = score(&app, two);
        assert!(points > 0, "{format:?}: Player 2 scored");
        let won = match format {
            Format::BuzzIn => "Player 2 got it!",
            Format::EveryoneAnswers => "Only Player 2 got it.",
        };
        let before = texts(&mut app);
        assert!(before.iter().any(|t| t == won), "{format:?}: {before:?}");
        assert!(
            before.iter().any(|t| *t == format!("✓ +{points}")),
            "{format:?}: {before:?}"
        );

        // F1: the legend is the first part of the reveal's own column, not laid over it.
        press_logical(&mut app, Key::F1);
        let button = find::<HostButton>(&mut app).expect("the legend's buttons");
        let legend = app.world().get::<ChildOf>(button).unwrap().parent();
        let root = app.world().get::<ChildOf>(legend).unwrap().parent();
        assert!(app.world().get::<RoundRoot>(root).is_some());
        assert_eq!(app.world().get::<Children>(root).unwrap()[0], legend);
        assert_eq!(
            app.world().get::<Node>(legend).unwrap().position_type,
            PositionType::Relative
        );

        // F5: the scoring is taken back, and the reveal says so.
        press_logical(&mut app, Key::F5);
        assert_eq!(screen(&app), Screen::Reveal);
        assert_eq!((score(&app, one), score(&app, two)), (0, 0));
        let after = texts(&mut app);
        assert!(
            after.iter().all(|t| !t.contains("got it")
                && !t.contains(&format!("+{points}"))
                && !t.starts_with("✓ +")),
            "{format:?}: the reveal still claims the win or points: {after:?}"
        );
        assert!(
            after
                .iter()
                .all(|t| !t.contains("  ·  1 pick: ") && !t.contains(" picks: ")),
            "{format:?}: the picks were taken back too: {after:?}"
        );
        assert!(
            after
                .iter()
                .any(|t| t == "Scores taken back: nobody scores on this question."),
            "{format:?}: {after:?}"
        );
        assert_eq!(
            after.iter().filter(|t| *t == "— 0").count(),
            2,
            "{format:?}: each chip shows no points: {after:?}"
        );
        // The legend is still there, at the top, saying what was undone.
        assert!(
            after.iter().any(|t| t.starts_with("Undid ")),
            "{format:?}: {after:?}"
        );
        let button = find::<HostButton>(&mut app).unwrap();
        let legend = app.world().get::<ChildOf>(button).unwrap().parent();
        assert_eq!(app.world().get::<Children>(root).unwrap()[0], legend);

        // The scoreboard shows the undone scores; a correction on it shows at once.
        press(&mut app, KeyCode::Enter);
        wait_for_screen(&mut app, Screen::Scoreboard);
        let scores = |app: &mut App| {
            texts(app)
                .into_iter()
                .filter(|t| t.parse::<i64>().is_ok())
                .collect::<Vec<_>>()
        };
        assert_eq!(scores(&mut app), ["0", "0"], "{format:?}");
        press_logical(&mut app, Key::F6);
        press(&mut app, KeyCode::ArrowRight); // +100 for Player 1
        assert_eq!(score(&app, one), 100);
        let mut shown = scores(&mut app);
        shown.sort();
        assert_eq!(shown, ["0", "100"], "{format:?}");
        press_logical(&mut app, Key::F5);
        assert_eq!(scores(&mut app), ["0", "0"], "{format:?}");
    }
}

/// Two keyboard players play one everyone-answers question to a right answer from Player 2
/// (Player 1 wrong) and the host ends the game (F10 twice): the podium. While its places are
/// still being revealed the host gives Player 1 100 points (F6, →), then undoes it, then
/// undoes the question's scoring (F5 twice). After each the podium's places, standings and
/// review show the game's scores; the reveal goes on at the step it had reached (a place
/// shown stays shown, the winner's still waits for its turn); the buttons keep the focus;
/// and the party's one record in the history, in memory and in party-history.ron, holds
/// the corrected scores.
#[test]
fn a_correction_or_an_undo_on_the_podium_redraws_it_and_saves_the_history_again() {
    use defiant_trivia::core::history::PartyHistory;
    use defiant_trivia::game::menu::Focus;

    let data = temp_dir("party-podium-undo");
    let (mut app, one, two) = lobby_of_two(&data);
    assert_eq!(lobby(&app).format, Format::EveryoneAnswers);
    choices_first(&mut app, 20);
    click_row(&mut app, LobbyRow::Start);
    wait_for_screen(&mut app, Screen::Question);
    let correct = session(&app).game.current().correct;
    let wrong = (correct + 1) % session(&app).game.current().options.len();
    type_text(&mut app, &key(0, wrong).to_string());
    type_text(&mut app, &key(1, correct).to_string());
    wait_for_screen(&mut app, Screen::Reveal);
    let points = score(&app, two);
    assert!(points > 100, "Player 2 scored: {points}");
    assert_eq!(score(&app, one), 0);
    press_logical(&mut app, Key::F10);
    press_logical(&mut app, Key::F10);
    wait_for_screen(&mut app, Screen::Podium);

    // Whether a text is on the screen and not hidden by the podium's reveal.
    fn shown(app: &mut App, wanted: &str) -> bool {
        let mut query = app.world_mut().query::<(Entity, &Text)>();
        let found: Vec<Entity> = query
            .iter(app.world())
            .filter(|(_, t)| t.0 == wanted)
            .map(|(e, _)| e)
            .collect();
        found.into_iter().any(|mut entity| {
            loop {
                if app.world().get::<Visibility>(entity) == Some(&Visibility::Hidden) {
                    break false;
                }
                match app.world().get::<ChildOf>(entity) {
                    Some(parent) => entity = parent.parent(),
                    None => break true,
                }
            }
        })
    }
    // The party's record: the history in memory, which the file on disk matches.
    let record = |app: &App| {
        let history = app.world().resource::<SavedPartyHistory>().0.clone();
        let on_disk =
            defiant_trivia::core::store::load::<PartyHistory>(&data.join("party-history.ron"));
        assert_eq!(on_disk.value, history, "party-history.ron matches");
        assert_eq!(
            history.parties.len(),
            1,
            "one record, replaced: {history:?}"
        );
        history.parties[0].clone()
    };
    let scores_saved = |app: &App| {
        record(app)
            .seats
            .iter()
            .map(|s| (s.name.clone(), s.score))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        scores_saved(&app),
        [
            ("Player 2".to_string(), points),
            ("Player 1".to_string(), 0)
        ]
    );
    let id = record(&app).id;

    // The second place shows first (there is no third); the winner's a step later.
    update_until(&mut app, "the second place", |app| shown(app, "0 points"));
    assert!(!shown(&mut app, &format!("{points} points")));
    // The scores panel: +100 for Player 1, then the panel closes again.
    press_logical(&mut app, Key::F6);
    press(&mut app, KeyCode::ArrowRight);
    press_logical(&mut app, Key::F6);
    assert_eq!(score(&app, one), 100);
    assert!(shown(&mut app, "100 points"), "{:?}", texts(&mut app));
    assert!(!shown(&mut app, "0 points"));
    assert!(
        !shown(&mut app, &format!("{points} points")),
        "the winner still waits for its turn"
    );
    let line = format!("1. Player 2 — {points}   ·   2. Player 1 — 100");
    assert!(texts(&mut app).contains(&line), "{:?}", texts(&mut app));
    assert_eq!(
        scores_saved(&app),
        [
            ("Player 2".to_string(), points),
            ("Player 1".to_string(), 100)
        ]
    );
    assert_eq!(record(&app).id, id);

    // Everything shows in its time, once.
    update_until(&mut app, "the whole podium", |app| {
        shown(app, &format!("{points} points")) && shown(app, &line)
    });
    assert!(shown(&mut app, "100 points"));
    let focus = app
        .world()
        .resource::<Focus>()
        .0
        .expect("a button has the focus");
    assert!(app.world().get::<PodiumAction>(focus).is_some());

    // F5: the +100 is taken back.
    press_logical(&mut app, Key::F5);
    assert_eq!(score(&app, one), 0);
    assert!(shown(&mut app, "0 points") && !shown(&mut app, "100 points"));
    assert!(shown(&mut app, &format!("{points} points")));
    assert!(
        shown(
            &mut app,
            &format!("1. Player 2 — {points}   ·   2. Player 1 — 0")
        ),
        "{:?}",
        texts(&mut app)
    );
    assert_eq!(
        scores_saved(&app),
        [
            ("Player 2".to_string(), points),
            ("Player 1".to_string(), 0)
        ]
    );
    assert_eq!(app.world().resource::<Focus>().0, Some(focus));

    // F5 again: the question's scoring is taken back; nobody has points, nobody is right.
    press_logical(&mut app, Key::F5);
    assert_eq!((score(&app, one), score(&app, two)), (0, 0));
    let after = texts(&mut app);
    assert_eq!(
        after.iter().filter(|t| *t == "0 points").count(),
        2,
        "{after:?}"
    );
    assert!(
        after.iter().all(|t| *t != format!("{points} points")
            && !t.contains(&format!("— {points}"))
            && !t.contains("✓ +")),
        "{after:?}"
    );
    assert!(
        after
            .iter()
            .any(|t| t == "1. Player 1 — 0   ·   1. Player 2 — 0"),
        "{after:?}"
    );
    assert!(shown(&mut app, "1. Player 1 — 0   ·   1. Player 2 — 0"));
    assert_eq!(
        scores_saved(&app),
        [("Player 1".to_string(), 0), ("Player 2".to_string(), 0)]
    );
    assert_eq!(record(&app).winner, "Player 1 & Player 2");
    assert_eq!(record(&app).id, id);
    assert_eq!(app.world().resource::<Focus>().0, Some(focus));
    assert!(app.world().get_entity(focus).is_ok());
}

/// A lobby (saving into `data`) with two players on key groups 1 and 2, and their seats.
fn lobby_of_two(data: &std::path::Path) -> (App, SeatId, SeatId) {
    let mut app = headless_app(&repo().join("quizzes"), data, false);
    wait_for_screen(&mut app, Screen::Title);
    open_lobby(&mut app);
    type_text(&mut app, "z");
    type_text(&mut app, "v");
    let (one, two) = (
        seat_of(&app, Device::Keys(0)),
        seat_of(&app, Device::Keys(1)),
    );
    (app, one, two)
}
