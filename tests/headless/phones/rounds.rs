//! A night in rounds with a keyboard seat and a phone: three rounds built in the lobby's
//! rounds editor (five questions, five more for double points, a final), both seats
//! answering every question alike in the same frame so that they stay tied; the round
//! scoreboard, double points, the final's stakes (the keys on the dial, the phone by
//! message, each phone seeing its own stake alone), its reveal one seat at a time, the tie
//! on the podium broken by a sudden death the phone wins, and the history.

use defiant_trivia::core::game::{Given, Modifier, QuestionResult, RoundKind};
use defiant_trivia::core::plan::pick;
use defiant_trivia::core::scoring::{BASE_POINTS, streak_bonus};
use defiant_trivia::game::persist::SavedPartyHistory;
use defiant_trivia::game::screens::podium::PodiumAction;

use super::*;

/// The keyboard seat's (key group 0) key for option or item `option`; on a dial, 0 turns
/// the selected digit up.
fn key(option: usize) -> char {
    KEY_GROUPS[0].answers[option]
}

/// Every text on the screen.
fn texts(app: &mut App) -> Vec<String> {
    let mut query = app.world_mut().query::<&Text>();
    query.iter(app.world()).map(|t| t.0.clone()).collect()
}

fn phase(party: &Party) -> Phase {
    party.session().game.phase()
}

fn wait_phase(party: &mut Party, wanted: Phase) {
    update_until(&mut party.app, &format!("{wanted:?}"), |app| {
        app.world().resource::<Session>().game.phase() == wanted
    });
}

/// The host's Enter on the focused button (Next on a reveal, a scoreboard, the stakes).
fn enter(party: &mut Party) {
    press(&mut party.app, KeyCode::Enter);
    frames(&mut party.app, 2);
}

/// A button of the rounds editor.
/// Makes sure the phone server has queued for the game everything `phone` sent, without
/// running a frame: the server answers a ping only after the messages before it are
/// queued. Views that arrive meanwhile are dropped. The next frame takes the messages in.
fn queued(party: &Party, phone: &mut Phone) {
    party.send(&mut phone.ws, r#"{"type":"ping"}"#);
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        let got = party.rt.block_on(async {
            tokio::time::timeout(Duration::from_millis(50), phone.ws.next()).await
        });
        match got {
            Ok(Some(Ok(Message::Text(t)))) => {
                let message: Value = serde_json::from_str(t.as_str()).expect("JSON");
                if message["type"] == "pong" {
                    return;
                }
            }
            Ok(None) | Ok(Some(Err(_))) | Ok(Some(Ok(Message::Close(_)))) => {
                panic!("the phone's connection closed: {got:?}")
            }
            _ => {}
        }
        assert!(Instant::now() < deadline, "no pong within five seconds");
    }
}

/// `phone` sends `message` and the keyboard seat presses `keys`, both taken in by the
/// game in one frame.
fn together(party: &mut Party, phone: &mut Phone, message: Value, keys: &[char]) {
    party.send(&mut phone.ws, &message.to_string());
    queued(party, phone);
    press_together(&mut party.app, keys);
}

/// The keyboard seat and the phone answer the open question alike, locking in in the same
/// frame: the right option, the right order; on a number (and a sudden death's for the
/// keys), 1 (the dial's first key turns its ones up), or `number` for the phone if given.
/// Returns the question.
fn answer_alike(party: &mut Party, phone: &mut Phone, number: Option<f64>) -> usize {
    let q = party.question();
    match party.session().game.current().asked.clone() {
        Asked::Choice => {
            let right = party.correct();
            let message = json!({"type": "answer", "question": q, "option": right});
            together(party, phone, message, &[key(right)]);
        }
        Asked::Order { right, .. } => {
            // Every item but the last on the keys first; the last locks the order in.
            let (&last, first) = right.split_last().expect("items");
            for &item in first {
                press_together(&mut party.app, &[key(item)]);
            }
            let message = json!({"type": "order", "question": q, "items": right});
            together(party, phone, message, &[key(last)]);
        }
        Asked::Number { .. } => {
            press_together(&mut party.app, &[key(0)]);
            let value = number.unwrap_or(1.0);
            let message = json!({"type": "number", "question": q, "value": value});
            together(party, phone, message, &[KEY_GROUPS[0].buzz]);
        }
    }
    party.until("the reveal", |p| p.session().game.phase() == Phase::Reveal);
    assert_eq!(party.question(), q);
    q
}

/// `seat`'s result on question `q`.
fn result(party: &Party, seat: SeatId, q: usize) -> QuestionResult {
    party
        .session()
        .game
        .player(seat)
        .unwrap()
        .stats
        .results
        .iter()
        .rfind(|r| r.question == q)
        .unwrap_or_else(|| panic!("{seat:?} has no result on question {q}"))
        .clone()
}

/// Plays the open round to its scoreboard, both seats answering alike, and checks every
/// answer's points against the rules (speed bonus off: 1000 a right answer, both guesses
/// tied for closest on a number; the streak bonus; times `factor` in a round for double
/// points). `streak` is the seats' run of right answers, carried from round to round.
/// Returns what each seat earned in the round.
fn play_round(
    party: &mut Party,
    phone: &mut Phone,
    (keys, ana): (SeatId, SeatId),
    factor: u32,
    streak: &mut u32,
) -> i64 {
    let round = party.session().game.round_index();
    let mut earned = 0;
    let mut count = 0;
    while phase(party) != Phase::RoundEnd {
        assert_eq!(
            phase(party),
            Phase::Question,
            "{:?}",
            party.session().game.round()
        );
        assert_eq!(party.session().game.round_index(), round);
        let asked = party.session().game.current().asked.clone();
        let q = answer_alike(party, phone, None);
        let (k, a) = (result(party, keys, q), result(party, ana, q));
        assert!(k.taken.is_some(), "{k:?}");
        assert_eq!(k, a, "the keys and the phone answered alike, in one frame");
        // What the rules give: right on a choice and an order; on a number both guessed
        // 1, tied for closest (the whole 1000), right only if 1 is within the tolerance.
        let right = match &asked {
            Asked::Choice => {
                assert_eq!(k.chosen, Some(party.session().game.current().correct));
                true
            }
            Asked::Order { .. } => true,
            Asked::Number { rule, .. } => {
                assert!(
                    matches!(k.given, Some(Given::Number(g)) if g.value() == 1.0),
                    "{k:?}"
                );
                rule.credit(1.0).right
            }
        };
        *streak = if right { *streak + 1 } else { 0 };
        let bonus = if right { streak_bonus(*streak) } else { 0 };
        assert_eq!(k.correct, right, "{asked:?}");
        assert_eq!(
            (k.points.answer, k.points.streak_bonus, k.points.penalty),
            (BASE_POINTS * factor, bonus * factor, 0),
            "question {q}: {asked:?}"
        );
        assert_eq!(k.streak, *streak);
        earned += i64::from((BASE_POINTS + bonus) * factor);
        count += 1;
        enter(party);
        if phase(party) == Phase::Scoreboard {
            enter(party);
        }
    }
    wait_for_screen(&mut party.app, Screen::Scoreboard);
    assert_eq!(count, 5);
    let game = &party.session().game;
    assert_eq!(game.round_points(keys, round), earned);
    assert_eq!(game.round_points(ana, round), earned);
    earned
}

/// The text of `seat`'s chip on the stakes screen.
fn stake_chip(app: &mut App, seat: SeatId) -> String {
    use defiant_trivia::game::screens::wager::StakeChip;
    let mut query = app.world_mut().query::<(&StakeChip, &Text)>();
    query
        .iter(app.world())
        .find(|(c, _)| c.0 == seat)
        .map(|(_, t)| t.0.clone())
        .unwrap_or_default()
}

#[test]
fn a_night_of_rounds_with_keys_and_a_phone_to_a_sudden_death() {
    // A phone sends a message or two a question (and a ping after each, to lock in in the
    // same frame as the keys): the test plays far faster than people, so the phone may
    // send more at once than the server's default ten.
    let mut party = Party::tuned("phones-rounds", |c| c.burst = 100);
    // A keyboard seat (key group 0, its buzz key) and a phone.
    assert_eq!(KEY_GROUPS[0].buzz, 'z');
    type_text(&mut party.app, "z");
    party.until("the keys' seat", |p| p.lobby().seats.len() == 1);
    let mut ana = party.join("Ana");
    party.until("two seats", |p| p.lobby().seats.len() == 2);
    let keys = seat_of(&party.app, Device::Keys(0));
    let ana_seat = party.seat_named("Ana");
    assert_eq!(
        party.lobby().seats.iter().map(|s| s.id).collect::<Vec<_>>(),
        [keys, ana_seat]
    );

    // Speed bonus off (a right answer is 1000 however fast), streak bonus on; round 1 of
    // five questions (10 → 20 → all → 5); in the rounds editor a second round for double
    // points and a final.
    party.click_row(LobbyRow::Speed);
    assert!(!party.lobby().speed_bonus);
    assert!(party.lobby().streak_bonus);
    classic_in_the_editor(&mut party.app);
    // A round code whose rounds ask a number each (both seats guess 1: tied for closest)
    // and an order or more, besides choices.
    let (seed, ids) = {
        let world = party.app.world();
        let pack = &world.resource::<ChosenPack>().pack;
        let watched = world.resource::<SetupChoices>().settings(pack).watched;
        let plan = &world.resource::<Lobby>().plan.rounds;
        (1..1000u64)
            .find_map(|seed| {
                let night = pick(pack, plan, seed, watched, &Default::default()).ok()?;
                let count = |range: std::ops::Range<usize>, number: bool| {
                    night.questions[range]
                        .iter()
                        .filter(|q| match q.asked {
                            Asked::Number { .. } => number,
                            Asked::Order { .. } => !number,
                            Asked::Choice => false,
                        })
                        .count()
                };
                let wanted =
                    count(0..5, true) == 1 && count(5..10, true) == 1 && count(0..10, false) >= 1;
                wanted.then(|| {
                    let ids: Vec<String> = night.questions.iter().map(|q| q.id.clone()).collect();
                    (seed, ids)
                })
            })
            .expect("a round code with a number in each round")
    };
    party.app.world_mut().resource_mut::<SetupChoices>().seed = seed;
    party.click_row(LobbyRow::Start);
    wait_for_screen(&mut party.app, Screen::Question);
    wait_phase(&mut party, Phase::Question);
    let game = &party.session().game;
    assert!(game.in_rounds());
    assert!(!game.rules().speed_bonus);
    assert_eq!(
        game.rounds()
            .iter()
            .map(|r| (r.len, r.modifier, r.kind))
            .collect::<Vec<_>>(),
        [
            (5, Modifier::Normal, RoundKind::Regular),
            (5, Modifier::Double, RoundKind::Regular),
            (1, Modifier::Normal, RoundKind::Final),
        ]
    );
    let asked: Vec<String> = game.questions().iter().map(|q| q.id.clone()).collect();
    assert_eq!(asked, ids, "the night of round code {seed}");
    let view = party.view_until(&mut ana, "round 1's first question", |v| {
        v["you"] == "choose"
    });
    assert_eq!(view["round"], "Round 1 of 3", "{view}");
    assert_eq!(view["question"]["number"], 1);
    assert_eq!(view["question"]["count"], 5);
    assert!(view["stake"].is_null(), "{view}");

    // Round 1, then its scoreboard: both won it, with the same points.
    let mut streak = 0;
    let seats = (keys, ana_seat);
    let one = play_round(&mut party, &mut ana, seats, 1, &mut streak);
    assert_eq!(phase(&party), Phase::RoundEnd);
    assert_eq!(party.session().game.round_index(), 0);
    assert!(one >= 5 * 1000, "{one}");
    assert_eq!(party.score_of(keys), one);
    assert_eq!(party.score_of(ana_seat), one);
    assert_eq!(party.session().game.round_winners(0), [keys, ana_seat]);
    let shown = texts(&mut party.app);
    assert!(
        shown.contains(&format!("★ Round winners: Player 1 and Ana (+{one} each)")),
        "{shown:?}"
    );
    assert_eq!(
        shown
            .iter()
            .filter(|t| **t == format!("{one:+} this round"))
            .count(),
        2,
        "{shown:?}"
    );
    let view = party.view_until(&mut ana, "round 1's scoreboard", |v| {
        v["phase"] == "round_end"
    });
    assert_eq!(view["score"], one);
    assert_eq!(view["rank"], 1, "tied: both first");
    assert_eq!(view["round"], "Round 1 of 3");
    enter(&mut party);

    // Round 2, double points: 2000 a right answer, the streak bonus doubled too.
    wait_phase(&mut party, Phase::Question);
    assert_eq!(party.session().game.round_index(), 1);
    assert!(
        texts(&mut party.app)
            .iter()
            .any(|t| t.contains("double points"))
    );
    let view = party.view_until(&mut ana, "round 2's first question", |v| {
        v["phase"] == "question" && v["round"] != "Round 1 of 3"
    });
    assert_eq!(view["round"], "Round 2 of 3 · double points", "{view}");
    assert_eq!(view["question"]["number"], 1);
    let two = play_round(&mut party, &mut ana, seats, 2, &mut streak);
    assert_eq!(party.session().game.round_index(), 1);
    assert!(two >= 5 * 2000, "{two}");
    let before = one + two;
    assert_eq!(party.score_of(keys), before);
    assert_eq!(party.score_of(ana_seat), before);
    // Right answers were worth exactly twice as much in round 2 (before the streak).
    let answer_points = |round: usize| -> Vec<u32> {
        let game = &party.session().game;
        let r = &game.rounds()[round];
        game.player(ana_seat)
            .unwrap()
            .stats
            .results
            .iter()
            .filter(|x| r.holds(x.question) && x.correct)
            .map(|x| x.points.answer)
            .collect()
    };
    assert!(answer_points(0).iter().all(|&p| p == 1000));
    assert!(answer_points(1).iter().all(|&p| p == 2000));
    assert!(!answer_points(1).is_empty());

    // The final's stakes: the category alone, and each seat's own bounds.
    enter(&mut party);
    wait_for_screen(&mut party.app, Screen::Wager);
    assert_eq!(phase(&party), Phase::Wager);
    let q = party.question();
    let category = party.session().game.current().category.clone();
    let max = party.session().game.max_stake(ana_seat);
    assert_eq!(i64::from(max), before);
    let view = party.view_until(&mut ana, "the stakes", |v| v["phase"] == "wager");
    assert_eq!(view["you"], "stake");
    assert_eq!(view["round"], "The final");
    assert!(view["question"].is_null(), "{view}");
    assert_eq!(
        view["stake"],
        json!({"question": q, "category": category, "max": max, "staked": null})
    );
    // The keys dial 200 (the dial starts on the hundreds) and stake it.
    for _ in 0..2 {
        press_together(&mut party.app, &[key(0)]);
    }
    let dial = stake_chip(&mut party.app, keys);
    assert!(dial.contains("0[2]00"), "{dial}");
    press_together(&mut party.app, &[KEY_GROUPS[0].buzz]);
    frames(&mut party.app, 1);
    assert_eq!(party.session().game.stake(keys), Some(200));
    assert_eq!(stake_chip(&mut party.app, keys), "✓ staked");
    // The phone stakes one more than its score: refused, nothing changes.
    let scores = party.scores();
    party.send(
        &mut ana.ws,
        &json!({"type": "stake", "question": q, "points": max + 1}).to_string(),
    );
    let refused = party.view_until(&mut ana, "the refusal", |v| {
        v["note"].as_str().is_some_and(|n| n.starts_with('✗'))
    });
    assert_eq!(refused["note"], "✗ stake too high");
    assert!(refused["stake"]["staked"].is_null(), "{refused}");
    assert_eq!(party.session().game.stake(ana_seat), None);
    assert_eq!(party.session().game.stake(keys), Some(200));
    party.assert_scores_unchanged(&scores);
    // A moment later (1.5 s of game time) the note is the stakes' own again.
    let cleared = party.view_until(&mut ana, "the refusal gone", |v| {
        v["note"].as_str().is_some_and(|n| !n.starts_with('✗'))
    });
    assert_eq!(cleared["note"], "The final: stake points on one question");
    // 100 first: the phone's view shows its own stake, not the keys' 200.
    party.send(
        &mut ana.ws,
        &json!({"type": "stake", "question": q, "points": 100}).to_string(),
    );
    let staked = party.view_until(&mut ana, "Ana's stake", |v| v["stake"]["staked"] == 100);
    assert_eq!(
        staked["stake"],
        json!({"question": q, "category": category, "max": max, "staked": 100})
    );
    assert!(!staked.to_string().contains("Player 1"), "{staked}");
    assert_eq!(party.session().game.stake(ana_seat), Some(100));
    // Then the same 200 as the keys.
    party.send(
        &mut ana.ws,
        &json!({"type": "stake", "question": q, "points": 200}).to_string(),
    );
    let staked = party.view_until(&mut ana, "Ana's new stake", |v| v["stake"]["staked"] == 200);
    assert_eq!(staked["stake"]["max"], max);
    assert_eq!(party.session().game.stake(ana_seat), Some(200));
    assert_eq!(party.session().game.stake(keys), Some(200));
    party.assert_scores_unchanged(&scores);

    // The host opens the question; both answer right, in one frame.
    enter(&mut party);
    wait_phase(&mut party, Phase::Question);
    assert_eq!(party.question(), q);
    assert!(matches!(
        party.session().game.current().asked,
        Asked::Choice
    ));
    let view = party.view_until(&mut ana, "the final's question", |v| {
        v["phase"] == "question"
    });
    assert_eq!(view["round"], "The final");
    assert!(view["stake"].is_null(), "{view}");
    answer_alike(&mut party, &mut ana, None);
    wait_for_screen(&mut party.app, Screen::Reveal);
    let (k, a) = (result(&party, keys, q), result(&party, ana_seat, q));
    assert!(k.correct && a.correct);
    assert_eq!(k.taken, a.taken);
    // Nothing scored yet; the reveal goes lowest score first, and on a tie in seat order.
    party.assert_scores_unchanged(&scores);
    let (order, shown) = party.session().game.final_reveal();
    assert_eq!((order.to_vec(), shown), (vec![keys, ana_seat], 0));
    let view = party.view_until(&mut ana, "the final's reveal", |v| v["phase"] == "reveal");
    assert!(view["result"].is_null(), "hidden until its turn: {view}");
    assert_eq!(
        view["note"],
        "The final's answers show one by one: watch the TV"
    );
    // One Enter, one seat: the keys first.
    enter(&mut party);
    assert_eq!(party.session().game.final_reveal().1, 1);
    assert_eq!(party.score_of(keys), before + 200);
    assert_eq!(party.score_of(ana_seat), before);
    let view = party.view_until(&mut ana, "the keys shown", |v| v["rank"] == 2);
    assert!(view["result"].is_null(), "still hidden: {view}");
    assert_eq!(view["score"], before);
    // The next Enter: the phone's turn.
    enter(&mut party);
    assert_eq!(party.session().game.final_reveal().1, 2);
    assert_eq!(party.score_of(keys), before + 200);
    assert_eq!(party.score_of(ana_seat), before + 200);
    let view = party.view_until(&mut ana, "Ana shown", |v| !v["result"].is_null());
    assert_eq!(view["result"]["correct"], true);
    assert_eq!(view["result"]["points"], 200);
    assert_eq!(view["score"], before + 200);
    assert_eq!(view["rank"], 1);
    assert!(
        texts(&mut party.app)
            .iter()
            .any(|t| t.contains("staked 200 · +200"))
    );

    // The final standings, then the podium: first place is tied.
    enter(&mut party);
    wait_phase(&mut party, Phase::RoundEnd);
    enter(&mut party);
    wait_for_screen(&mut party.app, Screen::Podium);
    assert_eq!(phase(&party), Phase::Finished);
    assert!(party.session().game.tiebreak_offered());
    assert_eq!(party.session().game.tied_for_first(), [keys, ana_seat]);
    assert!(
        texts(&mut party.app)
            .iter()
            .any(|t| t.starts_with("Tied for first: Player 1 and Ana. Sudden death")),
        "{:?}",
        texts(&mut party.app)
    );
    let view = party.view_until(&mut ana, "the first podium", |v| v["phase"] == "finished");
    assert_eq!(view["result"]["question"], q, "{view}");
    let sudden = find_by::<PodiumAction>(&mut party.app, |a| *a == PodiumAction::SuddenDeath)
        .expect("the Sudden death button");
    click(&mut party.app, sudden);
    wait_for_screen(&mut party.app, Screen::Question);
    wait_phase(&mut party, Phase::Question);
    let game = &party.session().game;
    assert_eq!(game.round().kind, RoundKind::Tiebreak);
    let answer = match &game.current().asked {
        Asked::Number { rule, .. } => rule.answer,
        other => panic!("a sudden death is a number question: {other:?}"),
    };
    assert_ne!(
        answer, 1.0,
        "the keys' 1 must be off for the phone to be closer"
    );
    let tiebreak = party.question();
    // The phone plays it: not benched.
    let view = party.view_until(&mut ana, "the sudden death", |v| {
        v["phase"] == "question" && v["question"]["index"] == tiebreak
    });
    assert_eq!(view["you"], "choose", "{view}");
    assert_eq!(view["round"], "Sudden death");
    assert_eq!(view["question"]["kind"], "number");
    // The keys dial 1, the phone sends the answer itself; both lock in in one frame.
    answer_alike(&mut party, &mut ana, Some(answer));
    let (k, a) = (
        result(&party, keys, tiebreak),
        result(&party, ana_seat, tiebreak),
    );
    assert_eq!(k.taken, a.taken, "one frame: only the closeness decides");
    assert_ne!(k.given, a.given);
    assert_eq!(party.session().game.tiebreak_winner(), Some(ana_seat));
    // No score changes in a sudden death.
    assert_eq!(party.score_of(keys), party.score_of(ana_seat));
    enter(&mut party);
    wait_for_screen(&mut party.app, Screen::Podium);
    assert_eq!(party.session().game.standings()[0], ana_seat);
    assert!(
        texts(&mut party.app)
            .iter()
            .any(|t| t == "★ Ana won the sudden death"),
        "{:?}",
        texts(&mut party.app)
    );
    assert!(find_by::<PodiumAction>(&mut party.app, |a| *a == PodiumAction::SuddenDeath).is_none());
    let view = party.view_until(&mut ana, "the podium", |v| v["phase"] == "finished");
    assert_eq!(view["result"]["question"], tiebreak, "{view}");
    assert_eq!(view["you"], "idle");
    assert_eq!(view["score"], before + 200);
    // The history names the phone's player alone, and each round.
    let history = &party.app.world().resource::<SavedPartyHistory>().0;
    assert_eq!(
        history.parties.len(),
        1,
        "the sudden death replaced the record"
    );
    let record = history.parties.last().unwrap();
    assert_eq!(record.winner, "Ana");
    assert_eq!(
        record
            .rounds
            .iter()
            .map(|r| r.name.as_str())
            .collect::<Vec<_>>(),
        ["Round 1", "Round 2", "The final", "Sudden death"]
    );
}
