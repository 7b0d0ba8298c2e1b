//! Drawing yields to input on a software renderer.
//!
//! Without a graphics card, Mesa's llvmpipe draws every frame on the CPU, on threads of
//! its own named `llvmpipe-N`, one per core. Left at the game's priority they take the
//! cores for most of each frame, and a phone's answer, the phone server's threads and the
//! main thread's update wait their turn behind them. Their priority is lowered (10 nicer
//! than the game's): a frame drawn while phones send answers takes a little longer, and
//! the answers do not wait for it. A graphics card's driver has no such threads and
//! nothing changes.

use bevy::prelude::*;

/// How many frames after start-up the threads are looked for (the renderer makes them as
/// it starts; a few frames cover any made with the first window).
const LOOK_FRAMES: u32 = 30;

/// How much nicer than the game's threads the software renderer's threads draw.
const RENDER_NICE: i32 = 10;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        Last,
        lower_software_renderer.run_if(|mut frames: Local<u32>| {
            *frames += 1;
            *frames <= LOOK_FRAMES
        }),
    );
}

/// Lowers the priority of the software renderer's threads not lowered yet.
fn lower_software_renderer(mut done: Local<Vec<u32>>) {
    for tid in software_renderer_threads() {
        if done.contains(&tid) {
            continue;
        }
        done.push(tid);
        match lower(tid) {
            Ok(()) => debug!("display: software renderer thread {tid} draws {RENDER_NICE} nicer"),
            Err(why) => warn!("display: cannot lower the software renderer's priority: {why}"),
        }
    }
}

/// The ids of this process's threads named as Mesa's llvmpipe names its drawing threads.
#[cfg(target_os = "linux")]
fn software_renderer_threads() -> Vec<u32> {
    let Ok(tasks) = std::fs::read_dir("/proc/self/task") else {
        return Vec::new();
    };
    tasks
        .flatten()
        .filter_map(|task| {
            let tid: u32 = task.file_name().to_str()?.parse().ok()?;
            let name = std::fs::read_to_string(task.path().join("comm")).ok()?;
            name.starts_with("llvmpipe-").then_some(tid)
        })
        .collect()
}

#[cfg(not(target_os = "linux"))]
fn software_renderer_threads() -> Vec<u32> {
    Vec::new()
}

/// Raises thread `tid`'s nice value to [`RENDER_NICE`] above this thread's own (on Linux a
/// thread has its own nice value; the renderer's threads started with the game's).
#[cfg(target_os = "linux")]
fn lower(tid: u32) -> std::io::Result<()> {
    // SAFETY: getpriority and setpriority only read their integer arguments; `tid` is a
    // thread of this process (from /proc/self/task), and raising a nice value needs no
    // privilege. getpriority of the calling thread (0) cannot fail.
    let result = unsafe {
        let own = libc::getpriority(libc::PRIO_PROCESS, 0);
        libc::setpriority(libc::PRIO_PROCESS, tid, (own + RENDER_NICE).min(19))
    };
    if result == 0 {
        Ok(())
    } else {
        Err(std::io::Error::last_os_error())
    }
}

#[cfg(not(target_os = "linux"))]
fn lower(_tid: u32) -> std::io::Result<()> {
    Ok(())
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use super::*;

    /// A thread named as Mesa names its drawing threads is found and lowered; others are
    /// not found.
    #[test]
    fn the_software_renderers_threads_are_found_and_lowered() {
        let (tx, rx) = std::sync::mpsc::channel::<u32>();
        let (stop, stopped) = std::sync::mpsc::channel::<()>();
        let spawn = |name: &str, stopped: std::sync::mpsc::Receiver<()>| {
            let tx = tx.clone();
            std::thread::Builder::new()
                .name(name.to_string())
                .spawn(move || {
                    // SAFETY: gettid has no arguments and cannot fail.
                    tx.send(unsafe { libc::gettid() } as u32).unwrap();
                    let _ = stopped.recv();
                })
                .unwrap()
        };
        let (stop_other, other_stopped) = std::sync::mpsc::channel::<()>();
        let drawing = spawn("llvmpipe-9", stopped);
        let drawing_tid = rx.recv().unwrap();
        let other = spawn("phone-server", other_stopped);
        let other_tid = rx.recv().unwrap();
        let found = software_renderer_threads();
        assert!(found.contains(&drawing_tid), "{found:?}");
        assert!(!found.contains(&other_tid), "{found:?}");
        lower(drawing_tid).unwrap();
        // SAFETY: getpriority only reads its integer arguments.
        let nice = |tid| unsafe { libc::getpriority(libc::PRIO_PROCESS, tid) };
        let own = nice(0);
        assert_eq!(nice(drawing_tid), (own + RENDER_NICE).min(19));
        assert_eq!(nice(other_tid), own);
        drop((stop, stop_other));
        drawing.join().unwrap();
        other.join().unwrap();
    }
}
