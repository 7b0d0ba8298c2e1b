//! What the UI shows, written to a file for the window tests: the screen, the focused
//! button and every button's label and rectangle, so a test waits on a screen and finds a
//! button by its label rather than by counting rows or guessing coordinates.
//!
//! Off unless `DEFIANT_TRIVIA_PROBE` names a file. Then, after UI layout, whenever the
//! screen, the focus or a button (added, removed, moved, relabelled) changed, it writes
//! (to a temporary file, then renamed over the file) one small JSON object:
//!
//! ```json
//! {"frame": 812, "screen": "Title", "focus": "Play",
//!  "buttons": [{"label": "Play", "x": 470, "y": 254, "w": 340, "h": 60,
//!               "shown": true, "focused": true, "focus_order": [0, 0], "window": "main"}]}
//! ```
//!
//! The rectangle is in the button's window's physical pixels, clipped to what its
//! scrolling list shows; `shown` is false for a hidden one. The label is the text of the
//! button's first `Text` descendant; `focus_order` is its menu group and order when the
//! keyboard can focus it (see [`MenuButton`]), else null; `window` is `main` (the public
//! window) or `console` (the host console). An idle screen changes nothing, so the probe
//! writes nothing and does little more than ask whether anything changed.

use std::path::PathBuf;

use bevy::camera::RenderTarget;
use bevy::diagnostic::FrameCount;
use bevy::prelude::*;
use bevy::ui::{CalculatedClip, ComputedUiTargetCamera, UiGlobalTransform, UiSystems};
use bevy::window::{PrimaryWindow, WindowRef};
use serde_json::{Value, json};

use super::menu::{Focus, MenuButton, MouseOnly};
use super::states::Screen;

/// The environment variable naming the probe's file.
pub(crate) const PROBE_ENV: &str = "DEFIANT_TRIVIA_PROBE";

pub(crate) fn plugin(app: &mut App) {
    let Some(path) = std::env::var_os(PROBE_ENV).filter(|p| !p.is_empty()) else {
        return;
    };
    app.insert_resource(Probe::new(PathBuf::from(path)))
        .add_systems(PostUpdate, report.after(UiSystems::PostLayout));
}

/// Where the probe writes, and what it wrote last (without the frame number).
#[derive(Resource, Debug)]
pub(crate) struct Probe {
    path: PathBuf,
    last: Option<Value>,
}

impl Probe {
    fn new(path: PathBuf) -> Self {
        Self { path, last: None }
    }
}

/// A button as the probe reports it.
type ButtonRow<'a> = (
    Entity,
    &'a ComputedNode,
    &'a UiGlobalTransform,
    &'a InheritedVisibility,
    Option<&'a CalculatedClip>,
    Option<&'a ComputedUiTargetCamera>,
    Option<&'a MenuButton>,
    Has<MouseOnly>,
);

/// Whatever the probe reports changed since it last ran.
#[derive(bevy::ecs::system::SystemParam)]
struct Changes<'w, 's> {
    screen: Option<Res<'w, State<Screen>>>,
    focus: Res<'w, Focus>,
    added: Query<'w, 's, (), Added<Button>>,
    moved: Query<
        'w,
        's,
        (),
        (
            With<Button>,
            Or<(
                Changed<ComputedNode>,
                Changed<UiGlobalTransform>,
                Changed<InheritedVisibility>,
                Changed<CalculatedClip>,
            )>,
        ),
    >,
    texts: Query<'w, 's, (), Changed<Text>>,
    removed: RemovedComponents<'w, 's, Button>,
}

impl Changes<'_, '_> {
    /// Whether anything changed; reads (and so forgets) the removed buttons.
    fn any(&mut self) -> bool {
        let removed = self.removed.read().count() > 0;
        removed
            || self.screen.as_ref().is_some_and(|s| s.is_changed())
            || self.focus.is_changed()
            || !self.added.is_empty()
            || !self.moved.is_empty()
            // Any text: a button's label is a child's text. A changed text elsewhere (a
            // clock) costs one snapshot, compared with the last and not written.
            || !self.texts.is_empty()
    }
}

fn report(
    mut probe: ResMut<Probe>,
    mut changes: Changes,
    frame: Option<Res<FrameCount>>,
    buttons: Query<ButtonRow, With<Button>>,
    children: Query<&Children>,
    texts: Query<&Text>,
    targets: Query<&RenderTarget>,
    primary: Query<(), With<PrimaryWindow>>,
) {
    if !changes.any() && probe.last.is_some() {
        return;
    }
    let focused = changes.focus.0;
    let label = |entity: Entity| first_text(entity, &children, &texts).unwrap_or_default();
    let window = |camera: Option<&ComputedUiTargetCamera>| {
        let on_console = camera
            .and_then(ComputedUiTargetCamera::get)
            .and_then(|c| targets.get(c).ok())
            .is_some_and(|target| match target {
                RenderTarget::Window(WindowRef::Entity(w)) => !primary.contains(*w),
                _ => false,
            });
        if on_console { "console" } else { "main" }
    };
    let mut rows: Vec<(&str, [i64; 4], Value)> = buttons
        .iter()
        .map(
            |(entity, node, transform, visible, clip, camera, menu, mouse_only)| {
                let rect = shown_rect(node, transform, clip);
                let window = window(camera);
                let [x, y, w, h] = rect;
                let order = menu
                    .filter(|_| !mouse_only)
                    .map(|m| [m.group as usize, m.order]);
                let row = json!({
                    "label": label(entity),
                    "x": x, "y": y, "w": w, "h": h,
                    "shown": visible.get() && w > 0 && h > 0,
                    "focused": focused == Some(entity),
                    "focus_order": order,
                    "window": window,
                });
                (window, rect, row)
            },
        )
        .collect();
    // Main window first, then top to bottom, left to right.
    rows.sort_by_key(|(window, [x, y, ..], _)| (*window != "main", *y, *x));
    let snapshot = json!({
        "screen": changes.screen.as_ref().map(|s| format!("{:?}", s.get())),
        "focus": focused.and_then(|f| buttons.contains(f).then(|| label(f))),
        "buttons": rows.into_iter().map(|(.., row)| row).collect::<Vec<_>>(),
    });
    if probe.last.as_ref() == Some(&snapshot) {
        return;
    }
    let mut written = snapshot.clone();
    written["frame"] = json!(frame.map_or(0, |f| f.0));
    if let Err(e) = write_atomically(&probe.path, &written.to_string()) {
        warn!("probe: could not write {}: {e}", probe.path.display());
    }
    probe.last = Some(snapshot);
}

/// The node's rectangle (left, top, width, height) in its window's physical pixels, cut to
/// the part its clip (a scrolling list) shows.
fn shown_rect(
    node: &ComputedNode,
    transform: &UiGlobalTransform,
    clip: Option<&CalculatedClip>,
) -> [i64; 4] {
    let center = transform.translation;
    let mut rect = Rect::from_center_size(center, node.size());
    if let Some(clip) = clip {
        rect = rect.intersect(clip.clip);
    }
    let (min, size) = (rect.min, rect.size().max(Vec2::ZERO));
    [min.x, min.y, size.x, size.y].map(|v| v.round() as i64)
}

/// The text of the first `Text` among `entity`'s descendants, depth first.
fn first_text(entity: Entity, children: &Query<&Children>, texts: &Query<&Text>) -> Option<String> {
    let kids = children.get(entity).ok()?;
    kids.iter().find_map(|child| {
        texts
            .get(child)
            .map(|t| t.0.clone())
            .ok()
            .or_else(|| first_text(child, children, texts))
    })
}

fn write_atomically(path: &std::path::Path, text: &str) -> std::io::Result<()> {
    let mut temp = path.as_os_str().to_owned();
    temp.push(".tmp");
    let temp = PathBuf::from(temp);
    std::fs::write(&temp, text)?;
    std::fs::rename(&temp, path)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn app(path: PathBuf) -> App {
        let mut app = App::new();
        app.add_plugins((MinimalPlugins, bevy::state::app::StatesPlugin))
            .init_state::<Screen>()
            .init_resource::<Focus>()
            .insert_resource(Probe::new(path))
            .add_systems(PostUpdate, report);
        app
    }

    fn button(app: &mut App, label: &str, at: Vec2) -> Entity {
        let node = ComputedNode {
            size: Vec2::new(100.0, 40.0),
            ..default()
        };
        app.world_mut()
            .spawn((
                Button,
                MenuButton { order: 0, group: 0 },
                node,
                UiGlobalTransform::from_translation(at),
                InheritedVisibility::VISIBLE,
            ))
            .with_children(|b| {
                b.spawn(Node::default()).with_child(Text::new(label));
            })
            .id()
    }

    fn read(path: &std::path::Path) -> Value {
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
    }

    #[test]
    fn writes_buttons_and_focus_and_nothing_while_idle() {
        let dir = std::env::temp_dir().join(format!("probe-unit-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("probe.json");
        let mut app = app(path.clone());
        let play = button(&mut app, "Play", Vec2::new(200.0, 120.0));
        button(&mut app, "Quit", Vec2::new(200.0, 220.0));
        app.world_mut().resource_mut::<Focus>().0 = Some(play);
        app.update();
        let first = read(&path);
        assert_eq!(first["screen"], "Loading");
        assert_eq!(first["focus"], "Play");
        let labels: Vec<_> = first["buttons"].as_array().unwrap().iter().collect();
        assert_eq!(labels.len(), 2);
        assert_eq!(labels[0]["label"], "Play");
        assert_eq!(
            [
                &labels[0]["x"],
                &labels[0]["y"],
                &labels[0]["w"],
                &labels[0]["h"]
            ],
            [150, 100, 100, 40]
        );
        assert_eq!(labels[0]["focused"], true);
        assert_eq!(labels[0]["focus_order"], json!([0, 0]));
        assert_eq!(labels[1]["window"], "main");
        // Idle: nothing is written.
        std::fs::remove_file(&path).unwrap();
        app.update();
        app.update();
        assert!(!path.exists(), "an idle frame wrote the probe");
        // A button goes: written again.
        app.world_mut().despawn(play);
        app.update();
        let after = read(&path);
        assert_eq!(after["focus"], Value::Null);
        assert_eq!(after["buttons"].as_array().unwrap().len(), 1);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
