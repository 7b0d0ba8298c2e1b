//! Parts of a screen drawn from a snapshot of the game (the reveal's body, the
//! scoreboard's columns, the podium's places): drawn again when the snapshot changes (an
//! undo, a correction, a seat removed), while the buttons around them keep their focus.

use bevy::ecs::component::Mutable;
use bevy::prelude::*;

/// Redraws every part whose snapshot `S` differs from `wanted`: the snapshot is replaced
/// and the part's children drawn again by `draw`. Says whether any part was redrawn.
pub fn redraw_changed<S>(
    parts: &mut Query<(Entity, &mut S)>,
    wanted: &S,
    commands: &mut Commands,
    mut draw: impl FnMut(&mut ChildSpawnerCommands),
) -> bool
where
    S: Component<Mutability = Mutable> + PartialEq + Clone,
{
    let mut redrawn = false;
    for (entity, mut shown) in parts.iter_mut() {
        if *shown == *wanted {
            continue;
        }
        *shown = wanted.clone();
        redrawn = true;
        commands
            .entity(entity)
            .despawn_related::<Children>()
            .with_children(|part| draw(part));
    }
    redrawn
}
