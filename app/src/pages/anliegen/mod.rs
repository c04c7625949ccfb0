//! "Unsere Fragen an Sie": the form on every Themenfeld page ([`fragen`]) and the coordination's
//! inbox of what it brings ([`eingang`], `/anliegen`).

pub mod eingang;
pub mod fragen;
