//! The tasks of a whole archive: every meeting file under some paths
//! loaded (side by side) and its tasks collected, for `tasks`, `report`
//! and the benchmarks.

use std::path::PathBuf;

use super::{collect, TrackedTask};
use crate::model::load::collect_meeting_files;
use crate::model::{load_meeting, Loaded};

/// The tasks of an archive.
pub struct TaskSet {
    /// Every task, file by file, depth first.
    pub tasks: Vec<TrackedTask>,
    /// Every department directory entry seen (code, name).
    pub departments: Vec<(String, String)>,
    /// Whether a meeting file had errors (its tasks are left out).
    pub failed: bool,
    /// The first meeting with a notice (for the issuer and signer of a report).
    pub first: Option<crate::model::Meeting>,
}

/// Every task of the meetings under `paths`; each file's load is handed to
/// `report` (which prints its diagnostics) and a file with errors is left
/// out.
pub fn load_tasks(paths: &[PathBuf], mut report: impl FnMut(&Loaded)) -> Result<TaskSet, String> {
    let files = collect_meeting_files(paths)?;
    let mut tasks = Vec::new();
    let mut departments: Vec<(String, String)> = Vec::new();
    let mut failed = false;
    let mut first = None;
    // Files are read and validated in parallel; results are taken in path order.
    let loaded: Vec<_> = {
        use rayon::prelude::*;
        files.par_iter().map(|f| load_meeting(f)).collect()
    };
    for (file, loaded) in files.iter().zip(loaded) {
        report(&loaded);
        match loaded.meeting {
            Some(m) => {
                // A file without `agenda` yet (an invitation, minutes being
                // written) has no tasks to track: `collect` finds none.
                tasks.extend(collect(&m, file));
                for d in &m.departments {
                    if !departments.contains(d) {
                        departments.push(d.clone());
                    }
                }
                if m.signer.is_some() {
                    first.get_or_insert(m);
                }
            }
            None => failed = true,
        }
    }
    Ok(TaskSet {
        tasks,
        departments,
        failed,
        first,
    })
}

/// Expands a `--lead` value: the text itself and, when it is a department
/// code of the archive, the unit's full name.
pub fn lead_names(lead: &str, departments: &[(String, String)]) -> Vec<String> {
    let mut names = vec![lead.to_string()];
    names.extend(
        departments
            .iter()
            .filter(|(code, _)| code == lead.trim())
            .map(|(_, n)| n.clone()),
    );
    names
}
