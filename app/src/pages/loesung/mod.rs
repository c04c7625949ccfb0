//! Die Lösungsdatenbank: Online-Dienste, ihre Nutzung durch die Kommunen, Kennzahlen.
pub mod kennzahlen;
pub mod liste;
pub mod seite;
