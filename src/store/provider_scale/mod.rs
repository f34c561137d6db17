//! A provider-sized database for benchmarks and for trying the app at scale:
//! per unit of scale, 2,000 enrolments, about 400,000 evidence items,
//! 1,000,000 history rows and a sealed check-in every review interval, with
//! the history rows a user's actions leave. Written in batches of
//! enrolments, each one `Change`, so memory stays flat however large the
//! database grows; check-ins are signed and sealed by the same code as the
//! app's, so `verify` holds on the result.

mod checkins;
mod records;

use super::{Store, StoreError};
use crate::framework::Framework;
use chrono::{DateTime, NaiveDate, Utc};

/// Enrolments per unit of scale.
pub const ENROLMENTS: usize = 2_000;
pub const EVIDENCE_PER_ENROLMENT: usize = 200;
/// Assessors per unit of scale.
pub const ASSESSORS: usize = 40;
/// The first assessor's caseload at every scale: a large caseload to
/// measure the app with, whatever the size of the database.
pub const LARGE_CASELOAD: usize = 500;
/// Enrolments written per transaction.
const BATCH: usize = 400;

/// What a generation wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ProviderSample {
    pub enrolments: usize,
    pub evidence: usize,
    pub sealed_checkins: usize,
}

/// The name of the assessor with `LARGE_CASELOAD` apprentices.
pub fn large_caseload_assessor() -> String {
    records::assessor_name(0)
}

/// Deterministic pseudo-random numbers, so every generated database is alike.
pub(super) struct Rng(u64);

impl Rng {
    pub(super) fn below(&mut self, bound: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % bound.max(1) as u64) as usize
    }
}

/// A fixed creation time: the generated rows describe the past.
fn stamp() -> DateTime<Utc> {
    DateTime::from_timestamp(1_767_258_000, 0).unwrap_or_default()
}

/// Which assessor an enrolment has: every fourth of the first 2,000 goes
/// to the first assessor (`LARGE_CASELOAD`), the rest round the others.
fn assessor_index(index: usize, assessors: usize) -> usize {
    if index < LARGE_CASELOAD * 4 && index % 4 == 0 {
        0
    } else {
        1 + index % (assessors - 1).max(1)
    }
}

impl Store {
    /// Generates `total` enrolments (`ENROLMENTS` per unit of scale) as of
    /// `today`, with `ASSESSORS` per unit; `progress(done, total)` is
    /// called after each enrolment.
    pub fn load_provider_sample(
        &mut self,
        framework: &Framework,
        today: NaiveDate,
        total: usize,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<ProviderSample, StoreError> {
        let change = self.change(stamp(), None)?;
        let units = total.div_ceil(ENROLMENTS).max(1);
        let assessors = records::add_assessors(&change, ASSESSORS * units)?;
        change.commit()?;
        let mut rng = Rng(0x2545_F491_4F6C_DD1D);
        let mut sample = ProviderSample::default();
        for first in (0..total).step_by(BATCH) {
            let change = self.change(stamp(), None)?;
            for index in first..(first + BATCH).min(total) {
                let assessor = &assessors[assessor_index(index, assessors.len())];
                let generated = records::Generated {
                    framework,
                    today,
                    index,
                    assessor,
                };
                sample.sealed_checkins += generated.write(&change, &mut rng)?;
                sample.enrolments += 1;
                sample.evidence += EVIDENCE_PER_ENROLMENT;
                progress(index + 1, total);
            }
            change.commit()?;
        }
        Ok(sample)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_assessor_has_the_large_caseload_at_every_scale() {
        for times in [1, 3] {
            let assessors = ASSESSORS * times;
            let first = (0..ENROLMENTS * times)
                .filter(|&index| assessor_index(index, assessors) == 0)
                .count();
            assert_eq!(first, LARGE_CASELOAD);
        }
    }
}
