//! Shared helpers: every test runs once on a fresh SQLite and once on a fresh PostgreSQL
//! database (`#[sqlx::test]` creates and drops it; PostgreSQL comes from DATABASE_URL).

#![allow(dead_code)]

use app::store::Db;

/// `beide_datenbanken!(name)` turns `async fn name(db: Db)` into two tests, `name::sqlite` and
/// `name::postgres`, each on its own freshly migrated database.
#[macro_export]
macro_rules! beide_datenbanken {
    ($($name:ident),* $(,)?) => {$(
        mod $name {
            #[sqlx::test(migrations = "../migrations/sqlite")]
            async fn sqlite(pool: sqlx::SqlitePool) {
                super::$name(app::store::Db::Sqlite(pool)).await
            }
            #[sqlx::test(migrations = "../migrations/postgres")]
            async fn postgres(pool: sqlx::PgPool) {
                super::$name(app::store::Db::Postgres(pool)).await
            }
        }
    )*};
}

pub async fn mit_daten(db: &Db) {
    server::import::importieren(db, false).await.expect("Import der mitgelieferten Daten");
}
