//! Runtime configuration from command line and environment.

use leptos::config::LeptosOptions;
use std::net::SocketAddr;

/// Default database: one SQLite file next to the working directory, created on first start.
pub const STANDARD_DATENBANK: &str = "sqlite:var/ozg-atlas.sqlite";

/// Leptos options without relying on cargo-leptos' environment, so that the binary runs the same
/// under `cargo leptos`, from `target/release` and in tests.
pub fn leptos_options(addr: SocketAddr, site_root: &str) -> LeptosOptions {
    LeptosOptions::builder()
        .output_name("ozg-atlas")
        .site_root(site_root)
        .site_pkg_dir("pkg")
        .site_addr(addr)
        .env(leptos::config::Env::PROD)
        .build()
}

/// The file of a `sqlite:` URL (`sqlite:pfad`, `sqlite://pfad?…`); none for other URLs and for
/// `:memory:`.
pub fn sqlite_pfad(url: &str) -> Option<std::path::PathBuf> {
    let pfad = url.strip_prefix("sqlite:")?.trim_start_matches("//");
    let datei = pfad.split('?').next().unwrap_or(pfad);
    (datei != ":memory:" && !datei.is_empty()).then(|| std::path::PathBuf::from(datei))
}

/// Makes sure the directory of a `sqlite:` file exists.
pub fn sqlite_verzeichnis_anlegen(url: &str) -> std::io::Result<()> {
    if let Some(datei) = sqlite_pfad(url)
        && let Some(dir) = datei.parent()
        && !dir.as_os_str().is_empty()
    {
        std::fs::create_dir_all(dir)?;
    }
    Ok(())
}

/// A start that cannot work ends with one German line saying what is wrong and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KonfigFehler {
    #[error(
        "DATABASE_URL „{0}“ ist weder sqlite:… noch postgres://…. Beispiele: sqlite:var/ozg-atlas.sqlite, \
         postgres://ozg@localhost/ozg_atlas"
    )]
    UnbekannteDatenbank(String),
    #[error(
        "Datenbank {url} nicht erreichbar: {grund}. Läuft der Datenbankserver, stimmen Name, Passwort und \
         Datenbank in DATABASE_URL?"
    )]
    DatenbankNichtErreichbar { url: String, grund: String },
    #[error(
        "Im Site-Verzeichnis „{0}“ fehlt pkg/ozg-atlas.js (das WASM und JS des Portals). Bauen Sie es mit \
         `make release` oder setzen Sie LEPTOS_SITE_ROOT bzw. --site-root auf das Verzeichnis des Builds."
    )]
    SiteFehlt(String),
    #[error(
        "Das Site-Verzeichnis „{0}“ ist keinem Build dieses Programms zugeordnet. Nach dem Bauen: \
         `ozg-atlas site-stempeln --site-root {0}` mit genau dem Programm, das dazu gebaut wurde \
         (make release/make test tun das selbst)."
    )]
    SiteOhneStempel(String),
    #[error(
        "Das Site-Verzeichnis „{0}“ gehört zu einem anderen Build dieses Programms – der Server würde \
         fremdes WASM ausliefern und keine Seite würde interaktiv. Passendes Verzeichnis wählen \
         (make run: target/site-release) oder neu bauen."
    )]
    SiteFremd(String),
    #[error(
        "OZG_HINTER_PROXY ist gesetzt, OZG_OEFFENTLICHE_URL aber nicht. Hinter einem TLS-Proxy die öffentliche \
         Adresse angeben, z. B. OZG_OEFFENTLICHE_URL=https://ozg-atlas.nrw.de – sonst fehlen HSTS und der \
         erlaubte Origin (ein Proxy ohne TLS: http://… ausdrücklich angeben)."
    )]
    ProxyOhneAdresse,
    #[error("OZG_OEFFENTLICHE_URL „{0}“ beginnt nicht mit https:// oder http://.")]
    AdresseUngueltig(String),
    #[error(
        "Adresse {0} ist schon belegt – läuft dort bereits ein Server? Eine andere mit OZG_ADDR oder --addr wählen."
    )]
    AdresseBelegt(SocketAddr),
    #[error("Adresse {addr} nicht nutzbar: {grund}. Eine andere mit OZG_ADDR oder --addr wählen.")]
    AdresseNichtNutzbar { addr: SocketAddr, grund: String },
    #[error("{name}={wert} ist keine ganze Zahl ≥ 0.")]
    KeineZahl { name: String, wert: String },
    #[error("OZG_LOG={0}: erlaubt sind text und json.")]
    LogFormat(String),
}

/// Where settings come from: the environment, or a map in tests (the environment is shared by
/// all tests of a process).
pub type Lesen<'a> = &'a dyn Fn(&str) -> Option<String>;

pub fn umgebung(name: &str) -> Option<String> {
    std::env::var(name).ok()
}

/// A number from a setting, its default when unset; a wrong value is an error, never ignored.
pub fn zahl<T: std::str::FromStr>(lesen: Lesen, name: &str, standard: T) -> Result<T, KonfigFehler> {
    match lesen(name) {
        None => Ok(standard),
        Some(wert) => {
            wert.trim().parse().map_err(|_| KonfigFehler::KeineZahl { name: name.into(), wert: wert.clone() })
        }
    }
}

/// The URL without its password (for logs, messages and `konfiguration`), and the password.
pub fn ohne_passwort(url: &str) -> (String, Option<String>) {
    let Some((schema, rest)) = url.split_once("://") else { return (url.into(), None) };
    let Some((anmeldung, ort)) = rest.rsplit_once('@') else { return (url.into(), None) };
    match anmeldung.split_once(':') {
        Some((benutzer, pw)) => (format!("{schema}://{benutzer}@{ort}"), Some(pw.to_string())),
        None => (url.into(), None),
    }
}

pub fn datenbank_pruefen(url: &str) -> Result<(), KonfigFehler> {
    let bekannt = ["sqlite:", "postgres://", "postgresql://"].iter().any(|p| url.starts_with(p));
    if bekannt { Ok(()) } else { Err(KonfigFehler::UnbekannteDatenbank(ohne_passwort(url).0)) }
}

pub fn site_pruefen(site_root: &str) -> Result<(), KonfigFehler> {
    use crate::betrieb::stempel::{Stempel, lesen};
    let js = std::path::Path::new(site_root).join("pkg").join("ozg-atlas.js");
    if std::fs::File::open(&js).is_err() {
        return Err(KonfigFehler::SiteFehlt(site_root.into()));
    }
    match lesen(site_root) {
        Stempel::Passt => Ok(()),
        Stempel::Fehlt => Err(KonfigFehler::SiteOhneStempel(site_root.into())),
        Stempel::Fremd => Err(KonfigFehler::SiteFremd(site_root.into())),
    }
}

pub fn proxy_pruefen(hinter_proxy: bool, oeffentliche_url: Option<&str>) -> Result<(), KonfigFehler> {
    match oeffentliche_url {
        Some(u) if !(u.starts_with("https://") || u.starts_with("http://")) => {
            Err(KonfigFehler::AdresseUngueltig(u.into()))
        }
        None if hinter_proxy => Err(KonfigFehler::ProxyOhneAdresse),
        _ => Ok(()),
    }
}

pub fn bind_fehler(addr: SocketAddr, e: &std::io::Error) -> KonfigFehler {
    match e.kind() {
        std::io::ErrorKind::AddrInUse => KonfigFehler::AdresseBelegt(addr),
        _ => KonfigFehler::AdresseNichtNutzbar { addr, grund: e.to_string() },
    }
}

/// Log lines as text (default) or JSON lines (`OZG_LOG=json`, for a log collector).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogFormat {
    Text,
    Json,
}

pub fn log_format(lesen: Lesen) -> Result<LogFormat, KonfigFehler> {
    match lesen("OZG_LOG").as_deref().map(str::trim) {
        None | Some("") | Some("text") => Ok(LogFormat::Text),
        Some("json") => Ok(LogFormat::Json),
        Some(anders) => Err(KonfigFehler::LogFormat(anders.into())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn aus(paare: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<String> {
        move |n| paare.iter().find(|(k, _)| *k == n).map(|(_, v)| v.to_string())
    }

    #[test]
    fn each_wrong_setting_has_its_own_message() {
        assert!(datenbank_pruefen("sqlite:var/x.sqlite").is_ok());
        assert!(datenbank_pruefen("postgres://ozg@h/db").is_ok());
        let e = datenbank_pruefen("mysql://ozg:geheim@h/db").unwrap_err();
        assert!(e.to_string().contains("weder sqlite") && !e.to_string().contains("geheim"), "{e}");

        assert!(matches!(site_pruefen("/gibt/es/nicht"), Err(KonfigFehler::SiteFehlt(_))));
        let dir = std::env::temp_dir().join(format!("ozg-site-fremd-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("pkg")).unwrap();
        std::fs::write(dir.join("pkg/ozg-atlas.js"), "").unwrap();
        let site = dir.display().to_string();
        assert_eq!(site_pruefen(&site), Err(KonfigFehler::SiteOhneStempel(site.clone())));
        std::fs::write(dir.join(crate::betrieb::stempel::DATEI), "anderer Build\n").unwrap();
        assert_eq!(site_pruefen(&site), Err(KonfigFehler::SiteFremd(site.clone())));
        assert!(site_pruefen(&site).unwrap_err().to_string().contains("anderen Build"));
        let _ = std::fs::remove_dir_all(dir);
        assert!(site_pruefen("/gibt/es/nicht").unwrap_err().to_string().contains("make release"));

        assert_eq!(proxy_pruefen(true, None), Err(KonfigFehler::ProxyOhneAdresse));
        assert!(proxy_pruefen(true, Some("https://ozg-atlas.nrw.de")).is_ok());
        assert!(proxy_pruefen(true, Some("http://intern:8080")).is_ok(), "an explicit choice");
        assert!(proxy_pruefen(false, None).is_ok());
        assert!(matches!(proxy_pruefen(false, Some("ozg-atlas.nrw.de")), Err(KonfigFehler::AdresseUngueltig(_))));

        let addr: SocketAddr = "127.0.0.1:3000".parse().unwrap();
        let belegt = std::io::Error::from(std::io::ErrorKind::AddrInUse);
        assert_eq!(bind_fehler(addr, &belegt), KonfigFehler::AdresseBelegt(addr));
        assert!(bind_fehler(addr, &belegt).to_string().contains("schon belegt"));
    }

    #[test]
    fn numbers_and_log_format_are_checked_not_ignored() {
        let lesen = aus(&[("OZG_ZEITLIMIT_S", "30s"), ("OZG_EXPORTE_PARALLEL", " 8 "), ("OZG_LOG", "xml")]);
        assert_eq!(zahl(&lesen, "OZG_EXPORTE_PARALLEL", 4usize), Ok(8));
        assert_eq!(zahl(&lesen, "OZG_LIVE_JE_NETZ", 200usize), Ok(200));
        let e = zahl(&lesen, "OZG_ZEITLIMIT_S", 30u64).unwrap_err();
        assert_eq!(e.to_string(), "OZG_ZEITLIMIT_S=30s ist keine ganze Zahl ≥ 0.");
        assert_eq!(log_format(&lesen), Err(KonfigFehler::LogFormat("xml".into())));
        assert_eq!(log_format(&aus(&[("OZG_LOG", "json")])), Ok(LogFormat::Json));
        assert_eq!(log_format(&aus(&[])), Ok(LogFormat::Text));
    }

    #[test]
    fn effective_configuration_without_secrets() {
        let dir = std::env::temp_dir().join(format!("ozg-site-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("pkg")).unwrap();
        std::fs::write(dir.join("pkg/ozg-atlas.js"), "").unwrap();
        crate::betrieb::stempel::stempeln(&dir.display().to_string()).unwrap();
        let eingabe = Starteingabe {
            database_url: "postgres://ozg:streng-geheim@db/ozg".into(),
            addr: "127.0.0.1:3001".parse().unwrap(),
            site_root: dir.display().to_string(),
            oeffentliche_url: Some("https://ozg-atlas.nrw.de".into()),
            hinter_proxy: true,
        };
        let lesen = aus(&[("OZG_ADMIN_PASSWORT", "auch-geheim"), ("OZG_ADMIN_EMAIL", "admin@kdn.de")]);
        let k = Konfiguration::pruefen(eingabe.clone(), &lesen).unwrap();
        let text = k.anzeigen();
        assert!(text.contains("postgres://ozg@db/ozg") && text.contains("admin@kdn.de"), "{text}");
        assert!(!text.contains("geheim"), "{text}");
        assert!(text.contains("OZG_ABSCHALT_VORLAUF_S      2"), "behind a proxy: {text}");
        let falsch = aus(&[("OZG_ABSCHALTZEIT_S", "zwanzig")]);
        assert!(matches!(Konfiguration::pruefen(eingabe, &falsch), Err(KonfigFehler::KeineZahl { .. })));
        let _ = std::fs::remove_dir_all(dir);
    }

    #[test]
    fn passwords_never_shown() {
        assert_eq!(
            ohne_passwort("postgres://ozg:ge:heim@db.example:5432/ozg"),
            ("postgres://ozg@db.example:5432/ozg".to_string(), Some("ge:heim".to_string()))
        );
        assert_eq!(ohne_passwort("postgres://ozg@db/ozg").1, None);
        assert_eq!(ohne_passwort("sqlite:var/x.sqlite").1, None);
    }
}

/// The settings of `serve` as given on the command line or in the environment.
#[derive(Debug, Clone)]
pub struct Starteingabe {
    pub database_url: String,
    pub addr: SocketAddr,
    pub site_root: String,
    pub oeffentliche_url: Option<String>,
    pub hinter_proxy: bool,
}

/// What `serve` runs with, every part checked before anything starts.
#[derive(Debug, Clone)]
pub struct Konfiguration {
    pub eingabe: Starteingabe,
    pub grenzen: crate::last::Lastgrenzen,
    pub abschalten: crate::betrieb::abschalten::Abschaltplan,
    pub log: LogFormat,
    /// An admin account comes from `OZG_ADMIN_EMAIL` (its password is never shown).
    pub admin_aus_umgebung: Option<String>,
}

impl Konfiguration {
    pub fn pruefen(eingabe: Starteingabe, lesen: Lesen) -> Result<Konfiguration, KonfigFehler> {
        datenbank_pruefen(&eingabe.database_url)?;
        site_pruefen(&eingabe.site_root)?;
        proxy_pruefen(eingabe.hinter_proxy, eingabe.oeffentliche_url.as_deref())?;
        let abschalten = crate::betrieb::abschalten::Abschaltplan::fuer(
            eingabe.hinter_proxy,
            lesen("OZG_ABSCHALT_VORLAUF_S").map(|_| zahl(lesen, "OZG_ABSCHALT_VORLAUF_S", 0)).transpose()?,
            lesen("OZG_ABSCHALTZEIT_S").map(|_| zahl(lesen, "OZG_ABSCHALTZEIT_S", 0)).transpose()?,
        );
        Ok(Konfiguration {
            grenzen: crate::last::Lastgrenzen::aus(lesen)?,
            abschalten,
            log: log_format(lesen)?,
            admin_aus_umgebung: lesen("OZG_ADMIN_EMAIL"),
            eingabe,
        })
    }

    /// One line per setting, secrets left out: what `ozg-atlas konfiguration` prints.
    pub fn anzeigen(&self) -> String {
        let e = &self.eingabe;
        let g = &self.grenzen;
        let zeilen = [
            ("DATABASE_URL", ohne_passwort(&e.database_url).0),
            ("OZG_ADDR", e.addr.to_string()),
            ("LEPTOS_SITE_ROOT", e.site_root.clone()),
            ("OZG_OEFFENTLICHE_URL", e.oeffentliche_url.clone().unwrap_or_else(|| "–".into())),
            ("OZG_HINTER_PROXY", e.hinter_proxy.to_string()),
            ("OZG_LOG", format!("{:?}", self.log).to_lowercase()),
            ("OZG_ANONYM_JE_SEKUNDE", g.anonym_je_sekunde.to_string()),
            ("OZG_ANMELDUNGEN_JE_MINUTE", g.anmeldungen_je_minute.to_string()),
            ("OZG_EXPORTE_JE_MINUTE", g.exporte_je_minute.to_string()),
            ("OZG_EXPORTE_PARALLEL", g.exporte_parallel.to_string()),
            ("OZG_LIVE_JE_SERVER", g.live_je_server.to_string()),
            ("OZG_LIVE_JE_NETZ", g.live_je_netz.to_string()),
            ("OZG_LIVE_JE_PERSON", g.live_je_person.to_string()),
            ("OZG_ZEITLIMIT_S", g.zeitlimit.as_secs().to_string()),
            ("OZG_ABSCHALT_VORLAUF_S", self.abschalten.vorlauf.as_secs().to_string()),
            ("OZG_ABSCHALTZEIT_S", self.abschalten.frist.as_secs().to_string()),
            ("OZG_ADMIN_EMAIL", self.admin_aus_umgebung.clone().unwrap_or_else(|| "–".into())),
        ];
        zeilen.iter().map(|(k, v)| format!("{k:<28}{v}\n")).collect()
    }
}
