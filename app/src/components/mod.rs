//! Reusable UI pieces.

pub mod formular;
pub mod katalog;
pub mod konto;
pub mod layout;
pub mod protokoll;
pub mod status;
