//! Data layer over SQLite (embedded default) and PostgreSQL (for several app servers).
//!
//! Design: one portable SQL text per query, executed through the native sqlx driver of the
//! active backend. `Db` is an enum of the two pools; [`Sql`] carries the text with `$n`
//! placeholders (understood by both drivers) and its arguments. Rows decode into the same
//! `FromRow` models on both backends because every column uses a type both map alike
//! (BIGINT/INTEGER → i64, TEXT → String, DOUBLE/REAL → f64, BOOLEAN → bool, DATE → NaiveDate).

pub mod abdeckung;
pub mod abfragespeicher;
pub mod akteur;
pub mod aktuelles;
pub mod anliegen;
pub mod ansprechperson;
pub mod dienstleister;
pub mod dokument;
pub mod ereignis;
pub mod facette;
pub mod forum;
pub mod geheimnis;
pub mod generation;
pub mod infoverteiler;
pub mod karte;
pub mod kommune;
pub mod konto;
pub mod labor;
pub mod leistung;
pub mod lieferung;
pub mod linkpruefung;
pub mod loesung;
pub mod protokoll;
pub mod rechtstext;
pub mod roadmap;
pub mod rundschreiben;
pub mod speicherliste;
pub mod steckbrief;
pub mod tabelle;
pub mod themenfeld;
pub mod veranstaltung;
pub mod workshop;
pub mod zuordnung;
pub mod zustaendigkeit;

use sqlx::postgres::{PgPoolOptions, PgRow};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteRow};
use sqlx::{FromRow, PgPool, SqlitePool};
use std::str::FromStr;
use std::time::Duration;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("Datenbankfehler: {0}")]
    Sql(#[from] sqlx::Error),
    #[error("Migration fehlgeschlagen: {0}")]
    Migration(#[from] sqlx::migrate::MigrateError),
    #[error("Unbekannte Datenbank-URL „{0}“: erwartet sqlite:… oder postgres://…")]
    UnbekannteUrl(String),
    #[error("Interner Fehler: {0}")]
    Intern(String),
}

pub type StoreResult<T> = Result<T, StoreError>;

/// Why a write did not happen.
#[derive(Debug, thiserror::Error)]
pub enum SchreibFehler {
    #[error("{0} wurde nicht gefunden.")]
    NichtGefunden(String),
    /// Someone else saved first; the message says who and when.
    #[error("{0}")]
    Konflikt(String),
    /// The state of the record does not allow it (registration closed, already registered):
    /// 409, like a stale version.
    #[error("{0}")]
    Abgelehnt(String),
    /// Not theirs to change (someone else's post): 403.
    #[error("Das dürfen nur die Verfasserin oder der Verfasser.")]
    Verboten,
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<sqlx::Error> for SchreibFehler {
    fn from(e: sqlx::Error) -> Self {
        SchreibFehler::Store(StoreError::Sql(e))
    }
}

#[derive(Clone, Debug)]
pub enum Db {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

/// Which database a [`Db`] talks to: compared as a value, never as a display string.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub fn name(self) -> &'static str {
        match self {
            Backend::Sqlite => "SQLite",
            Backend::Postgres => "PostgreSQL",
        }
    }
}

impl std::fmt::Display for Backend {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// `$rumpf` once per backend, with `$pool` bound to that backend's pool (or transaction): each
/// arm is type-checked for its own driver, the text is written once.
macro_rules! je_backend {
    ($wert:expr, $typ:ident, $pool:ident => $rumpf:expr) => {
        match $wert {
            $typ::Sqlite($pool) => $rumpf,
            $typ::Postgres($pool) => $rumpf,
        }
    };
}

/// An argument bound to a placeholder.
#[derive(Clone, Debug, PartialEq)]
pub enum Arg {
    Text(String),
    OptText(Option<String>),
    Int(i64),
    OptInt(Option<i64>),
    OptBool(Option<bool>),
    OptFloat(Option<f64>),
    OptDate(Option<chrono::NaiveDate>),
    Bool(bool),
    /// File contents (BLOB on SQLite, BYTEA on PostgreSQL).
    Bytes(Vec<u8>),
}

impl From<&str> for Arg {
    fn from(s: &str) -> Self {
        Arg::Text(s.to_string())
    }
}
impl From<String> for Arg {
    fn from(s: String) -> Self {
        Arg::Text(s)
    }
}
impl From<Option<String>> for Arg {
    fn from(s: Option<String>) -> Self {
        Arg::OptText(s)
    }
}
impl From<i64> for Arg {
    fn from(i: i64) -> Self {
        Arg::Int(i)
    }
}
impl From<Option<i64>> for Arg {
    fn from(i: Option<i64>) -> Self {
        Arg::OptInt(i)
    }
}
impl From<bool> for Arg {
    fn from(b: bool) -> Self {
        Arg::Bool(b)
    }
}
impl From<Option<bool>> for Arg {
    fn from(b: Option<bool>) -> Self {
        Arg::OptBool(b)
    }
}
impl From<Option<f64>> for Arg {
    fn from(f: Option<f64>) -> Self {
        Arg::OptFloat(f)
    }
}
impl From<Vec<u8>> for Arg {
    fn from(b: Vec<u8>) -> Self {
        Arg::Bytes(b)
    }
}
impl From<Option<chrono::NaiveDate>> for Arg {
    fn from(d: Option<chrono::NaiveDate>) -> Self {
        Arg::OptDate(d)
    }
}

/// SQL text with numbered placeholders and their arguments.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Sql {
    pub text: String,
    pub args: Vec<Arg>,
}

impl Sql {
    pub fn new(text: &str) -> Self {
        Sql { text: text.to_string(), args: vec![] }
    }
    pub fn push(&mut self, text: &str) -> &mut Self {
        self.text.push_str(text);
        self
    }
    /// Appends a placeholder for `arg`.
    pub fn bind(&mut self, arg: impl Into<Arg>) -> &mut Self {
        self.args.push(arg.into());
        self.text.push('$');
        self.text.push_str(&self.args.len().to_string());
        self
    }
    /// Appends `$a, $b, …` for a list of values.
    pub fn bind_list<A: Into<Arg>>(&mut self, args: impl IntoIterator<Item = A>) -> &mut Self {
        for (i, a) in args.into_iter().enumerate() {
            if i > 0 {
                self.text.push_str(", ");
            }
            self.bind(a);
        }
        self
    }
    /// Multi-row `INSERT … VALUES (…), (…)` for rows of equal width.
    pub fn insert_rows(head: &str, rows: Vec<Vec<Arg>>, tail: &str) -> Sql {
        let mut sql = Sql::new(head);
        sql.push(" VALUES ");
        for (i, row) in rows.into_iter().enumerate() {
            if i > 0 {
                sql.push(", ");
            }
            sql.push("(");
            sql.bind_list(row);
            sql.push(")");
        }
        sql.push(" ");
        sql.push(tail);
        sql
    }
}

macro_rules! bind_all {
    ($q:expr, $args:expr) => {{
        let mut q = $q;
        for a in $args {
            q = match a {
                Arg::Text(v) => q.bind(v.clone()),
                Arg::OptText(v) => q.bind(v.clone()),
                Arg::Int(v) => q.bind(*v),
                Arg::OptInt(v) => q.bind(*v),
                Arg::OptBool(v) => q.bind(*v),
                Arg::OptFloat(v) => q.bind(*v),
                Arg::OptDate(v) => q.bind(*v),
                Arg::Bool(v) => q.bind(*v),
                Arg::Bytes(v) => q.bind(v.clone()),
            };
        }
        q
    }};
}

/// Rows that decode from both backends.
pub trait Zeile: Send + Unpin + for<'r> FromRow<'r, SqliteRow> + for<'r> FromRow<'r, PgRow> {}
impl<T> Zeile for T where T: Send + Unpin + for<'r> FromRow<'r, SqliteRow> + for<'r> FromRow<'r, PgRow> {}

/// Requests of this process waiting for a connection of a pool right now (for `/metrics`: a
/// pool too small for the load shows here before requests time out).
static WARTEND: std::sync::atomic::AtomicI64 = std::sync::atomic::AtomicI64::new(0);

pub fn warten_auf_verbindung() -> i64 {
    WARTEND.load(std::sync::atomic::Ordering::Relaxed)
}

/// Counts the caller as waiting while `f` (taking a connection from the pool) runs – also when
/// the caller gives up midway (the guard counts down on drop).
async fn warten<F: std::future::Future>(f: F) -> F::Output {
    struct Wartet;
    impl Drop for Wartet {
        fn drop(&mut self) {
            WARTEND.fetch_sub(1, std::sync::atomic::Ordering::Relaxed);
        }
    }
    WARTEND.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let _w = Wartet;
    f.await
}

/// How long a starting process waits for another one holding the SQLite file (its import
/// takes seconds; a slow disk more).
pub const SQLITE_GEDULD: Duration = Duration::from_secs(120);

/// SQLITE_BUSY (5) or SQLITE_LOCKED (6), with their extended codes: another connection holds
/// the lock and trying again later can succeed.
pub fn sqlite_besetzt(e: &sqlx::Error) -> bool {
    match e {
        sqlx::Error::Database(d) => {
            d.code().and_then(|c| c.parse::<i32>().ok()).is_some_and(|c| matches!(c & 0xff, 5 | 6))
        }
        _ => false,
    }
}

/// Runs `f` again every 250 ms while SQLite answers "busy", for at most [`SQLITE_GEDULD`].
async fn bei_sqlite_besetzt_erneut<T, F, Fut>(mut f: F) -> Result<T, sqlx::Error>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Result<T, sqlx::Error>>,
{
    let start = std::time::Instant::now();
    loop {
        match f().await {
            Err(e) if sqlite_besetzt(&e) && start.elapsed() < SQLITE_GEDULD => {
                tokio::time::sleep(Duration::from_millis(250)).await;
            }
            r => return r,
        }
    }
}

fn migrator_fuer(postgres: bool) -> sqlx::migrate::Migrator {
    if postgres { sqlx::migrate!("../migrations/postgres") } else { sqlx::migrate!("../migrations/sqlite") }
}

/// The newest migration this program brings for a backend (e.g. to refuse a backup of a newer
/// program before touching any database).
pub fn schema_des_programms(postgres: bool) -> i64 {
    migrator_fuer(postgres).iter().map(|m| m.version).max().unwrap_or(0)
}

impl Db {
    /// Opens `sqlite:path` (file created when absent) or `postgres://…`.
    pub async fn verbinden(url: &str) -> StoreResult<Db> {
        if url.starts_with("sqlite:") {
            let opts = SqliteConnectOptions::from_str(url)?
                .create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                .foreign_keys(true)
                .busy_timeout(Duration::from_secs(5))
                // Readers share the file through the OS page cache instead of each of the 8
                // connections warming its own 2 MB cache (facet counts over 200,000 usage rows).
                .pragma("mmap_size", "268435456")
                .pragma("cache_size", "-16000");
            // A new file switched to WAL by two processes at the same moment: the loser gets
            // SQLITE_BUSY without the busy handler being asked, so it tries again.
            let pool =
                bei_sqlite_besetzt_erneut(|| SqlitePoolOptions::new().max_connections(8).connect_with(opts.clone()))
                    .await?;
            Ok(Db::Sqlite(pool))
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            let pool =
                PgPoolOptions::new().max_connections(16).acquire_timeout(Duration::from_secs(10)).connect(url).await?;
            Ok(Db::Postgres(pool))
        } else {
            Err(StoreError::UnbekannteUrl(url.to_string()))
        }
    }

    fn migrator(&self) -> sqlx::migrate::Migrator {
        migrator_fuer(self.backend() == Backend::Postgres)
    }

    /// Applies the migrations this program brings. On PostgreSQL sqlx holds an advisory lock
    /// meanwhile, so two app servers starting together migrate once.
    pub async fn migrieren(&self) -> StoreResult<()> {
        match self {
            Db::Sqlite(p) => {
                // sqlx takes no lock on SQLite: a second process (a CLI command while the server
                // starts) would run the same migration and fail on "table already exists". The
                // write lock of one IMMEDIATE transaction around all migrations (each one a
                // savepoint inside) makes the second wait and then find them applied – for as
                // long as the other holds the lock (its import takes seconds).
                let mut tx = bei_sqlite_besetzt_erneut(|| p.begin_with("BEGIN IMMEDIATE")).await?;
                self.migrator().run_direct(&mut *tx).await?;
                tx.commit().await?;
            }
            Db::Postgres(p) => self.migrator().run(p).await?,
        }
        Ok(())
    }

    /// The newest schema version this program knows (its newest migration).
    pub fn schema_programm(&self) -> i64 {
        schema_des_programms(self.backend() == Backend::Postgres)
    }

    /// The schema versions applied in this database, ascending (empty for a new database).
    pub async fn schema_angewendet(&self) -> StoreResult<Vec<i64>> {
        let tabelle = match self {
            Db::Sqlite(_) => "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = '_sqlx_migrations'",
            Db::Postgres(_) => {
                "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = '_sqlx_migrations'"
            }
        };
        if self.zahl(&Sql::new(tabelle)).await? == 0 {
            return Ok(Vec::new());
        }
        let sql = Sql::new("SELECT version FROM _sqlx_migrations WHERE success ORDER BY version");
        Ok(self.alle::<(i64,)>(&sql).await?.into_iter().map(|(v,)| v).collect())
    }

    /// Whether every migration of this program is applied (what `/bereit` asks).
    pub async fn schema_aktuell(&self) -> StoreResult<bool> {
        let angewendet = self.schema_angewendet().await?;
        Ok(self.migrator().iter().all(|m| angewendet.contains(&m.version)))
    }

    /// Connections of the pool: open, idle, at most (for `/metrics`).
    pub fn pool_zustand(&self) -> (u32, usize, u32) {
        je_backend!(self, Db, p => (p.size(), p.num_idle(), p.options().get_max_connections()))
    }

    pub fn backend(&self) -> Backend {
        match self {
            Db::Sqlite(_) => Backend::Sqlite,
            Db::Postgres(_) => Backend::Postgres,
        }
    }

    pub async fn alle<T: Zeile>(&self, sql: &Sql) -> StoreResult<Vec<T>> {
        Ok(je_backend!(self, Db, p => {
            bind_all!(sqlx::query_as::<_, T>(&sql.text), &sql.args).fetch_all(&mut *warten(p.acquire()).await?).await?
        }))
    }

    pub async fn eine<T: Zeile>(&self, sql: &Sql) -> StoreResult<Option<T>> {
        Ok(je_backend!(self, Db, p => {
            bind_all!(sqlx::query_as::<_, T>(&sql.text), &sql.args).fetch_optional(&mut *warten(p.acquire()).await?).await?
        }))
    }

    pub async fn zahl(&self, sql: &Sql) -> StoreResult<i64> {
        Ok(je_backend!(self, Db, p => {
            bind_all!(sqlx::query_scalar::<_, i64>(&sql.text), &sql.args).fetch_one(&mut *warten(p.acquire()).await?).await?
        }))
    }

    pub async fn text(&self, sql: &Sql) -> StoreResult<Option<String>> {
        Ok(je_backend!(self, Db, p => {
            bind_all!(sqlx::query_scalar::<_, String>(&sql.text), &sql.args).fetch_optional(&mut *warten(p.acquire()).await?).await?
        }))
    }

    /// Rows one by one through a bounded channel, for a response that streams them: the server
    /// holds at most `puffer` rows of it, and a reader that stops reading for [`GEDULD`] ends
    /// the query, so its connection returns to the pool.
    pub fn strom<T: Zeile + 'static>(&self, sql: Sql, puffer: usize) -> tokio::sync::mpsc::Receiver<StoreResult<T>> {
        let (tx, rx) = tokio::sync::mpsc::channel(puffer.max(1));
        let db = self.clone();
        tokio::spawn(async move {
            use futures::StreamExt;
            macro_rules! weiterreichen {
                ($zeilen:expr) => {{
                    let mut zeilen = $zeilen;
                    while let Some(z) = zeilen.next().await {
                        if tx.send_timeout(z.map_err(StoreError::from), GEDULD).await.is_err() {
                            break;
                        }
                    }
                }};
            }
            je_backend!(&db, Db, p => weiterreichen!(bind_all!(sqlx::query_as::<_, T>(&sql.text), &sql.args).fetch(p)))
        });
        rx
    }

    /// Runs the statements in one transaction: all of them take effect, or none.
    pub async fn transaktion(&self, statements: &[Sql]) -> StoreResult<u64> {
        let mut tx = self.beginnen().await?;
        let mut betroffen = 0;
        for s in statements {
            betroffen += tx.ausfuehren(s).await?;
        }
        tx.commit().await?;
        Ok(betroffen)
    }

    /// Opens a transaction; dropping it without [`Tx::commit`] rolls everything back.
    pub async fn beginnen(&self) -> StoreResult<Tx> {
        Ok(match self {
            Db::Sqlite(p) => Tx::Sqlite(warten(p.begin()).await?),
            Db::Postgres(p) => Tx::Postgres(warten(p.begin()).await?),
        })
    }

    pub async fn schliessen(&self) {
        je_backend!(self, Db, p => p.close().await)
    }
}

/// How long a streamed query waits for its reader before it gives up.
pub const GEDULD: Duration = Duration::from_secs(30);

/// An open transaction on either backend.
pub enum Tx {
    Sqlite(sqlx::Transaction<'static, sqlx::Sqlite>),
    Postgres(sqlx::Transaction<'static, sqlx::Postgres>),
}

impl Tx {
    /// Executes a statement and returns the number of rows it touched.
    pub async fn ausfuehren(&mut self, sql: &Sql) -> StoreResult<u64> {
        Ok(je_backend!(self, Tx, tx => {
            bind_all!(sqlx::query(&sql.text), &sql.args).execute(&mut **tx).await?.rows_affected()
        }))
    }

    /// One integer, e.g. the id from `INSERT … RETURNING id`.
    pub async fn zahl(&mut self, sql: &Sql) -> StoreResult<i64> {
        Ok(je_backend!(self, Tx, tx => {
            bind_all!(sqlx::query_scalar::<_, i64>(&sql.text), &sql.args).fetch_one(&mut **tx).await?
        }))
    }

    pub async fn alle<T: Zeile>(&mut self, sql: &Sql) -> StoreResult<Vec<T>> {
        Ok(je_backend!(self, Tx, tx => {
            bind_all!(sqlx::query_as::<_, T>(&sql.text), &sql.args).fetch_all(&mut **tx).await?
        }))
    }

    pub async fn eine<T: Zeile>(&mut self, sql: &Sql) -> StoreResult<Option<T>> {
        Ok(je_backend!(self, Tx, tx => {
            bind_all!(sqlx::query_as::<_, T>(&sql.text), &sql.args).fetch_optional(&mut **tx).await?
        }))
    }

    pub async fn commit(self) -> StoreResult<()> {
        je_backend!(self, Tx, tx => tx.commit().await?);
        Ok(())
    }
}

/// Now, in milliseconds since 1970 (UTC): the unit of every time column.
pub fn jetzt_ms() -> i64 {
    chrono::Utc::now().timestamp_millis()
}

// The server-function boundary's view of a failed query: here, beside the error, so that the
// boundary type in `error.rs` does not depend on the data layer.
impl From<StoreError> for crate::error::AppError {
    fn from(e: StoreError) -> Self {
        // A rule of the data refused the input: the client's error (4xx), not the server's.
        if let Some(fehler) = eingabe_verletzt_regel(&e) {
            tracing::warn!(error = %e, "Eingabe von der Datenbank abgewiesen");
            return fehler;
        }
        // The details go to the log, never to the browser.
        tracing::error!(error = %e, "Datenbankzugriff fehlgeschlagen");
        crate::error::AppError::Datenbank
    }
}

/// A refused or failed write, as the user sees it.
impl From<SchreibFehler> for crate::error::AppError {
    fn from(e: SchreibFehler) -> Self {
        use crate::error::AppError;
        match e {
            SchreibFehler::NichtGefunden(was) => AppError::NichtGefunden(format!("{was} wurde nicht gefunden.")),
            SchreibFehler::Konflikt(m) => AppError::Konflikt(m),
            SchreibFehler::Abgelehnt(m) => AppError::Konflikt(m),
            SchreibFehler::Verboten => AppError::KeineBerechtigung,
            SchreibFehler::Store(s) => s.into(),
        }
    }
}

/// Constraint violations and data exceptions caused by the input (a Kommune that does not
/// exist, a number out of range), as German messages with a 4xx status.
fn eingabe_verletzt_regel(e: &StoreError) -> Option<crate::error::AppError> {
    use sqlx::error::ErrorKind as K;
    let StoreError::Sql(sqlx::Error::Database(d)) = e else { return None };
    Some(match d.kind() {
        K::ForeignKeyViolation => crate::error::AppError::NichtGefunden(
            "Ein Datensatz, auf den sich die Eingabe bezieht (z. B. Kommune, Online-Dienst oder Leistung), wurde nicht \
             gefunden."
                .into(),
        ),
        K::UniqueViolation => crate::error::AppError::Konflikt("Diesen Eintrag gibt es bereits.".into()),
        K::CheckViolation | K::NotNullViolation => crate::error::AppError::Ungueltig(
            "Die Eingabe verletzt eine Regel der Daten (ein Wert fehlt oder liegt außerhalb des Erlaubten).".into(),
        ),
        // PostgreSQL's class 22 "data exception": out of range, invalid text representation …
        _ if d.code().is_some_and(|c| c.starts_with("22")) => {
            crate::error::AppError::Ungueltig("Ein Wert hat ein ungültiges Format oder ist zu groß.".into())
        }
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_query_without_a_free_connection_counts_as_waiting() {
        let pool = SqlitePoolOptions::new().max_connections(1).connect("sqlite::memory:").await.unwrap();
        let db = Db::Sqlite(pool.clone());
        let besetzt = pool.acquire().await.unwrap();
        let anfrage = tokio::spawn(async move { db.zahl(&Sql::new("SELECT 7")).await });
        tokio::time::sleep(Duration::from_millis(100)).await;
        // Other tests of this binary may wait too; this one surely does.
        assert!(warten_auf_verbindung() >= 1);
        assert!(!anfrage.is_finished());
        drop(besetzt);
        assert_eq!(anfrage.await.unwrap().unwrap(), 7);
    }

    #[test]
    fn placeholders_are_numbered_in_order() {
        let mut s = Sql::new("SELECT 1 WHERE a = ");
        s.bind("x").push(" AND b IN (").bind_list([1i64, 2, 3]).push(")");
        assert_eq!(s.text, "SELECT 1 WHERE a = $1 AND b IN ($2, $3, $4)");
        assert_eq!(s.args.len(), 4);
    }

    #[test]
    fn insert_rows_builds_one_statement() {
        let s = Sql::insert_rows(
            "INSERT INTO t (a, b)",
            vec![vec![Arg::Int(1), "x".into()], vec![Arg::Int(2), "y".into()]],
            "ON CONFLICT DO NOTHING",
        );
        assert_eq!(s.text, "INSERT INTO t (a, b) VALUES ($1, $2), ($3, $4) ON CONFLICT DO NOTHING");
    }
}
