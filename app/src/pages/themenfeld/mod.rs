//! Die Themenfeld-Landkarte und die Seite eines Themenfelds.
pub mod landkarte;
pub mod seite;
