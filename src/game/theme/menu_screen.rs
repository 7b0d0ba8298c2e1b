//! The menu screen's scaffold (title, pack picker, settings, high scores, setup): a
//! full-window column with the screen's title on top and its key hints at the bottom,
//! gone when the screen is left, and Esc (a pad's East) going back.

use bevy::prelude::*;

use super::{Fonts, palette, widgets};
use crate::game::menu::Back;
use crate::game::states::Screen;

/// A menu screen to spawn: [`MenuScreen::spawn`] puts the caller's contents between its
/// title and its hint.
#[derive(Debug, Clone)]
pub struct MenuScreen {
    screen: Screen,
    name: &'static str,
    title: String,
    title_size: f32,
    hint: Option<String>,
}

impl MenuScreen {
    /// The menu of `screen`: `name` names its root entity, `title` is drawn on top.
    pub fn new(screen: Screen, name: &'static str, title: impl Into<String>) -> Self {
        Self {
            screen,
            name,
            title: title.into(),
            title_size: 52.0,
            hint: None,
        }
    }

    /// The title's size in design pixels (52 unless set).
    pub fn title_size(mut self, size: f32) -> Self {
        self.title_size = size;
        self
    }

    /// The line of key hints at the bottom.
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Spawns the screen: its root, the title, what `contents` spawns, then the hint.
    pub fn spawn(
        self,
        commands: &mut Commands,
        fonts: &Fonts,
        contents: impl FnOnce(&mut ChildSpawnerCommands),
    ) -> Entity {
        commands
            .spawn((widgets::screen_root(self.name), DespawnOnExit(self.screen)))
            .with_children(|root| {
                root.spawn(widgets::text(
                    self.title,
                    &fonts.bold,
                    self.title_size,
                    palette::ACCENT,
                ));
                contents(root);
                if let Some(hint) = self.hint {
                    root.spawn(widgets::hint(hint, &fonts.regular));
                }
            })
            .id()
    }
}

/// Menu buttons, one after the other in `parent` (a column, or a row), focused in the
/// order given from `first` on.
pub fn menu_buttons<A: Component>(
    parent: &mut ChildSpawnerCommands,
    fonts: &Fonts,
    first: usize,
    items: impl IntoIterator<Item = (&'static str, A)>,
) {
    for (i, (label, action)) in items.into_iter().enumerate() {
        parent.spawn(widgets::button(label, &fonts.bold, first + i, action));
    }
}

/// The system that goes back to `screen` on Esc (or a pad's East), for a screen's
/// plugin: `back_to(Screen::Title)`.
pub fn back_to(
    screen: Screen,
) -> impl FnMut(MessageReader<Back>, ResMut<NextState<Screen>>) + Send + Sync + 'static {
    move |mut backs: MessageReader<Back>, mut next: ResMut<NextState<Screen>>| {
        if backs.read().count() > 0 {
            next.set(screen);
        }
    }
}
