//! Die OZG-Leistungen und der LeiKa-Katalog.
pub mod leika;
pub mod liste;
pub mod seite;
