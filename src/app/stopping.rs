//! What the terminal loop needs from the store to stop safely and to warn (issue 15): the store's file, its
//! damage and loose modes, and the notice shown while a save waits for another yufang.

use super::App;

impl App {
    /// What `quick_check` found wrong when the store was opened (it is then read-only).
    pub fn store_damaged(&self) -> Option<&str> {
        self.store.damaged()
    }

    /// The permission bits of a store other accounts can read or write.
    pub fn store_loose_mode(&self) -> Option<u32> {
        self.store.loose_mode()
    }

    /// Called when a save starts waiting for another program's write lock.
    pub fn set_store_on_wait(&mut self, f: Option<Box<dyn Fn() + Send>>) {
        self.store.set_on_wait(f);
    }
}
