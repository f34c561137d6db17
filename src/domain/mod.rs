//! Pure rules about progress: no I/O, dates passed in.

mod judgement;

pub use judgement::Judgement;
