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
        .add_systems(
            Update,
            use_emoji_font.run_if(|fonts: Res<Fonts>| !fonts.emoji_ready),
        )
        .add_systems(PreUpdate, scale_ui_to_window);
}

/// The game's fonts: DejaVu Sans (wide Unicode coverage), shipped in `assets/fonts`, and
/// Noto Color Emoji for the emoji in names and packs (DejaVu has none): any emoji the text
/// font lacks is drawn from it.
#[derive(Resource, Debug, Default, Clone)]
pub struct Fonts {
    pub regular: Handle<Font>,
    pub bold: Handle<Font>,
    pub emoji: Handle<Font>,
    /// The emoji font is the text's fallback for emoji.
    pub emoji_ready: bool,
}

/// The family name inside `NotoColorEmoji.ttf`.
const EMOJI_FAMILY: &str = "Noto Color Emoji";

fn load_fonts(server: Res<AssetServer>, fonts: Option<Res<Assets<Font>>>, mut out: ResMut<Fonts>) {
    // Headless tests run without the text plugin; they keep the default font handles.
    if fonts.is_none() {
        return;
    }
    out.regular = server.load("fonts/DejaVuSans.ttf");
    out.bold = server.load("fonts/DejaVuSans-Bold.ttf");
    out.emoji = server.load("fonts/NotoColorEmoji.ttf");
}

/// Once the emoji font is loaded (the text plugin registers every font asset with its
/// font database), makes it the family emoji fall back to: the text shaper asks for the
/// emoji family for every emoji cluster the requested font cannot draw.
fn use_emoji_font(mut fonts: ResMut<Fonts>, font_cx: Option<ResMut<bevy::text::FontCx>>) {
    let Some(mut font_cx) = font_cx else {
        // Headless: no text to draw.
        fonts.emoji_ready = true;
        return;
    };
    if font_cx.collection.family_id(EMOJI_FAMILY).is_none() {
        return;
    }
    match font_cx.set_emoji_family(EMOJI_FAMILY) {
        Ok(()) => fonts.emoji_ready = true,
        Err(e) => {
            warn!("the emoji font: {e}");
            fonts.emoji_ready = true;
        }
    }
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
