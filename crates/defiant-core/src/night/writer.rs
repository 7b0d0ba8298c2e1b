//! The journal's writer thread: frames handed over without waiting, written and synced
//! in batches.

use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

/// Appends frames to a journal on a thread of its own: the frame that applied a change
/// never waits for the disk. Each batch handed over is written and then synced once
/// (`fdatasync`), and batches that queued up meanwhile share one sync, so a power cut
/// loses at most the changes of the last moment.
pub struct JournalWriter {
    path: PathBuf,
    sender: Option<Sender<Vec<u8>>>,
    thread: Option<JoinHandle<()>>,
    status: Arc<Mutex<WriterStatus>>,
}

/// What the writer thread has done so far.
#[derive(Debug, Clone, Default)]
pub struct WriterStatus {
    /// Batches written and synced.
    pub synced: u64,
    /// The first write or sync that failed: the night goes on, unjournalled from here.
    pub error: Option<String>,
}

impl JournalWriter {
    /// Takes over `file` (positioned at its end) for appending.
    pub fn new(path: PathBuf, file: File) -> Self {
        let (sender, receiver) = mpsc::channel();
        let status = Arc::new(Mutex::new(WriterStatus::default()));
        let thread = {
            let status = status.clone();
            std::thread::Builder::new()
                .name("night journal".into())
                .spawn(move || write_batches(file, receiver, status))
                .ok()
        };
        Self {
            path,
            sender: Some(sender),
            thread,
            status,
        }
    }

    /// The journal file this writer appends to.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Hands a batch of frames to the writer thread.
    pub fn append(&self, frames: Vec<u8>) {
        if frames.is_empty() {
            return;
        }
        if let Some(sender) = &self.sender {
            let _ = sender.send(frames);
        }
    }

    /// What the writer thread has done so far: batches synced, the first failure.
    pub fn status(&self) -> WriterStatus {
        self.status.lock().map(|s| s.clone()).unwrap_or_default()
    }

    /// Waits until everything handed over is on disk, and closes the file.
    pub fn close(mut self) -> WriterStatus {
        self.finish();
        self.status()
    }

    fn finish(&mut self) {
        self.sender.take();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

impl Drop for JournalWriter {
    fn drop(&mut self) {
        self.finish();
    }
}

fn write_batches(mut file: File, batches: Receiver<Vec<u8>>, status: Arc<Mutex<WriterStatus>>) {
    while let Ok(first) = batches.recv() {
        let mut result = file.write_all(&first);
        // Whatever queued up while the last sync ran shares the next one.
        while let Ok(more) = batches.try_recv() {
            if result.is_ok() {
                result = file.write_all(&more);
            }
        }
        let result = result.and_then(|()| file.sync_data());
        let Ok(mut status) = status.lock() else {
            return;
        };
        match result {
            Ok(()) => status.synced += 1,
            Err(e) => {
                status.error.get_or_insert_with(|| e.to_string());
            }
        }
    }
}
