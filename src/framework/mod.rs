//! Frameworks (apprenticeship standards, professional pathways) read from
//! YAML: the model, the loader, and the checks that make a file trustworthy.

mod aliases;
mod bundled;
mod confirmed_by;
mod error;
mod judgement;
mod load;
mod model;
mod nesting;
mod registry;
mod rules;
mod source_map;
mod validate;

pub use bundled::{BUNDLED, BundledFramework, default_framework};
pub use confirmed_by::{ConfirmedBy, Confirmer};
pub use error::{Diagnostic, FrameworkError, Position};
pub use judgement::Judgement;
pub use load::{MAX_FILE_BYTES, load_file, load_str};
pub use model::*;
pub use registry::Registry;
pub use rules::Rules;
pub use validate::{Problem, validate};
