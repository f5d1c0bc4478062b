//! Where each meeting of a batch runs: one after the other on the calling
//! thread (a single meeting, or no pool), or on the engine's rayon pool
//! with writer threads of their own for the files; the results are handed
//! to the [`Tally`] in the order of the files.

use std::collections::BTreeMap;
use std::sync::{mpsc, Mutex};

use rayon::prelude::*;

use super::prepare::Step;
use super::print::Tally;
use super::write::Writes;
use super::{Batch, Engine, Outcome, Report};

/// Threads that write files (see [`Batch::run_parallel`]).
const WRITERS: usize = 8;

impl Engine {
    /// The worker pool, started on first use; None if its threads cannot
    /// be started (the meetings are then rendered one after the other).
    fn pool(&self) -> Option<&rayon::ThreadPool> {
        self.pool
            .get_or_init(|| {
                let mut pool = rayon::ThreadPoolBuilder::new();
                if let Some(n) = self.jobs {
                    pool = pool.num_threads(n);
                }
                pool.build().ok()
            })
            .as_ref()
    }
}

impl Batch<'_> {
    /// Renders and writes every meeting of the batch, each outcome printed
    /// and counted by `tally`.
    pub(super) fn schedule(&self, tally: &mut Tally) {
        let pool = if self.files.len() > 1 {
            self.engine.pool()
        } else {
            None
        };
        match pool {
            Some(pool) => self.run_parallel(pool, tally),
            // One meeting (or no pool): on this thread, one after the other.
            None => {
                for i in 0..self.files.len() {
                    let outcome = match self.step(i) {
                        Step::Done(o) => o,
                        Step::Write(w) => w.finish(&self.files[i]),
                    };
                    tally.take(&self.files[i], i, outcome);
                }
            }
        }
    }

    /// The meetings on the pool, their files written by writer threads,
    /// the lines printed in file order.
    fn run_parallel(&self, pool: &rayon::ThreadPool, tally: &mut Tally) {
        let files = self.files;
        let (tx_write, rx_write) = mpsc::sync_channel::<(usize, Writes)>(2 * WRITERS);
        let rx_write = Mutex::new(rx_write);
        std::thread::scope(|scope| {
            let (tx, rx) = mpsc::channel::<(usize, Outcome)>();
            // Rendering is CPU work (the pool); writing waits for the disk
            // (each file is synced before its rename). Writers of their own
            // keep the cores busy meanwhile, and their syncs, in flight
            // together, share the file system's journal commits. The bounded
            // queue keeps at most a few rendered files in memory.
            let rx_write = &rx_write;
            for _ in 0..WRITERS {
                let tx = tx.clone();
                scope.spawn(move || loop {
                    let job = rx_write.lock().unwrap_or_else(|e| e.into_inner()).recv();
                    let Ok((i, writes)) = job else { break };
                    let _ = tx.send((i, writes.finish(&files[i])));
                });
            }
            scope.spawn(move || {
                pool.install(|| {
                    // One meeting per task: rayon otherwise hands each
                    // worker a long run of meetings up front, and when one
                    // worker's run happens to hold the longer notices the
                    // other idles at the end (measured: the last second of a
                    // 1,000-meeting batch on one core).
                    (0..files.len())
                        .into_par_iter()
                        .with_max_len(1)
                        .for_each_with((tx, tx_write), |(tx, tx_write), i| match self.step(i) {
                            Step::Done(o) => {
                                let _ = tx.send((i, o));
                            }
                            Step::Write(w) => {
                                let _ = tx_write.send((i, w));
                            }
                        });
                });
            });
            // Print in file order: hold outcomes until those before them are in.
            let mut pending: BTreeMap<usize, Outcome> = BTreeMap::new();
            let mut next = 0;
            for (i, outcome) in rx {
                if tally.report() == Report::Progress {
                    tally.take(&files[i], i, outcome);
                    continue;
                }
                pending.insert(i, outcome);
                while let Some(o) = pending.remove(&next) {
                    tally.take(&files[next], next, o);
                    next += 1;
                }
            }
        });
    }
}
