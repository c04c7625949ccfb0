//! User management on the command line (`ozg-atlas benutzer …`) and the first admin from the
//! environment. Every change is written to the audit log as "Kommandozeile (<OS user>)".

use app::model::konto::{Email, NeuesPasswort, Rolle, rolle_und_kommune, zeit_anzeigen};
use app::store::Db;
use app::store::akteur::Akteur;
use app::store::konto::{self, KontoAenderung, NeuesKonto};
use std::io::{BufRead, IsTerminal};

/// Reads a new password: from `OZG_PASSWORT`, else typed twice without echo on a terminal,
/// else one line from standard input (for scripts). Never from a command-line argument, which
/// other users could read in the process list.
pub fn passwort_lesen(email: &Email) -> Result<NeuesPasswort, String> {
    let roh = if let Ok(p) = std::env::var("OZG_PASSWORT") {
        p
    } else if std::io::stdin().is_terminal() {
        let a = rpassword::prompt_password("Neues Passwort: ").map_err(|e| e.to_string())?;
        let b = rpassword::prompt_password("Wiederholung: ").map_err(|e| e.to_string())?;
        if a != b {
            return Err("Die Wiederholung stimmt nicht mit dem Passwort überein.".into());
        }
        a
    } else {
        let mut zeile = String::new();
        std::io::stdin().lock().read_line(&mut zeile).map_err(|e| e.to_string())?;
        zeile.trim_end_matches(['\r', '\n']).to_string()
    };
    NeuesPasswort::parse(&roh, email).map_err(|e| e.to_string())
}

pub async fn anlegen(
    db: &Db,
    email: &str,
    rolle: &str,
    kommune: Option<String>,
    name: Option<String>,
    passwort: NeuesPasswortQuelle,
) -> Result<(), String> {
    let email = Email::parse(email).map_err(|e| e.to_string())?;
    let rolle = Rolle::parse(rolle).map_err(|e| e.to_string())?;
    let kommune = match kommune {
        Some(k) => Some(app::model::ids::Ags::parse(&k).map_err(|e| e.to_string())?.as_str().to_string()),
        None => None,
    };
    rolle_und_kommune(rolle, kommune.as_deref()).map_err(|e| e.to_string())?;
    let passwort = match passwort {
        NeuesPasswortQuelle::Lesen => passwort_lesen(&email)?,
        NeuesPasswortQuelle::Gegeben(p) => p,
    };
    let name = name.unwrap_or_else(|| email.as_str().split('@').next().unwrap_or_default().to_string());
    let neu = NeuesKonto { email: email.clone(), name, rolle, kommune_ags: kommune, passwort };
    let id = konto::anlegen(db, neu, &Akteur::kommandozeile()).await.map_err(|e| e.to_string())?;
    println!("Konto {email} ({}) angelegt, Nummer {id}.", rolle.label());
    Ok(())
}

pub enum NeuesPasswortQuelle {
    Lesen,
    Gegeben(NeuesPasswort),
}

async fn finden(db: &Db, email: &str) -> Result<app::model::konto::BenutzerZeile, String> {
    let email = Email::parse(email).map_err(|e| e.to_string())?;
    konto::nach_email(db, &email)
        .await
        .map_err(|e| e.to_string())?
        .ok_or_else(|| format!("Ein Konto {email} gibt es nicht."))
}

pub async fn passwort(db: &Db, email: &str) -> Result<(), String> {
    let z = finden(db, email).await?;
    let pw = passwort_lesen(&Email::parse(&z.email).map_err(|e| e.to_string())?)?;
    konto::passwort_setzen(db, z.id, &pw, &Akteur::kommandozeile()).await.map_err(|e| e.to_string())?;
    println!("Passwort für {} gesetzt; alle Sitzungen des Kontos sind beendet.", z.email);
    Ok(())
}

pub async fn aktiv_setzen(db: &Db, email: &str, aktiv: bool) -> Result<(), String> {
    let z = finden(db, email).await?;
    let a = KontoAenderung {
        id: z.id,
        version: z.version,
        name: z.name.clone(),
        rolle: z.rolle,
        kommune_ags: z.kommune_ags.clone(),
        aktiv,
    };
    konto::aendern(db, a, &Akteur::kommandozeile()).await.map_err(|e| e.to_string())?;
    println!(
        "Konto {} ist {}.",
        z.email,
        if aktiv { "wieder aktiv" } else { "gesperrt; seine Sitzungen sind beendet" }
    );
    Ok(())
}

pub async fn sperren(db: &Db) -> Result<(), String> {
    let liste = konto::sperren(db).await.map_err(|e| e.to_string())?;
    if liste.is_empty() {
        println!("Keine Anmeldung ist gesperrt.");
    }
    for s in liste {
        let bis = app::model::konto::zeit_anzeigen(s.gesperrt_bis_ms);
        println!("{} – bis {bis}, {}. Sperre, {} abgewiesen", s.beschreibung(), s.sperren, s.abgewiesen);
    }
    Ok(())
}

/// Lifts the locks of an e-mail address (all its networks) or of a network (and its pairs).
pub async fn sperre_aufheben(db: &Db, was: String) -> Result<(), String> {
    let n = konto::entsperren(db, &was, &Akteur::kommandozeile()).await.map_err(|e| e.to_string())?;
    println!("{n} Sperre(n) für {was} aufgehoben.");
    Ok(())
}

pub async fn liste(db: &Db) -> Result<(), String> {
    let zeilen = konto::liste(db).await.map_err(|e| e.to_string())?;
    println!("{:<36} {:<14} {:<28} {:<8} letzte Anmeldung", "E-Mail", "Rolle", "Kommune", "Status");
    for z in zeilen {
        let kommune = match (&z.kommune_ags, &z.kommune_name) {
            (Some(a), Some(n)) => format!("{n} ({a})"),
            _ => String::new(),
        };
        println!(
            "{:<36} {:<14} {:<28} {:<8} {}",
            z.email,
            z.rolle.label(),
            kommune,
            if z.aktiv { "aktiv" } else { "gesperrt" },
            z.angemeldet_ms.map(zeit_anzeigen).unwrap_or_else(|| "nie".into())
        );
    }
    Ok(())
}

/// `OZG_ADMIN_EMAIL` and `OZG_ADMIN_PASSWORT` at start: creates that admin if no active admin
/// exists yet. There is no built-in account and no default password.
pub async fn erster_admin_aus_umgebung(db: &Db) -> Result<(), String> {
    let (email, pw) = (std::env::var("OZG_ADMIN_EMAIL").ok(), std::env::var("OZG_ADMIN_PASSWORT").ok());
    let (Some(email), Some(pw)) = (email, pw) else {
        if !konto::admin_vorhanden(db).await.map_err(|e| e.to_string())? {
            tracing::warn!(
                "Noch kein Administrationskonto: `ozg-atlas benutzer anlegen --rolle admin --email …` \
                 oder OZG_ADMIN_EMAIL und OZG_ADMIN_PASSWORT setzen."
            );
        }
        return Ok(());
    };
    if konto::admin_vorhanden(db).await.map_err(|e| e.to_string())? {
        return Ok(());
    }
    let e = Email::parse(&email).map_err(|e| format!("OZG_ADMIN_EMAIL: {e}"))?;
    let pw = NeuesPasswort::parse(&pw, &e).map_err(|e| format!("OZG_ADMIN_PASSWORT: {e}"))?;
    anlegen(db, &email, "admin", None, Some("Administration".into()), NeuesPasswortQuelle::Gegeben(pw)).await
}
