//! The framework files compiled into the binary, so the app works from any
//! directory. The first is the default framework.

use super::error::FrameworkError;
use super::load::load_str;
use super::model::Framework;

/// A framework file carried inside the binary.
#[derive(Debug, Clone, Copy)]
pub struct BundledFramework {
    /// The file's name under `standard/`, used in messages.
    pub file_name: &'static str,
    pub text: &'static str,
}

/// Every bundled framework; the first is the default.
pub const BUNDLED: [BundledFramework; 2] = [
    BundledFramework {
        file_name: "pcso-level4.yaml",
        text: include_str!("../../standard/pcso-level4.yaml"),
    },
    BundledFramework {
        file_name: "advanced-practitioner.yaml",
        text: include_str!("../../standard/advanced-practitioner.yaml"),
    },
];

impl BundledFramework {
    /// How errors and summaries name this file.
    pub fn label(&self) -> String {
        format!("bundled standard/{}", self.file_name)
    }

    pub fn load(&self) -> Result<Framework, FrameworkError> {
        load_str(&self.label(), self.text)
    }
}

/// The framework used when none is named: the first bundled file.
pub fn default_framework() -> BundledFramework {
    BUNDLED[0]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_bundled_framework_loads() {
        for bundled in BUNDLED {
            if let Err(error) = bundled.load() {
                panic!("{error}");
            }
        }
    }
}
