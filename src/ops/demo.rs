//! Sample data, loaded as one action: all of it, or none of it.

use super::{OpError, Ops};
use crate::demo::fill_sample;
use crate::domain::counted;
use crate::framework::BUNDLED;
use crate::store::ProviderSample;
use crate::store::provider_scale::ENROLMENTS;

impl Ops<'_> {
    /// Adds the demo caseload in one transaction; refused over existing
    /// people unless `force`. Returns a line per person added.
    pub fn load_demo(&mut self, force: bool) -> Result<Vec<String>, OpError> {
        let today = self.clock.today();
        self.refuse_over_people(force)?;
        // The sample is written for the bundled files, whatever --standard says.
        let pcso = BUNDLED[0].load()?;
        let advanced = BUNDLED[1].load()?;
        let change = self.begin()?;
        let added = fill_sample(&change, &pcso, &advanced, today)?;
        change.commit()?;
        Ok(added)
    }

    /// Generates `times` training providers' worth of records for
    /// benchmarks, in batches of enrolments; `progress(done, total)` after
    /// each enrolment.
    pub fn load_provider_scale(
        &mut self,
        force: bool,
        times: usize,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<ProviderSample, OpError> {
        self.refuse_over_people(force)?;
        let pcso = BUNDLED[0].load()?;
        let today = self.clock.today();
        Ok(self
            .store
            .load_provider_sample(&pcso, today, ENROLMENTS * times, progress)?)
    }

    /// Sample people go into an empty database, or beside others on request.
    fn refuse_over_people(&self, force: bool) -> Result<(), OpError> {
        let people = self.store.count_people()?;
        if people > 0 && !force {
            return Err(OpError::Refused(format!(
                "{}: already holds {}; add the sample beside them with --force, or use another --db",
                self.store.path().display(),
                counted(people.max(0) as usize, "person", "people")
            )));
        }
        Ok(())
    }
}
