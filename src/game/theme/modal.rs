//! The modal dialog (the pause menu, the quit dialog): a layer over the whole screen with
//! a title, a line under it, a column of buttons that alone take the focus while it
//! shows, and a line of key hints.

use bevy::prelude::*;

use super::{Fonts, palette, widgets};
use crate::game::menu::MenuButton;

/// A modal dialog to spawn, with buttons of action `A`.
#[derive(Debug, Clone)]
pub struct Modal<A> {
    /// The title, in the accent colour.
    pub title: String,
    /// The title's size in design pixels.
    pub title_size: f32,
    /// The line under the title.
    pub subtitle: String,
    /// Each button's label and action, in focus order.
    pub buttons: Vec<(String, A)>,
    /// The key hints at the bottom.
    pub hint: String,
    /// The buttons' focus group: higher than any other on screen while it shows.
    pub group: u8,
    /// The layer it is drawn in (above the screens' own overlays).
    pub layer: i32,
}

impl<A: Component> Modal<A> {
    /// Spawns the dialog with `marker` on its root (a component to find it by, and what
    /// takes it away); returns the root.
    pub fn spawn(self, commands: &mut Commands, fonts: &Fonts, marker: impl Bundle) -> Entity {
        let group = self.group;
        commands
            .spawn((marker, widgets::overlay()))
            .insert(GlobalZIndex(self.layer))
            .with_children(|overlay| {
                overlay.spawn(widgets::text(
                    self.title,
                    &fonts.bold,
                    self.title_size,
                    palette::ACCENT,
                ));
                overlay.spawn(widgets::text(
                    self.subtitle,
                    &fonts.regular,
                    26.0,
                    palette::TEXT_MUTED,
                ));
                overlay.spawn(column()).with_children(|list| {
                    for (order, (label, action)) in self.buttons.into_iter().enumerate() {
                        list.spawn(button(label, &fonts.bold, order, group, action));
                    }
                });
                overlay.spawn(widgets::hint(self.hint, &fonts.regular));
            })
            .id()
    }
}

/// The column of a modal's buttons.
fn column() -> Node {
    Node {
        flex_direction: FlexDirection::Column,
        row_gap: px(14),
        margin: UiRect::top(px(16)),
        ..default()
    }
}

/// A button of a modal: it alone takes focus while its `group` is the highest shown.
fn button(
    label: impl Into<String>,
    font: &Handle<Font>,
    order: usize,
    group: u8,
    action: impl Component,
) -> impl Bundle {
    let menu = MenuButton { order, group };
    widgets::labelled_button(label, font, menu, widgets::button_node(380.0), 28.0, action)
}
