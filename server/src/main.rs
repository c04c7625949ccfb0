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
    Serve(ServeArgs),
    /// Die wirksame Konfiguration von `serve` prüfen und ohne Geheimnisse ausgeben.
    Konfiguration(ServeArgs),
    /// Ein frisch gebautes Site-Verzeichnis diesem Programm zuordnen (nach jedem Build).
    SiteStempeln {
        #[arg(long, env = "LEPTOS_SITE_ROOT")]
        site_root: String,
    },
    /// Benutzerkonten verwalten.
    Benutzer {
        #[command(subcommand)]
        befehl: BenutzerBefehl,
    },
    /// Nur die Migrationen anwenden.
    Migrate,
    /// Datensicherung der Datenbank (DATABASE_URL): erstellen, prüfen, einspielen.
    Sicherung {
        #[command(subcommand)]
        befehl: SicherungBefehl,
    },
    /// Benchmark der Live-Aktualisierung gegen einen laufenden Server (`make bench`).
    #[command(hide = true)]
    LiveMessung { basis: String, pid: u32, clients: usize, speichern: usize },
    /// Benchmark des Workshop-Modus gegen laufende Server auf einer Datenbank (`make bench`).
    #[command(hide = true)]
    WorkshopMessung { teilnehmende: usize, runden: usize, basen: Vec<String> },
    /// Stresslauf für `make bench`: Anmelde-, Export- und Live-Flut, dabei Speichern und Katalogseite.
    #[command(hide = true)]
    StressMessung { basis: String, pid: u32 },
    /// Erzeugt Last für `make bench` (nur in Wegwerf-Datenbanken): Dienste und Nutzungszeilen.
    #[command(hide = true)]
    BenchDaten { dienste: usize, zeilen: usize },
    /// Alle fälligen Adressen (Online-Dienste, gelieferte Seiten) einmal prüfen – wie der
    /// Hintergrunddienst mit OZG_LINKPRUEFUNG_TAKT_S, etwa für einen Cron-Job.
    LinksPruefen {
        /// Alle Adressen prüfen, auch die noch nicht fälligen.
        #[arg(long)]
        alle: bool,
        /// Nur diese eine Adresse prüfen (für Tests).
        #[arg(long, hide = true)]
        adresse: Option<String>,
        /// Auch Adressen im eigenen Netz (nur für Tests gegen einen lokalen Server).
        #[arg(long, hide = true)]
        lokal_erlauben: bool,
    },
    /// Migrationen anwenden und die mitgelieferten Daten importieren (idempotent).
    Import {
        /// Auch importieren, wenn der Datenstand unverändert ist.
        #[arg(long)]
        erzwingen: bool,
    },
}

#[derive(clap::Args, Clone)]
struct ServeArgs {
    #[arg(long, env = "OZG_ADDR", default_value = "127.0.0.1:3000")]
    addr: SocketAddr,
    /// Verzeichnis mit pkg/ (WASM, JS, CSS), von cargo-leptos erzeugt.
    #[arg(long, env = "LEPTOS_SITE_ROOT", default_value = "target/site")]
    site_root: String,
    /// Öffentliche Adresse, z. B. https://ozg-atlas.nrw.de (https: Cookies mit Secure, HSTS).
    #[arg(long, env = "OZG_OEFFENTLICHE_URL")]
    oeffentliche_url: Option<String>,
    /// Hinter einem vertrauenswürdigen Proxy/Load-Balancer: X-Forwarded-For/-Proto/-Host gelten.
    #[arg(long, env = "OZG_HINTER_PROXY", value_parser = clap::builder::BoolishValueParser::new())]
    hinter_proxy: bool,
}

impl ServeArgs {
    fn eingabe(self, database_url: &str) -> server::config::Starteingabe {
        server::config::Starteingabe {
            database_url: database_url.to_string(),
            addr: self.addr,
            site_root: self.site_root,
            oeffentliche_url: self.oeffentliche_url,
            hinter_proxy: self.hinter_proxy,
        }
    }
}

#[derive(Subcommand)]
enum SicherungBefehl {
    /// Sicherung erstellen, während das Portal weiterläuft (eine Datei mit Manifest und Prüfsummen).
    Erstellen {
        /// Zieldatei, z. B. ozg-atlas.sicherung
        #[arg(long, required_unless_present = "verzeichnis", conflicts_with = "verzeichnis")]
        datei: Option<std::path::PathBuf>,
        /// Verzeichnis: ozg-atlas-<Zeit>.sicherung, ältere über --behalten hinaus werden gelöscht.
        #[arg(long)]
        verzeichnis: Option<std::path::PathBuf>,
        #[arg(long, default_value_t = 14)]
        behalten: usize,
        /// Danach in eine Wegwerf-Datenbank einspielen und mit dem Manifest vergleichen.
        #[arg(long)]
        pruefen: bool,
    },
    /// Sicherung in eine Wegwerf-Datenbank einspielen und Tabelle für Tabelle vergleichen.
    Pruefen { datei: std::path::PathBuf },
    /// Sicherung in die leere Datenbank DATABASE_URL einspielen (der nächste Start migriert).
    Einspielen { datei: std::path::PathBuf },
}

async fn sicherung(url: &str, befehl: SicherungBefehl) -> Result<(), String> {
    use server::betrieb::sicherung as s;
    let bericht = match befehl {
        SicherungBefehl::Erstellen { datei, verzeichnis, behalten, pruefen } => {
            let ziel = match (datei, verzeichnis) {
                (Some(d), _) => {
                    s::erstellen(url, &d).await.map_err(|e| e.to_string())?;
                    d
                }
                (None, Some(v)) => s::erstellen_im_verzeichnis(url, &v, behalten).await.map_err(|e| e.to_string())?,
                (None, None) => return Err("--datei oder --verzeichnis angeben.".into()),
            };
            let m = s::manifest_lesen(&ziel).map_err(|e| e.to_string())?;
            let zeilen: i64 = m.tabellen.iter().map(|t| t.zeilen).sum();
            println!(
                "Sicherung {}: {}, Schema {}, {} Tabellen, {zeilen} Zeilen",
                ziel.display(),
                m.backend,
                m.schema,
                m.tabellen.len()
            );
            if !pruefen {
                return Ok(());
            }
            s::pruefen(&ziel, url).await
        }
        SicherungBefehl::Pruefen { datei } => s::pruefen(&datei, url).await,
        SicherungBefehl::Einspielen { datei } => s::einspielen(&datei, url).await,
    };
    let bericht = bericht.map_err(|e| e.to_string())?;
    print!("{bericht}");
    println!("Alle Tabellen gleich.");
    Ok(())
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
    server::config::datenbank_pruefen(url).map_err(|e| e.to_string())?;
    sqlite_verzeichnis_anlegen(url).map_err(|e| format!("Verzeichnis für die Datenbank nicht anlegbar: {e}"))?;
    let nicht_erreichbar = |e: app::store::StoreError| {
        let url = server::config::ohne_passwort(url).0;
        server::config::KonfigFehler::DatenbankNichtErreichbar { url, grund: grund(&e) }.to_string()
    };
    if !url.starts_with("sqlite:") {
        // One attempt first: its error names the cause (refused, password, no such database),
        // where the pool would retry for seconds and report only a timeout.
        use sqlx::Connection;
        let c = sqlx::PgConnection::connect(url).await.map_err(|e| nicht_erreichbar(e.into()))?;
        let _ = c.close().await;
    }
    let db = Db::verbinden(url).await.map_err(nicht_erreichbar)?;
    db.migrieren().await.map_err(|e| e.to_string())?;
    tracing::info!(backend = db.backend().name(), "Datenbank bereit");
    Ok(db)
}

async fn importieren(db: &Db, erzwingen: bool) -> Result<(), String> {
    let start = std::time::Instant::now();
    match server::import::importieren(db, erzwingen).await.map_err(|e| e.to_string())? {
        Some(b) => {
            tracing::info!(?b, ms = u64::try_from(start.elapsed().as_millis()).unwrap_or(u64::MAX), "Daten importiert")
        }
        None => tracing::info!("Datenstand unverändert, Import übersprungen"),
    }
    Ok(())
}

/// The driver's reason without its type names (e.g. "Connection refused (os error 111)").
fn grund(e: &app::store::StoreError) -> String {
    match e {
        app::store::StoreError::Sql(sqlx::Error::Io(io)) => io.to_string(),
        app::store::StoreError::Sql(sqlx::Error::Database(d)) => d.message().to_string(),
        app::store::StoreError::Sql(sqlx::Error::PoolTimedOut) => "keine Antwort".into(),
        anders => anders.to_string(),
    }
}

fn konfiguration(a: ServeArgs, url: &str) -> Result<server::config::Konfiguration, String> {
    server::config::Konfiguration::pruefen(a.eingabe(url), &server::config::umgebung).map_err(|e| e.to_string())
}

async fn ausfuehren(cli: Cli) -> Result<(), String> {
    let url = cli.database_url;
    let standard = || {
        Befehl::Serve(ServeArgs {
            addr: SocketAddr::from(([127, 0, 0, 1], 3000)),
            site_root: "target/site".into(),
            oeffentliche_url: None,
            hinter_proxy: false,
        })
    };
    match cli.befehl.unwrap_or_else(standard) {
        // Checked before the database is touched: a wrong setting costs nothing.
        Befehl::Konfiguration(a) => {
            print!("{}", konfiguration(a, &url)?.anzeigen());
            Ok(())
        }
        Befehl::Serve(a) => {
            let k = konfiguration(a, &url)?;
            dienen(verbinden(&url).await?, k).await
        }
        Befehl::StressMessung { basis, pid } => {
            println!("{}", server::stress_messung::messen(&basis, pid).await.map_err(|e| e.to_string())?);
            Ok(())
        }
        Befehl::WorkshopMessung { teilnehmende, runden, basen } => {
            let zeile =
                server::workshop_messung::messen(&basen, teilnehmende, runden).await.map_err(|e| e.to_string())?;
            println!("{zeile}");
            Ok(())
        }
        Befehl::LiveMessung { basis, pid, clients, speichern } => {
            let zeile =
                server::live_messung::messen(&basis, pid, clients, speichern).await.map_err(|e| e.to_string())?;
            println!("{zeile}");
            Ok(())
        }
        Befehl::SiteStempeln { site_root } => {
            server::betrieb::stempel::stempeln(&site_root).map_err(|e| format!("{site_root}: {e}"))?;
            println!("{site_root} gehört zu diesem Build ({}).", &server::betrieb::stempel::eigene_kennung()[..16]);
            Ok(())
        }
        // Before `verbinden`, which would migrate: a backup is restored into an empty database.
        Befehl::Sicherung { befehl } => sicherung(&url, befehl).await,
        Befehl::Migrate => verbinden(&url).await.map(|_| ()),
        Befehl::BenchDaten { dienste, zeilen } => {
            let db = verbinden(&url).await?;
            importieren(&db, false).await?;
            println!("{}", server::bench_daten::erzeugen(&db, dienste, zeilen).await?);
            Ok(())
        }
        Befehl::Import { erzwingen } => importieren(&verbinden(&url).await?, erzwingen).await,
        Befehl::LinksPruefen { alle, adresse, lokal_erlauben } => {
            links_pruefen(&verbinden(&url).await?, alle, adresse, lokal_erlauben).await
        }
        Befehl::Benutzer { befehl } => {
            let db = verbinden(&url).await?;
            // Accounts of the role Kommune refer to Kommunen: the catalog must be there.
            importieren(&db, false).await?;
            benutzer(&db, befehl).await
        }
    }
}

/// `links-pruefen`: one pass over the due addresses (with `--alle`: over every address; with
/// `--adresse`: that one only).
async fn links_pruefen(db: &Db, alle: bool, adresse: Option<String>, lokal: bool) -> Result<(), String> {
    use server::linkpruefung as lp;
    let k = lp::LinkKonfig::aus(&server::config::umgebung).map_err(|e| e.to_string())?;
    let standard = (std::time::Duration::from_secs(10), std::time::Duration::from_secs(86_400));
    let (zeitlimit, intervall) = k.map_or(standard, |k| (k.zeitlimit, k.intervall));
    let pruefer = lp::Pruefer::neu(zeitlimit, lokal)?;
    let server = server::infoverteiler::arbeiter::servername();
    let jetzt = app::store::jetzt_ms();
    if let Some(url) = adresse {
        let p = lp::eine(db, &pruefer, &server, &url, jetzt, intervall).await.map_err(|e| e.to_string())?;
        println!("Linkprüfung {url}: {}", p.map_or("nicht im Zeitplan".into(), |p| format!("{p:?}")));
        return Ok(());
    }
    if alle {
        app::store::linkpruefung::alle_faellig(db).await.map_err(|e| e.to_string())?;
    }
    let r = lp::runde(db, &pruefer, &server, jetzt, intervall).await.map_err(|e| e.to_string())?;
    println!("Linkprüfung: {} Adressen geprüft, {} mit neuem Stand.", r.geprueft, r.geaendert);
    Ok(())
}

/// `serve`: bind, import if the data changed, serve until SIGTERM, shut down gracefully.
async fn dienen(db: Db, k: server::config::Konfiguration) -> Result<(), String> {
    let e = &k.eingabe;
    // Bound before the import: a port in use ends the start at once.
    let listener =
        tokio::net::TcpListener::bind(e.addr).await.map_err(|f| server::config::bind_fehler(e.addr, &f).to_string())?;
    importieren(&db, false).await?;
    server::konten::erster_admin_aus_umgebung(&db).await?;
    let sicherheit = server::sicherheit::Sicherheit::aus_url(e.oeffentliche_url.as_deref(), e.hinter_proxy);
    tracing::info!(grenzen = ?k.grenzen, abschalten = ?k.abschalten, "Konfiguration");
    let dienst =
        server::router::dienst(db.clone(), leptos_options(e.addr, &e.site_root), sicherheit, k.grenzen.clone());
    let basis = e.oeffentliche_url.clone().unwrap_or_else(|| format!("http://{}", e.addr));
    match server::infoverteiler::arbeiter::MailKonfig::aus(&server::config::umgebung, &basis)
        .map_err(|f| f.to_string())?
    {
        Some(mail) => {
            server::infoverteiler::arbeiter::starten(db.clone(), mail);
        }
        None => tracing::info!(
            "Kein OZG_SMTP_URL gesetzt: Der Infoverteiler versendet keine E-Mails (sie warten im Postausgang)."
        ),
    }
    match server::linkpruefung::LinkKonfig::aus(&server::config::umgebung).map_err(|f| f.to_string())? {
        Some(links) => {
            server::linkpruefung::starten(db.clone(), links)?;
        }
        None => tracing::info!("Kein OZG_LINKPRUEFUNG_TAKT_S gesetzt: Die Linkprüfung läuft nicht im Hintergrund."),
    }
    tracing::info!("OZG-Atlas NRW läuft auf http://{}", e.addr);
    let signal = server::betrieb::abschalten::signal();
    let vollstaendig =
        server::betrieb::abschalten::dienen(listener, dienst.router, dienst.zustand, dienst.live, k.abschalten, signal)
            .await
            .map_err(|e| e.to_string())?;
    tracing::info!(vollstaendig, "Server beendet");
    db.schliessen().await;
    Ok(())
}

fn main() -> ExitCode {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info,sqlx=warn".into());
    match server::config::log_format(&server::config::umgebung) {
        Ok(server::config::LogFormat::Text) => tracing_subscriber::fmt().with_env_filter(filter).init(),
        // One JSON object per line for a log collector; the request id is a field of each.
        Ok(server::config::LogFormat::Json) => {
            tracing_subscriber::fmt().json().flatten_event(true).with_current_span(true).with_env_filter(filter).init()
        }
        Err(e) => {
            eprintln!("Fehler: {e}");
            return ExitCode::FAILURE;
        }
    }
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
