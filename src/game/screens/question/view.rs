//! What changes on the question screen while it is open: the countdown (and its ticks),
//! the buzz-in line, a solo order's progress and a solo number as typed; and the sounds
//! of a lock-in, a buzz or a false start.

use std::time::Duration;

use bevy::prelude::*;

use super::{
    BuzzBanner, CountdownFill, CountdownText, NumberDisplay, OrderLine, PlacedMark, URGENT_SECONDS,
};
use crate::core::command::Event;
use crate::core::game::{Buzz, Game, Phase};
use crate::core::pack::option_letter;
use crate::core::round::Asked;
use crate::core::seat::SeatId;
use crate::game::audio::Sfx;
use crate::game::clock::Now;
use crate::game::drafts::Drafts;
use crate::game::messages::{GameEvent, Refused};
use crate::game::persist::SavedSettings;
use crate::game::session::{SOLO, Session};
use crate::game::theme::palette;

/// The solo order so far, and the place on each card.
pub(super) fn order_progress(
    session: Res<Session>,
    drafts: Res<Drafts>,
    spawned: Query<(), Added<OrderLine>>,
    mut lines: Query<&mut Text, (With<OrderLine>, Without<PlacedMark>)>,
    mut marks: Query<(&PlacedMark, &mut Text), Without<OrderLine>>,
) {
    if session.is_party() || (!drafts.is_changed() && spawned.is_empty()) {
        return;
    }
    let q = session.game.current();
    let Asked::Order { first, last, .. } = &q.asked else {
        return;
    };
    let picked = drafts
        .order(SOLO)
        .map(|o| o.picked().to_vec())
        .unwrap_or_default();
    let slots: Vec<String> = (0..q.options.len())
        .map(|k| {
            picked
                .get(k)
                .map_or("_".to_string(), |&i| option_letter(i).to_string())
        })
        .collect();
    let wanted = format!("{first} → {} → {last}", slots.join("  "));
    for mut text in &mut lines {
        if text.0 != wanted {
            text.0 = wanted.clone();
        }
    }
    for (mark, mut text) in &mut marks {
        let wanted = picked
            .iter()
            .position(|&i| i == mark.0)
            .map_or(String::new(), |k| format!("#{}", k + 1));
        if text.0 != wanted {
            text.0 = wanted;
        }
    }
}

/// The solo number as typed so far, with its unit.
pub(super) fn number_display(
    session: Res<Session>,
    drafts: Res<Drafts>,
    spawned: Query<(), Added<NumberDisplay>>,
    mut shown: Query<(&mut Text, &mut TextColor), With<NumberDisplay>>,
) {
    if !drafts.is_changed() && spawned.is_empty() {
        return;
    }
    let Asked::Number { unit, .. } = &session.game.current().asked else {
        return;
    };
    let typed = drafts.number(SOLO).map(|n| n.text()).unwrap_or_default();
    let (wanted, colour) = if typed.is_empty() {
        ("type a number".to_string(), palette::TEXT_MUTED)
    } else if unit.is_empty() {
        (typed, palette::TEXT)
    } else {
        (format!("{typed} {unit}"), palette::TEXT)
    };
    for (mut text, mut c) in &mut shown {
        if text.0 != wanted {
            text.0 = wanted.clone();
        }
        if c.0 != colour {
            c.0 = colour;
        }
    }
}

/// A sound question's line: "Listen…" while its clip holds the countdown back, then how
/// to hear it again; with no sound device, says so.
pub(super) fn clip_line(
    session: Res<Session>,
    now: Now,
    player: Res<crate::game::media::clip::ClipPlayer>,
    mut lines: Query<&mut Text, With<super::ClipLine>>,
) {
    let game = &session.game;
    let listening = game.phase() == Phase::Question
        && game.phase_elapsed(now.now()) < game.current().media.listen;
    let wanted = match (player.notice(), listening) {
        (Some(notice), _) => format!("♪ {notice}"),
        (None, true) => "♪ Listen… the countdown starts when the clip ends".to_string(),
        (None, false) => "♪ F8 plays the clip again".to_string(),
    };
    for mut text in &mut lines {
        if text.0 != wanted {
            text.0 = wanted.clone();
        }
    }
}

/// The buzz-in line: reading time, buzzing open, who buzzed, who answers.
pub fn buzz_line(game: &Game, now: Duration) -> String {
    let name = |seat: &SeatId| {
        game.player(*seat)
            .map_or("?", |p| p.seat.name.as_str())
            .to_string()
    };
    if game.is_paused() {
        return String::new();
    }
    match game.buzz() {
        Buzz::Reading { opens_at } => {
            let left = opens_at.saturating_sub(game.phase_elapsed(now));
            format!(
                "Read the question… buzzing opens in {:.0}",
                left.as_secs_f32().ceil().max(1.0)
            )
        }
        Buzz::Open => "BUZZ NOW!".to_string(),
        Buzz::Gathering { presses, .. } => {
            let names: Vec<String> = presses.iter().map(name).collect();
            format!("{} buzzed!", names.join(", "))
        }
        Buzz::Answering { seat, until, .. } => {
            let left = until.saturating_sub(game.phase_elapsed(now));
            format!(
                "{} — answer now! {:.0} s",
                name(seat),
                left.as_secs_f32().ceil()
            )
        }
    }
}

pub(super) fn buzz_banner(
    session: Res<Session>,
    now: Now,
    mut banners: Query<&mut Text, With<BuzzBanner>>,
) {
    let wanted = buzz_line(&session.game, now.now());
    for mut text in &mut banners {
        if text.0 != wanted {
            text.0 = wanted.clone();
        }
    }
}

/// Sounds for what just happened: a lock-in, a buzz, a false start.
pub(super) fn cues(
    mut events: MessageReader<GameEvent>,
    mut refused: MessageReader<Refused>,
    mut sfx: MessageWriter<Sfx>,
) {
    for GameEvent(event) in events.read() {
        match event {
            Event::LockedIn { .. } | Event::Buzzed { .. } => {
                sfx.write(Sfx::Select);
            }
            Event::FalseStart { .. } | Event::Judged { correct: false, .. } => {
                sfx.write(Sfx::Wrong);
            }
            _ => {}
        }
    }
    refused.clear();
}

pub(super) fn countdown(
    now: Now,
    session: Res<Session>,
    settings: Res<SavedSettings>,
    mut last_tick: Local<Option<(u64, usize, u64)>>,
    mut fill: Query<(&mut Node, &mut BackgroundColor), With<CountdownFill>>,
    mut text: Query<(&mut Text, &mut TextColor), With<CountdownText>>,
    mut sfx: MessageWriter<Sfx>,
) {
    let game = &session.game;
    if game.phase() != Phase::Question {
        return;
    }
    let now = now.now();
    // A clip the countdown waits for: the bar stays full while it plays.
    let listen = game.current().media.listen;
    let limit = game
        .time_limit()
        .saturating_sub(listen)
        .as_secs_f32()
        .max(0.001);
    let remaining = game
        .remaining(now)
        .min(game.time_limit().saturating_sub(listen));
    let seconds_left = remaining.as_secs() + u64::from(remaining.subsec_nanos() > 0);
    // Reduced motion: the bar moves in whole seconds instead of gliding.
    let shown = if settings.0.reduced_motion {
        seconds_left as f32
    } else {
        remaining.as_secs_f32()
    };
    let urgent = seconds_left <= URGENT_SECONDS;
    let color = if urgent {
        palette::WRONG
    } else if shown / limit < 0.5 {
        palette::WARNING
    } else {
        palette::ACCENT
    };
    for (mut node, mut background) in &mut fill {
        let width = percent((shown / limit * 100.0).clamp(0.0, 100.0));
        if node.width != width {
            node.width = width;
        }
        if background.0 != color {
            background.0 = color;
        }
    }
    let wanted = if game.is_paused() {
        "⏸".to_string()
    } else {
        format!("{seconds_left}")
    };
    for (mut t, mut c) in &mut text {
        if t.0 != wanted {
            t.0 = wanted.clone();
        }
        let wanted_colour = if urgent {
            palette::WRONG
        } else {
            palette::TEXT
        };
        if c.0 != wanted_colour {
            c.0 = wanted_colour;
        }
    }
    // A tick each urgent second, until the solo player has answered.
    let tick = (session.id, game.current_index(), seconds_left);
    let answered = !session.is_party() && game.has_answered(SOLO);
    if urgent && seconds_left > 0 && !game.is_paused() && *last_tick != Some(tick) && !answered {
        *last_tick = Some(tick);
        sfx.write(Sfx::Tick);
    }
}
