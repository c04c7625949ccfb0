//! The integration tests in one binary: linked once instead of thirteen times (zero2prod's
//! layout). One module per area; each test runs on SQLite and on PostgreSQL (see `common`).
//! Only `tests/last.rs` stays a binary of its own: it fills process-wide limits.

// Tests state their expectations with unwrap/expect: a failure is the test's message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[macro_use]
mod common;

mod aktuelles;
mod anliegen;
mod betrieb;
mod bund;
mod dokument;
mod forum;
mod http;
mod infoverteiler;
mod karte;
mod katalog;
mod kommune_sicht;
mod lieferung;
mod linkpruefung;
mod live;
mod rechte;
mod rechtstext;
mod roadmap;
mod schnittstelle;
mod seitenspeicher;
mod sicherung;
mod steckbrief;
mod veranstaltung;
mod workshop;
mod zustaendigkeit;
