//! The link check's schedule, history and state (migration 0025; the checking itself is the
//! server's `linkpruefung`). Every app server may run the worker: an address is taken by one
//! conditional UPDATE, so two servers never check it at once.

use super::{Backend, Db, Sql, StoreResult};
use crate::model::linkpruefung::{KaputteLinks, KaputterLink, LinkStand, Pruefung, Verlauf};

/// How long a server holds an address it took: longer than one check can last (six hops of at
/// most the time limit each), so an address is free again only if its server died.
pub const BELEGT_MS: i64 = 5 * 60_000;
/// A first failure is checked again after this long before the address counts as broken (a
/// server restarting at night should not mark a service "nicht erreichbar" for a day).
pub const WIEDERHOLEN_MS: i64 = 15 * 60_000;
/// The history is kept this long.
pub const VERLAUF_MS: i64 = 400 * 24 * 3600 * 1000;
/// Rows per list at most (the page says when there are more).
pub const MAX_LISTE: i64 = 2_000;

/// Every address the check knows: the online services' and the delivered Kommune pages'.
const ADRESSEN: &str = "SELECT url FROM onlinedienst WHERE url IS NOT NULL UNION SELECT url FROM kommune_seite";

/// Brings the schedule in line with the data: new web addresses are due at once, addresses no
/// longer used leave the schedule and their state. Returns how many came and went.
pub async fn abgleichen(db: &Db, jetzt_ms: i64) -> StoreResult<(u64, u64)> {
    let mut neu = Sql::new("INSERT INTO link_auftrag (url, faellig_ms) SELECT q.url, ");
    neu.bind(jetzt_ms).push(&format!(
        " FROM ({ADRESSEN}) q WHERE (q.url LIKE 'http://%' OR q.url LIKE 'https://%') AND LENGTH(q.url) <= 2000 \
         ON CONFLICT (url) DO NOTHING"
    ));
    let neu = db.transaktion(&[neu]).await?;
    let weg = db.transaktion(&[Sql::new(&format!("DELETE FROM link_auftrag WHERE url NOT IN ({ADRESSEN})"))]).await?;
    // Only when there is something to delete: on PostgreSQL even an empty DELETE would raise
    // the data generation (statement triggers) and empty every cache each round.
    let alt = Sql::new(&format!("SELECT COUNT(*) FROM link_stand WHERE url NOT IN ({ADRESSEN})"));
    if db.zahl(&alt).await? > 0 {
        db.transaktion(&[Sql::new(&format!("DELETE FROM link_stand WHERE url NOT IN ({ADRESSEN})"))]).await?;
    }
    Ok((neu, weg))
}

/// Makes every address due now (`ozg-atlas links-pruefen --alle`).
pub async fn alle_faellig(db: &Db) -> StoreResult<u64> {
    abgleichen(db, super::jetzt_ms()).await?;
    db.transaktion(&[Sql::new("UPDATE link_auftrag SET faellig_ms = 0")]).await
}

/// Takes up to `anzahl` due addresses for `server` until `jetzt_ms + BELEGT_MS`.
pub async fn nehmen(db: &Db, server: &str, jetzt_ms: i64, anzahl: i64) -> StoreResult<Vec<String>> {
    let mut s = Sql::new("UPDATE link_auftrag SET belegt_von = ");
    s.bind(server.to_string()).push(", belegt_bis_ms = ").bind(jetzt_ms + BELEGT_MS);
    s.push(" WHERE url IN (SELECT url FROM link_auftrag WHERE faellig_ms <= ").bind(jetzt_ms);
    s.push(" AND belegt_bis_ms < ").bind(jetzt_ms).push(" ORDER BY faellig_ms, url LIMIT ").bind(anzahl);
    // PostgreSQL: rows another server is taking right now are skipped, not waited for.
    if db.backend() == Backend::Postgres {
        s.push(" FOR UPDATE SKIP LOCKED");
    }
    s.push(") AND belegt_bis_ms < ").bind(jetzt_ms).push(" RETURNING url");
    let mut tx = db.beginnen().await?;
    let urls = tx.alle::<(String,)>(&s).await?;
    tx.commit().await?;
    Ok(urls.into_iter().map(|(u,)| u).collect())
}

/// Takes one address for `server`, due or not, unless another server holds it.
pub async fn nehmen_adresse(db: &Db, server: &str, url: &str, jetzt_ms: i64) -> StoreResult<bool> {
    let mut s = Sql::new("UPDATE link_auftrag SET belegt_von = ");
    s.bind(server.to_string()).push(", belegt_bis_ms = ").bind(jetzt_ms + BELEGT_MS);
    s.push(" WHERE url = ").bind(url.to_string()).push(" AND belegt_bis_ms < ").bind(jetzt_ms);
    Ok(db.transaktion(&[s]).await? == 1)
}

/// What [`eintragen`] made of a check.
#[derive(Debug, PartialEq)]
pub enum Ergebnis {
    /// The state is as before (or the first failure waits for its confirmation).
    Unveraendert,
    /// The address's public state changed (or was set for the first time).
    Geaendert,
}

/// Records a check by `server` at `jetzt_ms`: the history row, the next due time (`naechste_ms`
/// after a confirmed result, [`WIEDERHOLEN_MS`] after a first failure) and – only when it
/// changed – the public state. A failure counts once the check before it failed too.
pub async fn eintragen(db: &Db, server: &str, p: &Pruefung, jetzt_ms: i64, naechste_ms: i64) -> StoreResult<Ergebnis> {
    let mut tx = db.beginnen().await?;
    let mut vorher = Sql::new("SELECT erreichbar FROM linkpruefung WHERE url = ");
    vorher.bind(p.url.clone()).push(" ORDER BY zeit_ms DESC, id DESC LIMIT 1");
    let vorher_fehlgeschlagen = tx.eine::<(bool,)>(&vorher).await?.is_some_and(|(e,)| !e);
    let mut stand = Sql::new("SELECT erreichbar, status, fehler, seit_ms FROM link_stand WHERE url = ");
    stand.bind(p.url.clone());
    let alt = tx.eine::<LinkStand>(&stand).await?;
    let bestaetigt = p.erreichbar || vorher_fehlgeschlagen || alt.as_ref().is_some_and(|a| !a.erreichbar);
    tx.ausfuehren(&verlauf_zeile(p, jetzt_ms)).await?;
    let faellig = if bestaetigt { naechste_ms } else { jetzt_ms + WIEDERHOLEN_MS };
    let mut frei = Sql::new("UPDATE link_auftrag SET faellig_ms = ");
    frei.bind(faellig).push(", belegt_von = NULL, belegt_bis_ms = 0, geprueft_ms = ").bind(jetzt_ms);
    frei.push(" WHERE url = ").bind(p.url.clone()).push(" AND belegt_von = ").bind(server.to_string());
    tx.ausfuehren(&frei).await?;
    let ergebnis = match (bestaetigt, alt) {
        (false, _) => Ergebnis::Unveraendert,
        (true, None) => {
            let mut s = Sql::new("INSERT INTO link_stand (url, erreichbar, status, fehler, seit_ms) VALUES (");
            s.bind(p.url.clone()).push(", ").bind(p.erreichbar).push(", ").bind(p.status).push(", ");
            s.bind(p.fehler.clone()).push(", ").bind(jetzt_ms).push(")");
            tx.ausfuehren(&s).await?;
            Ergebnis::Geaendert
        }
        (true, Some(a))
            if a.erreichbar == p.erreichbar && (p.erreichbar || (a.status, &a.fehler) == (p.status, &p.fehler)) =>
        {
            Ergebnis::Unveraendert
        }
        (true, Some(a)) => {
            // "seit" moves only when reachability flips; a 404 turning into a 500 keeps it.
            let seit = if a.erreichbar == p.erreichbar { a.seit_ms } else { jetzt_ms };
            let mut s = Sql::new("UPDATE link_stand SET erreichbar = ");
            s.bind(p.erreichbar).push(", status = ").bind(p.status).push(", fehler = ").bind(p.fehler.clone());
            s.push(", seit_ms = ").bind(seit).push(" WHERE url = ").bind(p.url.clone());
            tx.ausfuehren(&s).await?;
            Ergebnis::Geaendert
        }
    };
    tx.commit().await?;
    Ok(ergebnis)
}

fn verlauf_zeile(p: &Pruefung, jetzt_ms: i64) -> Sql {
    let mut s = Sql::new(
        "INSERT INTO linkpruefung (url, zeit_ms, erreichbar, status, fehler, weiterleitungen, dauer_ms) VALUES (",
    );
    s.bind(p.url.clone()).push(", ").bind(jetzt_ms).push(", ").bind(p.erreichbar).push(", ").bind(p.status);
    s.push(", ").bind(p.fehler.clone()).push(", ").bind(p.weiterleitungen_text()).push(", ").bind(p.dauer_ms);
    s.push(")");
    s
}

/// Drops history older than [`VERLAUF_MS`].
pub async fn verlauf_kuerzen(db: &Db, jetzt_ms: i64) -> StoreResult<u64> {
    let mut s = Sql::new("DELETE FROM linkpruefung WHERE zeit_ms < ");
    s.bind(jetzt_ms - VERLAUF_MS);
    db.transaktion(&[s]).await
}

/// The state of one address; none while it was never checked (or is no web address).
pub async fn stand(db: &Db, url: &str) -> StoreResult<Option<LinkStand>> {
    let mut s = Sql::new("SELECT erreichbar, status, fehler, seit_ms FROM link_stand WHERE url = ");
    s.bind(url.to_string());
    db.eine(&s).await
}

/// The last `anzahl` checks of an address, newest first.
pub async fn verlauf(db: &Db, url: &str, anzahl: i64) -> StoreResult<Vec<Verlauf>> {
    let mut s = Sql::new(
        "SELECT zeit_ms, erreichbar, status, fehler, weiterleitungen, dauer_ms FROM linkpruefung WHERE url = ",
    );
    s.bind(url.to_string()).push(" ORDER BY zeit_ms DESC, id DESC LIMIT ").bind(anzahl);
    db.alle(&s).await
}

const JE_KOMMUNE: &str = "SELECT s.kommune_ags AS gruppe, k.name AS gruppe_name, CAST(NULL AS BIGINT) AS dienst_id, \
    CAST(NULL AS TEXT) AS dienst_name, ls.url, ls.status, ls.fehler, ls.seit_ms, a.geprueft_ms \
    FROM (SELECT DISTINCT kommune_ags, url FROM kommune_seite) s JOIN link_stand ls ON ls.url = s.url \
    JOIN kommune k ON k.ags = s.kommune_ags LEFT JOIN link_auftrag a ON a.url = ls.url \
    WHERE NOT ls.erreichbar ORDER BY k.suchname, s.kommune_ags, ls.url LIMIT ";

const JE_DIENSTLEISTER: &str = "SELECT CASE WHEN o.dienstleister_id IS NOT NULL \
    THEN 'dl' || CAST(o.dienstleister_id AS TEXT) ELSE COALESCE(o.anbieter, '') END AS gruppe, \
    COALESCE(d.name, o.anbieter, 'ohne Anbieter') AS gruppe_name, o.id AS dienst_id, o.name AS dienst_name, \
    ls.url, ls.status, ls.fehler, ls.seit_ms, a.geprueft_ms \
    FROM onlinedienst o JOIN link_stand ls ON ls.url = o.url LEFT JOIN dienstleister d ON d.id = o.dienstleister_id \
    LEFT JOIN link_auftrag a ON a.url = ls.url WHERE NOT ls.erreichbar \
    ORDER BY COALESCE(d.name, o.anbieter, 'ohne Anbieter'), o.suchname, o.id LIMIT ";

#[derive(sqlx::FromRow)]
struct Umfang {
    adressen: i64,
    geprueft: i64,
    letzte: Option<i64>,
}

/// The broken addresses per Kommune (delivered pages) and per IT-Dienstleister (online
/// services), each list at most [`MAX_LISTE`] rows.
pub async fn kaputte(db: &Db) -> StoreResult<KaputteLinks> {
    let mut kommunen = Sql::new(JE_KOMMUNE);
    kommunen.bind(MAX_LISTE);
    let mut dienste = Sql::new(JE_DIENSTLEISTER);
    dienste.bind(MAX_LISTE);
    let umfang = Sql::new(
        "SELECT COUNT(*) AS adressen, COUNT(geprueft_ms) AS geprueft, MAX(geprueft_ms) AS letzte FROM link_auftrag",
    );
    let (je_kommune, je_dienstleister, u) = futures::try_join!(
        db.alle::<KaputterLink>(&kommunen),
        db.alle::<KaputterLink>(&dienste),
        db.eine::<Umfang>(&umfang)
    )?;
    let u = u.unwrap_or(Umfang { adressen: 0, geprueft: 0, letzte: None });
    Ok(KaputteLinks {
        je_kommune,
        je_dienstleister,
        adressen: u.adressen,
        geprueft: u.geprueft,
        letzte_pruefung_ms: u.letzte,
    })
}
