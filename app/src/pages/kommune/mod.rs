//! Kommunen und Kreise: Liste, eine Kommune, die Sicht einer Kommune, Kreise.
pub mod kreise;
pub mod liste;
pub mod seite;
pub mod sicht;
