//! Reusable UI pieces.

pub mod adresse;
pub mod bereit;
pub mod datei;
pub mod folgen;
pub mod formular;
pub mod karte;
pub mod katalog;
pub mod konto;
pub mod laden;
pub mod layout;
pub mod lieferung;
pub mod live;
pub mod protokoll;
pub mod seite;
pub mod status;
pub mod tabelle;
pub mod teilseite;
pub mod workshop;
pub mod zuordnung;
