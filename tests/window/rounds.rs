//! A night in rounds in a real window: the rounds editor builds a round of five and a
//! final, the round's scoreboard names its winner, the final's stakes are dialled with
//! real key presses (the TV says only "staked"), and its reveal goes one seat at a time.

use std::time::Duration;

use defiant_trivia::core::command::{Command, HostAction};
use defiant_trivia::core::game::{Format, Game as CoreGame, Phase, RoundKind};
use defiant_trivia::core::night::{self, NightHeader, Op};
use defiant_trivia::core::plan::Preset;
use defiant_trivia::core::seat::{Device, Seat, SeatId};
use defiant_trivia::game::theme::palette;

use crate::common;
use crate::harness::{Game, Launch, WIDTH, Xvfb, keys, wait_for_screen};
use crate::pixels::{Shot, changed, lobby_ready, podium_ready, question_ready, rgb, seat_shown};
use crate::probe::{focus_button, press_button, press_until_screen, wait_screen, wait_ui};

#[test]
fn a_round_and_a_final_with_stakes_in_a_real_window() {
    let x = Xvfb::start(79);
    let data = common::temp_dir("window-rounds");
    let game = Game::start_with(&x, &data, &["party"]);
    wait_screen(&game, "Lobby");
    let lobby = wait_for_screen(&x, "110-rounds-lobby", lobby_ready);
    keys(&x, &["z", "v"]);
    let joined = wait_for_screen(&x, "111-rounds-joined", |s| {
        changed(s, &lobby) && seat_shown(s, 1)
    });
    // Five questions (10 → 5), the scoreboard only at the end of a round.
    focus_button(&x, &game, "Questions:");
    keys(&x, &["Left"]);
    focus_button(&x, &game, "Scoreboard:");
    keys(&x, &["Left"]);
    wait_ui(&game, "five questions, scores at the end", |u| {
        u.has("Questions:  ‹ 5 ›") && u.has("only at the end")
    });
    // The rounds editor: a second round after the first, made the final.
    press_button(&x, &game, "Night:");
    wait_ui(&game, "the rounds editor", |u| {
        u.has("Add a round after round 1")
    });
    press_button(&x, &game, "Add a round after round 1");
    wait_ui(&game, "round 2", |u| u.has("Round 2 is: normal points"));
    press_button(&x, &game, "Round 2 is: normal points");
    wait_ui(&game, "round 2 double", |u| {
        u.has("Round 2 is: double points")
    });
    press_button(&x, &game, "Round 2 is: double points");
    wait_ui(&game, "round 2 the final", |u| {
        u.has("Round 2 is: the final")
    });
    wait_for_screen(&x, "112-rounds-editor", |s| changed(s, &joined));
    press_button(&x, &game, "Done");
    wait_ui(&game, "the lobby again", |u| u.has("Custom: 2 rounds"));
    wait_for_screen(&x, "113-rounds-lobby-custom", |s| {
        changed(s, &joined) && lobby_ready(s)
    });

    press_button(&x, &game, "Start party");
    wait_screen(&game, "Question");
    let mut last = wait_for_screen(&x, "114-rounds-question", question_ready);
    // Round 1: both answer A (Q and R) every time; Enter moves on from each reveal.
    for n in 0..5 {
        wait_screen(&game, "Question");
        keys(&x, &["q", "r"]);
        wait_screen(&game, "Reveal");
        last = wait_for_screen(&x, &format!("115-rounds-reveal-{n}"), |s| changed(s, &last));
        keys(&x, &["Return"]);
        wait_ui(&game, "the next screen", |u| !u.on("Reveal"));
    }
    // The round's scoreboard: its winner, what each earned in it, and the host's choice.
    let ui = wait_screen(&game, "Scoreboard");
    assert!(ui.has("Next: The final"), "{ui:?}");
    assert!(ui.has("Stop for tonight"), "{ui:?}");
    last = wait_for_screen(&x, "116-rounds-round-scores", |s| changed(s, &last));
    press_button(&x, &game, "Next: The final");
    wait_screen(&game, "Wager");
    last = wait_for_screen(&x, "117-final-stakes", |s| changed(s, &last));
    // Player 1 dials 200 (up twice on the hundreds) and stakes it (Z); Player 2 dials
    // 200 and has not staked yet: the TV shows its dial, and only "staked" for Player 1.
    keys(&x, &["q", "q", "z", "r", "r"]);
    let chips = (0, 340, WIDTH, 420);
    let staked = |s: &Shot| s.share(chips, rgb(palette::RIGHT), 10);
    let one = wait_for_screen(&x, "118-final-one-staked", |s| {
        staked(s) > 0.0008 && changed_in(s, &last, chips) > 0.005
    });
    keys(&x, &["v"]);
    last = wait_for_screen(&x, "119-final-both-staked", |s| {
        staked(s) > 1.6 * staked(&one)
    });
    let ui = press_until_screen(&x, &game, "Return", "Question");
    assert!(ui.on("Question"));
    wait_for_screen(&x, "120-final-question", question_ready);
    keys(&x, &["q", "t"]);
    wait_screen(&game, "Reveal");
    last = wait_for_screen(&x, "121-final-reveal", |s| changed(s, &last));
    // The reveal: one seat a press, lowest score first.
    let rows = (0, 200, WIDTH, 560);
    for n in 0..2 {
        keys(&x, &["Return"]);
        last = wait_for_screen(&x, &format!("122-final-reveal-{n}"), |s| {
            changed_in(s, &last, rows) > 0.003
        });
    }
    press_until_screen(&x, &game, "Return", "Scoreboard");
    last = wait_for_screen(&x, "123-final-standings", |s| changed(s, &last));
    press_until_screen(&x, &game, "Return", "Podium");
    wait_for_screen(&x, "124-rounds-podium", |s| {
        changed(s, &last) && podium_ready(s)
    });
    let history = std::fs::read_to_string(data.join("party-history.ron")).expect("party saved");
    assert!(history.contains("The final"), "{history}");
}

/// Share of the pixels of `region` that differ between two captures.
fn changed_in(a: &Shot, b: &Shot, (x0, y0, x1, y1): (usize, usize, usize, usize)) -> f64 {
    let mut differing = 0usize;
    for y in y0..y1 {
        for x in x0..x1 {
            let (p, q) = (a.pixel(x, y), b.pixel(x, y));
            if (0..3).any(|c| p[c].abs_diff(q[c]) > 8) {
                differing += 1;
            }
        }
    }
    differing as f64 / ((x1 - x0) * (y1 - y0)) as f64
}

/// Writes a night of the documentary pack for two keyboard seats (Ana, Ben) into `folder`
/// as a journal, played by the host until `stop` holds: corrections of `points`, every
/// question skipped, a series' evening stopped at its first round's end.
fn write_night(
    folder: std::path::PathBuf,
    rounds: &[defiant_trivia::core::plan::RoundPlan],
    series: bool,
    points: [i32; 2],
    stop: impl Fn(&CoreGame) -> bool,
) {
    let pack = defiant_trivia::core::check_file(
        &common::repo().join("quizzes").join("the-defiant-ones.ron"),
    )
    .pack
    .expect("the documentary pack");
    let seats: Vec<Seat> = ["Ana", "Ben"]
        .iter()
        .enumerate()
        .map(|(i, name)| Seat {
            id: SeatId(i as u32),
            name: name.to_string(),
            colour: i as u8,
            device: Device::Keys(i as u8),
            team: None,
        })
        .collect();
    let settings = defiant_trivia::core::RoundSettings {
        seed: 7,
        max_options: Some(4),
        watched: Some(1),
        ..Default::default()
    };
    let header = NightHeader::planned(
        "the-defiant-ones.ron",
        &pack,
        settings,
        defiant_trivia::core::game::Rules::party(Format::EveryoneAnswers),
        rounds,
        series,
        seats,
        Vec::new(),
    )
    .expect("a night of the pack");
    let points = |seat: &Seat| points[seat.id.0 as usize];
    journal_night(
        &night::new_path(&folder, 1_800_000_000_000),
        &header,
        points,
        stop,
    );
}

/// A series of the documentary pack (Ana 3200, Ben 2100) stopped after its first
/// evening, in `data`'s series folder.
fn series_at_intermission(data: &std::path::Path) {
    write_night(
        night::series_folder(data),
        &[defiant_trivia::core::plan::RoundPlan::regular(
            Format::EveryoneAnswers,
            5,
        )],
        true,
        [3200, 2100],
        |g| g.phase() == Phase::Intermission,
    );
}

/// A Classic night (Ana 2300, Ben 0) at the final's stakes, unfinished in `data`.
fn classic_at_stakes(data: &std::path::Path) {
    write_night(
        night::folder(data),
        &Preset::Classic.rounds(Format::EveryoneAnswers),
        false,
        [2300, 0],
        |g| g.phase() == Phase::Wager,
    );
}

/// Plays `header`'s night as a host would until `stop` holds (each seat first given
/// `points(seat)`; every regular question skipped, a final's revealed unanswered, a
/// series' evening ended at a round's end, a tie for first played off), and writes its
/// journal at `path`. Returns the game as the journal leaves it.
pub(crate) fn journal_night(
    path: &std::path::Path,
    header: &NightHeader,
    points: impl Fn(&Seat) -> i32,
    stop: impl Fn(&CoreGame) -> bool,
) -> CoreGame {
    use std::io::Write;
    let mut game = header.game().unwrap();
    let mut records = Vec::new();
    let mut at = Duration::from_secs(1);
    let mut play = |game: &mut CoreGame, op: Op, at: Duration| {
        let record = night::record(game, op, at);
        night::apply(game, header, &record).expect("the host's change is taken");
        game.take_events();
        records.extend(night::encode_record(&record));
    };
    play(&mut game, Op::Start, at);
    let host = |action, at| Op::Play(Command::Host { action, at });
    for seat in &header.seats {
        let adjust = HostAction::Adjust {
            seat: seat.id,
            points: points(seat),
        };
        play(&mut game, host(adjust, at), at);
    }
    for _ in 0..100 {
        if stop(&game) {
            break;
        }
        at += Duration::from_secs(1);
        let action = match game.phase() {
            Phase::Question if game.round().kind == RoundKind::Final => HostAction::Reveal,
            Phase::Question => HostAction::Skip,
            Phase::RoundEnd if header.series => HostAction::EndEvening,
            Phase::Finished => HostAction::Tiebreak,
            _ => HostAction::Next,
        };
        play(&mut game, host(action, at), at);
    }
    assert!(stop(&game), "the night never got there");
    let mut file = night::create(path, header).unwrap();
    file.write_all(&records).unwrap();
    file.sync_all().unwrap();
    game
}

/// A series stopped after its first evening: the title offers Continue the series with
/// the standings, the intermission plans the next evening, and it starts.
#[test]
fn a_series_continues_from_the_title_in_a_real_window() {
    let x = Xvfb::start(78);
    let data = common::temp_dir("window-series");
    series_at_intermission(&data);
    let game = Game::start(&x, &data);
    let ui = wait_ui(&game, "Continue the series", |u| {
        u.has("Continue the series")
    });
    assert!(ui.on("Title"));
    let title = wait_for_screen(&x, "125-series-title", |s| {
        s.share((0, 0, WIDTH, 720), rgb(palette::TEXT_MUTED), 24) > 0.005
    });
    press_button(&x, &game, "Continue the series");
    wait_screen(&game, "Intermission");
    let ui = wait_ui(&game, "the next evening's plan", |u| {
        u.has("Start evening 2")
    });
    assert!(ui.has("Watched up to:  ‹ Part 2 ›"), "{ui:?}");
    let plan = wait_for_screen(&x, "126-series-intermission", |s| changed(s, &title));
    // A quick round next (Classic → Showdown → Quick), then Start evening 2.
    focus_button(&x, &game, "Rounds:");
    keys(&x, &["Right", "Right"]);
    wait_ui(&game, "a quick evening", |u| u.has("Quick night"));
    press_button(&x, &game, "Start evening 2");
    wait_screen(&game, "Question");
    wait_for_screen(&x, "127-series-evening-2", |s| {
        changed(s, &plan) && question_ready(s)
    });
}

/// The lobby with the rounds editor, and the final's stakes, at 800x600 and 1920x1080:
/// everything fits and reads.
#[test]
fn the_rounds_editor_and_the_stakes_fit_at_800x600_and_1920x1080() {
    for (display, (w, h)) in [(77, (800usize, 600usize)), (76, (1920, 1080))] {
        let x = Xvfb::start_sized(display, &format!("{w}x{h}x24"));
        let data = common::temp_dir(&format!("window-rounds-{w}"));
        let whole = (0, 0, w, h);
        let name = |what: &str| format!("128-rounds-{what}-{w}x{h}");
        let env = vec![("DEFIANT_TRIVIA_WINDOW", format!("{w}x{h}"))];
        let game = Game::launch(
            &x,
            &data,
            Launch {
                args: &["party"],
                env: env.clone(),
                piped: false,
            },
        );
        wait_screen(&game, "Lobby");
        keys(&x, &["z", "v"]);
        let ui = wait_ui(&game, "two seats", |u| u.has("Night:"));
        // Every row of the lobby is on screen: the last one too.
        let back = ui.button("Back").expect("Back").clone();
        assert!(back.shown && (back.y + back.h) as usize <= h, "{back:?}");
        let lobby = wait_for_screen(&x, &name("lobby"), |s| {
            s.share(whole, rgb(palette::PANEL), 3) > 0.05
        });
        press_button(&x, &game, "Night:");
        wait_ui(&game, "the rounds editor", |u| {
            u.has("Add a round after round 1")
        });
        wait_for_screen(&x, &name("editor"), |s| {
            changed_sized(s, &lobby, whole) > 0.05
        });
        keys(&x, &["Escape"]);
        wait_ui(&game, "the lobby again", |u| u.has("Start party"));
        game.kill_nine();

        // A Classic night stopped at the final's stakes, resumed from the title.
        let data = common::temp_dir(&format!("window-stakes-{w}"));
        classic_at_stakes(&data);
        let game = Game::launch(
            &x,
            &data,
            Launch {
                args: &["party", "--resume"],
                env,
                piped: false,
            },
        );
        wait_screen(&game, "Wager");
        let stakes = wait_for_screen(&x, &name("stakes"), |s| {
            s.share(whole, rgb(palette::ACCENT), 12) > 0.003
        });
        keys(&x, &["q", "q", "z"]);
        wait_for_screen(&x, &name("staked"), |s| {
            s.share(whole, rgb(palette::RIGHT), 10) > 0.00003
                && changed_sized(s, &stakes, whole) > 0.001
        });
        game.kill_nine();
    }
}

/// Share of the pixels of `region` that differ between two captures of any size.
fn changed_sized(a: &Shot, b: &Shot, region: (usize, usize, usize, usize)) -> f64 {
    changed_in(a, b, region)
}

/// Idle CPU of the new screens: the final's stakes and a series' intermission, each left
/// alone (prints the figures; run with `--ignored`).
#[test]
#[ignore = "benchmark"]
fn bench_rounds_idle_screens() {
    let x = Xvfb::start(75);
    let data = common::temp_dir("bench-rounds-stakes");
    classic_at_stakes(&data);
    let game = Game::launch(
        &x,
        &data,
        Launch {
            args: &["party", "--resume"],
            env: Vec::new(),
            piped: false,
        },
    );
    wait_screen(&game, "Wager");
    let stakes = crate::benches::idle_share(game.pid());
    game.kill_nine();

    let data = common::temp_dir("bench-rounds-series");
    series_at_intermission(&data);
    let game = Game::start(&x, &data);
    wait_ui(&game, "Continue the series", |u| {
        u.has("Continue the series")
    });
    press_button(&x, &game, "Continue the series");
    wait_screen(&game, "Intermission");
    let intermission = crate::benches::idle_share(game.pid());
    game.kill_nine();
    println!(
        "CPU, share of one core: final's stakes idle {:.1}%, intermission idle {:.1}%",
        stakes * 100.0,
        intermission * 100.0
    );
}
