//! What the game's UI shows, as its probe writes it (`DEFIANT_TRIVIA_PROBE`, see
//! `src/game/probe.rs`): the screen, the focused button and every button's label and
//! rectangle. Tests wait on a screen or a button here, and find a button by its label.

use std::time::Duration;

use serde::Deserialize;

use crate::harness::{CONSOLE, Game, Xvfb, click_at, keys, wait_until};

/// The UI as the probe last wrote it.
#[derive(Debug, Clone, Deserialize)]
pub struct Ui {
    pub screen: Option<String>,
    pub focus: Option<String>,
    pub buttons: Vec<UiButton>,
}

/// A button: its label (its first text), where it is in its window's physical pixels,
/// which window (`main` or `console`), whether it is shown, and its group and place in
/// the keyboard's focus order if the keyboard can focus it.
#[derive(Debug, Clone, Deserialize)]
pub struct UiButton {
    pub label: String,
    pub x: i64,
    pub y: i64,
    pub w: i64,
    pub h: i64,
    pub window: String,
    /// False for a hidden button (its rectangle then means nothing).
    pub shown: bool,
    pub focus_order: Option<[usize; 2]>,
}

impl Ui {
    /// The button labelled `label`, or else the first whose label contains it.
    pub fn button(&self, label: &str) -> Option<&UiButton> {
        self.find(label, |_| true)
    }

    /// [`Ui::button`] among the buttons of one window (`main` or `console`).
    pub fn button_on(&self, window: &str, label: &str) -> Option<&UiButton> {
        self.find(label, |b| b.window == window)
    }

    fn find(&self, label: &str, within: impl Fn(&UiButton) -> bool) -> Option<&UiButton> {
        let shown = || self.buttons.iter().filter(|b| b.shown && within(b));
        shown()
            .find(|b| b.label == label)
            .or_else(|| shown().find(|b| b.label.contains(label)))
    }

    /// Whether a button labelled `label` (or containing it) is shown.
    pub fn has(&self, label: &str) -> bool {
        self.button(label).is_some()
    }

    pub fn on(&self, screen: &str) -> bool {
        self.screen.as_deref() == Some(screen)
    }

    /// Whether the focused button is labelled `label`.
    pub fn focused(&self, label: &str) -> bool {
        self.focus.as_deref() == Some(label)
    }

    /// How many presses of Down move the focus to `label`, as the menu orders the buttons
    /// (the highest group only, wrapping around); `None` when the focus or `label` is not
    /// among them.
    fn downs_to(&self, label: &str) -> Option<usize> {
        let top = self
            .buttons
            .iter()
            .filter_map(|b| b.focus_order)
            .map(|o| o[0])
            .max()?;
        let mut order: Vec<(usize, &str)> = self
            .buttons
            .iter()
            .filter_map(|b| {
                b.focus_order
                    .filter(|o| o[0] == top)
                    .map(|o| (o[1], b.label.as_str()))
            })
            .collect();
        order.sort();
        let at = |wanted: &str| order.iter().position(|(_, l)| *l == wanted);
        let (from, to) = (at(self.focus.as_deref()?)?, at(label)?);
        Some((to + order.len() - from) % order.len())
    }

    fn labels(&self) -> Vec<&str> {
        self.buttons.iter().map(|b| b.label.as_str()).collect()
    }
}

impl UiButton {
    /// Its middle on the X screen (the console sits at [`CONSOLE`]).
    pub fn center(&self) -> (u32, u32) {
        let (left, top) = match self.window.as_str() {
            "console" => (CONSOLE.0 as i64, CONSOLE.1 as i64),
            _ => (0, 0),
        };
        let at = |start: i64, size: i64, offset: i64| (offset + start + size / 2) as u32;
        (at(self.x, self.w, left), at(self.y, self.h, top))
    }
}

/// What the probe says now, if it has written yet.
pub fn read(game: &Game) -> Option<Ui> {
    let text = std::fs::read_to_string(&game.probe).ok()?;
    Some(serde_json::from_str(&text).expect("the probe writes whole JSON files"))
}

/// Waits (up to three minutes: a first launch compiles its pipelines) until the probe
/// shows what `ready` wants; returns it.
pub fn wait_ui(game: &Game, what: &str, ready: impl Fn(&Ui) -> bool) -> Ui {
    wait_ui_within(game, Duration::from_secs(180), ready)
        .unwrap_or_else(|last| panic!("timed out waiting for {what}; the probe said {last:?}"))
}

/// Waits until `ready` holds of the probe, up to `within`; `Err` with the last thing the
/// probe said when it never held.
pub fn wait_ui_within(
    game: &Game,
    within: Duration,
    ready: impl Fn(&Ui) -> bool,
) -> Result<Ui, Option<Ui>> {
    let mut last = None;
    let done = wait_until(within, Duration::from_millis(25), || {
        last = read(game);
        last.as_ref().is_some_and(&ready)
    });
    match last {
        Some(ui) if done => Ok(ui),
        other => Err(other),
    }
}

/// Waits until the game is on `screen` (its `Screen` state's name, e.g. `Lobby`).
pub fn wait_screen(game: &Game, screen: &str) -> Ui {
    wait_ui(game, &format!("the {screen} screen"), |ui| ui.on(screen))
}

/// Waits until a button labelled `label` is shown; returns it.
pub fn wait_button(game: &Game, label: &str) -> UiButton {
    wait_ui(game, &format!("a button {label:?}"), |ui| ui.has(label))
        .button(label)
        .cloned()
        .expect("shown")
}

/// Clicks the middle of the button labelled `label`.
pub fn click_button(x: &Xvfb, game: &Game, label: &str) {
    click_at(x, wait_button(game, label).center());
}

/// Moves the focus to the button labelled `label` with Down: as many presses as the
/// probe's focus order says, then waiting until the focus is there; where that falls
/// short (a button the probe does not show takes focus too), one press at a time, each
/// waiting for the focus to move.
pub fn focus_button(x: &Xvfb, game: &Game, label: &str) {
    let target = wait_button(game, label).label;
    let mut ui = read(game).expect("the probe has written");
    if let Some(downs) = ui.downs_to(&target).filter(|&n| n > 0) {
        keys(x, &vec!["Down"; downs]);
        let within = Duration::from_secs(5);
        ui = wait_ui_within(game, within, |u| u.focused(&target))
            .unwrap_or_else(|last| last.unwrap_or(ui));
    }
    for _ in 0..=ui.buttons.len() {
        if ui.focused(&target) {
            return;
        }
        let before = ui.focus.clone();
        keys(x, &["Down"]);
        ui = wait_ui_within(game, Duration::from_secs(20), |u| u.focus != before)
            .unwrap_or_else(|last| panic!("Down did not move the focus from {before:?}: {last:?}"));
    }
    panic!("Down never focused {target:?}; buttons: {:?}", ui.labels());
}

/// Focuses the button labelled `label` and presses Enter on it.
pub fn press_button(x: &Xvfb, game: &Game, label: &str) {
    focus_button(x, game, label);
    keys(x, &["Return"]);
}

/// Presses `key` until the game is on `screen`: each press waits (up to 5 s) for the
/// screen to change, and a press the game did not take yet (the host's Next right after
/// a reveal opens) is sent again; at most six presses.
pub fn press_until_screen(x: &Xvfb, game: &Game, key: &str, screen: &str) -> Ui {
    let mut ui = read(game).expect("the probe has written");
    for _ in 0..6 {
        if ui.on(screen) {
            return ui;
        }
        let from = ui.screen.clone();
        keys(x, &[key]);
        ui = wait_ui_within(game, Duration::from_secs(5), |u| u.screen != from)
            .unwrap_or_else(|last| last.unwrap_or(ui));
    }
    assert!(ui.on(screen), "{key} never led to {screen}: {ui:?}");
    ui
}
