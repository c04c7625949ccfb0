//! OZG-Atlas NRW server: configuration, data import, HTTP routing and CSV/JSON export.

pub mod anfrage;
pub mod bench_daten;
pub mod betrieb;
pub mod config;
pub mod dokument;
pub mod export;
pub mod feed;
pub mod grafik;
pub mod import;
pub mod infoverteiler;
pub mod kalender;
pub mod konten;
pub mod last;
pub mod linkpruefung;
pub mod live;
pub mod live_messung;
pub mod oeffentlich;
pub mod router;
pub mod schnittstelle;
pub mod seitenspeicher;
pub mod sicherheit;
pub mod stress_messung;
pub mod workshop_messung;
