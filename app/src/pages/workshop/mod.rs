//! Workshop-Modus: joining with the code, the session page for the room and its facilitator,
//! and the projector's page (see [`crate::model::workshop`]).

pub mod beitreten;
pub mod leitung;
pub mod projektor;
pub mod sitzung;
pub mod starten;
