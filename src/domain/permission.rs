//! Who may do what, on whose records: one table, read by the operations
//! layer before every change, for the command line and the app alike.
//!
//! Each role reaches a fixed set of records: an apprentice her own, an
//! assessor her caseload, an employer the apprentices she manages, an
//! administrator everyone. The table says which roles may take each
//! operation; a refusal names the rule and the people.

use super::{Person, PersonId, Role};
use std::fmt;

/// Roles, as a set: who may confirm a requirement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Roles(u8);

impl Roles {
    pub fn of(roles: &[Role]) -> Roles {
        Roles(roles.iter().fold(0, |bits, role| bits | bit(*role)))
    }

    pub fn contains(self, role: Role) -> bool {
        self.0 & bit(role) != 0
    }

    /// The roles in the set, in `Role::ALL` order.
    pub fn list(self) -> Vec<Role> {
        Role::ALL
            .iter()
            .copied()
            .filter(|role| self.contains(*role))
            .collect()
    }
}

fn bit(role: Role) -> u8 {
    match role {
        Role::Apprentice => 1,
        Role::Assessor => 2,
        Role::Employer => 4,
        Role::Administrator => 8,
    }
}

/// A change someone may ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Operation {
    /// Add a person of any role.
    AddPerson,
    /// Give an apprentice an assessor or an employer.
    AssignPeople,
    /// Correct an enrolment: dates, date of birth, status (breaks, withdrawal).
    CorrectEnrolment,
    /// The apprentice's own status of an outcome.
    SetOutcomeStatus,
    /// Add, change, delete or restore portfolio evidence.
    RecordEvidence,
    /// Add or delete hours.
    LogHours,
    /// Accept or query an hours entry.
    ReviewHours,
    /// Set a requirement's status; the framework names who may.
    ConfirmRequirement(Roles),
    /// The assessor's judgement of an outcome outside a check-in.
    JudgeOutcome,
    /// Start, write, complete or amend a check-in.
    RunCheckin,
    /// Sign a completed review as one of its parties.
    SignReview,
    /// Take part in the gateway sign-off.
    ConfirmGateway,
    /// Record an end-point assessment result, as the assessment
    /// organisation reported it.
    RecordEpaResult,
    /// Record or change the training plan. Employer and apprentice agree
    /// it, but the provider keeps it: the assessor, or an administrator.
    EditPlan,
}

impl Operation {
    /// Every operation, once, with requirements confirmed by everyone.
    pub const ALL: [Operation; 14] = [
        Operation::AddPerson,
        Operation::AssignPeople,
        Operation::CorrectEnrolment,
        Operation::SetOutcomeStatus,
        Operation::RecordEvidence,
        Operation::LogHours,
        Operation::ReviewHours,
        Operation::ConfirmRequirement(Roles(0b1111)),
        Operation::JudgeOutcome,
        Operation::RunCheckin,
        Operation::SignReview,
        Operation::ConfirmGateway,
        Operation::RecordEpaResult,
        Operation::EditPlan,
    ];

    /// The roles that may take the operation (each on the records its role
    /// reaches).
    pub fn roles(self) -> Roles {
        use Role::*;
        match self {
            Operation::AddPerson | Operation::AssignPeople | Operation::CorrectEnrolment => {
                Roles::of(&[Administrator])
            }
            Operation::SetOutcomeStatus | Operation::LogHours => Roles::of(&[Apprentice]),
            Operation::RecordEvidence => Roles::of(&[Apprentice, Assessor]),
            Operation::ReviewHours => Roles::of(&[Assessor, Administrator]),
            Operation::ConfirmRequirement(roles) => roles,
            Operation::JudgeOutcome | Operation::RunCheckin => Roles::of(&[Assessor]),
            Operation::RecordEpaResult => Roles::of(&[Assessor, Administrator]),
            Operation::SignReview | Operation::ConfirmGateway => {
                Roles::of(&[Apprentice, Assessor, Employer])
            }
            Operation::EditPlan => Roles::of(&[Assessor, Administrator]),
        }
    }

    /// What the operation does, to whose records, as a refusal says it.
    fn doing(self, whose: &str) -> String {
        match self {
            Operation::AddPerson => "add people".into(),
            Operation::AssignPeople => format!("change {whose} assessor or employer"),
            Operation::CorrectEnrolment => format!("correct {whose} enrolment"),
            Operation::SetOutcomeStatus => format!("set {whose} own status of an outcome"),
            Operation::RecordEvidence => format!("record {whose} evidence"),
            Operation::LogHours => format!("record {whose} hours"),
            Operation::ReviewHours => format!("accept or query {whose} hours"),
            Operation::ConfirmRequirement(_) => format!("confirm {whose} requirement"),
            Operation::JudgeOutcome => format!("judge {whose} outcomes"),
            Operation::RunCheckin => format!("run or amend {whose} check-ins"),
            Operation::SignReview => format!("sign {whose} reviews"),
            Operation::ConfirmGateway => format!("confirm {whose} readiness for gateway"),
            Operation::RecordEpaResult => format!("record {whose} assessment results"),
            Operation::EditPlan => format!("change {whose} training plan"),
        }
    }
}

/// Whose record an operation is about: the apprentice and the people
/// assigned to her. `person` is `None` for a person not yet added.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subject {
    pub person: Option<PersonId>,
    pub name: String,
    pub assessor: Option<PersonId>,
    pub employer: Option<PersonId>,
}

impl Subject {
    pub fn of(person: &Person) -> Subject {
        Subject {
            person: Some(person.id),
            name: person.name.clone(),
            assessor: person.assessor_id,
            employer: person.employer_id,
        }
    }

    /// Someone about to be added.
    pub fn new_person(name: &str) -> Subject {
        Subject {
            person: None,
            name: name.to_string(),
            assessor: None,
            employer: None,
        }
    }

    /// Whether `actor`'s role reaches this record.
    fn reached_by(&self, actor: &Person) -> bool {
        match actor.role {
            Role::Apprentice => self.person == Some(actor.id),
            Role::Assessor => self.assessor == Some(actor.id),
            Role::Employer => self.employer == Some(actor.id),
            Role::Administrator => true,
        }
    }

    /// Who, of `role`, may act on this record, as a refusal names them.
    fn who(&self, role: Role) -> String {
        match role {
            Role::Apprentice => self.name.clone(),
            Role::Assessor => format!("{}'s assessor", self.name),
            Role::Employer => format!("{}'s employer", self.name),
            Role::Administrator => "an administrator".into(),
        }
    }
}

/// Why an operation was refused: one line naming the rule and the people.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal(pub String);

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Whether `actor` may take `operation` on `subject`'s records.
pub fn permit(actor: &Person, operation: Operation, subject: &Subject) -> Result<(), Refusal> {
    let roles = operation.roles();
    if roles.contains(actor.role) && subject.reached_by(actor) {
        return Ok(());
    }
    let whose = if subject.person == Some(actor.id) {
        "their".to_string()
    } else {
        format!("{}'s", subject.name)
    };
    let who: Vec<String> = roles.list().into_iter().map(|r| subject.who(r)).collect();
    let rule = match who.as_slice() {
        [] => "nobody may".to_string(),
        [one] => format!("only {one} may"),
        [rest @ .., last] => format!("only {} or {last} may", rest.join(", ")),
    };
    Err(Refusal(format!(
        "{} ({}) may not {}: {rule}",
        actor.name,
        actor.role,
        operation.doing(&whose)
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(id: i64, name: &str, role: Role) -> Person {
        Person {
            id: PersonId(id),
            name: name.into(),
            role,
            date_of_birth: None,
            employer: None,
            assessor_id: None,
            employer_id: None,
            uln: None,
            learning_support: None,
        }
    }

    fn amy() -> Subject {
        Subject {
            person: Some(PersonId(1)),
            name: "Amy Clark".into(),
            assessor: Some(PersonId(2)),
            employer: Some(PersonId(3)),
        }
    }

    #[test]
    fn each_role_reaches_only_its_own_records() {
        let apprentice = person(1, "Amy Clark", Role::Apprentice);
        let assessor = person(2, "Sam Patel", Role::Assessor);
        let employer = person(3, "Jo Reid", Role::Employer);
        let other = |role| person(9, "Eve Stone", role);
        let everyone = Operation::ConfirmRequirement(Roles::of(Role::ALL));
        for actor in [&apprentice, &assessor, &employer] {
            assert_eq!(permit(actor, everyone, &amy()), Ok(()), "{}", actor.name);
        }
        for role in [Role::Apprentice, Role::Assessor, Role::Employer] {
            assert!(permit(&other(role), everyone, &amy()).is_err(), "{role}");
        }
        assert_eq!(
            permit(&other(Role::Administrator), everyone, &amy()),
            Ok(())
        );
    }

    #[test]
    fn a_refusal_names_the_rule_and_the_people() {
        let eve = person(9, "Eve Stone", Role::Assessor);
        let refusal = permit(&eve, Operation::JudgeOutcome, &amy()).unwrap_err();
        assert_eq!(
            refusal.0,
            "Eve Stone (assessor) may not judge Amy Clark's outcomes: only Amy Clark's assessor may"
        );
        let amy_herself = person(1, "Amy Clark", Role::Apprentice);
        let vetting = Operation::ConfirmRequirement(Roles::of(&[Role::Employer]));
        assert_eq!(
            permit(&amy_herself, vetting, &amy()).unwrap_err().0,
            "Amy Clark (apprentice) may not confirm their requirement: only Amy Clark's employer may"
        );
        let signing = permit(&eve, Operation::SignReview, &amy()).unwrap_err().0;
        assert!(
            signing.ends_with("only Amy Clark, Amy Clark's assessor or Amy Clark's employer may"),
            "{signing}"
        );
    }

    #[test]
    fn only_an_administrator_adds_people_and_assigns_them() {
        let new = Subject::new_person("Eve Stone");
        for role in Role::ALL.iter().copied() {
            let actor = person(5, "Pat Lee", role);
            let allowed = role == Role::Administrator;
            assert_eq!(permit(&actor, Operation::AddPerson, &new).is_ok(), allowed);
            assert_eq!(
                permit(&actor, Operation::AssignPeople, &amy()).is_ok(),
                allowed
            );
        }
    }

    #[test]
    fn roles_as_a_set_list_in_order() {
        let roles = Roles::of(&[Role::Administrator, Role::Apprentice]);
        assert_eq!(roles.list(), vec![Role::Apprentice, Role::Administrator]);
        assert!(!roles.contains(Role::Employer));
        assert_eq!(Roles::default().list(), Vec::<Role>::new());
    }
}
