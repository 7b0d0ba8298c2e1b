//! A party resumes from its journal with its phones.

use super::*;

/// A crash cannot take the night: a party with two key groups and phones is played and its
/// `App` dropped mid-question; a new `App` on the same data folder offers the night on the
/// title, resumes it from the journal (the same question, scores, answers and undo
/// history, paused), and every phone finds its seat again with its token on the same port.
#[test]
fn a_party_resumes_from_its_journal_with_its_phones() {
    let mut party = Party::new("night-resume");
    let data = party
        .app
        .world()
        .resource::<defiant_trivia::game::persist::DataDir>()
        .0
        .clone();
    press_together(&mut party.app, &[KEY_GROUPS[0].buzz, KEY_GROUPS[1].buzz]);
    party.until("two key seats", |p| p.lobby().seats.len() == 2);
    let mut ana = party.join("Ana");
    let mut bo = party.join("Bo");
    // The host kicks a guest in the lobby: its name stays out, even after a resume.
    let _mallory = party.join("Mallory");
    party.until("Mallory seated", |p| {
        p.lobby().seats.iter().any(|s| s.name == "Mallory")
    });
    let mallory = party.seat_named("Mallory");
    party.delete_card(mallory);
    party.until("Mallory gone", |p| p.lobby().seats.len() == 4);
    party.until("four seats", |p| p.lobby().seats.len() == 4);
    let ana_seat = party.seat_named("Ana");
    let bo_seat = party.seat_named("Bo");
    party.start(Format::EveryoneAnswers);

    // Question 1: keys 0 and Ana right, keys 1 and Bo wrong.
    let q = party.question();
    let right = party.correct();
    let wrong = (right + 1) % party.session().game.current().options.len();
    party.view_until(&mut ana, "question 1", |v| v["you"] == "choose");
    press_together(
        &mut party.app,
        &[KEY_GROUPS[0].answers[right], KEY_GROUPS[1].answers[wrong]],
    );
    for (phone, option) in [(&mut ana, right), (&mut bo, wrong)] {
        party.send(
            &mut phone.ws,
            &json!({"type": "answer", "question": q, "option": option}).to_string(),
        );
    }
    party.reveal_view(&mut ana, "reveal 1", q);
    party.next_question();

    // Question 2: a latecomer joins (waiting), Ana and keys 1 answer, then the crash.
    let cy = party.join("Cy");
    party.until("Cy seated", |p| {
        p.lobby().seats.iter().any(|s| s.name == "Cy")
    });
    let cy_seat = party.seat_named("Cy");
    let q2 = party.question();
    let right = party.correct();
    party.view_until(&mut ana, "question 2", |v| v["you"] == "choose");
    party.send(
        &mut ana.ws,
        &json!({"type": "answer", "question": q2, "option": right}).to_string(),
    );
    press_together(&mut party.app, &[KEY_GROUPS[1].answers[right]]);
    party.view_until(&mut ana, "Ana locked in", |v| v["you"] == "locked");
    let keys_1 = seat_of(&party.app, Device::Keys(1));
    party.until("keys 1 and Cy in the game", |p| {
        let game = &p.session().game;
        game.has_answered(keys_1) && game.player(cy_seat).is_some()
    });
    let live = party.session().game.clone();
    assert_eq!(live.phase(), Phase::Question);
    assert!(live.has_answered(ana_seat));
    assert!(live.player(cy_seat).is_some());
    let port = party.addr.port();
    let tokens = [
        (ana_seat, ana.token.clone()),
        (bo_seat, bo.token.clone()),
        (cy_seat, cy.token.clone()),
    ];
    let Party { app, rt, room, .. } = party;
    drop(app); // the crash: nothing is saved on the way out but what the journal holds
    drop((ana, bo, cy));

    // A new game on the same data folder: the title offers the night.
    let mut app = headless_app(&repo().join("quizzes"), &data, false);
    app.insert_resource(Phones::with_options(PhoneOptions {
        bind: Some(LOOPBACK),
        handshake: Some(Duration::from_secs(2)),
        ..default()
    }));
    wait_for_screen(&mut app, Screen::Title);
    update_until(&mut app, "the resume button", |app| {
        find_by::<TitleAction>(app, |a| *a == TitleAction::Resume).is_some()
    });
    let summary = {
        let mut texts = app
            .world_mut()
            .query_filtered::<&Text, With<ResumeSummary>>();
        texts.iter(app.world()).next().map(|t| t.0.clone())
    };
    let summary = summary.expect("a line says which night");
    assert!(
        summary.contains("question 2 of") && summary.contains("5 players"),
        "{summary}"
    );
    let resume = find_by::<TitleAction>(&mut app, |a| *a == TitleAction::Resume).unwrap();
    click(&mut app, resume);
    wait_for_screen(&mut app, Screen::Question);
    let mut party = Party {
        app,
        rt,
        addr: SocketAddr::new(LOOPBACK, port),
        room,
    };
    party.until("the phone server back", |p| {
        p.app.world().resource::<Phones>().server().is_some()
    });

    // The same night, paused on the same question with the time that was left.
    let game = party.session().game.clone();
    assert!(game.is_paused());
    assert_eq!(game.current_index(), live.current_index());
    assert_eq!(game.questions(), live.questions());
    // The time left as of the journal's last record: at most a heartbeat before the end.
    let (left, live_left) = (
        game.remaining(Duration::ZERO),
        live.remaining(live.advanced_to()),
    );
    assert!(
        left >= live_left && left <= live_left + defiant_trivia::game::night::HEARTBEAT,
        "{left:?} left, {live_left:?} live"
    );
    assert_eq!(game.undo_label(), live.undo_label());
    for player in live.players() {
        let id = player.seat.id;
        let back = game.player(id).expect("every seat is back");
        assert_eq!(back.stats, player.stats, "{}", player.seat.name);
        assert_eq!(back.seat, player.seat);
        assert_eq!(game.has_answered(id), live.has_answered(id));
        assert_eq!(game.given(id), live.given(id));
        assert_eq!(back.waiting, player.waiting);
    }
    // The phones are away until their pages come back, each to its own seat.
    assert!(game.player(ana_seat).unwrap().away);
    let server = party.app.world().resource::<Phones>();
    assert_eq!(server.server().unwrap().local_addr().port(), port);
    for (seat, token) in &tokens {
        let mut phone = party.resume(token).expect("the token works again");
        let name = party
            .session()
            .game
            .player(*seat)
            .unwrap()
            .seat
            .name
            .clone();
        let view = party.view_until(&mut phone, "its own seat", |v| v["name"] == name.as_str());
        assert_eq!(
            view["score"],
            party.session().game.player(*seat).unwrap().stats.score
        );
        update_until(&mut party.app, "the phone seat is back", |app| {
            !app.world()
                .resource::<Session>()
                .game
                .player(*seat)
                .unwrap()
                .away
        });
    }
    // The name kicked in the lobby is still kept out of the room opened again.
    let mut ws = party.open();
    party.send(
        &mut ws,
        &json!({"type": "join", "room": party.room, "name": "MALLORY"}).to_string(),
    );
    let refused = party.next(&mut ws, Duration::from_secs(5)).unwrap();
    assert_eq!(refused["type"], "refused", "{refused}");
    assert_eq!(refused["retry"], false);
    // Esc goes on: the clock runs again from where it stopped.
    press(&mut party.app, KeyCode::Escape);
    party.until("the clock running again", |p| !p.session().game.is_paused());
}
