//! Phones play: everyone answers, buzz-in, orders and numbers, coming back after a drop, refusals.

use super::*;
use defiant_trivia::core::game::SeatState;

#[test]
fn two_keys_and_three_phones_play_an_everyone_answers_round() {
    let mut party = Party::new("phones-mixed");
    // Two keyboard seats join with their buzz keys.
    press_together(&mut party.app, &[KEY_GROUPS[0].buzz, KEY_GROUPS[1].buzz]);
    party.until("two key seats", |p| p.lobby().seats.len() == 2);
    // Three phones join; two type the same name.
    let mut ana = party.join("Ana");
    let mut ana2 = party.join("  ana ");
    let mut bo = party.join("Bo\u{202E}b");
    party.until("five seats", |p| p.lobby().seats.len() == 5);
    let seats = &party.lobby().seats;
    assert_eq!(seats.len(), 5, "{seats:?}");
    assert_eq!(
        seats.iter().filter(|s| s.device == Device::Phone).count(),
        3
    );
    let ana_seat = party.seat_named("Ana");
    let ana2_seat = party.seat_named("ana 2");
    let bo_seat = party.seat_named("Bob");
    let lobby_view = party.view_until(&mut ana2, "lobby", |v| {
        v["phase"] == "lobby" && v["players"] == 5
    });
    assert_eq!(lobby_view["name"], "ana 2");
    assert_eq!(lobby_view["players"], 5);

    // Everyone answers: the phones see the question with no right answer in it.
    party.start(Format::EveryoneAnswers);
    let q = party.question();
    let right = party.correct();
    let wrong = (right + 1) % party.session().game.current().options.len();
    let view = party.view_until(&mut ana, "a question", |v| v["you"] == "choose");
    assert_eq!(view["question"]["index"], q);
    let text = view.to_string();
    assert!(!text.contains(&party.session().game.current().explanation));
    // Keys: group 0 right, group 1 wrong; phones: Ana right, ana 2 wrong, Bob right.
    press_together(
        &mut party.app,
        &[KEY_GROUPS[0].answers[right], KEY_GROUPS[1].answers[wrong]],
    );
    for (phone, option) in [(&mut ana, right), (&mut ana2, wrong)] {
        party.send(
            &mut phone.ws,
            &json!({"type": "answer", "question": q, "option": option}).to_string(),
        );
    }
    let locked = party.view_until(&mut ana, "locked in", |v| v["you"] == "locked");
    assert_eq!(locked["locked"], right);
    assert_eq!(
        party.session().game.phase(),
        Phase::Question,
        "Bob has not answered"
    );
    party.send(
        &mut bo.ws,
        &json!({"type": "answer", "question": q, "option": right}).to_string(),
    );
    let reveal = party.view_until(&mut bo, "the reveal", |v| v["phase"] == "reveal");
    assert_eq!(reveal["result"]["correct"], true);
    assert_eq!(reveal["result"]["right"], right);
    let bob_score = party.session().game.player(bo_seat).unwrap().stats.score;
    assert!(bob_score > 0);
    assert_eq!(reveal["score"], bob_score);
    let ana2_reveal = party.view_until(&mut ana2, "ana 2's reveal", |v| v["phase"] == "reveal");
    assert_eq!(ana2_reveal["result"]["correct"], false);
    assert_eq!(ana2_reveal["score"], 0);

    // The keyboard seats were scored by the same rules.
    let keys: Vec<i64> = party
        .session()
        .game
        .players()
        .iter()
        .filter(|p| matches!(p.seat.device, Device::Keys(_)))
        .map(|p| p.stats.score)
        .collect();
    assert_eq!(keys.len(), 2);
    assert!(keys[0] > 0 && keys[1] == 0, "{keys:?}");
    let ana_score = party.session().game.player(ana_seat).unwrap().stats.score;
    assert!(ana_score > 0);
    assert_eq!(
        party.session().game.player(ana2_seat).unwrap().stats.score,
        0
    );
}

#[test]
fn a_phone_comes_back_to_the_same_seat_and_score_after_a_drop() {
    let mut party = Party::new("phones-reconnect");
    press_together(&mut party.app, &[KEY_GROUPS[0].buzz]);
    let mut ana = party.join("Ana");
    party.until("two seats", |p| p.lobby().seats.len() == 2);
    let ana_seat = party.seat_named("Ana");
    party.start(Format::EveryoneAnswers);
    let q = party.question();
    let right = party.correct();
    party.view_until(&mut ana, "question", |v| v["you"] == "choose");
    party.send(
        &mut ana.ws,
        &json!({"type": "answer", "question": q, "option": right}).to_string(),
    );
    press_together(&mut party.app, &[KEY_GROUPS[0].answers[right]]);
    let reveal = party.view_until(&mut ana, "reveal", |v| v["phase"] == "reveal");
    let score = reveal["score"].as_i64().unwrap();
    assert!(score > 0);

    // The connection drops: away on the TV, seat and score kept.
    let token = ana.token.clone();
    drop(ana);
    update_until(&mut party.app, "Ana away", |app| {
        app.world()
            .resource::<Session>()
            .game
            .player(ana_seat)
            .unwrap()
            .away
    });
    // A wrong token is refused; the seat is still held.
    assert!(party.resume("0123456789abcdef0123456789abcdef").is_none());
    assert!(party.resume(&token[..31]).is_none());
    // Back with her token: the same seat, the same score, the current state.
    let mut back = party.resume(&token).expect("resumed");
    let view = party.view_until(&mut back, "caught up", |v| v["phase"] == "reveal");
    assert_eq!(view["name"], "Ana");
    assert_eq!(view["score"], score);
    update_until(&mut party.app, "Ana back", |app| {
        !app.world()
            .resource::<Session>()
            .game
            .player(ana_seat)
            .unwrap()
            .away
    });
    // A second connection with the same token replaces the first, which is closed.
    let mut again = party.resume(&token).expect("resumed twice");
    assert!(party.closed(&mut back.ws, Duration::from_secs(5)));
    party.view_until(&mut again, "the new connection sees the game", |v| {
        v["score"] == score
    });
    assert_eq!(
        party.session().game.player(ana_seat).unwrap().stats.score,
        score
    );
    assert!(!party.session().game.player(ana_seat).unwrap().away);

    // A phone joining during a question waits for the next one.
    // On to the next question (through the scoreboard).
    for _ in 0..10 {
        if party.session().game.phase() == Phase::Question {
            break;
        }
        press(&mut party.app, KeyCode::Enter);
        frames(&mut party.app, 2);
    }
    assert_eq!(party.session().game.phase(), Phase::Question);
    assert_eq!(party.question(), 1);
    let mut late = party.join("Late");
    let view = party.view_until(&mut late, "waiting", |v| v["you"] == "waiting");
    assert_eq!(view["phase"], "question");
    let late_seat = party.seat_named("Late");
    let q = party.question();
    party.send(
        &mut late.ws,
        &json!({"type": "answer", "question": q, "option": 0}).to_string(),
    );
    party.barrier(&mut late);
    assert_eq!(
        party.session().game.player(late_seat).unwrap().stats.score,
        0
    );
    assert!(!party.session().game.has_answered(late_seat));
}

#[test]
fn buzz_in_with_phones_and_keys() {
    let mut party = Party::new("phones-buzz");
    press_together(&mut party.app, &[KEY_GROUPS[0].buzz, KEY_GROUPS[1].buzz]);
    let mut ana = party.join("Ana");
    let mut bo = party.join("Bo");
    let mut cy = party.join("Cy");
    party.until("five seats", |p| p.lobby().seats.len() == 5);
    let ana_seat = party.seat_named("Ana");
    party.start(Format::BuzzIn);
    // Reading time: a phone buzzing now is a false start and is locked out for a while.
    let q = party.question();
    let right = party.correct();
    let view = party.view_until(&mut cy, "reading", |v| v["you"] == "reading");
    assert_eq!(view["question"]["buzz_in"], true);
    party.send(
        &mut cy.ws,
        &json!({"type": "buzz", "question": q}).to_string(),
    );
    party.view_until(&mut cy, "false start", |v| v["you"] == "locked_out");
    // Buzzing opens; Ana buzzes first and answers right.
    party.view_until(&mut ana, "buzzing open", |v| v["you"] == "buzz");
    party.send(
        &mut ana.ws,
        &json!({"type": "buzz", "question": q}).to_string(),
    );
    party.view_until(&mut ana, "answer now", |v| v["you"] == "answer");
    party.view_until(&mut bo, "someone else answers", |v| v["you"] == "other");
    // A key buzz now changes nothing.
    press_together(&mut party.app, &[KEY_GROUPS[0].buzz]);
    party.send(
        &mut ana.ws,
        &json!({"type": "answer", "question": q, "option": right}).to_string(),
    );
    let reveal = party.view_until(&mut ana, "reveal", |v| v["phase"] == "reveal");
    assert_eq!(reveal["result"]["correct"], true);
    assert!(reveal["score"].as_i64().unwrap() > 0);
    assert_eq!(reveal["rank"], 1);
    assert_eq!(
        party.session().game.player(ana_seat).unwrap().stats.score,
        reveal["score"].as_i64().unwrap()
    );
    // Bob's view says he was not the one.
    let bo_view = party.view_until(&mut bo, "Bob's reveal", |v| v["phase"] == "reveal");
    assert_eq!(bo_view["score"], 0);
}

#[test]
fn phones_answer_an_order_and_a_number_and_score_by_their_rules() {
    let mut party = Party::with_kinds("phones-kinds");
    let mut ana = party.join("Ana");
    let mut bo = party.join("Bo");
    let mut cy = party.join("Cy");
    party.until("three seats", |p| p.lobby().seats.len() == 3);
    let (ana_seat, bo_seat, cy_seat) = (
        party.seat_named("Ana"),
        party.seat_named("Bo"),
        party.seat_named("Cy"),
    );
    let seats = [ana_seat, bo_seat, cy_seat];
    // A buzz-in party: its orders and numbers are everyone-answers questions all the same.
    party.start(Format::BuzzIn);
    assert_eq!(party.session().game.questions().len(), 3);
    let mut done = Vec::new();
    for _ in 0..3 {
        let q = party.question();
        let before: Vec<i64> = seats.iter().map(|&s| party.score_of(s)).collect();
        let gained = |party: &Party| -> Vec<i64> {
            seats
                .iter()
                .zip(&before)
                .map(|(&s, b)| party.score_of(s) - b)
                .collect()
        };
        match party.session().game.current().asked.clone() {
            Asked::Order { right, .. } => {
                // Every phone is asked to tap the items: no reading time, no buzzer.
                let view = party.view_until(&mut ana, "the order", |v| {
                    v["question"]["index"] == q && v["you"] == "choose"
                });
                let question = &view["question"];
                assert_eq!(question["kind"], "order", "{view}");
                assert_eq!(question["buzz_in"], false);
                assert_eq!(question["options"], 4);
                assert_eq!(question["first"], "Closest");
                assert_eq!(question["last"], "Farthest");
                let text = view.to_string();
                assert!(
                    !text.contains("right") && !text.contains("Mercury"),
                    "no answer before the reveal: {text}"
                );
                assert_eq!(right.len(), 4);
                let mut swapped = right.clone();
                swapped.swap(2, 3);
                let reversed: Vec<usize> = right.iter().rev().copied().collect();
                // Ana puts them right, Bo swaps the last two, Cy reverses them.
                for (phone, items) in [(&mut ana, &right), (&mut bo, &swapped)] {
                    party.send(
                        &mut phone.ws,
                        &json!({"type": "order", "question": q, "items": items}).to_string(),
                    );
                }
                let locked =
                    party.view_until(&mut ana, "Ana's order locked in", |v| v["you"] == "locked");
                assert_eq!(locked["locked_order"], json!(right));
                assert_eq!(locked["locked"], Value::Null);
                assert_eq!(party.session().game.phase(), Phase::Question, "Cy thinks");
                party.send(
                    &mut cy.ws,
                    &json!({"type": "order", "question": q, "items": reversed}).to_string(),
                );
                let reveal = party.reveal_view(&mut bo, "Bo's reveal", q);
                let r = &reveal["result"];
                assert_eq!(r["kind"], "order");
                assert_eq!((&r["correct"], &r["partly"]), (&json!(false), &json!(true)));
                assert_eq!(r["points"], 250, "two of four in place: a quarter");
                assert_eq!(r["right_order"], json!(right));
                assert_eq!(r["given_order"], json!(swapped));
                assert_eq!(r["right_text"], "Mercury → Venus → Earth → Mars");
                let letters: Vec<String> = swapped
                    .iter()
                    .map(|&i| char::from(b'A' + i as u8).to_string())
                    .collect();
                assert_eq!(r["given"], letters.join(", "));
                assert_eq!(r["right"], Value::Null);
                let cy_view = party.reveal_view(&mut cy, "Cy's reveal", q);
                assert_eq!(
                    (&cy_view["result"]["correct"], &cy_view["result"]["partly"]),
                    (&json!(false), &json!(false))
                );
                let ana_view = party.reveal_view(&mut ana, "Ana's reveal", q);
                assert_eq!(ana_view["result"]["correct"], true);
                assert_eq!(gained(&party), [1000, 250, 0]);
                done.push("order");
            }
            Asked::Number { .. } => {
                let view = party.view_until(&mut bo, "the number", |v| {
                    v["question"]["index"] == q && v["you"] == "choose"
                });
                let question = &view["question"];
                assert_eq!(question["kind"], "number", "{view}");
                assert_eq!(question["buzz_in"], false);
                assert_eq!(
                    (&question["unit"], &question["decimals"]),
                    (&json!("days"), &json!(0))
                );
                assert!(!view.to_string().contains("687"), "{view}");
                // 687 days, within 10: Ana is 3 off (right, and closest: all of it); Bo
                // is 13 off (alone 87/90 of it, but not closest: at most half); Cy is
                // past the limit of 100 off (nothing).
                for (phone, value) in [
                    (&mut ana, json!(690)),
                    (&mut bo, json!(700.0)),
                    (&mut cy, json!(-800)),
                ] {
                    party.send(
                        &mut phone.ws,
                        &json!({"type": "number", "question": q, "value": value}).to_string(),
                    );
                }
                let reveal = party.reveal_view(&mut ana, "Ana's reveal", q);
                let r = &reveal["result"];
                assert_eq!(r["kind"], "number");
                assert_eq!((&r["correct"], &r["partly"]), (&json!(true), &json!(false)));
                assert_eq!(r["right_text"], "687 days");
                assert_eq!(r["given"], "690 days");
                let bo_view = party.reveal_view(&mut bo, "Bo's reveal", q);
                let r = &bo_view["result"];
                assert_eq!(
                    (&r["correct"], &r["partly"], &r["points"]),
                    (&json!(false), &json!(true), &json!(500))
                );
                let cy_view = party.reveal_view(&mut cy, "Cy's reveal", q);
                assert_eq!(cy_view["result"]["given"], "-800 days");
                assert_eq!(cy_view["result"]["points"], 0);
                assert_eq!(gained(&party), [1000, 500, 0]);
                done.push("number");
            }
            Asked::Choice => {
                // A choice in a buzz-in party stays buzz-in: Cy buzzes and answers right.
                let right = party.correct();
                party.view_until(&mut cy, "buzzing open", |v| {
                    v["question"]["index"] == q && v["you"] == "buzz"
                });
                party.send(
                    &mut cy.ws,
                    &json!({"type": "buzz", "question": q}).to_string(),
                );
                party.view_until(&mut cy, "answer now", |v| v["you"] == "answer");
                party.send(
                    &mut cy.ws,
                    &json!({"type": "answer", "question": q, "option": right}).to_string(),
                );
                let reveal = party.reveal_view(&mut cy, "Cy's reveal", q);
                assert_eq!(reveal["result"]["kind"], "choice");
                assert_eq!(reveal["result"]["right"], right);
                assert_eq!(gained(&party), [0, 0, 1000]);
                done.push("choice");
            }
        }
        if party.question() + 1 < 3 {
            party.next_question();
        }
    }
    done.sort();
    assert_eq!(done, ["choice", "number", "order"]);
    let scores: Vec<i64> = seats.iter().map(|&s| party.score_of(s)).collect();
    assert_eq!(scores, [2000, 750, 1000]);
}

/// A press the game turns down says why where its player looks: on the seat's chip on
/// the TV, and at the top of its phone's page; a moment later both are back to normal.
#[test]
fn a_refused_press_says_why_on_the_chip_and_the_phone() {
    let mut party = Party::new("refusals");
    // Keys 2 never answers, so the question stays open.
    press_together(&mut party.app, &[KEY_GROUPS[0].buzz, KEY_GROUPS[1].buzz]);
    let mut ana = party.join("Ana");
    party.until("three seats", |p| p.lobby().seats.len() == 3);
    let keys_seat = seat_of(&party.app, Device::Keys(0));
    party.start(Format::EveryoneAnswers);
    let q = party.question();
    party.view_until(&mut ana, "the question", |v| v["you"] == "choose");
    // The key group answers twice: the second press is refused.
    press_together(&mut party.app, &[KEY_GROUPS[0].answers[0]]);
    press_together(&mut party.app, &[KEY_GROUPS[0].answers[1]]);
    assert_eq!(chip(&mut party.app, keys_seat), "✗ already locked in");
    // The phone answers twice too.
    for option in [0, 1] {
        party.send(
            &mut ana.ws,
            &json!({"type": "answer", "question": q, "option": option}).to_string(),
        );
    }
    let view = party.view_until(&mut ana, "the refusal", |v| {
        v["note"] == "✗ already locked in"
    });
    assert_eq!(view["locked"], 0, "the first answer stands");
    // A moment later the chip says the seat's state again.
    for _ in 0..20 {
        party.app.update();
    }
    assert_ne!(chip(&mut party.app, keys_seat), "✗ already locked in");
}

/// Answers that arrive while a frame waits for the render thread are applied then, by the
/// `BetweenFrames` schedule (the game's wait runs it when phones send something; here the
/// test runs it, with no frame at all): the phone hears it is locked in at once, a stale
/// answer is dropped, a join stops the take (it and what follows wait for the frame, in
/// order), and the next frames apply nothing twice.
#[test]
fn answers_are_taken_between_frames_once_and_in_order() {
    let mut party = Party::new("phones-between");
    let mut ana = party.join("Ana");
    let mut bo = party.join("Bo");
    party.until("two seats", |p| p.lobby().seats.len() == 2);
    party.start(Format::EveryoneAnswers);
    let q = party.question();
    let right = party.correct();
    party.view_until(&mut ana, "Ana's question", |v| v["you"] == "choose");
    party.view_until(&mut bo, "Bo's question", |v| v["you"] == "choose");
    let (ana_seat, bo_seat) = (party.seat_named("Ana"), party.seat_named("Bo"));

    // No frame runs from here: a stale answer and Ana's, then a latecomer, then Bo's.
    let answer = |question: usize| {
        json!({"type": "answer", "question": question, "option": right}).to_string()
    };
    party.send(&mut ana.ws, &answer(q + 1));
    party.send(&mut ana.ws, &answer(q));
    party.queued(&mut ana);
    let mut cy = party.open();
    let join = json!({"type": "join", "room": party.room.to_lowercase(), "name": "Cy"});
    party.send(&mut cy, &join.to_string());
    let welcome = party.read(&mut cy, Duration::from_secs(5));
    assert_eq!(welcome.map(|w| w["type"].clone()), Some(json!("welcome")));
    party.send(&mut bo.ws, &answer(q));
    party.queued(&mut bo);

    party
        .app
        .world_mut()
        .run_schedule(defiant_trivia::phones::BetweenFrames);
    let locked = |party: &Party, phone: &mut Phone, wait| {
        let deadline = Instant::now() + wait;
        while let Some(v) = party.read(
            &mut phone.ws,
            deadline.saturating_duration_since(Instant::now()),
        ) {
            if v["type"] == "view" && v["you"] == "locked" {
                return Some(v);
            }
        }
        None
    };
    let view = locked(&party, &mut ana, Duration::from_secs(5));
    let locked_in = view.expect("Ana's view, sent with no frame run");
    assert_eq!(locked_in["locked"], right, "{locked_in}");
    let game = &party.session().game;
    let state = |seat| game.seat_state(seat, Duration::ZERO);
    assert_eq!(
        state(ana_seat),
        Some(SeatState::Answered),
        "Ana's answer is in"
    );
    assert_eq!(
        state(bo_seat),
        Some(SeatState::Thinking),
        "Bo's answer came after Cy's join: it waits for the frame"
    );
    assert_eq!(game.players().len(), 2, "Cy is seated by the frame");
    assert!(locked(&party, &mut bo, Duration::from_millis(300)).is_none());

    // The frames take the join and Bo's answer; nothing is applied twice.
    let reveal = party.view_until(&mut bo, "the reveal", |v| v["phase"] == "reveal");
    assert_eq!(reveal["result"]["correct"], true);
    let game = &party.session().game;
    assert_eq!(game.players().len(), 3, "Cy joined the night");
    assert!(game.player(ana_seat).unwrap().stats.score > 0);
    assert!(
        party
            .app
            .world()
            .resource::<defiant_trivia::game::messages::RecentRefusals>()
            .is_empty(),
        "no answer was refused (a second application would be)"
    );
}
