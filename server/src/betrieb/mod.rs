//! Running the portal as an office does: readiness for the proxy, shutting down without
//! anyone noticing, backups that restore. Configuration files for the proxy and systemd live in
//! `betrieb/` at the top of the repository.

pub mod abschalten;
pub mod bereitschaft;
pub mod metriken;
pub mod sicherung;
pub mod stempel;
