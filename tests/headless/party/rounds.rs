//! A night in rounds from the lobby: "Classic" built in the rounds editor (two rounds,
//! the second for double points, and a final), played with keys: the round scoreboard,
//! stakes on the dial, the final's reveal one seat at a time, a tie for first broken by
//! sudden death, and the history's rounds.

use defiant_trivia::core::game::RoundKind;

use super::*;

fn phase(app: &App) -> Phase {
    session(app).game.phase()
}

fn wait_phase(app: &mut App, wanted: Phase) {
    update_until(app, &format!("{wanted:?}"), |app| {
        app.world().resource::<Session>().game.phase() == wanted
    });
}

/// The three seats answer the open question the same way, in one frame, except that on
/// a choice seat 2 (`wrong`) picks a wrong option.
fn play_question(app: &mut App) {
    let game = &session(app).game;
    let asked = game.current().asked.clone();
    match asked {
        Asked::Choice => {
            let right = game.current().correct;
            let wrong = (right + 1) % game.current().options.len();
            press_together(app, &[key(0, right), key(1, right), key(2, wrong)]);
        }
        Asked::Order { right, .. } => {
            for item in right {
                press_together(app, &[key(0, item), key(1, item), key(2, item)]);
            }
        }
        Asked::Number { .. } => {
            // The dial's first answer key turns the ones up: all three guess 1.
            press_together(app, &[key(0, 0), key(1, 0), key(2, 0)]);
            let buzz: Vec<char> = (0..3).map(|g| KEY_GROUPS[g].buzz).collect();
            press_together(app, &buzz);
        }
    }
    wait_phase(app, Phase::Reveal);
}

/// The host's Enter on the focused button (Next from a reveal or a scoreboard).
fn enter(app: &mut App) {
    press(app, KeyCode::Enter);
    frames(app, 2);
}

/// Plays the open round to its end: every question, through its reveal and scoreboard.
fn play_round(app: &mut App) {
    let round = session(app).game.round_index();
    while phase(app) != Phase::RoundEnd {
        assert_eq!(
            phase(app),
            Phase::Question,
            "{:?}",
            session(app).game.round()
        );
        assert_eq!(session(app).game.round_index(), round);
        play_question(app);
        enter(app);
        if phase(app) == Phase::Scoreboard {
            enter(app);
        }
    }
    wait_for_screen(app, Screen::Scoreboard);
}

#[test]
fn a_classic_night_of_rounds_with_a_final_and_a_tie_broken_by_sudden_death() {
    let data = temp_dir("rounds");
    let mut app = headless_app(&repo().join("quizzes"), &data, false);
    wait_for_screen(&mut app, Screen::Title);
    open_lobby(&mut app);
    type_text(&mut app, "z");
    type_text(&mut app, "v");
    type_text(&mut app, "n");
    let seats: Vec<SeatId> = (0..3).map(|g| seat_of(&app, Device::Keys(g))).collect();

    // Round 1 of five, a second round for double points and a final.
    classic_in_the_editor(&mut app);
    click_row(&mut app, LobbyRow::Start);
    wait_for_screen(&mut app, Screen::Question);
    let rounds = session(&app).game.rounds().to_vec();
    assert_eq!(
        rounds.iter().map(|r| r.len).collect::<Vec<_>>(),
        vec![5, 5, 1]
    );
    assert!(
        texts(&mut app)
            .iter()
            .any(|t| t.contains("Round 1 of 3  ·  Question 1 of 5"))
    );

    // Round 1, then its scoreboard: the round's winners and what each earned in it.
    play_round(&mut app);
    let after_one: Vec<i64> = seats.iter().map(|s| score(&app, *s)).collect();
    assert_eq!(after_one[0], after_one[1]);
    assert!(after_one[0] > after_one[2]);
    assert!(
        texts(&mut app)
            .iter()
            .any(|t| t.starts_with("★ Round winners: Player 1 and Player 2")),
        "{:?}",
        texts(&mut app)
    );
    enter(&mut app);

    // Round 2, double points: the same right answer earns twice as much.
    wait_phase(&mut app, Phase::Question);
    assert!(texts(&mut app).iter().any(|t| t.contains("double points")));
    play_round(&mut app);
    let round_two = session(&app).game.round_points(seats[0], 1);
    assert!(round_two > 0);
    // The final's stakes next.
    enter(&mut app);
    wait_for_screen(&mut app, Screen::Wager);
    assert_eq!(phase(&app), Phase::Wager);
    let category = session(&app).game.current().category.clone();
    assert!(texts(&mut app).contains(&category));
    // Seats 0 and 1 dial 200 (the dial starts on the hundreds) and stake it; seat 2, at
    // or below zero... has points too: it dials more than its score and is refused.
    for _ in 0..2 {
        press_together(&mut app, &[key(0, 0), key(1, 0)]);
    }
    let dial = chip_text(&mut app, seats[0]);
    assert!(dial.contains("0[2]00"), "{dial}");
    press_together(&mut app, &[KEY_GROUPS[0].buzz, KEY_GROUPS[1].buzz]);
    frames(&mut app, 1);
    assert_eq!(session(&app).game.stake(seats[0]), Some(200));
    assert_eq!(chip_text(&mut app, seats[0]), "✓ staked");
    // Nothing on the TV says how much.
    assert!(
        !texts(&mut app)
            .iter()
            .any(|t| t.contains("200") && t.contains("staked"))
    );
    let max = session(&app).game.max_stake(seats[2]);
    // One more than the most it may stake: the dial's thousands and up.
    let over = max + 1;
    let digits: Vec<u32> = format!("{over:04}")
        .chars()
        .map(|c| c.to_digit(10).unwrap())
        .collect();
    // Dial each digit from the left: select left to the top digit, turn, move right.
    let group = 2;
    for _ in 0..(digits.len() - 3) {
        type_text(&mut app, &key(group, 1).to_string()); // select left
    }
    for (i, d) in digits.iter().enumerate() {
        for _ in 0..*d {
            type_text(&mut app, &key(group, 0).to_string());
        }
        if i + 1 < digits.len() {
            type_text(&mut app, &key(group, 3).to_string()); // select right
        }
    }
    type_text(&mut app, &KEY_GROUPS[group].buzz.to_string());
    frames(&mut app, 1);
    assert_eq!(
        session(&app).game.stake(seats[2]),
        None,
        "over the most: refused"
    );
    assert!(chip_text(&mut app, seats[2]).contains("stake too high"));
    // Undo (F5) takes back the last stake: seat 1 stakes again.
    press_logical(&mut app, Key::F5);
    assert_eq!(session(&app).game.stake(seats[1]), None);
    type_text(&mut app, &KEY_GROUPS[1].buzz.to_string());
    frames(&mut app, 1);
    assert_eq!(session(&app).game.stake(seats[1]), Some(200));

    // The host shows the question; seats 0 and 1 right, seat 2 wrong (no stake: 0).
    enter(&mut app);
    wait_phase(&mut app, Phase::Question);
    let before: Vec<i64> = seats.iter().map(|s| score(&app, *s)).collect();
    play_question(&mut app);
    wait_for_screen(&mut app, Screen::Reveal);
    // Nothing scored until each seat's turn; lowest score first.
    assert_eq!(
        seats.iter().map(|s| score(&app, *s)).collect::<Vec<_>>(),
        before
    );
    let (order, shown) = session(&app).game.final_reveal();
    assert_eq!((order[0], shown), (seats[2], 0));
    for _ in 0..3 {
        enter(&mut app);
    }
    assert_eq!(score(&app, seats[0]), before[0] + 200);
    assert_eq!(score(&app, seats[1]), before[1] + 200);
    assert_eq!(score(&app, seats[2]), before[2]);
    assert!(
        texts(&mut app)
            .iter()
            .any(|t| t.contains("staked 200 · +200"))
    );

    // The final standings, then the podium: first place is tied.
    enter(&mut app);
    wait_phase(&mut app, Phase::RoundEnd);
    enter(&mut app);
    wait_for_screen(&mut app, Screen::Podium);
    assert!(session(&app).game.tiebreak_offered());
    assert!(
        texts(&mut app)
            .iter()
            .any(|t| t.starts_with("Tied for first: Player 1 and Player 2"))
    );
    let sudden = find_by::<PodiumAction>(&mut app, |a| *a == PodiumAction::SuddenDeath).unwrap();
    click(&mut app, sudden);
    wait_for_screen(&mut app, Screen::Question);
    assert_eq!(session(&app).game.round().kind, RoundKind::Tiebreak);
    assert!(matches!(
        session(&app).game.current().asked,
        Asked::Number { .. }
    ));
    // Seat 2 sits it out; seat 0 guesses 1, seat 1 guesses 2 (closer to any answer the
    // pack's numbers have), seat 1 first.
    type_text(&mut app, &key(2, 0).to_string());
    type_text(&mut app, &KEY_GROUPS[2].buzz.to_string());
    press_together(&mut app, &[key(0, 0), key(1, 0)]);
    type_text(&mut app, &key(1, 0).to_string());
    type_text(&mut app, &KEY_GROUPS[1].buzz.to_string());
    type_text(&mut app, &KEY_GROUPS[0].buzz.to_string());
    wait_phase(&mut app, Phase::Reveal);
    assert_eq!(session(&app).game.tiebreak_winner(), Some(seats[1]));
    assert!(
        session(&app)
            .game
            .player(seats[2])
            .unwrap()
            .stats
            .results
            .last()
            .unwrap()
            .question
            < session(&app).game.current_index()
    );
    enter(&mut app);
    wait_for_screen(&mut app, Screen::Podium);
    assert_eq!(session(&app).game.standings()[0], seats[1]);
    assert!(
        texts(&mut app)
            .iter()
            .any(|t| t == "★ Player 2 won the sudden death")
    );
    assert!(find_by::<PodiumAction>(&mut app, |a| *a == PodiumAction::SuddenDeath).is_none());
    // The history names the winner alone, and each round's.
    let history = &app.world().resource::<SavedPartyHistory>().0;
    let record = history.parties.last().unwrap();
    assert_eq!(
        history.parties.len(),
        1,
        "the sudden death replaced the record"
    );
    assert_eq!(record.winner, "Player 2");
    assert_eq!(
        record
            .rounds
            .iter()
            .map(|r| r.name.as_str())
            .collect::<Vec<_>>(),
        vec!["Round 1", "Round 2", "The final", "Sudden death"]
    );
}

/// The text of `seat`'s chip on the stakes screen.
fn chip_text(app: &mut App, seat: SeatId) -> String {
    use defiant_trivia::game::screens::wager::StakeChip;
    let mut query = app.world_mut().query::<(&StakeChip, &Text)>();
    query
        .iter(app.world())
        .find(|(c, _)| c.0 == seat)
        .map(|(_, t)| t.0.clone())
        .unwrap_or_default()
}
