//! Whole rounds through the real game plugins, headless, with injected key presses and
//! manual time: right, wrong, timeout, pause, results, high scores and a corrupt save.

use crate::common::*;
use bevy::prelude::*;
use defiant_trivia::core::game::Phase;
use defiant_trivia::core::highscores::HighScores;
use defiant_trivia::core::seat::SeatId;
use defiant_trivia::core::store;
use defiant_trivia::game::audio::Sfx;
use defiant_trivia::game::persist::{Notices, SavedHighScores};
use defiant_trivia::game::session::SOLO;
use defiant_trivia::game::states::Screen;

use defiant_trivia::game::session::Session;

const ME: SeatId = SOLO;

fn session(app: &App) -> &Session {
    app.world().resource::<Session>()
}

/// The solo key of option `option` (0-based): `1` for the first.
fn digit(option: usize) -> KeyCode {
    digit_key(option + 1)
}

fn new_app(name: &str) -> (App, std::path::PathBuf) {
    let data = temp_dir(name);
    (headless_app(&repo().join("quizzes"), &data, false), data)
}

#[test]
fn a_right_answer_scores_and_reveals() {
    let (mut app, _) = new_app("right");
    start_round(&mut app, 0);
    assert_eq!(session(&app).game.questions().len(), 10);
    let correct = session(&app).game.current().correct;
    press(&mut app, digit(correct));
    wait_for_screen(&mut app, Screen::Reveal);
    // The reveal plays the "correct" cue (the answer itself played "select").
    let cues = app.world().resource::<Messages<Sfx>>();
    let played: Vec<Sfx> = cues.get_cursor().read(cues).copied().collect();
    assert!(played.contains(&Sfx::Correct), "{played:?}");
    let result = session(&app).game.last_result(ME).unwrap().clone();
    assert!(result.correct);
    assert_eq!(result.chosen, Some(correct));
    // Answered within half a second of the question opening: full points.
    assert_eq!(result.points.total(), 1000);
    assert_eq!(session(&app).game.players()[0].stats.score, 1000);
    // Enter moves on to the next question.
    press(&mut app, KeyCode::Enter);
    wait_for_screen(&mut app, Screen::Question);
    assert_eq!(session(&app).game.current_index(), 1);
}

#[test]
fn a_wrong_answer_scores_nothing() {
    let (mut app, _) = new_app("wrong");
    start_round(&mut app, 0);
    let q = session(&app).game.current().clone();
    let wrong = (q.correct + 1) % q.options.len();
    press(&mut app, digit(wrong));
    wait_for_screen(&mut app, Screen::Reveal);
    let cues = app.world().resource::<Messages<Sfx>>();
    let played: Vec<Sfx> = cues.get_cursor().read(cues).copied().collect();
    assert!(played.contains(&Sfx::Wrong), "{played:?}");
    let result = session(&app).game.last_result(ME).unwrap().clone();
    assert!(!result.correct);
    assert_eq!(result.chosen, Some(wrong));
    assert_eq!(result.points.total(), 0);
}

#[test]
fn letters_and_clicks_on_focus_answer_too() {
    let (mut app, _) = new_app("letters");
    start_round(&mut app, 0);
    // Down moves the focus to the second answer, Enter locks it in.
    press(&mut app, KeyCode::ArrowDown);
    press(&mut app, KeyCode::Enter);
    wait_for_screen(&mut app, Screen::Reveal);
    assert_eq!(session(&app).game.last_result(ME).unwrap().chosen, Some(1));
    press(&mut app, KeyCode::Enter);
    wait_for_screen(&mut app, Screen::Question);
    press(&mut app, KeyCode::KeyA);
    wait_for_screen(&mut app, Screen::Reveal);
    assert_eq!(session(&app).game.last_result(ME).unwrap().chosen, Some(0));
}

#[test]
fn the_clock_runs_out_and_reveals_a_timeout() {
    let (mut app, _) = new_app("timeout");
    start_round(&mut app, 0);
    let limit = session(&app).game.current().time_limit;
    let frames_needed = (limit.as_millis() / FRAME.as_millis()) as usize;
    frames(&mut app, frames_needed - 5);
    assert_eq!(screen(&app), Screen::Question, "not before the buzzer");
    frames(&mut app, 10);
    assert_eq!(screen(&app), Screen::Reveal);
    let result = session(&app).game.last_result(ME).unwrap().clone();
    assert_eq!(result.chosen, None);
    assert_eq!(result.points.total(), 0);
}

#[test]
fn pause_stops_the_clock() {
    let (mut app, _) = new_app("pause");
    start_round(&mut app, 0);
    frames(&mut app, 20);
    press(&mut app, KeyCode::Escape);
    assert!(app.world().resource::<Session>().game.is_paused());
    let time = app.world().resource::<Time<Real>>().elapsed();
    let remaining = session(&app).game.remaining(time);
    // A minute passes while paused: the question stays open, the clock does not move.
    frames(&mut app, 600);
    assert_eq!(screen(&app), Screen::Question);
    let time = app.world().resource::<Time<Real>>().elapsed();
    assert_eq!(session(&app).game.remaining(time), remaining);
    // Answer keys do nothing while paused.
    press(&mut app, KeyCode::Digit1);
    assert!(!session(&app).game.has_answered(ME));
    // Esc resumes; then the clock runs again.
    press(&mut app, KeyCode::Escape);
    assert!(!app.world().resource::<Session>().game.is_paused());
    frames(&mut app, 10);
    let time = app.world().resource::<Time<Real>>().elapsed();
    assert!(session(&app).game.remaining(time) < remaining);
}

#[test]
fn pause_menu_quits_to_title() {
    let (mut app, _) = new_app("pause-quit");
    start_round(&mut app, 0);
    press(&mut app, KeyCode::Escape);
    press(&mut app, KeyCode::ArrowDown);
    press(&mut app, KeyCode::ArrowDown); // Resume, Restart, Quit to title
    press(&mut app, KeyCode::Enter);
    wait_for_screen(&mut app, Screen::Title);
}

/// Plays a whole 5-question round: right, wrong, right, timeout, right.
fn play_five(app: &mut App) {
    start_round(app, 3);
    assert_eq!(session(app).game.questions().len(), 5);
    for i in 0..5 {
        wait_for_screen(app, Screen::Question);
        let q = session(app).game.current().clone();
        match i {
            1 => press(app, digit((q.correct + 1) % q.options.len())),
            3 => {
                let n = (q.time_limit.as_millis() / FRAME.as_millis()) as usize + 2;
                frames(app, n);
            }
            _ => press(app, digit(q.correct)),
        }
        wait_for_screen(app, Screen::Reveal);
        press(app, KeyCode::Enter);
    }
    wait_for_screen(app, Screen::Results);
}

#[test]
fn results_add_up_and_a_high_score_is_saved_and_reloaded() {
    let (mut app, data) = new_app("results");
    play_five(&mut app);
    let round = &session(&app).game;
    assert_eq!(round.phase(), Phase::Finished);
    let player = &round.players()[0].stats;
    let sum: i64 = player.results.iter().map(|r| r.points.total()).sum();
    assert_eq!(player.score, sum);
    assert_eq!(player.correct_count(), 3);
    assert_eq!(player.best_streak, 1);
    assert_eq!(player.results.len(), 5);
    assert_eq!(player.results[3].chosen, None);
    let score = player.score;

    // A first score always makes the table: the name prompt is up. Type a name, Enter.
    for _ in 0..6 {
        press(&mut app, KeyCode::Backspace);
    }
    type_text(&mut app, "Ana");
    press(&mut app, KeyCode::Enter);
    let saved = app.world().resource::<SavedHighScores>().0.clone();
    let table = saved.table("the-defiant-ones.ron");
    assert_eq!(table.len(), 1);
    assert_eq!(table[0].name, "Ana");
    assert_eq!(i64::from(table[0].score), score);
    assert_eq!(table[0].round_code, session(&app).code());

    // On disk, atomically written, and read back by a new game.
    let on_disk = store::load::<HighScores>(&data.join("high-scores.ron"));
    assert_eq!(on_disk.notice, None);
    assert_eq!(on_disk.value, saved);
    let mut again = headless_app(&repo().join("quizzes"), &data, false);
    wait_for_screen(&mut again, Screen::Title);
    assert_eq!(again.world().resource::<SavedHighScores>().0, saved);

    // "Play again" replays the same questions in the same order.
    let order: Vec<String> = session(&app)
        .game
        .questions()
        .iter()
        .map(|q| q.id.clone())
        .collect();
    press(&mut app, KeyCode::Enter);
    wait_for_screen(&mut app, Screen::Question);
    let replay: Vec<String> = session(&app)
        .game
        .questions()
        .iter()
        .map(|q| q.id.clone())
        .collect();
    assert_eq!(replay, order);
    assert_eq!(session(&app).game.players()[0].stats.score, 0);
}

#[test]
fn a_corrupt_high_score_file_is_kept_aside_and_the_game_goes_on() {
    let data = temp_dir("corrupt");
    std::fs::write(data.join("high-scores.ron"), "(packs: {\"x\": [(name: ").unwrap();
    let mut app = headless_app(&repo().join("quizzes"), &data, false);
    wait_for_screen(&mut app, Screen::Title);
    let notices = app.world().resource::<Notices>().0.clone();
    assert_eq!(notices.len(), 1, "{notices:?}");
    assert!(
        notices[0].contains("high-scores.ron.corrupt-1"),
        "{notices:?}"
    );
    assert_eq!(
        std::fs::read_to_string(data.join("high-scores.ron.corrupt-1")).unwrap(),
        "(packs: {\"x\": [(name: "
    );
    assert_eq!(
        app.world().resource::<SavedHighScores>().0,
        HighScores::default()
    );
    // And a round still plays and saves a fresh table.
    play_five(&mut app);
    press(&mut app, KeyCode::Enter);
    assert!(data.join("high-scores.ron").exists());
}

#[test]
fn typing_a_round_code_replays_the_same_round() {
    use defiant_trivia::core::round_code;
    use defiant_trivia::game::round_setup::SetupChoices;
    let (mut app, _) = new_app("code");
    start_round(&mut app, 0);
    let first: Vec<(String, Vec<String>)> = session(&app)
        .game
        .questions()
        .iter()
        .map(|q| (q.id.clone(), q.options.clone()))
        .collect();
    let code = session(&app).code();
    // Quit to the title through the pause menu, then set up a new round.
    press(&mut app, KeyCode::Escape);
    press(&mut app, KeyCode::ArrowDown);
    press(&mut app, KeyCode::ArrowDown);
    press(&mut app, KeyCode::Enter);
    wait_for_screen(&mut app, Screen::Title);
    press(&mut app, KeyCode::Enter);
    wait_for_screen(&mut app, Screen::PackPicker);
    press(&mut app, KeyCode::Enter);
    wait_for_screen(&mut app, Screen::Setup);
    // A new visit offers a new code.
    let offered = app.world().resource::<SetupChoices>().seed;
    assert_ne!(round_code::encode(offered), code);
    // Down to the code row, Enter, type the old code in lower case without its dash.
    for _ in 0..5 {
        press(&mut app, KeyCode::ArrowDown);
    }
    press(&mut app, KeyCode::Enter);
    type_text(&mut app, &code.to_lowercase().replace('-', ""));
    press(&mut app, KeyCode::Enter);
    assert_eq!(
        round_code::encode(app.world().resource::<SetupChoices>().seed),
        code
    );
    // Down to Start (code row is 5, Start is 7).
    press(&mut app, KeyCode::ArrowDown);
    press(&mut app, KeyCode::ArrowDown);
    press(&mut app, KeyCode::Enter);
    wait_for_screen(&mut app, Screen::Question);
    let again: Vec<(String, Vec<String>)> = session(&app)
        .game
        .questions()
        .iter()
        .map(|q| (q.id.clone(), q.options.clone()))
        .collect();
    assert_eq!(again, first);
}

/// The ids of the pack's questions that are safe after `watched` chapters.
fn safe_ids(app: &App, watched: usize) -> Vec<String> {
    let pack = &app
        .world()
        .resource::<defiant_trivia::game::session::ChosenPack>()
        .pack;
    pack.questions
        .iter()
        .filter(|q| pack.chapters_needed(q) <= watched)
        .map(|q| q.id.clone())
        .collect()
}

#[test]
fn a_round_up_to_part_2_never_asks_about_the_later_parts() {
    use defiant_trivia::game::round_setup::{SetupChoices, SetupRow};
    let (mut app, _) = new_app("chapters");
    wait_for_screen(&mut app, Screen::Title);
    press(&mut app, KeyCode::Enter);
    wait_for_screen(&mut app, Screen::PackPicker);
    press(&mut app, KeyCode::Enter);
    wait_for_screen(&mut app, Screen::Setup);
    // Every question (10 → 20 → All), then "Watched up to": whole pack → nothing yet →
    // Part 1 → Part 2.
    for _ in 0..2 {
        press(&mut app, KeyCode::ArrowRight);
    }
    let watched = find_by::<SetupRow>(&mut app, |r| *r == SetupRow::Watched).unwrap();
    for _ in 0..3 {
        click(&mut app, watched);
    }
    assert_eq!(app.world().resource::<SetupChoices>().watched, 3);
    let start = find_by::<SetupRow>(&mut app, |r| *r == SetupRow::Start).unwrap();
    click(&mut app, start);
    wait_for_screen(&mut app, Screen::Question);
    let safe = safe_ids(&app, 2);
    let asked: Vec<String> = session(&app)
        .game
        .questions()
        .iter()
        .map(|q| q.id.clone())
        .collect();
    // All the safe ones, and nothing else: no Aftermath, Eminem or Beats.
    assert_eq!(asked.len(), safe.len());
    assert!(asked.iter().all(|id| safe.contains(id)), "{asked:?}");
    assert!(
        !asked
            .iter()
            .any(|id| id.starts_with("beats") || id.contains("eminem"))
    );
    assert!(
        asked.len()
            < app
                .world()
                .resource::<defiant_trivia::game::session::ChosenPack>()
                .pack
                .questions
                .len()
    );
    // Choices, timelines and numbers, all three.
    let kinds: std::collections::HashSet<_> = session(&app)
        .game
        .questions()
        .iter()
        .map(|q| std::mem::discriminant(&q.asked))
        .collect();
    assert_eq!(kinds.len(), 3, "choices, orders and numbers up to Part 2");
    // "Nothing yet": only what the series itself is about.
    assert!(safe_ids(&app, 0).iter().all(|id| id.starts_with("series")
        || id.starts_with("cast")
        || ["history-span", "number-parts", "number-history-span"].contains(&id.as_str())));
}
