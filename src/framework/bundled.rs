//! The framework files compiled into the binary, so the app works from any
//! directory. The first is the default framework.

use super::error::FrameworkError;
use super::load::load_prepared;
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
    /// The same file prepared as JSON when the binary was built (empty if
    /// it did not parse then); see `build.rs`.
    pub prepared: &'static str,
}

/// Every bundled framework; the first is the default.
pub const BUNDLED: [BundledFramework; 2] = [
    BundledFramework {
        file_name: "pcso-level4.yaml",
        id: "pcso-level4",
        text: include_str!("../../standard/pcso-level4.yaml"),
        prepared: include_str!(concat!(env!("OUT_DIR"), "/pcso-level4.json")),
    },
    BundledFramework {
        file_name: "advanced-practitioner.yaml",
        id: "advanced-practitioner",
        text: include_str!("../../standard/advanced-practitioner.yaml"),
        prepared: include_str!(concat!(env!("OUT_DIR"), "/advanced-practitioner.json")),
    },
];

impl BundledFramework {
    /// How errors and summaries name this file.
    pub fn label(&self) -> String {
        format!("bundled standard/{}", self.file_name)
    }

    pub fn load(&self) -> Result<Framework, FrameworkError> {
        // Compiled in, and checked by the tests below: not hostile input.
        load_prepared(&self.label(), self.text, self.prepared)
    }
}

/// The framework used when none is named: the first bundled file.
pub fn default_framework() -> BundledFramework {
    BUNDLED[0]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::framework::load::{load_shaped, load_str};

    #[test]
    fn every_bundled_framework_passes_the_checks_given_to_any_file() {
        for bundled in BUNDLED {
            if let Err(error) = load_str(bundled.file_name, bundled.text) {
                panic!("{error}");
            }
        }
    }

    #[test]
    fn a_bundled_framework_read_from_its_prepared_form_is_the_one_its_yaml_gives() {
        for bundled in BUNDLED {
            let parsed = serde_json::from_str::<Framework>(bundled.prepared);
            assert!(
                parsed.is_ok(),
                "{} unprepared: {parsed:?}",
                bundled.file_name
            );
            let prepared = bundled.load().map(|f| format!("{f:?}"));
            let from_yaml = load_shaped(&bundled.label(), bundled.text).map(|f| format!("{f:?}"));
            assert_eq!(prepared.ok(), from_yaml.ok(), "{}", bundled.file_name);
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
