//! A whole party night, headless: three keyboard seats and one gamepad join in the lobby,
//! play an everyone-answers game (lock-ins, reveal with picks, scoreboard, pause, added
//! time, skip, a score adjustment and its undo, ending early), reach the podium with the
//! party history saved, then a buzz-in game with a false start and a tie, a gamepad
//! unplugged and plugged back mid-round; the history is read back by a new game.

use bevy::input::gamepad::{GamepadConnection, GamepadConnectionEvent};
use bevy::input::keyboard::Key;
use bevy::prelude::*;
use defiant_trivia::core::command::Event;
use defiant_trivia::core::game::{Buzz, Format, Given, Phase, draw};
use defiant_trivia::core::round::Asked;
use defiant_trivia::core::seat::{Device, SeatId};
use defiant_trivia::game::input::bindings::{KEY_GROUPS, PAD_ANSWERS};
use defiant_trivia::game::messages::GameEvent;
use defiant_trivia::game::persist::SavedPartyHistory;
use defiant_trivia::game::screens::lobby::{Lobby, LobbyRow};
use defiant_trivia::game::screens::podium::PodiumAction;
use defiant_trivia::game::screens::scoreboard::ScoreRow;
use defiant_trivia::game::screens::setup::SetupRow;
use defiant_trivia::game::session::Session;
use defiant_trivia::game::states::Screen;

use crate::common::*;

fn session(app: &App) -> &Session {
    app.world().resource::<Session>()
}

fn lobby(app: &App) -> &Lobby {
    app.world().resource::<Lobby>()
}

fn click_row(app: &mut App, row: LobbyRow) {
    let entity = find_by::<LobbyRow>(app, |r| *r == row).unwrap();
    click(app, entity);
}

fn score(app: &App, seat: SeatId) -> i64 {
    session(app).game.player(seat).unwrap().stats.score
}

/// The text of `seat`'s chip on the question screen.
fn events(app: &App) -> Vec<Event> {
    let messages = app.world().resource::<Messages<GameEvent>>();
    messages
        .get_cursor()
        .read(messages)
        .map(|e| e.0.clone())
        .collect()
}

/// Seat `group`'s key for option `option`.
fn key(group: usize, option: usize) -> char {
    KEY_GROUPS[group].answers[option]
}

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
    app.world_mut().write_message(GamepadConnectionEvent::new(
        pad,
        GamepadConnection::Connected {
            name: "Test pad".to_string(),
            vendor_id: None,
            product_id: None,
        },
    ));
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

#[test]
fn a_corrupt_party_history_is_kept_aside_and_reported() {
    let data = temp_dir("party-corrupt");
    std::fs::write(data.join("party-history.ron"), "(parties: [ (oops").unwrap();
    let mut app = headless_app(&repo().join("quizzes"), &data, false);
    wait_for_screen(&mut app, Screen::Title);
    let notices = app
        .world()
        .resource::<defiant_trivia::game::persist::Notices>()
        .0
        .clone();
    assert!(
        notices.iter().any(|n| n.contains("party-history.ron")),
        "{notices:?}"
    );
    assert!(data.join("party-history.ron.corrupt-1").is_file());
    assert!(
        app.world()
            .resource::<SavedPartyHistory>()
            .0
            .parties
            .is_empty()
    );
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
            .resource_mut::<defiant_trivia::game::screens::setup::SetupChoices>()
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

/// Every text on the screen.
fn texts(app: &mut App) -> Vec<String> {
    let mut query = app.world_mut().query::<&Text>();
    query.iter(app.world()).map(|t| t.0.clone()).collect()
}

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
        let mut app = headless_app(&repo().join("quizzes"), &data, false);
        wait_for_screen(&mut app, Screen::Title);
        open_lobby(&mut app);
        type_text(&mut app, "z");
        type_text(&mut app, "v");
        let (one, two) = (
            seat_of(&app, Device::Keys(0)),
            seat_of(&app, Device::Keys(1)),
        );
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
    let mut app = headless_app(&repo().join("quizzes"), &data, false);
    wait_for_screen(&mut app, Screen::Title);
    open_lobby(&mut app);
    type_text(&mut app, "z");
    type_text(&mut app, "v");
    let (one, two) = (
        seat_of(&app, Device::Keys(0)),
        seat_of(&app, Device::Keys(1)),
    );
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

/// A damaged night journal, or one from a newer version of the game, is never misread:
/// it is set aside like a corrupt save, the title says so, and nothing is offered.
#[test]
fn a_damaged_or_newer_night_journal_is_set_aside_and_reported() {
    use defiant_trivia::core::night;
    let data = temp_dir("night-damaged");
    let folder = night::folder(&data);
    std::fs::create_dir_all(&folder).unwrap();
    let mut damaged = night::MAGIC.to_vec();
    damaged.extend_from_slice(&night::FORMAT.to_le_bytes());
    damaged.extend(night::frame(b"{\"not\": \"a header\"}"));
    std::fs::write(folder.join("night-1-0.night"), &damaged).unwrap();
    let mut newer = night::MAGIC.to_vec();
    newer.extend_from_slice(&(night::FORMAT + 1).to_le_bytes());
    std::fs::write(folder.join("night-2-0.night"), &newer).unwrap();
    let mut app = headless_app(&repo().join("quizzes"), &data, false);
    wait_for_screen(&mut app, Screen::Title);
    frames(&mut app, 3);
    let notices = app
        .world()
        .resource::<defiant_trivia::game::persist::Notices>()
        .0
        .clone();
    let about_nights = notices
        .iter()
        .filter(|n| n.contains("cannot be resumed"))
        .count();
    assert_eq!(about_nights, 2, "{notices:?}");
    assert!(
        notices.iter().any(|n| n.contains("newer version")),
        "{notices:?}"
    );
    assert!(folder.join("night-1-0.night.corrupt-1").is_file());
    assert!(folder.join("night-2-0.night.corrupt-1").is_file());
    assert!(night::journals(&folder).is_empty());
    assert!(
        find_by::<defiant_trivia::game::screens::title::TitleAction>(&mut app, |a| {
            *a == defiant_trivia::game::screens::title::TitleAction::Resume
        })
        .is_none()
    );
}

/// Pads are new to a new run: after a resume, a gamepad seat is played by the first pad
/// that presses (in the order the pads joined), and the key groups keep their keys.
#[test]
fn after_a_resume_pads_take_their_seats_again_and_keys_keep_theirs() {
    use defiant_trivia::game::screens::title::TitleAction;
    let data = temp_dir("night-pads");
    let mut app = headless_app(&repo().join("quizzes"), &data, false);
    wait_for_screen(&mut app, Screen::Title);
    open_lobby(&mut app);
    choices_first(&mut app, 3);
    press_together(&mut app, &[KEY_GROUPS[0].buzz]);
    let pad = connect_gamepad(&mut app);
    pad_press(&mut app, pad, GamepadButton::South);
    assert_eq!(lobby(&app).seats.len(), 2);
    let key_seat = seat_of(&app, Device::Keys(0));
    let pad_seat = seat_of(&app, Device::Gamepad(0));
    let start = find_by::<LobbyRow>(&mut app, |r| *r == LobbyRow::Start).unwrap();
    click(&mut app, start);
    wait_for_screen(&mut app, Screen::Question);
    frames(&mut app, 2);
    let question = session(&app).game.current_index();
    drop(app); // the crash

    let mut app = headless_app(&repo().join("quizzes"), &data, false);
    wait_for_screen(&mut app, Screen::Title);
    update_until(&mut app, "the resume button", |app| {
        find_by::<TitleAction>(app, |a| *a == TitleAction::Resume).is_some()
    });
    let resume = find_by::<TitleAction>(&mut app, |a| *a == TitleAction::Resume).unwrap();
    click(&mut app, resume);
    wait_for_screen(&mut app, Screen::Question);
    frames(&mut app, 2);
    assert!(session(&app).game.is_paused());
    press(&mut app, KeyCode::Escape);
    frames(&mut app, 1);
    assert!(!session(&app).game.is_paused());
    assert_eq!(session(&app).game.current_index(), question);
    // A pad connected in this run answers for the gamepad seat; the keys for theirs.
    let pad = connect_gamepad(&mut app);
    pad_press(&mut app, pad, PAD_ANSWERS[0]);
    frames(&mut app, 1);
    assert!(session(&app).game.has_answered(pad_seat));
    assert!(!session(&app).game.has_answered(key_seat));
    press_together(&mut app, &[KEY_GROUPS[0].answers[0]]);
    frames(&mut app, 1);
    let game = &session(&app).game;
    assert!(game.phase() == Phase::Reveal || game.has_answered(key_seat));
}
