//! Reusable UI pieces.

pub mod katalog;
pub mod layout;
pub mod status;
