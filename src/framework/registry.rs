//! The frameworks a run knows: a `--standard` file first when given, then
//! every bundled file whose id it does not already hold. Enrolments name
//! their framework by id, and find it here. A bundled file is read only
//! when first asked for: a command about one person needs one framework,
//! and reading the others would cost every run its time.

use super::bundled::{BUNDLED, BundledFramework};
use super::error::FrameworkError;
use super::load::load_file;
use super::model::Framework;
use std::path::Path;
use std::sync::OnceLock;

/// Every framework available to this run, each loaded at most once.
#[derive(Debug, Clone)]
pub struct Registry {
    /// Loaded up front: the `--standard` file, or those given to `of`.
    named: Vec<Framework>,
    /// Bundled files with an id no named framework has, in order.
    bundled: Vec<Bundled>,
}

#[derive(Debug, Clone)]
struct Bundled {
    file: BundledFramework,
    loaded: OnceLock<Result<Framework, FrameworkError>>,
}

impl Bundled {
    fn get(&self) -> Result<&Framework, FrameworkError> {
        self.loaded
            .get_or_init(|| self.file.load())
            .as_ref()
            .map_err(Clone::clone)
    }
}

impl Registry {
    /// The bundled frameworks, with `standard` (a framework file) first.
    /// The file is read and checked now; bundled files when needed.
    pub fn load(standard: Option<&Path>) -> Result<Registry, FrameworkError> {
        let named: Vec<Framework> = standard.map(load_file).transpose()?.into_iter().collect();
        let bundled = BUNDLED
            .into_iter()
            .filter(|file| !named.iter().any(|f| f.framework.id == file.id))
            .map(|file| Bundled {
                file,
                loaded: OnceLock::new(),
            })
            .collect();
        Ok(Registry { named, bundled })
    }

    /// A registry of exactly these frameworks (tests, benchmarks).
    pub fn of(frameworks: Vec<Framework>) -> Registry {
        Registry {
            named: frameworks,
            bundled: Vec::new(),
        }
    }

    /// The framework with this id, if the run knows one.
    pub fn get(&self, id: &str) -> Result<Option<&Framework>, FrameworkError> {
        if let Some(framework) = self.named.iter().find(|f| f.framework.id == id) {
            return Ok(Some(framework));
        }
        self.bundled
            .iter()
            .find(|bundled| bundled.file.id == id)
            .map(Bundled::get)
            .transpose()
    }

    /// The framework new enrolments use unless told otherwise.
    pub fn default_framework(&self) -> Result<Option<&Framework>, FrameworkError> {
        match self.named.first() {
            Some(framework) => Ok(Some(framework)),
            None => self.bundled.first().map(Bundled::get).transpose(),
        }
    }

    /// Every framework, loading those not yet read.
    pub fn all(&self) -> Result<Vec<&Framework>, FrameworkError> {
        let bundled = self.bundled.iter().map(Bundled::get);
        self.named.iter().map(Ok).chain(bundled).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bundled_framework_is_read_only_when_asked_for() {
        let registry = Registry::load(None).expect("registry");
        let framework = registry.get("pcso-level4").expect("loads");
        assert_eq!(
            framework.map(|f| f.framework.id.as_str()),
            Some("pcso-level4")
        );
        let read: Vec<&str> = registry
            .bundled
            .iter()
            .filter(|bundled| bundled.loaded.get().is_some())
            .map(|bundled| bundled.file.id)
            .collect();
        assert_eq!(read, ["pcso-level4"]);
        assert_eq!(registry.all().expect("loads").len(), BUNDLED.len());
    }
}
