//! Sample data, loaded as one action: all of it, or none of it.

use super::{NOBODY_ACTING, OpError, Ops};
use crate::demo::fill_sample;
use crate::domain::permission::Subject;
use crate::domain::{Operation, Role, counted, permit};
use crate::framework::BUNDLED;
use crate::store::ProviderSample;
use crate::store::provider_scale::ENROLMENTS;

/// The demo's own administrator, who adds the rest of the sample.
pub const DEMO_ADMINISTRATOR: &str = "Priya Shah";

impl Ops<'_> {
    /// Adds the demo caseload in one transaction; refused over existing
    /// people unless `force`. Returns a line per person added.
    pub fn load_demo(&mut self, force: bool) -> Result<Vec<String>, OpError> {
        let today = self.clock.today();
        self.refuse_over_people(force)?;
        // The sample is written for the bundled files, whatever --standard says.
        let pcso = BUNDLED[0].load()?;
        let advanced = BUNDLED[1].load()?;
        let mut change = self.begin()?;
        let administrator = change.add_person(DEMO_ADMINISTRATOR, Role::Administrator)?;
        change.act_as(administrator);
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

    /// Sample people go into an empty database, or beside others on
    /// request of an administrator (it adds people).
    fn refuse_over_people(&self, force: bool) -> Result<(), OpError> {
        let people = self.store.count_people()?;
        if people > 0 && !force {
            return Err(OpError::Refused(format!(
                "{}: already holds {}; add the sample beside them with --force, or use another --db",
                self.store.path().display(),
                counted(people.max(0) as usize, "person", "people")
            )));
        }
        if people > 0 {
            let actor = self
                .actor
                .ok_or_else(|| OpError::Refused(NOBODY_ACTING.into()))?;
            let actor = self.store.person(actor)?;
            let sample = Subject::new_person("the sample caseload");
            permit(&actor, Operation::AddPerson, &sample)
                .map_err(|refusal| OpError::Refused(refusal.0))?;
        }
        Ok(())
    }
}
