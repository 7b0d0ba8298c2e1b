//! The look of the game: one palette, one font family, one scale, and the widgets built from them.

pub(crate) mod menu_screen;
pub(crate) mod modal;
pub mod palette;
pub(crate) mod redraw;
pub(crate) mod seat_chip;
pub(crate) mod stepper;
pub mod widgets;

use bevy::prelude::*;
use bevy::window::PrimaryWindow;

/// The layout is designed for this size; the UI scales with the window from there.
pub const DESIGN_WIDTH: f32 = 1280.0;
pub const DESIGN_HEIGHT: f32 = 720.0;

pub fn plugin(app: &mut App) {
    app.init_resource::<Fonts>()
        .init_resource::<UiScale>()
        .add_systems(Startup, load_fonts)
        .add_systems(PreUpdate, scale_ui_to_window);
}

/// The game's fonts: DejaVu Sans (wide Unicode coverage), shipped in `assets/fonts`.
#[derive(Resource, Debug, Default, Clone)]
pub struct Fonts {
    pub regular: Handle<Font>,
    pub bold: Handle<Font>,
}

fn load_fonts(server: Res<AssetServer>, fonts: Option<Res<Assets<Font>>>, mut out: ResMut<Fonts>) {
    // Headless tests run without the text plugin; they keep the default font handles.
    if fonts.is_none() {
        return;
    }
    out.regular = server.load("fonts/DejaVuSans.ttf");
    out.bold = server.load("fonts/DejaVuSans-Bold.ttf");
}

/// Scales the whole UI so the 1280x720 design fills the window: 1.5x at 1080p,
/// smaller at 800x600, never clipped.
fn scale_ui_to_window(
    windows: Query<&Window, (With<PrimaryWindow>, Changed<Window>)>,
    mut scale: ResMut<UiScale>,
) {
    let Ok(window) = windows.single() else {
        return;
    };
    let (w, h) = (window.width(), window.height());
    if w <= 0.0 || h <= 0.0 {
        return;
    }
    let wanted = (w / DESIGN_WIDTH).min(h / DESIGN_HEIGHT);
    if (scale.0 - wanted).abs() > f32::EPSILON {
        scale.0 = wanted;
    }
}
