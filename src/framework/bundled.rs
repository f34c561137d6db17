//! The framework files compiled into the binary, so the app works from any
//! directory. The first is the default framework.

use super::error::FrameworkError;
use super::load::load_shaped;
use super::model::Framework;

/// A framework file carried inside the binary.
#[derive(Debug, Clone, Copy)]
pub struct BundledFramework {
    /// The file's name under `standard/`, used in messages.
    pub file_name: &'static str,
    /// The `framework.id` the file declares, so a run can find the file it
    /// needs without reading the others (a test checks they agree).
    pub id: &'static str,
    pub text: &'static str,
}

/// Every bundled framework; the first is the default.
pub const BUNDLED: [BundledFramework; 2] = [
    BundledFramework {
        file_name: "pcso-level4.yaml",
        id: "pcso-level4",
        text: include_str!("../../standard/pcso-level4.yaml"),
    },
    BundledFramework {
        file_name: "advanced-practitioner.yaml",
        id: "advanced-practitioner",
        text: include_str!("../../standard/advanced-practitioner.yaml"),
    },
];

impl BundledFramework {
    /// How errors and summaries name this file.
    pub fn label(&self) -> String {
        format!("bundled standard/{}", self.file_name)
    }

    pub fn load(&self) -> Result<Framework, FrameworkError> {
        // Compiled in, and checked by the tests below: not hostile input.
        load_shaped(&self.label(), self.text)
    }
}

/// The framework used when none is named: the first bundled file.
pub fn default_framework() -> BundledFramework {
    BUNDLED[0]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::framework::load::load_str;

    #[test]
    fn every_bundled_framework_passes_the_checks_given_to_any_file() {
        for bundled in BUNDLED {
            if let Err(error) = load_str(bundled.file_name, bundled.text) {
                panic!("{error}");
            }
        }
    }

    #[test]
    fn every_bundled_framework_loads_with_the_id_it_is_listed_under() {
        for bundled in BUNDLED {
            match bundled.load() {
                Ok(framework) => assert_eq!(framework.framework.id, bundled.id),
                Err(error) => panic!("{error}"),
            }
        }
    }
}
