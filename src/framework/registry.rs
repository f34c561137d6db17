//! The frameworks a run knows: a `--standard` file first when given, then
//! every bundled file whose id it does not already hold. Enrolments name
//! their framework by id, and find it here.

use super::bundled::BUNDLED;
use super::error::FrameworkError;
use super::load::load_file;
use super::model::Framework;
use std::path::Path;

/// Every framework available to this run, loaded once.
#[derive(Debug, Clone)]
pub struct Registry {
    frameworks: Vec<Framework>,
}

impl Registry {
    /// The bundled frameworks, with `standard` (a framework file) first.
    pub fn load(standard: Option<&Path>) -> Result<Registry, FrameworkError> {
        let mut frameworks: Vec<Framework> = Vec::new();
        if let Some(path) = standard {
            frameworks.push(load_file(path)?);
        }
        for bundled in BUNDLED {
            let framework = bundled.load()?;
            if !frameworks
                .iter()
                .any(|f| f.framework.id == framework.framework.id)
            {
                frameworks.push(framework);
            }
        }
        Ok(Registry { frameworks })
    }

    /// A registry of exactly these frameworks (tests, benchmarks).
    pub fn of(frameworks: Vec<Framework>) -> Registry {
        Registry { frameworks }
    }

    /// The framework with this id.
    pub fn get(&self, id: &str) -> Option<&Framework> {
        self.frameworks.iter().find(|f| f.framework.id == id)
    }

    /// The framework new enrolments use unless told otherwise.
    pub fn default_framework(&self) -> Option<&Framework> {
        self.frameworks.first()
    }

    pub fn all(&self) -> &[Framework] {
        &self.frameworks
    }
}
