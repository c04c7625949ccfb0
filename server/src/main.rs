//! `ozg-atlas`: serve the portal, migrate, import.

use app::store::Db;
use clap::{Parser, Subcommand};
use server::config::{STANDARD_DATENBANK, leptos_options, sqlite_verzeichnis_anlegen};
use std::net::SocketAddr;
use std::process::ExitCode;

#[derive(Parser)]
#[command(name = "ozg-atlas", about = "OZG-Atlas NRW – Portal zur kommunalen OZG-Umsetzung")]
struct Cli {
    /// sqlite:pfad (Standard, Datei wird angelegt) oder postgres://…
    #[arg(long, env = "DATABASE_URL", default_value = STANDARD_DATENBANK, global = true)]
    database_url: String,
    #[command(subcommand)]
    befehl: Option<Befehl>,
}

#[derive(Subcommand)]
enum Befehl {
    /// Datenbank migrieren, Daten importieren (falls neu) und das Portal ausliefern.
    Serve {
        #[arg(long, env = "OZG_ADDR", default_value = "127.0.0.1:3000")]
        addr: SocketAddr,
        /// Verzeichnis mit pkg/ (WASM, JS, CSS), von cargo-leptos erzeugt.
        #[arg(long, env = "LEPTOS_SITE_ROOT", default_value = "target/site")]
        site_root: String,
        /// Öffentliche Adresse, z. B. https://ozg-atlas.nrw.de (https: Cookies mit Secure, HSTS).
        #[arg(long, env = "OZG_OEFFENTLICHE_URL")]
        oeffentliche_url: Option<String>,
        /// Hinter einem vertrauenswürdigen Proxy/Load-Balancer: X-Forwarded-For/-Proto/-Host gelten.
        #[arg(long, env = "OZG_HINTER_PROXY")]
        hinter_proxy: bool,
    },
    /// Benutzerkonten verwalten.
    Benutzer {
        #[command(subcommand)]
        befehl: BenutzerBefehl,
    },
    /// Nur die Migrationen anwenden.
    Migrate,
    /// Benchmark der Live-Aktualisierung gegen einen laufenden Server (`make bench`).
    #[command(hide = true)]
    LiveMessung { basis: String, pid: u32, clients: usize, speichern: usize },
    /// Stresslauf für `make bench`: Anmelde-, Export- und Live-Flut, dabei Speichern und Katalogseite.
    #[command(hide = true)]
    StressMessung { basis: String, pid: u32 },
    /// Erzeugt Last für `make bench` (nur in Wegwerf-Datenbanken): Dienste und Nutzungszeilen.
    #[command(hide = true)]
    BenchDaten { dienste: usize, zeilen: usize },
    /// Migrationen anwenden und die mitgelieferten Daten importieren (idempotent).
    Import {
        /// Auch importieren, wenn der Datenstand unverändert ist.
        #[arg(long)]
        erzwingen: bool,
    },
}

#[derive(Subcommand)]
enum BenutzerBefehl {
    /// Konto anlegen; das Passwort kommt aus OZG_PASSWORT, der Eingabe oder einer Zeile auf stdin.
    Anlegen {
        #[arg(long)]
        email: String,
        /// kommune, koordination oder admin
        #[arg(long)]
        rolle: String,
        /// Gemeindeschlüssel (AGS) bei der Rolle kommune, z. B. 05554004
        #[arg(long)]
        kommune: Option<String>,
        #[arg(long)]
        name: Option<String>,
    },
    /// Passwort neu setzen (beendet alle Sitzungen des Kontos).
    Passwort {
        #[arg(long)]
        email: String,
    },
    /// Alle Konten auflisten.
    Liste,
    /// Konto sperren (beendet alle Sitzungen).
    Sperren {
        #[arg(long)]
        email: String,
    },
    /// Gesperrtes Konto wieder freigeben.
    Entsperren {
        #[arg(long)]
        email: String,
    },
    /// Aktive Anmeldesperren (nach Fehlversuchen) auflisten.
    Anmeldesperren,
    /// Anmeldesperren aufheben: alle eines Kontos (--email) oder eines Netzes (--adresse; IPv6 als /64).
    SperreAufheben {
        #[arg(long, required_unless_present = "adresse")]
        email: Option<String>,
        #[arg(long)]
        adresse: Option<String>,
    },
}

async fn benutzer(db: &Db, befehl: BenutzerBefehl) -> Result<(), String> {
    use server::konten;
    match befehl {
        BenutzerBefehl::Anlegen { email, rolle, kommune, name } => {
            konten::anlegen(db, &email, &rolle, kommune, name, konten::NeuesPasswortQuelle::Lesen).await
        }
        BenutzerBefehl::Passwort { email } => konten::passwort(db, &email).await,
        BenutzerBefehl::Liste => konten::liste(db).await,
        BenutzerBefehl::Sperren { email } => konten::aktiv_setzen(db, &email, false).await,
        BenutzerBefehl::Entsperren { email } => konten::aktiv_setzen(db, &email, true).await,
        BenutzerBefehl::Anmeldesperren => konten::sperren(db).await,
        BenutzerBefehl::SperreAufheben { email, adresse } => {
            konten::sperre_aufheben(db, email.or(adresse).unwrap_or_default()).await
        }
    }
}

async fn verbinden(url: &str) -> Result<Db, String> {
    sqlite_verzeichnis_anlegen(url).map_err(|e| format!("Verzeichnis für die Datenbank nicht anlegbar: {e}"))?;
    let db = Db::verbinden(url).await.map_err(|e| e.to_string())?;
    db.migrieren().await.map_err(|e| e.to_string())?;
    Ok(db)
}

async fn importieren(db: &Db, erzwingen: bool) -> Result<(), String> {
    let start = std::time::Instant::now();
    match server::import::importieren(db, erzwingen).await.map_err(|e| e.to_string())? {
        Some(b) => tracing::info!(?b, ms = start.elapsed().as_millis() as u64, "Daten importiert"),
        None => tracing::info!("Datenstand unverändert, Import übersprungen"),
    }
    Ok(())
}

async fn ausfuehren(cli: Cli) -> Result<(), String> {
    if let Some(Befehl::StressMessung { basis, pid }) = &cli.befehl {
        let zeile = server::stress_messung::messen(basis, *pid).await.map_err(|e| e.to_string())?;
        println!("{zeile}");
        return Ok(());
    }
    if let Some(Befehl::LiveMessung { basis, pid, clients, speichern }) = &cli.befehl {
        let zeile = server::live_messung::messen(basis, *pid, *clients, *speichern).await.map_err(|e| e.to_string())?;
        println!("{zeile}");
        return Ok(());
    }
    let db = verbinden(&cli.database_url).await?;
    tracing::info!(backend = db.backend(), "Datenbank bereit");
    match cli.befehl.unwrap_or(Befehl::Serve {
        addr: "127.0.0.1:3000".parse().map_err(|_| "Adresse")?,
        site_root: "target/site".into(),
        oeffentliche_url: None,
        hinter_proxy: false,
    }) {
        Befehl::Migrate | Befehl::LiveMessung { .. } | Befehl::StressMessung { .. } => Ok(()),
        Befehl::BenchDaten { dienste, zeilen } => {
            importieren(&db, false).await?;
            println!("{}", server::bench_daten::erzeugen(&db, dienste, zeilen).await?);
            Ok(())
        }
        Befehl::Import { erzwingen } => importieren(&db, erzwingen).await,
        Befehl::Benutzer { befehl } => {
            // Accounts of the role Kommune refer to Kommunen: the catalog must be there.
            importieren(&db, false).await?;
            benutzer(&db, befehl).await
        }
        Befehl::Serve { addr, site_root, oeffentliche_url, hinter_proxy } => {
            importieren(&db, false).await?;
            server::konten::erster_admin_aus_umgebung(&db).await?;
            let sicherheit = server::sicherheit::Sicherheit::aus_url(oeffentliche_url.as_deref(), hinter_proxy);
            let grenzen = server::last::Lastgrenzen::aus_umgebung();
            tracing::info!(?grenzen, "Lastgrenzen");
            let app = server::router::router(db.clone(), leptos_options(addr, &site_root), sicherheit, grenzen)
                .into_make_service_with_connect_info::<SocketAddr>();
            use axum::serve::ListenerExt;
            // No Nagle delay: a response's last small segment would otherwise wait up to 40 ms
            // for the client's delayed ACK on kept-alive connections (measured: p99 45 ms).
            let listener = tokio::net::TcpListener::bind(addr)
                .await
                .map_err(|e| format!("Adresse {addr} nicht verfügbar: {e}"))?
                .tap_io(|tcp| {
                    let _ = tcp.set_nodelay(true);
                });
            tracing::info!("OZG-Atlas NRW läuft auf http://{addr}");
            axum::serve(listener, app)
                .with_graceful_shutdown(async {
                    let _ = tokio::signal::ctrl_c().await;
                })
                .await
                .map_err(|e| e.to_string())?;
            db.schliessen().await;
            Ok(())
        }
    }
}

fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info,sqlx=warn".into()),
        )
        .init();
    // Server-side rendering recurses through the view tree; give workers room in debug builds too.
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().thread_stack_size(8 << 20).build() {
        Ok(r) => r,
        Err(e) => {
            eprintln!("Fehler: Laufzeitumgebung nicht startbar: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(ausfuehren(Cli::parse())) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("Fehler: {e}");
            ExitCode::FAILURE
        }
    }
}
