//! A question's clip on the computer's speakers (never on phones: the room hears one
//! sound at one time). It starts when the question opens, plays the stretch the pack
//! names, stops when the game pauses and goes on after, and stops at the reveal. The host
//! replays it from the start with F8 or the console's button. Its volume follows the
//! settings, and the game's own sounds are ducked while it plays.
//!
//! With no sound device (or no audio at all, as in headless tests) the question works as
//! ever, and [`ClipPlayer::notice`] says why nothing is heard; the console shows it.

use std::time::{Duration, Instant};

use bevy::audio::{AudioPlayer, AudioSink, AudioSinkPlayback, PlaybackSettings, Volume};
use bevy::prelude::*;

use super::MediaCache;
use crate::core::game::Phase;
use crate::game::persist::SavedSettings;
use crate::game::session::Session;

pub fn plugin(app: &mut App) {
    app.init_resource::<ClipPlayer>()
        .add_message::<ReplayClip>()
        .add_systems(
            Update,
            (
                replay_key,
                start_and_stop,
                replay,
                follow_pause_and_volume,
                notice_no_device,
            )
                .chain(),
        );
}

/// The host asks for the clip again, from its start.
#[derive(Message, Debug, Clone, Copy, Default)]
pub struct ReplayClip;

/// How long a clip may wait for the audio device before the console says there is none.
const DEVICE_GRACE: Duration = Duration::from_millis(1500);

/// How loud the game's own sounds are while a clip plays.
pub const DUCKED: f32 = 0.3;

/// The clip playing (or last played) and what is known about the sound device.
#[derive(Resource, Debug, Default)]
pub struct ClipPlayer {
    /// The entity playing it.
    playing: Option<Entity>,
    /// Which game, question and try it belongs to: (session id, question index).
    played_for: Option<(u64, usize)>,
    /// When it started (wall clock), and how long it plays.
    started: Option<(Instant, Duration)>,
    /// How long the game was paused since it started, and since when it is paused now:
    /// the clip stands still meanwhile, and so does the console's count of it.
    paused: (Duration, Option<Instant>),
    /// Why nothing is heard, when nothing can be.
    notice: Option<String>,
}

impl ClipPlayer {
    /// Whether a clip is playing now (for ducking and the console).
    pub fn is_playing(&self) -> bool {
        self.playing.is_some()
    }

    /// Why the clip cannot be heard (no sound device), for the console.
    pub fn notice(&self) -> Option<&str> {
        self.notice.as_deref()
    }

    /// How far the clip has played, and its length, while it plays.
    pub fn position(&self) -> Option<(Duration, Duration)> {
        self.position_at(Instant::now())
    }

    /// How far the clip has played at `now` (not counting the game's pauses), and its
    /// length, while it plays.
    fn position_at(&self, now: Instant) -> Option<(Duration, Duration)> {
        let (at, length) = self.started?;
        self.playing?;
        let (before, since) = self.paused;
        let pausing = since.map_or(Duration::ZERO, |s| now.saturating_duration_since(s));
        let played = now
            .saturating_duration_since(at)
            .saturating_sub(before + pausing);
        Some((played.min(length), length))
    }

    /// Follows the game's pause at `now`.
    fn follow_pause(&mut self, paused: bool, now: Instant) {
        match (paused, self.paused.1) {
            (true, None) => self.paused.1 = Some(now),
            (false, Some(since)) => {
                self.paused = (self.paused.0 + now.saturating_duration_since(since), None);
            }
            _ => {}
        }
    }
}

/// The stretch of the question's clip: where it starts in its file and how long it plays.
fn stretch(clip: &crate::core::pack::Clip) -> (Duration, Option<Duration>) {
    let start = Duration::from_secs_f64(clip.start.max(0.0));
    let length = clip
        .length()
        .filter(|l| l.is_finite() && *l > 0.0)
        .map(Duration::from_secs_f64);
    (start, length)
}

fn volume(settings: &SavedSettings) -> Volume {
    Volume::Linear(settings.0.effective_volume())
}

/// Starts the clip when its question opens; stops it when the question closes.
fn start_and_stop(
    mut commands: Commands,
    session: Option<Res<Session>>,
    cache: Res<MediaCache>,
    settings: Res<SavedSettings>,
    mut player: ResMut<ClipPlayer>,
    sinks: Query<&AudioSink>,
) {
    let open = session.as_ref().and_then(|s| {
        let game = &s.game;
        (game.phase() == Phase::Question).then(|| {
            (
                s.id,
                game.current_index(),
                game.current().media.audio.clone(),
            )
        })
    });
    let wanted = open
        .as_ref()
        .and_then(|(id, i, clip)| clip.as_ref().map(|c| (*id, *i, c)));
    match wanted {
        Some((id, i, clip)) if player.played_for != Some((id, i)) => {
            stop(&mut commands, &mut player, &sinks);
            let Some(ready) = cache.ready(&clip.file) else {
                return; // still loading: the load wakes the game when it is done
            };
            player.played_for = Some((id, i));
            play(
                &mut commands,
                &mut player,
                ready.clip.clone(),
                clip,
                &settings,
            );
        }
        Some(_) => {}
        None => stop(&mut commands, &mut player, &sinks),
    }
}

fn play(
    commands: &mut Commands,
    player: &mut ClipPlayer,
    handle: Option<Handle<bevy::audio::AudioSource>>,
    clip: &crate::core::pack::Clip,
    settings: &SavedSettings,
) {
    let (start, length) = stretch(clip);
    player.started = Some((Instant::now(), length.unwrap_or(Duration::ZERO)));
    player.paused = (Duration::ZERO, None);
    let Some(handle) = handle else {
        player.notice = Some("No sound: this game runs without audio".to_string());
        player.playing = None;
        return;
    };
    let mut playback = PlaybackSettings::DESPAWN.with_volume(volume(settings));
    playback.start_position = Some(start);
    playback.duration = length;
    player.playing = Some(
        commands
            .spawn((
                Name::new("Question clip"),
                AudioPlayer::new(handle),
                playback,
            ))
            .id(),
    );
}

fn stop(commands: &mut Commands, player: &mut ClipPlayer, sinks: &Query<&AudioSink>) {
    if let Some(entity) = player.playing.take() {
        if let Ok(sink) = sinks.get(entity) {
            sink.stop();
        }
        if let Ok(mut e) = commands.get_entity(entity) {
            e.despawn();
        }
    }
    player.started = None;
}

/// F8, anywhere: a replay.
fn replay_key(
    mut keys: MessageReader<crate::game::input::HostIntent>,
    mut out: MessageWriter<ReplayClip>,
) {
    for key in keys.read() {
        if key.key == crate::game::input::HostKey::Replay {
            out.write(ReplayClip);
        }
    }
}

/// F8 or the console's button: the clip again from its start, while its question is open.
fn replay(
    mut asks: MessageReader<ReplayClip>,
    mut commands: Commands,
    session: Option<Res<Session>>,
    cache: Res<MediaCache>,
    settings: Res<SavedSettings>,
    mut player: ResMut<ClipPlayer>,
    sinks: Query<&AudioSink>,
) {
    if asks.read().count() == 0 {
        return;
    }
    let Some(session) = session else {
        return;
    };
    let game = &session.game;
    let Some(clip) = game.current().media.audio.clone() else {
        return;
    };
    if !matches!(game.phase(), Phase::Question | Phase::Reveal) {
        return;
    }
    let Some(ready) = cache.ready(&clip.file) else {
        return;
    };
    stop(&mut commands, &mut player, &sinks);
    play(
        &mut commands,
        &mut player,
        ready.clip.clone(),
        &clip,
        &settings,
    );
}

/// Pauses with the game; follows the volume setting.
fn follow_pause_and_volume(
    session: Option<Res<Session>>,
    settings: Res<SavedSettings>,
    mut player: ResMut<ClipPlayer>,
    mut sinks: Query<&mut AudioSink>,
) {
    let Some(entity) = player.playing else {
        return;
    };
    let paused = session.is_some_and(|s| s.game.is_paused());
    // Counted with or without a sound device: the console's count stands still too.
    if paused != player.paused.1.is_some() {
        player.follow_pause(paused, Instant::now());
    }
    let Ok(mut sink) = sinks.get_mut(entity) else {
        return;
    };
    if paused != sink.is_paused() {
        if paused {
            sink.pause();
        } else {
            sink.play();
        }
    }
    if settings.is_changed() {
        sink.set_volume(volume(&settings));
    }
}

/// Notices a clip that never reached the speakers (no sound device), and a clip that
/// ended (its entity despawned by Bevy).
fn notice_no_device(
    mut player: ResMut<ClipPlayer>,
    sinks: Query<(), With<AudioSink>>,
    exists: Query<(), With<AudioPlayer>>,
) {
    let Some(entity) = player.playing else {
        return;
    };
    if !exists.contains(entity) {
        // Played to its end.
        player.playing = None;
        return;
    }
    if sinks.contains(entity) {
        if player.notice.is_some() {
            player.notice = None;
        }
        return;
    }
    if player
        .started
        .is_some_and(|(at, _)| at.elapsed() > DEVICE_GRACE)
        && player.notice.is_none()
    {
        player.notice = Some("No sound device: the clip cannot be heard".to_string());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The count of a clip stands still while the game is paused, and ends at its length.
    #[test]
    fn a_clip_counts_only_the_time_the_game_ran() {
        let t0 = Instant::now();
        let secs = Duration::from_secs;
        let mut player = ClipPlayer {
            playing: Some(Entity::PLACEHOLDER),
            started: Some((t0, secs(10))),
            ..Default::default()
        };
        assert_eq!(player.position_at(t0 + secs(2)), Some((secs(2), secs(10))));
        player.follow_pause(true, t0 + secs(3));
        assert_eq!(player.position_at(t0 + secs(30)), Some((secs(3), secs(10))));
        player.follow_pause(true, t0 + secs(31)); // still paused: nothing changes
        player.follow_pause(false, t0 + secs(40));
        assert_eq!(player.position_at(t0 + secs(41)), Some((secs(4), secs(10))));
        // A second pause adds to the first.
        player.follow_pause(true, t0 + secs(42));
        player.follow_pause(false, t0 + secs(52));
        assert_eq!(player.position_at(t0 + secs(55)), Some((secs(8), secs(10))));
        assert_eq!(
            player.position_at(t0 + secs(90)),
            Some((secs(10), secs(10)))
        );
        // Nothing playing: no count.
        player.playing = None;
        assert_eq!(player.position_at(t0 + secs(55)), None);
    }
}
