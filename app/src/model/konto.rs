//! Accounts, roles and what each role may change. Shared by server and browser: the server
//! enforces [`Angemeldet::darf`] on every write, the browser uses the same rule to decide which
//! edit controls to show.

use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Rolle {
    /// Staff of one Kommune, bound to its AGS.
    Kommune,
    /// Coordination office: roadmap, Themenfelder, labs, workshops, any Kommune.
    Koordination,
    /// Everything, plus user management.
    Admin,
}

impl Rolle {
    pub const ALLE: [Rolle; 3] = [Rolle::Kommune, Rolle::Koordination, Rolle::Admin];

    pub fn code(self) -> &'static str {
        match self {
            Rolle::Kommune => "kommune",
            Rolle::Koordination => "koordination",
            Rolle::Admin => "admin",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            Rolle::Kommune => "Kommune",
            Rolle::Koordination => "Koordination",
            Rolle::Admin => "Administration",
        }
    }
    pub fn parse(raw: &str) -> Result<Rolle, KontoFehler> {
        Rolle::ALLE.into_iter().find(|r| r.code() == raw.trim()).ok_or_else(|| KontoFehler::Rolle(raw.to_string()))
    }
}

impl fmt::Display for Rolle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KontoFehler {
    #[error("„{0}“ ist keine Rolle (erlaubt: kommune, koordination, admin).")]
    Rolle(String),
    #[error("Bitte geben Sie eine gültige E-Mail-Adresse an (z. B. name@kommune.de).")]
    Email,
    #[error("Das Passwort muss mindestens {MIN_PASSWORT} Zeichen lang sein.")]
    PasswortKurz,
    #[error("Das Passwort darf höchstens {MAX_PASSWORT} Zeichen lang sein.")]
    PasswortLang,
    #[error("Das Passwort darf nicht die E-Mail-Adresse enthalten.")]
    PasswortGleichEmail,
    #[error("Ein Konto der Rolle Kommune braucht den Gemeindeschlüssel (AGS) seiner Kommune.")]
    KommuneFehlt,
    #[error("Nur Konten der Rolle Kommune sind an eine Kommune gebunden.")]
    KommuneUeberzaehlig,
}

pub const MIN_PASSWORT: usize = 12;
/// Bounds the work of one hash; long enough for any passphrase.
pub const MAX_PASSWORT: usize = 256;

/// A normalised e-mail address (trimmed, lower case), the login name.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Email(String);

impl Email {
    pub fn parse(raw: &str) -> Result<Email, KontoFehler> {
        let s = raw.trim().to_lowercase();
        let gueltig = s.len() <= 254
            && s.split_once('@').is_some_and(|(lokal, domain)| {
                !lokal.is_empty()
                    && domain.contains('.')
                    && !domain.starts_with('.')
                    && !domain.ends_with('.')
                    && !domain.contains('@')
            })
            && !s.chars().any(|c| c.is_whitespace() || c.is_control() || "<>\"'();,".contains(c));
        if gueltig { Ok(Email(s)) } else { Err(KontoFehler::Email) }
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A new password that meets the policy. Never serialised, never logged.
pub struct NeuesPasswort(String);

impl NeuesPasswort {
    pub fn parse(raw: &str, email: &Email) -> Result<NeuesPasswort, KontoFehler> {
        let n = raw.chars().count();
        if n < MIN_PASSWORT {
            return Err(KontoFehler::PasswortKurz);
        }
        if n > MAX_PASSWORT {
            return Err(KontoFehler::PasswortLang);
        }
        if raw.to_lowercase().contains(email.as_str()) {
            return Err(KontoFehler::PasswortGleichEmail);
        }
        Ok(NeuesPasswort(raw.to_string()))
    }
    pub fn geheim(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for NeuesPasswort {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("NeuesPasswort(…)")
    }
}

/// Checks that role and Kommune fit together.
pub fn rolle_und_kommune(rolle: Rolle, kommune: Option<&str>) -> Result<(), KontoFehler> {
    match (rolle, kommune) {
        (Rolle::Kommune, None) => Err(KontoFehler::KommuneFehlt),
        (Rolle::Kommune, Some(_)) => Ok(()),
        (_, Some(_)) => Err(KontoFehler::KommuneUeberzaehlig),
        (_, None) => Ok(()),
    }
}

/// The person behind the current request's session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct Angemeldet {
    pub id: i64,
    pub email: String,
    pub name: String,
    #[cfg_attr(feature = "ssr", sqlx(try_from = "String"))]
    pub rolle: Rolle,
    pub kommune_ags: Option<String>,
    pub kommune_name: Option<String>,
}

impl TryFrom<String> for Rolle {
    type Error = KontoFehler;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Rolle::parse(&s)
    }
}

/// Something a write needs permission for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Recht<'a> {
    /// Themenfeld content: coordination, workshop, labs.
    ThemenfeldBearbeiten,
    /// The roadmap of Umsetzungsprojekte.
    RoadmapBearbeiten,
    /// Veranstaltungen: announce, edit, cancel, close registration, read and export the
    /// participant lists, register or cancel anyone.
    VeranstaltungenBearbeiten,
    /// Aktuelles: write, schedule and withdraw Meldungen.
    AktuellesSchreiben,
    /// The document library: documents, their files and links.
    DokumenteVerwalten,
    /// The forum's moderation: pin, lock, move threads, hide posts with a reason.
    ForumModerieren,
    /// Opening a board for public reading (the operator: what the public reads is theirs to
    /// answer for).
    ForenOeffnen,
    /// The inbox of "Unsere Fragen an Sie": read the requests (names, contacts), set their status.
    AnliegenBearbeiten,
    /// Rundschreiben to the followers of a Themenfeld or to every account.
    RundschreibenSenden,
    /// The link check's lists of broken addresses per Kommune and per IT-Dienstleister, with
    /// each address's history.
    LinkpruefungLesen,
    /// Data of one Kommune (its AGS): contact persons, assignments, deliveries, Steckbriefe.
    KommuneBearbeiten(&'a str),
    /// Acting for any Kommune (reporting its use of a service on its behalf): the coordination.
    KommunenVertreten,
    /// Contact persons of the coordination office itself.
    KoordinationKontakte,
    /// Submitting a Steckbrief of an online service (any Kommune, the coordination).
    SteckbriefEinreichen,
    /// Reviewing and publishing Steckbriefe.
    SteckbriefePruefen,
    /// The Zuständigkeit je Größenklasse of the OZG-Leistungen (which Größenklassen have to
    /// offer them, with the source).
    ZustaendigkeitPflegen,
    /// Leading a workshop session: starting it, showing views and questions to the room,
    /// moderating answers and taking results into the data.
    WorkshopLeiten,
    /// The audit log as a whole and per record.
    ProtokollLesen,
    /// Accounts and roles.
    BenutzerVerwalten,
    /// The operator's details and texts of the legal pages, and the feedback sent to them.
    PortalBetreiben,
}

impl Angemeldet {
    pub fn darf(&self, recht: Recht<'_>) -> bool {
        match (self.rolle, recht) {
            (Rolle::Admin, _) => true,
            (Rolle::Koordination, Recht::BenutzerVerwalten | Recht::PortalBetreiben | Recht::ForenOeffnen) => false,
            (Rolle::Koordination, _) => true,
            (Rolle::Kommune, Recht::KommuneBearbeiten(ags)) => self.kommune_ags.as_deref() == Some(ags),
            (Rolle::Kommune, Recht::SteckbriefEinreichen) => true,
            (Rolle::Kommune, _) => false,
        }
    }

    /// Name for the header and the audit log.
    pub fn anzeige(&self) -> String {
        match &self.kommune_name {
            Some(k) => format!("{} ({}, {})", self.name, self.rolle.label(), k),
            None => format!("{} ({})", self.name, self.rolle.label()),
        }
    }
}

/// One account in the admin list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct BenutzerZeile {
    pub id: i64,
    pub email: String,
    pub name: String,
    #[cfg_attr(feature = "ssr", sqlx(try_from = "String"))]
    pub rolle: Rolle,
    pub kommune_ags: Option<String>,
    pub kommune_name: Option<String>,
    pub aktiv: bool,
    pub erstellt_ms: i64,
    pub angemeldet_ms: Option<i64>,
    pub version: i64,
}

/// One entry of the audit log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct ProtokollEintrag {
    pub id: i64,
    pub zeit_ms: i64,
    pub benutzer: String,
    pub objekt_art: String,
    pub objekt_id: String,
    pub objekt_name: String,
    pub feld: String,
    pub alt: Option<String>,
    pub neu: Option<String>,
}

/// Link to the page of a logged record, where there is one.
pub fn objekt_link(art: &str, id: &str) -> Option<String> {
    match art {
        "themenfeld" | "labor" => id.split('/').next().map(crate::pfad::themenfeld),
        "kommune" | "ansprechperson" => id.split('/').next().map(crate::pfad::kommune),
        "benutzer" => Some("/verwaltung/benutzer".to_string()),
        "projekt" => Some(crate::pfad::projekt(id)),
        "leistung" => id.parse::<i64>().ok().map(crate::pfad::leistung),
        _ => None,
    }
}

pub fn objekt_art_label(art: &str) -> &str {
    match art {
        "themenfeld" => "Themenfeld",
        "ansprechperson" => "Ansprechperson",
        "labor" => "Digitalisierungslabor",
        "projekt" => "Umsetzungsprojekt",
        "benutzer" => "Benutzerkonto",
        "kommune" => "Kommune",
        "onlinedienst" => "Online-Dienst",
        a => a,
    }
}

/// An active login lock, as admins see it. `schluessel` is `paar:<e-mail>|<network>` (one
/// account from one network) or `netz:<network>` (every account from there that never logged in
/// from it before).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct Sperre {
    pub schluessel: String,
    pub gesperrt_bis_ms: i64,
    /// Locks so far; each lasts twice as long as the one before.
    pub sperren: i64,
    /// Attempts refused while locked.
    pub abgewiesen: i64,
}

impl Sperre {
    /// "Konto a@b.de aus 192.0.2.1" or "Netz 2001:db8:1:2::/64 (alle Konten)".
    pub fn beschreibung(&self) -> String {
        if let Some(paar) = self.schluessel.strip_prefix("paar:") {
            let (email, netz) = paar.rsplit_once('|').unwrap_or((paar, "?"));
            format!("Konto {email} aus {netz}")
        } else if let Some(netz) = self.schluessel.strip_prefix("netz:") {
            format!("Netz {netz} (alle Konten, die sich dort noch nie angemeldet haben)")
        } else {
            self.schluessel.clone()
        }
    }
}

/// Milliseconds since 1970 as local German time, e.g. "22.11.2026, 21:20 Uhr" (UTC offset of
/// the server is not known in the browser; CET/CEST are applied by rule).
pub fn zeit_anzeigen(ms: i64) -> String {
    use chrono::{Datelike, TimeZone, Timelike, Utc};
    let Some(utc) = Utc.timestamp_millis_opt(ms).single() else { return String::new() };
    // Central European time: UTC+2 from the last Sunday of March 01:00 UTC to the last Sunday
    // of October 01:00 UTC, otherwise UTC+1.
    let jahr = utc.year();
    let letzter_sonntag = |monat: u32| {
        let ende = chrono::NaiveDate::from_ymd_opt(jahr, monat, 31).unwrap_or_default();
        ende - chrono::Duration::days(i64::from(ende.weekday().num_days_from_sunday()))
    };
    let beginn = letzter_sonntag(3).and_hms_opt(1, 0, 0).unwrap_or_default().and_utc();
    let ende = letzter_sonntag(10).and_hms_opt(1, 0, 0).unwrap_or_default().and_utc();
    let versatz = if utc >= beginn && utc < ende { 2 } else { 1 };
    let lokal = utc + chrono::Duration::hours(versatz);
    format!("{:02}.{:02}.{}, {:02}:{:02} Uhr", lokal.day(), lokal.month(), lokal.year(), lokal.hour(), lokal.minute())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(rolle: Rolle, ags: Option<&str>) -> Angemeldet {
        Angemeldet {
            id: 1,
            email: "a@b.de".into(),
            name: "A".into(),
            rolle,
            kommune_ags: ags.map(str::to_string),
            kommune_name: None,
        }
    }

    #[test]
    fn kommune_staff_edit_only_their_own_kommune() {
        let ahaus = person(Rolle::Kommune, Some("05554004"));
        assert!(ahaus.darf(Recht::KommuneBearbeiten("05554004")));
        assert!(!ahaus.darf(Recht::KommuneBearbeiten("05554008")));
        assert!(!ahaus.darf(Recht::ThemenfeldBearbeiten));
        assert!(!ahaus.darf(Recht::VeranstaltungenBearbeiten));
        assert!(!ahaus.darf(Recht::AktuellesSchreiben));
        assert!(!ahaus.darf(Recht::DokumenteVerwalten));
        assert!(!ahaus.darf(Recht::ForumModerieren));
        assert!(!ahaus.darf(Recht::AnliegenBearbeiten));
        assert!(!ahaus.darf(Recht::ProtokollLesen));
        assert!(!ahaus.darf(Recht::BenutzerVerwalten));
    }

    #[test]
    fn coordination_edits_content_but_not_users() {
        let k = person(Rolle::Koordination, None);
        assert!(k.darf(Recht::ThemenfeldBearbeiten));
        assert!(k.darf(Recht::RoadmapBearbeiten));
        assert!(k.darf(Recht::VeranstaltungenBearbeiten));
        assert!(k.darf(Recht::AktuellesSchreiben));
        assert!(k.darf(Recht::DokumenteVerwalten));
        assert!(k.darf(Recht::ForumModerieren));
        assert!(k.darf(Recht::AnliegenBearbeiten));
        assert!(k.darf(Recht::KommuneBearbeiten("05554004")));
        assert!(k.darf(Recht::ProtokollLesen));
        assert!(!k.darf(Recht::BenutzerVerwalten));
        assert!(person(Rolle::Admin, None).darf(Recht::BenutzerVerwalten));
        assert!(person(Rolle::Admin, None).darf(Recht::PortalBetreiben));
        assert!(!k.darf(Recht::PortalBetreiben));
        let ahaus = person(Rolle::Kommune, Some("05554004"));
        assert!(k.darf(Recht::RundschreibenSenden) && !ahaus.darf(Recht::RundschreibenSenden));
        assert!(!k.darf(Recht::ForenOeffnen) && !ahaus.darf(Recht::ForenOeffnen));
        assert!(k.darf(Recht::ZustaendigkeitPflegen) && !ahaus.darf(Recht::ZustaendigkeitPflegen));
        assert!(k.darf(Recht::WorkshopLeiten) && !ahaus.darf(Recht::WorkshopLeiten));
        assert!(person(Rolle::Admin, None).darf(Recht::ForenOeffnen));
    }

    #[test]
    fn emails_are_normalised_and_checked() {
        assert_eq!(Email::parse("  Anna.Muster@Ahaus.DE ").unwrap().as_str(), "anna.muster@ahaus.de");
        for falsch in ["", "anna", "anna@", "@ahaus.de", "anna@ahaus", "a b@c.de", "a@b.de'--", "a@.de"] {
            assert_eq!(Email::parse(falsch), Err(KontoFehler::Email), "{falsch}");
        }
    }

    #[test]
    fn password_policy() {
        let e = Email::parse("anna@ahaus.de").unwrap();
        assert_eq!(NeuesPasswort::parse("kurz", &e).err(), Some(KontoFehler::PasswortKurz));
        assert_eq!(NeuesPasswort::parse("xxANNA@ahaus.dexx", &e).err(), Some(KontoFehler::PasswortGleichEmail));
        assert_eq!(NeuesPasswort::parse(&"x".repeat(257), &e).err(), Some(KontoFehler::PasswortLang));
        assert!(NeuesPasswort::parse("korrekt Pferd Batterie", &e).is_ok());
        assert_eq!(format!("{:?}", NeuesPasswort::parse("geheim geheim!", &e).unwrap()), "NeuesPasswort(…)");
    }

    #[test]
    fn role_and_kommune_belong_together() {
        assert!(rolle_und_kommune(Rolle::Kommune, Some("05554004")).is_ok());
        assert_eq!(rolle_und_kommune(Rolle::Kommune, None), Err(KontoFehler::KommuneFehlt));
        assert_eq!(rolle_und_kommune(Rolle::Admin, Some("05554004")), Err(KontoFehler::KommuneUeberzaehlig));
        assert_eq!(Rolle::parse("koordination"), Ok(Rolle::Koordination));
        assert!(Rolle::parse("root").is_err());
    }

    #[test]
    fn times_are_shown_in_german_local_time() {
        // 2026-11-22 20:15 UTC is 21:15 CET; 2026-07-01 10:00 UTC is 12:00 CEST.
        assert_eq!(zeit_anzeigen(1_795_378_500_000), "22.11.2026, 21:15 Uhr");
        assert_eq!(zeit_anzeigen(1_782_900_000_000), "01.07.2026, 12:00 Uhr");
    }
}
