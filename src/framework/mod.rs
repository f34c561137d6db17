//! Frameworks (apprenticeship standards, professional pathways) read from
//! YAML: the model, the loader, and the checks that make a file trustworthy.

mod bundled;
mod error;
mod load;
mod model;
mod nesting;
mod source_map;
mod validate;

pub use bundled::{BUNDLED, BundledFramework, default_framework};
pub use error::{Diagnostic, FrameworkError, Position};
pub use load::{MAX_FILE_BYTES, load_file, load_str};
pub use model::*;
pub use validate::{Problem, validate};
