//! Sound cues: screens write an [`Sfx`] message; this plugin plays it at the player's volume.
//! The cues are synthesized WAVs in `assets/sounds` (see `generate.py` there).

use bevy::audio::{AudioPlayer, AudioSource, PlaybackSettings, Volume};
use bevy::prelude::*;

use super::persist::SavedSettings;

pub fn plugin(app: &mut App) {
    app.add_message::<Sfx>()
        .init_resource::<SfxHandles>()
        .add_systems(Startup, load_sounds)
        .add_systems(PostUpdate, play);
}

/// A sound cue.
#[derive(Message, Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Sfx {
    /// Focus moved or an answer was picked.
    Select,
    Correct,
    Wrong,
    /// One of the last seconds of a question.
    Tick,
    RoundEnd,
}

impl Sfx {
    const ALL: [Sfx; 5] = [
        Sfx::Select,
        Sfx::Correct,
        Sfx::Wrong,
        Sfx::Tick,
        Sfx::RoundEnd,
    ];

    fn file(self) -> &'static str {
        match self {
            Sfx::Select => "sounds/select.wav",
            Sfx::Correct => "sounds/correct.wav",
            Sfx::Wrong => "sounds/wrong.wav",
            Sfx::Tick => "sounds/tick.wav",
            Sfx::RoundEnd => "sounds/round_end.wav",
        }
    }
}

#[derive(Resource, Default)]
struct SfxHandles(Vec<(Sfx, Handle<AudioSource>)>);

fn load_sounds(
    server: Res<AssetServer>,
    sources: Option<Res<Assets<AudioSource>>>,
    mut handles: ResMut<SfxHandles>,
) {
    // Headless tests run without audio; cues are then only messages.
    if sources.is_none() {
        return;
    }
    handles.0 = Sfx::ALL
        .iter()
        .map(|&s| (s, server.load(s.file())))
        .collect();
}

fn play(
    mut cues: MessageReader<Sfx>,
    handles: Res<SfxHandles>,
    settings: Res<SavedSettings>,
    clip: Res<super::media::clip::ClipPlayer>,
    mut commands: Commands,
) {
    // Ducked under a question's clip, so the clip stays clear.
    let duck = if clip.is_playing() {
        super::media::clip::DUCKED
    } else {
        1.0
    };
    let volume = settings.0.effective_volume() * duck;
    for cue in cues.read() {
        if volume <= 0.0 {
            continue;
        }
        if let Some((_, handle)) = handles.0.iter().find(|(s, _)| s == cue) {
            commands.spawn((
                AudioPlayer::new(handle.clone()),
                PlaybackSettings::DESPAWN.with_volume(Volume::Linear(volume)),
            ));
        }
    }
}
