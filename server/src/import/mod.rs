//! Import of the shipped public data (see `data/SOURCES.md`) into the database.
//!
//! The files are compiled into the binary, so the server needs no data directory at run time.
//! The import runs in one transaction and upserts by the keys of the sources, so running it
//! again changes nothing; a checksum in `datenstand` lets a restart skip it entirely.
//! Values that coordinators may edit later (Zuständigkeit, Priorität, EfA, …) are only filled
//! where still empty, so a re-import never overwrites an edit.

//!
//! One function per source, in the order of `anweisungen`: each reads its file, checks every
//! row against what the sources before it established (the [`Kontext`]) and adds its statements.
//! `katalog` holds the OZG catalog (Themenfelder … LeiKa, Labore), `gebiet` Kreise, Gemeinden and
//! IT-Dienstleister, `folien` what the slides name (Ansprechpersonen, Roadmap), `wsp` the online
//! services of the Wirtschafts-Service-Portal.NRW; `zeile` the helpers that read a CSV row.

mod folien;
mod gebiet;
mod katalog;
mod wsp;
mod zeile;

use app::store::{Arg, Db, Sql, StoreError};
use std::collections::{HashMap, HashSet};
use zeile::{fehler, lesen};

pub struct Datei {
    pub name: &'static str,
    pub inhalt: &'static str,
}

macro_rules! datei {
    ($pfad:literal) => {
        Datei { name: $pfad, inhalt: include_str!(concat!("../../../data/", $pfad)) }
    };
}

pub const THEMENFELDER: Datei = datei!("quellen/kdn_ozg_themenfelder.csv");
pub const LEBENSLAGEN: Datei = datei!("quellen/kdn_ozg_lebenslagen.csv");
pub const LEISTUNGEN: Datei = datei!("quellen/kdn_ozg_leistungen.csv");
pub const LEIKA: Datei = datei!("quellen/kdn_leika_leistungen.csv");
pub const DIENSTLEISTER: Datei = datei!("quellen/kdn_it_dienstleister.csv");
pub const GEBIETE: Datei = datei!("quellen/it_dienstleister_mitglieder_aus_quellen.csv");
pub const KREISE: Datei = datei!("quellen/destatis_gv_nrw_kreise_2021-12-31.csv");
pub const GEMEINDEN: Datei = datei!("quellen/nrw_gemeinden_ags_kreis_einwohner_groessenklasse.csv");
pub const FOLIEN_THEMENFELDER: Datei = datei!("folien_themenfelder.csv");
pub const FOLIEN_LEISTUNGEN: Datei = datei!("folien_leistungsattribute.csv");
pub const FOLIEN_LABORE: Datei = datei!("folien_labore.csv");
pub const FOLIEN_PERSONEN: Datei = datei!("folien_ansprechpersonen.csv");
pub const FOLIEN_ROADMAP: Datei = datei!("folien_roadmap.csv");
pub const FOLIEN_VERANSTALTUNGEN: Datei = datei!("folien_veranstaltungen.csv");
pub const FOLIEN_LINKS: Datei = datei!("folien_links.csv");
pub const WSP: Datei = datei!("quellen/wsp_nrw_live_onlinedienste_leika.csv");

const ALLE: [&Datei; 16] = [
    &THEMENFELDER,
    &LEBENSLAGEN,
    &LEISTUNGEN,
    &LEIKA,
    &DIENSTLEISTER,
    &GEBIETE,
    &KREISE,
    &GEMEINDEN,
    &FOLIEN_THEMENFELDER,
    &FOLIEN_LEISTUNGEN,
    &FOLIEN_LABORE,
    &FOLIEN_PERSONEN,
    &FOLIEN_ROADMAP,
    &FOLIEN_VERANSTALTUNGEN,
    &FOLIEN_LINKS,
    &WSP,
];

const KDN_QUELLE: &str = "KDN OZG-Datenbank NRW (MIT), Entwicklungsstand 2021";
const WSP_QUELLE: &str = "Wirtschafts-Service-Portal.NRW, öffentliche Liste der Online-Dienste (2021)";
const WSP_ANBIETER: &str = "Wirtschafts-Service-Portal.NRW";
/// The portal's paths in the source are relative to this address.
const WSP_URL: &str = "https://wirtschafts-service-portal.nrw";
const BASISDIENSTE_ID: i64 = 15;
const OWL_IT_ID: i64 = 100;
/// Rows per multi-row INSERT; keeps PostgreSQL below its 65,535 parameters per statement.
const BLOCK: usize = 400;

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("{datei}: CSV nicht lesbar: {fehler}")]
    Csv { datei: &'static str, fehler: csv::Error },
    #[error("{datei}, Zeile {zeile}: {meldung}")]
    Zeile { datei: &'static str, zeile: usize, meldung: String },
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Raised when the import gains a step that reads no file (the forum's boards), so that existing
/// databases run it once, too.
const SCHRITTE: &str = "foren-1";

/// FNV-1a over all shipped files and [`SCHRITTE`]: changes whenever any source changes.
pub fn pruefsumme() -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in SCHRITTE.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    for d in ALLE {
        for b in d.name.bytes().chain(d.inhalt.bytes()) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{h:016x}")
}

/// What an import did, for the log and the tests.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Bericht {
    pub themenfelder: usize,
    pub lebenslagen: usize,
    pub leistungen: usize,
    pub leika: usize,
    pub leika_ohne_schluessel: usize,
    pub leika_ohne_ozg: usize,
    pub labore: usize,
    pub kreise: usize,
    pub kommunen: usize,
    pub dienstleister: usize,
    pub gebiete: usize,
    pub ansprechpersonen: usize,
    pub projekte: usize,
    pub veranstaltungen: usize,
    pub links: usize,
    pub onlinedienste: usize,
    pub onlinedienst_leika: usize,
}

/// The statements built so far and the keys the sources read so far established, by which
/// every later row is checked (a Leistung's Themenfeld, a Gemeinde's Kreis, …).
#[derive(Default)]
struct Kontext {
    sql: Vec<Sql>,
    bericht: Bericht,
    /// Themenfeld name → id.
    themenfelder: HashMap<String, i64>,
    /// (Lebenslage, Themenfeld) → id: the same Lebenslage name occurs in several Themenfelder.
    lebenslagen: HashMap<(String, String), i64>,
    /// OZG-IDs of the catalog.
    leistungen: HashSet<i64>,
    /// Kreis-AGS → name.
    kreise: HashMap<String, String>,
    /// Ids of the IT-Dienstleister.
    dienstleister: HashSet<i64>,
    /// AGS of the Gemeinden.
    gemeinden: HashSet<String>,
}

impl Kontext {
    /// Multi-row upserts of at most [`BLOCK`] rows each.
    fn bloecke(&mut self, head: &str, zeilen: Vec<Vec<Arg>>, tail: &str) {
        let mut rest = zeilen;
        while !rest.is_empty() {
            let n = rest.len().min(BLOCK);
            let block: Vec<Vec<Arg>> = rest.drain(..n).collect();
            self.sql.push(Sql::insert_rows(head, block, tail));
        }
    }

    fn themenfeld_id(&self, datei: &'static str, nr: usize, name: &str) -> Result<i64, ImportError> {
        self.themenfelder
            .get(name)
            .copied()
            .ok_or_else(|| fehler(datei, nr, format!("unbekanntes Themenfeld „{name}“")))
    }
}

/// Builds every statement of the import; nothing touches the database yet.
pub fn anweisungen() -> Result<(Vec<Sql>, Bericht), ImportError> {
    let mut k = Kontext::default();
    k.themenfelder(&THEMENFELDER, &FOLIEN_THEMENFELDER)?;
    k.lebenslagen(&LEBENSLAGEN)?;
    // LeiKa rows are read first: their names and keys become part of the Leistung search text.
    let leika = lesen(&LEIKA)?;
    k.leistungen(&LEISTUNGEN, &leika)?;
    k.leistung_attribute(&FOLIEN_LEISTUNGEN)?;
    k.leika(LEIKA.name, leika)?;
    k.labore(&FOLIEN_LABORE)?;
    k.kreise(&KREISE)?;
    k.gemeinden(&GEMEINDEN)?;
    k.dienstleister(&DIENSTLEISTER)?;
    k.gebiete(&GEBIETE)?;
    k.ansprechpersonen(&FOLIEN_PERSONEN)?;
    k.roadmap(&FOLIEN_ROADMAP)?;
    k.veranstaltungen(&FOLIEN_VERANSTALTUNGEN)?;
    k.links(&FOLIEN_LINKS)?;
    k.foren();
    k.onlinedienste(&WSP)?;
    Ok((k.sql, k.bericht))
}

/// Advisory lock key of the import (any constant no other code uses).
const IMPORT_SPERRE: i64 = 0x6f7a_6701;

/// Another process (a CLI command while the server starts) imports the same SQLite file and
/// holds the write lock for seconds.
fn sqlite_besetzt(e: &ImportError) -> bool {
    matches!(e, ImportError::Store(StoreError::Sql(e)) if app::store::sqlite_besetzt(e))
}

/// Imports the shipped data if it changed (checksum in `datenstand`). When another process
/// imports at the same moment, this one waits and then finds the data current.
pub async fn importieren(db: &Db, erzwingen: bool) -> Result<Option<Bericht>, ImportError> {
    let start = std::time::Instant::now();
    loop {
        match importieren_einmal(db, erzwingen).await {
            Err(e)
                if matches!(db, Db::Sqlite(_)) && sqlite_besetzt(&e) && start.elapsed() < app::store::SQLITE_GEDULD =>
            {
                tracing::info!("Ein anderer Prozess importiert gerade; neuer Versuch");
                tokio::time::sleep(std::time::Duration::from_millis(250)).await;
            }
            r => return r,
        }
    }
}

async fn importieren_einmal(db: &Db, erzwingen: bool) -> Result<Option<Bericht>, ImportError> {
    let summe = pruefsumme();
    if !erzwingen {
        let mut s = Sql::new("SELECT pruefsumme FROM datenstand WHERE quelle = ");
        s.bind("katalog");
        if db.text(&s).await?.as_deref() == Some(summe.as_str()) {
            return Ok(None);
        }
    }
    let (mut sql, bericht) = anweisungen()?;
    if matches!(db, Db::Postgres(_)) {
        // Two app servers starting together on a new version: the second waits for the first
        // import to commit, then repeats it (every statement is an upsert) instead of racing it.
        sql.insert(0, Sql::new(&format!("SELECT pg_advisory_xact_lock({IMPORT_SPERRE})")));
    }
    let mut s = Sql::new("INSERT INTO datenstand (quelle, pruefsumme, zeilen, importiert_am) VALUES ('katalog', ");
    s.bind(summe).push(", ").bind(app::model::anzahl(bericht.leika + bericht.leistungen + bericht.kommunen));
    s.push(", ").bind(chrono::Utc::now().to_rfc3339());
    s.push(") ON CONFLICT (quelle) DO UPDATE SET pruefsumme = excluded.pruefsumme, zeilen = excluded.zeilen, importiert_am = excluded.importiert_am");
    sql.push(s);
    db.transaktion(&sql).await?;
    Ok(Some(bericht))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_data_builds_a_complete_import() {
        let (sql, b) = anweisungen().expect("the shipped data is consistent");
        assert_eq!(b.themenfelder, 15);
        assert_eq!(b.lebenslagen, 55);
        assert_eq!(b.leistungen, 557);
        assert_eq!(b.leika, 5251);
        assert_eq!(b.leika_ohne_schluessel, 438, "436 'nicht im LeiKa' + 2 keys of wrong length");
        assert_eq!(b.leika_ohne_ozg, 26);
        assert_eq!(b.kreise, 53);
        assert_eq!(b.kommunen, 396);
        assert_eq!(b.dienstleister, 33);
        assert_eq!(b.gebiete, 24);
        assert_eq!(b.veranstaltungen, 10);
        assert_eq!(b.links, 5);
        assert_eq!(b.onlinedienste, 84);
        assert_eq!(b.onlinedienst_leika, 368, "369 rows, one key listed twice for the same service");
        for s in &sql {
            assert!(s.args.len() < 65_535, "PostgreSQL's parameter limit");
        }
    }

    const TF: Datei = Datei { name: "tf.csv", inhalt: "kdn_id,themenfeld\n1,Arbeit & Ruhestand\n" };
    const KEINE_FOLIE: Datei = Datei { name: "folie.csv", inhalt: "themenfeld,koordination\n" };
    const LL: Datei =
        Datei { name: "ll.csv", inhalt: "kdn_id,lebenslage,themenfeld\n1,Ruhestand,Arbeit & Ruhestand\n" };

    /// A context that has read one Themenfeld and one Lebenslage.
    fn kontext() -> Kontext {
        let mut k = Kontext::default();
        k.themenfelder(&TF, &KEINE_FOLIE).expect("Themenfeld");
        k.lebenslagen(&LL).expect("Lebenslage");
        k
    }

    fn meldung(e: ImportError) -> String {
        e.to_string()
    }

    #[test]
    fn a_row_naming_an_unknown_themenfeld_is_rejected_with_file_and_line() {
        let leistungen = Datei {
            name: "leistungen.csv",
            inhalt: "ozg_id,name,lebenslage,themenfeld\n10001,Rente,Ruhestand,Arbeit & Ruhestand\n10002,X,Ruhestand,Bauen\n",
        };
        let e = kontext().leistungen(&leistungen, &[]).expect_err("unknown Themenfeld");
        assert_eq!(meldung(e), "leistungen.csv, Zeile 3: unbekanntes Themenfeld „Bauen“");
    }

    #[test]
    fn a_lebenslage_of_another_themenfeld_is_rejected() {
        let tf = Datei { name: "tf.csv", inhalt: "kdn_id,themenfeld\n1,Arbeit & Ruhestand\n2,Bauen\n" };
        let leistungen = Datei {
            name: "leistungen.csv",
            inhalt: "ozg_id,name,lebenslage,themenfeld\n10001,Rente,Ruhestand,Bauen\n",
        };
        let mut k = Kontext::default();
        k.themenfelder(&tf, &KEINE_FOLIE).expect("Themenfelder");
        k.lebenslagen(&LL).expect("Lebenslage");
        let e = k.leistungen(&leistungen, &[]).expect_err("Lebenslage belongs to another Themenfeld");
        assert_eq!(meldung(e), "leistungen.csv, Zeile 2: Lebenslage „Ruhestand“ gibt es im Themenfeld „Bauen“ nicht");
    }

    #[test]
    fn a_leika_key_listed_twice_is_rejected_and_bad_keys_are_counted() {
        let leika = Datei {
            name: "leika.csv",
            inhalt: "leika_key,name,ozg_id\n99001001000000,A,\nnicht im LeiKa,B,\n99001001000000,C,\n",
        };
        let mut k = kontext();
        let e = k.leika(leika.name, lesen(&leika).expect("CSV")).expect_err("duplicate key");
        assert_eq!(meldung(e), "leika.csv, Zeile 4: LeiKa-Schlüssel 99001001000000 kommt doppelt vor");
        assert_eq!(k.bericht.leika_ohne_schluessel, 1);
        assert_eq!(k.bericht.leika_ohne_ozg, 2, "rows before the error are counted");
    }

    #[test]
    fn a_leika_row_pointing_outside_the_catalog_is_rejected() {
        let leika = Datei { name: "leika.csv", inhalt: "leika_key,name,ozg_id\n99001001000000,A,10999\n" };
        let e = kontext().leika(leika.name, lesen(&leika).expect("CSV")).expect_err("unknown OZG-ID");
        assert_eq!(meldung(e), "leika.csv, Zeile 2: OZG-ID 10999 gibt es im Katalog nicht");
    }

    #[test]
    fn a_ragged_csv_row_is_a_csv_error_not_a_panic() {
        let kaputt = Datei { name: "kaputt.csv", inhalt: "kdn_id,themenfeld\n1,Arbeit,zu viel\n" };
        let e = Kontext::default().themenfelder(&kaputt, &KEINE_FOLIE).expect_err("ragged row");
        assert!(matches!(e, ImportError::Csv { datei: "kaputt.csv", .. }), "{e:?}");
    }

    #[test]
    fn a_gemeinde_outside_the_known_kreise_is_rejected() {
        let kreise = Datei {
            name: "kreise.csv",
            inhalt: "kreis_ags,name,typ,regierungsbezirk,einwohner,anzahl_gemeinden\n05111,Düsseldorf,kreisfreie Stadt,Reg.-Bez. Düsseldorf,619477,1\n",
        };
        let gemeinden = Datei {
            name: "gemeinden.csv",
            inhalt: "ags,name,kreis_ags,groessenklasse_nrw\n05112000,Duisburg,05112,kreisfreie Stadt\n",
        };
        let mut k = Kontext::default();
        k.kreise(&kreise).expect("Kreise");
        let e = k.gemeinden(&gemeinden).expect_err("unknown Kreis");
        assert_eq!(meldung(e), "gemeinden.csv, Zeile 2: Kreis 05112 der Gemeinde 05112000 ist unbekannt");
    }

    #[test]
    fn a_roadmap_date_that_is_no_date_names_its_column() {
        let roadmap = Datei {
            name: "roadmap.csv",
            inhalt: "projekt,themenfelder,vorbereitung,ozg_ids,folie\nP,Arbeit & Ruhestand,2020-13-01,,F\n",
        };
        let e = kontext().roadmap(&roadmap).expect_err("month 13");
        assert_eq!(meldung(e), "roadmap.csv, Zeile 2: „2020-13-01“ in vorbereitung ist kein Datum (JJJJ-MM-TT)");
    }

    #[test]
    fn every_block_stays_below_the_row_limit() {
        let mut k = Kontext::default();
        let zeilen: Vec<Vec<Arg>> = (0..(app::model::anzahl(BLOCK) * 2 + 1)).map(|i| vec![Arg::Int(i)]).collect();
        k.bloecke("INSERT INTO t (a)", zeilen, "");
        assert_eq!(k.sql.len(), 3);
        assert_eq!(k.sql[2].args.len(), 1);
    }
}
