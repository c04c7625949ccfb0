//! Backups that restore: `ozg-atlas sicherung erstellen | pruefen | einspielen`.
//!
//! A backup is one ZIP file: `manifest.json` (backend, schema version, time, row count and
//! checksum of every table) and the database – a SQLite file copied by SQLite's online backup
//! API, or a PostgreSQL dump in the custom format (`pg_dump -Fc`). Both are consistent snapshots
//! taken while the portal keeps saving: the SQLite copy is made in one step inside one read
//! transaction (WAL: writers go on), and the PostgreSQL dump runs on a snapshot exported from the
//! very transaction that computes the checksums. Restoring checks the schema version first and
//! compares every table's checksum afterwards, so a backup that does not restore exactly says so.

use app::store::StoreError;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use sqlx::Connection;
use std::path::{Path, PathBuf};

/// Written into every manifest; a file without it is no backup of this program.
pub const FORMAT: &str = "ozg-atlas-sicherung/1";
const MANIFEST: &str = "manifest.json";
const SQLITE_DATEI: &str = "datenbank.sqlite";
const PG_DATEI: &str = "datenbank.pgdump";
/// A manifest is a few kilobytes; anything larger is not ours.
const MANIFEST_MAX: u64 = 1 << 20;

#[derive(Debug, thiserror::Error)]
pub enum SicherungsFehler {
    #[error("Datenbank: {0}")]
    Store(#[from] StoreError),
    #[error("Datenbank: {0}")]
    Sql(#[from] sqlx::Error),
    #[error("{pfad}: {fehler}")]
    Datei { pfad: PathBuf, fehler: std::io::Error },
    #[error("{0}")]
    Werkzeug(String),
    #[error("{pfad} ist keine Sicherung von OZG-Atlas ({grund}).")]
    KeineSicherung { pfad: PathBuf, grund: String },
    #[error(
        "Die Sicherung hat den Schemastand {sicherung}, dieses Programm kennt nur bis {programm}. \
         Spielen Sie sie mit der Version von ozg-atlas ein, die sie erstellt hat (oder einer neueren)."
    )]
    NeueresSchema { sicherung: i64, programm: i64 },
    #[error("Die Sicherung stammt aus {sicherung}, die Zieldatenbank ist {ziel}.")]
    AnderesBackend { sicherung: String, ziel: String },
    #[error(
        "Die Zieldatenbank ist nicht leer ({tabellen} Tabellen). Eine Sicherung wird nur in eine leere \
         Datenbank eingespielt: legen Sie eine neue an (PostgreSQL: createdb) oder verschieben Sie die \
         SQLite-Datei."
    )]
    ZielNichtLeer { tabellen: i64 },
    #[error("Die Prüfsummen weichen ab:\n{0}")]
    Abweichung(Bericht),
}

type Ergebnis<T> = Result<T, SicherungsFehler>;

fn datei_fehler(pfad: &Path) -> impl FnOnce(std::io::Error) -> SicherungsFehler + '_ {
    move |fehler| SicherungsFehler::Datei { pfad: pfad.to_path_buf(), fehler }
}

impl From<zip::result::ZipError> for SicherungsFehler {
    fn from(e: zip::result::ZipError) -> Self {
        SicherungsFehler::Werkzeug(format!("ZIP: {e}"))
    }
}

/// Row count and checksum of one table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tabellensumme {
    pub name: String,
    pub zeilen: i64,
    /// SHA-256 over the sorted hashes of all rows (so the order of rows does not matter).
    pub pruefsumme: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    pub format: String,
    /// `sqlite` or `postgres`.
    pub backend: String,
    /// The newest migration applied in the backed-up database.
    pub schema: i64,
    pub erstellt: String,
    pub programm: String,
    pub tabellen: Vec<Tabellensumme>,
}

/// Source and restore side by side, table by table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bericht {
    pub zeilen: Vec<(Tabellensumme, Option<Tabellensumme>)>,
}

impl Bericht {
    fn neu(erwartet: &[Tabellensumme], gefunden: &[Tabellensumme]) -> Bericht {
        let zeilen = erwartet
            .iter()
            .map(|e| (e.clone(), gefunden.iter().find(|g| g.name == e.name).cloned()))
            .chain(gefunden.iter().filter(|g| !erwartet.iter().any(|e| e.name == g.name)).map(|g| {
                (Tabellensumme { name: g.name.clone(), zeilen: -1, pruefsumme: String::new() }, Some(g.clone()))
            }))
            .collect();
        Bericht { zeilen }
    }

    pub fn gleich(&self) -> bool {
        self.zeilen.iter().all(|(e, g)| g.as_ref() == Some(e))
    }
}

impl std::fmt::Display for Bericht {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(f, "{:<32} {:>10} {:>10}  {:<16} Ergebnis", "Tabelle", "Quelle", "Ziel", "Prüfsumme")?;
        for (e, g) in &self.zeilen {
            let (zeilen, ok) = match g {
                Some(g) => (g.zeilen.to_string(), g == e),
                None => ("fehlt".into(), false),
            };
            let quelle = if e.zeilen < 0 { "fehlt".to_string() } else { e.zeilen.to_string() };
            let summe: String = e.pruefsumme.chars().take(16).collect();
            writeln!(
                f,
                "{:<32} {:>10} {:>10}  {:<16} {}",
                e.name,
                quelle,
                zeilen,
                summe,
                if ok { "gleich" } else { "ABWEICHUNG" }
            )?;
        }
        Ok(())
    }
}

fn summe(name: String, mut zeilen: Vec<[u8; 32]>) -> Tabellensumme {
    zeilen.sort_unstable();
    let mut h = Sha256::new();
    for z in &zeilen {
        h.update(z);
    }
    Tabellensumme { name, zeilen: app::model::anzahl(zeilen.len()), pruefsumme: hex::encode(h.finalize()) }
}

fn zeilen_hash(text: &str) -> [u8; 32] {
    Sha256::digest(text.as_bytes()).into()
}

/// `"name"` with inner quotes doubled: table names come from the catalog, but still.
fn bezeichner(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

async fn summen_sqlite(c: &mut sqlx::SqliteConnection) -> Ergebnis<Vec<Tabellensumme>> {
    let tabellen: Vec<String> = sqlx::query_scalar(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
    )
    .fetch_all(&mut *c)
    .await?;
    let mut v = Vec::new();
    for t in tabellen {
        let spalten: Vec<String> = sqlx::query_scalar("SELECT name FROM pragma_table_info(?) ORDER BY cid")
            .bind(&t)
            .fetch_all(&mut *c)
            .await?;
        let ausdruck =
            spalten.iter().map(|s| format!("quote({})", bezeichner(s))).collect::<Vec<_>>().join(" || '|' || ");
        let sql = format!("SELECT {ausdruck} FROM {}", bezeichner(&t));
        let zeilen: Vec<String> = sqlx::query_scalar(&sql).fetch_all(&mut *c).await?;
        v.push(summe(t, zeilen.iter().map(|z| zeilen_hash(z)).collect()));
    }
    Ok(v)
}

async fn summen_pg(c: &mut sqlx::PgConnection) -> Ergebnis<Vec<Tabellensumme>> {
    let tabellen: Vec<String> = sqlx::query_scalar(
        "SELECT table_name::text FROM information_schema.tables \
         WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY 1",
    )
    .fetch_all(&mut *c)
    .await?;
    let mut v = Vec::new();
    for t in tabellen {
        // The row's text form is PostgreSQL's own and the same after a restore.
        let sql = format!("SELECT t::text FROM {} t", bezeichner(&t));
        let zeilen: Vec<String> = sqlx::query_scalar(&sql).fetch_all(&mut *c).await?;
        v.push(summe(t, zeilen.iter().map(|z| zeilen_hash(z)).collect()));
    }
    Ok(v)
}

async fn schema_sqlite(c: &mut sqlx::SqliteConnection) -> Ergebnis<i64> {
    Ok(sqlx::query_scalar::<_, Option<i64>>("SELECT MAX(version) FROM _sqlx_migrations WHERE success")
        .fetch_one(&mut *c)
        .await?
        .unwrap_or(0))
}

async fn schema_pg(c: &mut sqlx::PgConnection) -> Ergebnis<i64> {
    Ok(sqlx::query_scalar::<_, Option<i64>>("SELECT MAX(version) FROM _sqlx_migrations WHERE success")
        .fetch_one(&mut *c)
        .await?
        .unwrap_or(0))
}

fn manifest(backend: &str, schema: i64, tabellen: Vec<Tabellensumme>) -> Manifest {
    Manifest {
        format: FORMAT.into(),
        backend: backend.into(),
        schema,
        erstellt: chrono::Utc::now().to_rfc3339(),
        programm: env!("CARGO_PKG_VERSION").into(),
        tabellen,
    }
}

/// Removes a SQLite file with its `-wal` and `-shm` side files.
fn sqlite_loeschen(pfad: &Path) {
    for rest in ["", "-wal", "-shm", "-journal"] {
        let mut p = pfad.as_os_str().to_owned();
        p.push(rest);
        let _ = std::fs::remove_file(PathBuf::from(p));
    }
}

/// A path next to `ziel` for work in progress (same file system, so the rename is atomic).
fn neben(ziel: &Path, endung: &str) -> PathBuf {
    let mut p = ziel.as_os_str().to_owned();
    p.push(format!(".{endung}.{}", std::process::id()));
    PathBuf::from(p)
}

/// Takes a backup of the database at `url` into the file `ziel`.
pub async fn erstellen(url: &str, ziel: &Path) -> Ergebnis<Manifest> {
    let (manifest, daten, name) = if let Some(quelle) = crate::config::sqlite_pfad(url) {
        let kopie = neben(ziel, "sqlite");
        sqlite_kopieren(&quelle, &kopie).await?;
        let mut c = sqlite_oeffnen(&kopie).await?;
        let m = manifest("sqlite", schema_sqlite(&mut c).await?, summen_sqlite(&mut c).await?);
        c.close().await?;
        (m, kopie, SQLITE_DATEI)
    } else {
        let dump = neben(ziel, "pgdump");
        (pg_sichern(url, &dump).await?, dump, PG_DATEI)
    };
    let ergebnis = zip_schreiben(ziel, &manifest, &daten, name).await;
    sqlite_loeschen(&daten);
    ergebnis?;
    tracing::info!(datei = %ziel.display(), schema = manifest.schema, tabellen = manifest.tabellen.len(), "Sicherung erstellt");
    Ok(manifest)
}

async fn sqlite_oeffnen(pfad: &Path) -> Ergebnis<sqlx::SqliteConnection> {
    let opts = sqlx::sqlite::SqliteConnectOptions::new().filename(pfad).read_only(true);
    Ok(sqlx::SqliteConnection::connect_with(&opts).await?)
}

/// SQLite's online backup API in one step: the copy is read inside one read transaction, so it
/// is the database as of one moment, while writers go on (WAL).
async fn sqlite_kopieren(quelle: &Path, ziel: &Path) -> Ergebnis<()> {
    if !quelle.exists() {
        return Err(SicherungsFehler::Werkzeug(format!("Die SQLite-Datei {} gibt es nicht.", quelle.display())));
    }
    let (quelle, ziel) = (quelle.to_path_buf(), ziel.to_path_buf());
    tokio::task::spawn_blocking(move || -> Ergebnis<()> {
        use rusqlite::{OpenFlags, backup::StepResult};
        let fehler = |e: rusqlite::Error| SicherungsFehler::Werkzeug(format!("SQLite-Sicherung: {e}"));
        let src = rusqlite::Connection::open_with_flags(&quelle, OpenFlags::SQLITE_OPEN_READ_ONLY).map_err(fehler)?;
        src.busy_timeout(std::time::Duration::from_secs(10)).map_err(fehler)?;
        let _ = std::fs::remove_file(&ziel);
        let mut dst = rusqlite::Connection::open(&ziel).map_err(fehler)?;
        let backup = rusqlite::backup::Backup::new(&src, &mut dst).map_err(fehler)?;
        // -1: all pages in one step. A step interrupted by a writer's lock is simply repeated.
        for _ in 0..100 {
            match backup.step(-1).map_err(fehler)? {
                StepResult::Done => {
                    drop(backup);
                    // The copy is one self-contained file, not a WAL database with side files.
                    dst.pragma_update(None, "journal_mode", "DELETE").map_err(fehler)?;
                    return Ok(());
                }
                _ => std::thread::sleep(std::time::Duration::from_millis(50)),
            }
        }
        Err(SicherungsFehler::Werkzeug("SQLite-Sicherung: Datenbank blieb gesperrt.".into()))
    })
    .await
    .map_err(|e| SicherungsFehler::Werkzeug(e.to_string()))?
}

/// A PostgreSQL client program for `url`; the password goes to it in `PGPASSWORD`, not on its
/// command line (visible to every user of the machine).
fn pg_werkzeug(name: &str, url: &str) -> tokio::process::Command {
    let (url, passwort) = crate::config::ohne_passwort(url);
    let mut c = tokio::process::Command::new(name);
    c.arg(format!("--dbname={url}"));
    if let Some(pw) = passwort {
        c.env("PGPASSWORD", pw);
    }
    c.kill_on_drop(true);
    c
}

async fn ausfuehren(mut befehl: tokio::process::Command, name: &str) -> Ergebnis<()> {
    let aus = befehl.output().await.map_err(|e| {
        SicherungsFehler::Werkzeug(format!(
            "{name} nicht ausführbar ({e}). Installieren Sie die PostgreSQL-Client-Programme \
             (Debian: apt install postgresql-client) in der Version des Servers."
        ))
    })?;
    if aus.status.success() {
        Ok(())
    } else {
        Err(SicherungsFehler::Werkzeug(format!(
            "{name} fehlgeschlagen: {}",
            String::from_utf8_lossy(&aus.stderr).trim()
        )))
    }
}

/// `pg_dump` on a snapshot exported by the transaction that also computes the checksums: the
/// dump and the manifest describe the same moment.
async fn pg_sichern(url: &str, ziel: &Path) -> Ergebnis<Manifest> {
    let mut c = sqlx::PgConnection::connect(url).await?;
    sqlx::query("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY").execute(&mut c).await?;
    let snapshot: String = sqlx::query_scalar("SELECT pg_export_snapshot()").fetch_one(&mut c).await?;
    let mut dump = pg_werkzeug("pg_dump", url);
    dump.args(["--format=custom", "--no-owner", "--no-privileges"])
        .arg(format!("--snapshot={snapshot}"))
        .arg(format!("--file={}", ziel.display()));
    ausfuehren(dump, "pg_dump").await?;
    let m = manifest("postgres", schema_pg(&mut c).await?, summen_pg(&mut c).await?);
    sqlx::query("COMMIT").execute(&mut c).await?;
    c.close().await?;
    Ok(m)
}

async fn zip_schreiben(ziel: &Path, manifest: &Manifest, daten: &Path, name: &'static str) -> Ergebnis<()> {
    let json = serde_json::to_vec_pretty(manifest).map_err(|e| SicherungsFehler::Werkzeug(e.to_string()))?;
    let (ziel, daten) = (ziel.to_path_buf(), daten.to_path_buf());
    tokio::task::spawn_blocking(move || -> Ergebnis<()> {
        use std::io::Write;
        use zip::write::SimpleFileOptions;
        let teil = neben(&ziel, "teil");
        let datei = std::fs::File::create(&teil).map_err(datei_fehler(&teil))?;
        let mut z = zip::ZipWriter::new(datei);
        let deflate = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        z.start_file(MANIFEST, deflate)?;
        z.write_all(&json).map_err(datei_fehler(&teil))?;
        // A PostgreSQL custom dump is compressed already.
        let art = if name == PG_DATEI { SimpleFileOptions::default() } else { deflate };
        z.start_file(name, art.large_file(true))?;
        let mut quelle = std::fs::File::open(&daten).map_err(datei_fehler(&daten))?;
        std::io::copy(&mut quelle, &mut z).map_err(datei_fehler(&teil))?;
        z.finish()?.sync_all().map_err(datei_fehler(&teil))?;
        // Only a complete file carries the backup's name.
        std::fs::rename(&teil, &ziel).map_err(datei_fehler(&ziel))
    })
    .await
    .map_err(|e| SicherungsFehler::Werkzeug(e.to_string()))?
}

/// Reads the manifest of a backup file (bounded: a foreign file is refused, not loaded).
pub fn manifest_lesen(datei: &Path) -> Ergebnis<Manifest> {
    let keine = |grund: String| SicherungsFehler::KeineSicherung { pfad: datei.to_path_buf(), grund };
    let f = std::fs::File::open(datei).map_err(datei_fehler(datei))?;
    let mut z = zip::ZipArchive::new(f).map_err(|e| keine(format!("kein ZIP: {e}")))?;
    let eintrag = z.by_name(MANIFEST).map_err(|_| keine("manifest.json fehlt".into()))?;
    if eintrag.size() > MANIFEST_MAX {
        return Err(keine("manifest.json zu groß".into()));
    }
    let mut text = Vec::new();
    std::io::Read::read_to_end(&mut std::io::Read::take(eintrag, MANIFEST_MAX), &mut text)
        .map_err(datei_fehler(datei))?;
    let m: Manifest = serde_json::from_slice(&text).map_err(|e| keine(format!("manifest.json unlesbar: {e}")))?;
    if m.format != FORMAT {
        return Err(keine(format!("Format „{}“, erwartet „{FORMAT}“", m.format)));
    }
    Ok(m)
}

/// Writes the database part of a backup to `ziel`.
async fn daten_auspacken(datei: &Path, ziel: &Path) -> Ergebnis<()> {
    let (datei, ziel) = (datei.to_path_buf(), ziel.to_path_buf());
    tokio::task::spawn_blocking(move || -> Ergebnis<()> {
        let f = std::fs::File::open(&datei).map_err(datei_fehler(&datei))?;
        let mut z = zip::ZipArchive::new(f)?;
        let name = if z.index_for_name(SQLITE_DATEI).is_some() { SQLITE_DATEI } else { PG_DATEI };
        let mut eintrag = z.by_name(name).map_err(|_| SicherungsFehler::KeineSicherung {
            pfad: datei.clone(),
            grund: "keine Datenbank darin".into(),
        })?;
        let mut aus = std::fs::File::create(&ziel).map_err(datei_fehler(&ziel))?;
        std::io::copy(&mut eintrag, &mut aus).map_err(datei_fehler(&ziel))?;
        aus.sync_all().map_err(datei_fehler(&ziel))
    })
    .await
    .map_err(|e| SicherungsFehler::Werkzeug(e.to_string()))?
}

fn backend_von(url: &str) -> &'static str {
    if crate::config::sqlite_pfad(url).is_some() { "sqlite" } else { "postgres" }
}

/// Checks manifest against the program and the target before anything is written.
fn zulassen(m: &Manifest, ziel_url: &str, programm_schema: i64) -> Ergebnis<()> {
    let ziel = backend_von(ziel_url);
    if m.backend != ziel {
        return Err(SicherungsFehler::AnderesBackend { sicherung: m.backend.clone(), ziel: ziel.into() });
    }
    if m.schema > programm_schema {
        return Err(SicherungsFehler::NeueresSchema { sicherung: m.schema, programm: programm_schema });
    }
    Ok(())
}

async fn tabellen_anzahl(url: &str) -> Ergebnis<i64> {
    if let Some(pfad) = crate::config::sqlite_pfad(url) {
        if !pfad.exists() || std::fs::metadata(&pfad).map(|m| m.len() == 0).unwrap_or(true) {
            return Ok(0);
        }
        let mut c = sqlite_oeffnen(&pfad).await?;
        let n = sqlx::query_scalar("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'").fetch_one(&mut c).await?;
        c.close().await?;
        Ok(n)
    } else {
        let mut c = sqlx::PgConnection::connect(url).await?;
        let n =
            sqlx::query_scalar("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema()")
                .fetch_one(&mut c)
                .await?;
        c.close().await?;
        Ok(n)
    }
}

/// Restores a backup into the empty database at `ziel_url` and compares every table with the
/// manifest. The next start of the server applies newer migrations.
pub async fn einspielen(datei: &Path, ziel_url: &str) -> Ergebnis<Bericht> {
    let m = manifest_lesen(datei)?;
    zulassen(&m, ziel_url, app::store::schema_des_programms(m.backend == "postgres"))?;
    let tabellen = tabellen_anzahl(ziel_url).await?;
    if tabellen > 0 {
        return Err(SicherungsFehler::ZielNichtLeer { tabellen });
    }
    let gefunden = if let Some(pfad) = crate::config::sqlite_pfad(ziel_url) {
        crate::config::sqlite_verzeichnis_anlegen(ziel_url).map_err(datei_fehler(&pfad))?;
        let teil = neben(&pfad, "einspielen");
        daten_auspacken(datei, &teil).await?;
        sqlite_loeschen(&pfad);
        std::fs::rename(&teil, &pfad).map_err(datei_fehler(&pfad))?;
        let mut c = sqlite_oeffnen(&pfad).await?;
        let s = summen_sqlite(&mut c).await?;
        c.close().await?;
        s
    } else {
        let dump = neben(datei, "pgdump");
        daten_auspacken(datei, &dump).await?;
        let mut restore = pg_werkzeug("pg_restore", ziel_url);
        restore.args(["--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction"]).arg(&dump);
        let r = ausfuehren(restore, "pg_restore").await;
        let _ = tokio::fs::remove_file(&dump).await;
        r?;
        let mut c = sqlx::PgConnection::connect(ziel_url).await?;
        let s = summen_pg(&mut c).await?;
        c.close().await?;
        s
    };
    let bericht = Bericht::neu(&m.tabellen, &gefunden);
    if !bericht.gleich() {
        return Err(SicherungsFehler::Abweichung(bericht));
    }
    tracing::info!(datei = %datei.display(), schema = m.schema, "Sicherung eingespielt, Prüfsummen gleich");
    Ok(bericht)
}

/// Restores a backup into a scratch database and compares it with its manifest: SQLite in a
/// file next to the backup, PostgreSQL in a database created for this on the server of
/// `server_url` (the role needs CREATEDB) and dropped afterwards.
pub async fn pruefen(datei: &Path, server_url: &str) -> Ergebnis<Bericht> {
    let m = manifest_lesen(datei)?;
    if m.backend == "sqlite" {
        let pfad = neben(datei, "pruefung.sqlite");
        let url = format!("sqlite:{}", pfad.display());
        sqlite_loeschen(&pfad);
        let r = einspielen(datei, &url).await;
        sqlite_loeschen(&pfad);
        return r;
    }
    let name = format!("ozg_pruefung_{}_{}", std::process::id(), chrono::Utc::now().timestamp_millis());
    let mut c = sqlx::PgConnection::connect(server_url).await?;
    sqlx::query(&format!("CREATE DATABASE {}", bezeichner(&name))).execute(&mut c).await?;
    let url = mit_datenbank(server_url, &name);
    let r = einspielen(datei, &url).await;
    let weg = sqlx::query(&format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", bezeichner(&name))).execute(&mut c).await;
    if let Err(e) = weg {
        tracing::warn!(error = %e, datenbank = %name, "Prüfdatenbank nicht gelöscht");
    }
    c.close().await?;
    r
}

/// The same server URL with another database name.
pub fn mit_datenbank(url: &str, name: &str) -> String {
    let (basis, abfrage) = match url.split_once('?') {
        Some((b, q)) => (b, Some(q)),
        None => (url, None),
    };
    let ohne_db = match basis.rfind('/') {
        Some(i) if basis[..i].contains("://") && i > basis.find("://").unwrap_or(0) + 2 => &basis[..i],
        _ => basis,
    };
    match abfrage {
        Some(q) => format!("{ohne_db}/{name}?{q}"),
        None => format!("{ohne_db}/{name}"),
    }
}

/// `verzeichnis/ozg-atlas-<Zeit>.sicherung`; older ones beyond `behalten` are deleted.
pub async fn erstellen_im_verzeichnis(url: &str, verzeichnis: &Path, behalten: usize) -> Ergebnis<PathBuf> {
    tokio::fs::create_dir_all(verzeichnis).await.map_err(datei_fehler(verzeichnis))?;
    let name = format!("ozg-atlas-{}.sicherung", chrono::Utc::now().format("%Y-%m-%dT%H-%M-%SZ"));
    let ziel = verzeichnis.join(name);
    erstellen(url, &ziel).await?;
    let mut alle: Vec<PathBuf> = std::fs::read_dir(verzeichnis)
        .map_err(datei_fehler(verzeichnis))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("ozg-atlas-") && n.ends_with(".sicherung"))
        })
        .collect();
    // The time in the name sorts like the time itself.
    alle.sort();
    let weg = alle.len().saturating_sub(behalten.max(1));
    for alt in &alle[..weg] {
        let _ = std::fs::remove_file(alt);
        tracing::info!(datei = %alt.display(), "alte Sicherung gelöscht");
    }
    Ok(ziel)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn another_database_on_the_same_server() {
        assert_eq!(mit_datenbank("postgres://p@h:5433/ozg_atlas", "x"), "postgres://p@h:5433/x");
        assert_eq!(mit_datenbank("postgres://p@h/ozg?sslmode=require", "x"), "postgres://p@h/x?sslmode=require");
        assert_eq!(mit_datenbank("postgres://p@h", "x"), "postgres://p@h/x");
    }

    #[test]
    fn newer_schema_and_other_backend_are_refused_before_anything_is_written() {
        let m = manifest("sqlite", 12, vec![]);
        assert!(matches!(
            zulassen(&m, "sqlite:x.sqlite", 10),
            Err(SicherungsFehler::NeueresSchema { sicherung: 12, programm: 10 })
        ));
        assert!(matches!(zulassen(&m, "postgres://h/db", 12), Err(SicherungsFehler::AnderesBackend { .. })));
        assert!(zulassen(&m, "sqlite:x.sqlite", 12).is_ok());
        let text = SicherungsFehler::NeueresSchema { sicherung: 12, programm: 10 }.to_string();
        assert!(text.contains("Schemastand 12") && text.contains("bis 10"), "{text}");
    }

    #[test]
    fn row_order_does_not_change_the_checksum_but_content_does() {
        let a = summe("t".into(), vec![zeilen_hash("1|'a'"), zeilen_hash("2|'b'")]);
        let b = summe("t".into(), vec![zeilen_hash("2|'b'"), zeilen_hash("1|'a'")]);
        let c = summe("t".into(), vec![zeilen_hash("2|'b'"), zeilen_hash("1|'A'")]);
        assert_eq!(a, b);
        assert_ne!(a.pruefsumme, c.pruefsumme);
        let bericht = Bericht::neu(std::slice::from_ref(&a), std::slice::from_ref(&c));
        assert!(!bericht.gleich());
        assert!(bericht.to_string().contains("ABWEICHUNG"));
    }
}
