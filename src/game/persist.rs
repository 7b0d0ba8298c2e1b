//! The player's saved files in the game: settings, high scores and the party history,
//! loaded at start-up and saved on every change. Loading problems become notices shown on screen.

use std::path::PathBuf;

use bevy::prelude::*;

use crate::core::highscores::HighScores;
use crate::core::history::PartyHistory;
use crate::core::settings::Settings;
use crate::core::store;

pub fn plugin(app: &mut App) {
    app.init_resource::<Notices>()
        .init_resource::<SavedSettings>()
        .init_resource::<SavedHighScores>()
        .init_resource::<SavedPartyHistory>()
        .add_systems(PreStartup, load_saved);
}

/// The folder for saved files and user packs.
#[derive(Resource, Debug, Clone)]
pub struct DataDir(pub PathBuf);

impl DataDir {
    /// `$DEFIANT_TRIVIA_DATA`, else the platform data folder (e.g. `~/.local/share/defiant-trivia`).
    pub fn from_env() -> Self {
        let dir = std::env::var_os("DEFIANT_TRIVIA_DATA")
            .map(PathBuf::from)
            .or_else(|| dirs::data_dir().map(|d| d.join("defiant-trivia")))
            .unwrap_or_else(|| PathBuf::from(".defiant-trivia"));
        Self(dir)
    }

    pub fn settings_file(&self) -> PathBuf {
        self.0.join("settings.ron")
    }

    pub fn high_scores_file(&self) -> PathBuf {
        self.0.join("high-scores.ron")
    }

    pub fn party_history_file(&self) -> PathBuf {
        self.0.join("party-history.ron")
    }

    /// Where players put their own packs.
    pub fn packs_dir(&self) -> PathBuf {
        self.0.join("packs")
    }
}

/// Messages for the player about their saved files (e.g. a corrupt file set aside).
#[derive(Resource, Debug, Default, Clone)]
pub struct Notices(pub Vec<String>);

#[derive(Resource, Debug, Default, Clone)]
pub struct SavedSettings(pub Settings);

#[derive(Resource, Debug, Default, Clone)]
pub struct SavedHighScores(pub HighScores);

#[derive(Resource, Debug, Default, Clone)]
pub struct SavedPartyHistory(pub PartyHistory);

fn load_saved(
    dir: Option<Res<DataDir>>,
    mut settings: ResMut<SavedSettings>,
    mut scores: ResMut<SavedHighScores>,
    mut history: ResMut<SavedPartyHistory>,
    mut notices: ResMut<Notices>,
) {
    let Some(dir) = dir else {
        return;
    };
    let loaded = store::load::<Settings>(&dir.settings_file());
    settings.0 = loaded.value;
    notices.0.extend(loaded.notice);
    let loaded = store::load::<HighScores>(&dir.high_scores_file());
    scores.0 = loaded.value;
    notices.0.extend(loaded.notice);
    let loaded = store::load::<PartyHistory>(&dir.party_history_file());
    history.0 = loaded.value;
    notices.0.extend(loaded.notice);
    for notice in &notices.0 {
        warn!("{notice}");
    }
}

/// Saves the settings; a failure becomes a notice rather than a crash.
pub fn save_settings(dir: Option<&DataDir>, settings: &Settings, notices: &mut Notices) {
    if let Some(dir) = dir
        && let Err(e) = store::save(&dir.settings_file(), settings)
    {
        notices.0.push(format!("could not save settings: {e}"));
    }
}

/// Saves the high scores; a failure becomes a notice rather than a crash.
pub fn save_high_scores(dir: Option<&DataDir>, scores: &HighScores, notices: &mut Notices) {
    if let Some(dir) = dir
        && let Err(e) = store::save(&dir.high_scores_file(), scores)
    {
        notices.0.push(format!("could not save high scores: {e}"));
    }
}

/// Saves the party history; a failure becomes a notice rather than a crash.
pub fn save_party_history(dir: Option<&DataDir>, history: &PartyHistory, notices: &mut Notices) {
    if let Some(dir) = dir
        && let Err(e) = store::save(&dir.party_history_file(), history)
    {
        notices
            .0
            .push(format!("could not save the party history: {e}"));
    }
}
