//! Anmeldung, eigenes Konto, Benutzerverwaltung.
pub mod anmelden;
pub mod seite;
pub mod verwaltung;
