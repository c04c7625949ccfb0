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

/// The real router with the shipped data on a loopback port; returns its base URL.
pub async fn starten(db: Db) -> String {
    starten_mit(db, server::sicherheit::Sicherheit::default()).await
}

pub async fn starten_mit(db: Db, sicherheit: server::sicherheit::Sicherheit) -> String {
    mit_daten(&db).await;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let app = server::router::router(db, server::config::leptos_options(addr, "target/site"), sicherheit)
        .into_make_service_with_connect_info::<std::net::SocketAddr>();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    format!("http://{addr}")
}
