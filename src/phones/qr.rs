//! The join address as a QR code: the `qrcode` crate encodes it, and its modules become
//! the pixels of a Bevy image (one pixel per module, drawn with nearest sampling so it
//! stays sharp at any size), with the four-module white border scanners expect.

use bevy::asset::RenderAssetUsages;
use bevy::image::ImageSampler;
use bevy::prelude::*;
use bevy::render::render_resource::{Extent3d, TextureDimension, TextureFormat};
use qrcode::{EcLevel, QrCode};

/// White modules around the code.
pub const QUIET_ZONE: usize = 4;

/// The dark (`true`) and light modules of `text`'s QR code, border included, row by row,
/// and the side length. `None` if the text is too long for a QR code.
pub fn modules(text: &str) -> Option<(Vec<bool>, usize)> {
    // Medium error correction: a TV seen at an angle, with glare, still scans.
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M).ok()?;
    let width = code.width();
    let side = width + 2 * QUIET_ZONE;
    let colors = code.to_colors();
    let mut out = vec![false; side * side];
    for y in 0..width {
        for x in 0..width {
            out[(y + QUIET_ZONE) * side + x + QUIET_ZONE] =
                colors[y * width + x] == qrcode::Color::Dark;
        }
    }
    Some((out, side))
}

/// `text`'s QR code as an image.
pub fn image(text: &str) -> Option<Image> {
    let (modules, side) = modules(text)?;
    let data: Vec<u8> = modules
        .iter()
        .flat_map(|dark| {
            if *dark {
                [0x10, 0x10, 0x18, 0xFF]
            } else {
                [0xFF, 0xFF, 0xFF, 0xFF]
            }
        })
        .collect();
    let mut image = Image::new(
        Extent3d {
            width: side as u32,
            height: side as u32,
            depth_or_array_layers: 1,
        },
        TextureDimension::D2,
        data,
        TextureFormat::Rgba8UnormSrgb,
        RenderAssetUsages::RENDER_WORLD,
    );
    image.sampler = ImageSampler::nearest();
    Some(image)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_join_address_makes_a_bordered_square_code() {
        let (modules, side) = modules("http://192.168.100.200:7878/?room=ABCD").unwrap();
        assert_eq!(modules.len(), side * side);
        // Version 3 (29 modules) fits this address at level M.
        assert!((21 + 8..=37 + 8).contains(&side), "{side}");
        // The border is light; the finder pattern's corner is dark.
        assert!(modules[..side * QUIET_ZONE].iter().all(|d| !d));
        assert!(modules[QUIET_ZONE * side + QUIET_ZONE]);
        let image = image("http://10.0.0.2:7878/?room=WXYZ").unwrap();
        assert_eq!(image.width(), image.height());
    }
}
