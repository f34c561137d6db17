//! `export PERSON --to DIR`: the evidence pack for gateway, written into a
//! new or empty folder. The pack is built in a private folder beside DIR
//! and given DIR's name only once complete, so a failure leaves nothing
//! half-written at DIR. What it reads is what `report PERSON` reads.

use super::checkin::markdown as checkin_markdown;
use super::{CommandError, Context};
use crate::domain::{Attachment, counted};
use crate::framework::Framework;
use crate::ops::{PersonRecord, record_of};
use crate::report::{
    MANIFEST, evidence_csv, evidence_markdown, hours_entries_csv, json, manifest, pack_evidence,
    pack_file_name, standing_markdown,
};
use crate::store::{Store, copy_hashed, hash_of};
use std::fs::{DirBuilder, File, OpenOptions};
use std::io::{self, Write};
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

pub fn run(
    context: &Context,
    query: &str,
    dir: &Path,
    out: &mut dyn Write,
) -> Result<ExitCode, CommandError> {
    refuse_used_folder(dir)?;
    let (store, registry) = (context.open_store()?, context.registry()?);
    let (person, enrolment) = super::enrolled(&store, query)?;
    let record = record_of(&store, &registry, person, context.today())?;
    let framework = registry.get(&enrolment.framework_id)?.ok_or_else(|| {
        CommandError::Refused(format!(
            "the framework `{}` is not bundled",
            enrolment.framework_id
        ))
    })?;
    let attached = store.attachments(enrolment.id)?;
    let texts = pack_texts(&store, &record, framework, &attached)?;
    let staging = Staging::beside(dir)?;
    let mut listed = Vec::new();
    for (path, text) in &texts {
        listed.push((path.clone(), staging.write_text(path, text)?));
    }
    for (id, file) in &attached {
        let path = pack_file_name(*id, &file.name);
        staging.copy_attached(&store, *id, file, &path)?;
        listed.push((path, file.sha256.clone()));
    }
    staging.write_text(MANIFEST, &manifest(&listed))?;
    staging.publish(dir)?;
    writeln!(
        out,
        "wrote the evidence pack of {} to {}: {} and {}, {} in all with the manifest; check it with `sha256sum -c {MANIFEST}` in that folder",
        record.person.name,
        dir.display(),
        counted(
            record.progress.evidence.len(),
            "piece of evidence",
            "pieces of evidence"
        ),
        counted(attached.len(), "attached file", "attached files"),
        counted(listed.len() + 1, "file", "files"),
    )?;
    Ok(ExitCode::SUCCESS)
}

/// Every text file of the pack, by its path in the pack.
fn pack_texts(
    store: &Store,
    record: &PersonRecord,
    framework: &Framework,
    attached: &[(i64, Attachment)],
) -> Result<Vec<(String, String)>, CommandError> {
    let rows = pack_evidence(&record.progress.evidence, framework, attached);
    let mut texts = vec![
        ("report.md".to_string(), standing_markdown(&record.standing)),
        ("report.json".to_string(), json(&record.standing) + "\n"),
        ("evidence.csv".to_string(), evidence_csv(&rows)),
        (
            "hours.csv".to_string(),
            hours_entries_csv(&record.progress.hours),
        ),
        (
            "evidence.md".to_string(),
            evidence_markdown(&record.person.name, framework, &rows),
        ),
    ];
    let mut sealed: Vec<i64> = record
        .progress
        .checkins
        .iter()
        .filter(|c| c.sealed)
        .map(|c| c.id)
        .collect();
    sealed.sort_unstable();
    for id in sealed {
        let review = checkin_markdown(store, &store.checkin(id)?)?;
        texts.push((format!("reviews/checkin-{id}.md"), review));
    }
    Ok(texts)
}

/// A folder that is not there, or holds nothing, is one to write into.
fn refuse_used_folder(dir: &Path) -> Result<(), CommandError> {
    let refuse = |why: String| Err(CommandError::Refused(format!("{}: {why}", dir.display())));
    match std::fs::read_dir(dir).map(|mut entries| entries.next().is_some()) {
        Ok(true) => refuse(
            "holds files already; export writes only into a new or empty folder, so nothing was changed".into(),
        ),
        Ok(false) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::NotADirectory => {
            refuse("is not a folder; give a new or empty folder".into())
        }
        Err(e) => refuse(format!("cannot be read: {e}")),
    }
}

/// The pack while it is written, removed unless published.
struct Staging {
    path: PathBuf,
    published: bool,
}

impl Staging {
    fn beside(dir: &Path) -> Result<Staging, CommandError> {
        let name = dir.file_name().ok_or_else(|| {
            CommandError::Refused(format!("{}: give the new folder's name", dir.display()))
        })?;
        let parent = dir
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let mut staged = std::ffi::OsString::from(".");
        staged.push(name);
        staged.push(format!(".partial-{}", std::process::id()));
        let path = parent.join(staged);
        DirBuilder::new()
            .mode(0o700)
            .create(&path)
            .map_err(|e| write_error(&path, e))?;
        Ok(Staging {
            path,
            published: false,
        })
    }

    /// Writes `text` at `relative`; its SHA-256.
    fn write_text(&self, relative: &str, text: &str) -> Result<String, CommandError> {
        let mut file = self.create(relative)?;
        file.write_all(text.as_bytes())
            .and_then(|()| file.sync_all())
            .map_err(|e| write_error(&self.path.join(relative), e))?;
        let (sha256, _) = hash_of(&mut text.as_bytes()).map_err(|e| write_error(&self.path, e))?;
        Ok(sha256)
    }

    /// Copies evidence `id`'s kept file to `relative`, refusing one that
    /// no longer matches its hash: the pack must hold what was attached.
    fn copy_attached(
        &self,
        store: &Store,
        id: i64,
        file: &Attachment,
        relative: &str,
    ) -> Result<(), CommandError> {
        let kept = store.kept_file(&file.sha256)?;
        let mut input = File::open(&kept).map_err(|e| {
            CommandError::Refused(format!(
                "evidence {id}'s file \"{}\" cannot be read ({}): {e}; run `verify`. Nothing was exported",
                file.name,
                kept.display()
            ))
        })?;
        let mut output = self.create(relative)?;
        let (sha256, _) = copy_hashed(&mut input, &mut output)
            .and_then(|copied| output.sync_all().map(|()| copied))
            .map_err(|e| write_error(&self.path.join(relative), e))?;
        if sha256 != file.sha256 {
            return Err(CommandError::Refused(format!(
                "evidence {id}'s file \"{}\" no longer matches its hash; run `verify`. Nothing was exported",
                file.name
            )));
        }
        Ok(())
    }

    /// A new private file at `relative`, with its folders.
    fn create(&self, relative: &str) -> Result<File, CommandError> {
        let path = self.path.join(relative);
        if let Some(parent) = path.parent() {
            DirBuilder::new()
                .recursive(true)
                .mode(0o700)
                .create(parent)
                .map_err(|e| write_error(parent, e))?;
        }
        OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&path)
            .map_err(|e| write_error(&path, e))
    }

    /// Gives the complete pack `dir`'s name (replacing it if empty).
    fn publish(mut self, dir: &Path) -> Result<(), CommandError> {
        std::fs::rename(&self.path, dir).map_err(|e| write_error(dir, e))?;
        self.published = true;
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.published {
            let _ = std::fs::remove_dir_all(&self.path);
        }
    }
}

fn write_error(path: &Path, error: io::Error) -> CommandError {
    CommandError::Refused(format!(
        "cannot write {}: {error}; nothing was exported",
        path.display()
    ))
}
