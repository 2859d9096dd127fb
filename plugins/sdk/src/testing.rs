//! Sample values for plugin unit tests (native targets). Not for use on
//! the process path.

use crate::{Message, Patient, Priority, Recipient, RecipientRole};

/// A routine appointment reminder for patient `p-1`, addressed to the
/// patient at +15551234567, with the given body.
pub fn message(body: &str) -> Message {
    Message {
        id: "m-1".to_owned(),
        tenant: "t-1".to_owned(),
        category: "appointment_reminder".to_owned(),
        priority: Priority::Routine,
        created_at: None,
        patient: Patient {
            id: "p-1".to_owned(),
            name: None,
            birth_date: None,
            mrn: None,
        },
        recipient: Recipient {
            role: RecipientRole::Patient,
            name: None,
            phone: Some("+15551234567".to_owned()),
            portal_account: None,
        },
        sender_id: None,
        body: body.to_owned(),
    }
}
