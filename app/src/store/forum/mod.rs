//! The forum in the database: boards with counters, a board's threads (pinned first, then by last
//! activity), a thread's posts page by page with the reader's "Neu" marks, and writing: a new
//! thread with its first post, a reply, an edit of one's own post (earlier wording kept).
//! Every write announces the thread live (`forum`, without data: the reader reloads what they may
//! see). The moderation's writes are in [`moderation`].

pub mod moderation;
pub mod suche;
pub mod verknuepfung;
pub mod verwaltung;

use super::{Db, SchreibFehler, Sql, StoreResult, Tx, akteur::Akteur};
use crate::model::forum::{Beitrag, Brett, BrettSeite, EHEMALIG, PRO_SEITE, Thema, ThemaDaten, seiten};
use crate::model::infoverteiler::{AboArt, MitteilungNeu};

/// Who reads: the account (for "Neu" and own posts; closed boards need one) and whether they
/// moderate (they see hidden posts' text).
#[derive(Debug, Clone, Copy)]
pub struct Leser {
    pub id: Option<i64>,
    pub moderator: bool,
}

impl Leser {
    fn angemeldet(self) -> bool {
        self.id.is_some()
    }
}

#[derive(sqlx::FromRow)]
struct BrettZeile {
    id: i64,
    slug: String,
    titel: String,
    beschreibung: Option<String>,
    tf_id: Option<i64>,
    tf_name: Option<String>,
    tf_slug: Option<String>,
    oeffentlich: bool,
    themen: i64,
    beitraege: i64,
    letzte_ms: Option<i64>,
    neu: i64,
}

impl From<BrettZeile> for Brett {
    fn from(z: BrettZeile) -> Brett {
        let themenfeld = match (z.tf_id, z.tf_name, z.tf_slug) {
            (Some(id), Some(n), Some(s)) => Some((id, n, s)),
            _ => None,
        };
        Brett {
            id: z.id,
            slug: z.slug,
            titel: z.titel,
            beschreibung: z.beschreibung,
            themenfeld,
            oeffentlich: z.oeffentlich,
            themen: z.themen,
            beitraege: z.beitraege,
            letzte_ms: z.letzte_ms,
            neu: z.neu,
        }
    }
}

/// `COUNT` of threads with unread posts for reader `$n` (0 without one).
fn neu_zaehlen(s: &mut Sql, leser: Leser) {
    s.push("(SELECT COUNT(*) FROM forum_thema t LEFT JOIN forum_gelesen g ON g.thema_id = t.id AND g.benutzer_id = ");
    s.bind(leser.id.unwrap_or(0));
    s.push(" WHERE t.brett_id = b.id AND t.letzter_beitrag > COALESCE(g.bis_beitrag, 0) AND ");
    s.bind(leser.angemeldet()).push(")");
}

fn bretter_sql(leser: Leser) -> Sql {
    let mut s = Sql::new(
        "SELECT b.id, b.slug, b.titel, b.beschreibung, tf.id AS tf_id, tf.name AS tf_name, tf.slug AS tf_slug, \
         b.oeffentlich, (SELECT COUNT(*) FROM forum_thema t WHERE t.brett_id = b.id) AS themen, \
         (SELECT CAST(COALESCE(SUM(t.beitraege), 0) AS BIGINT) FROM forum_thema t WHERE t.brett_id = b.id) AS beitraege, \
         (SELECT MAX(t.letzte_ms) FROM forum_thema t WHERE t.brett_id = b.id) AS letzte_ms, ",
    );
    neu_zaehlen(&mut s, leser);
    s.push(" AS neu FROM forum_brett b LEFT JOIN themenfeld tf ON tf.id = b.themenfeld_id WHERE (b.oeffentlich OR ");
    s.bind(leser.angemeldet()).push(")");
    s
}

/// The boards the reader may see, in their order.
pub async fn bretter(db: &Db, leser: Leser) -> StoreResult<Vec<Brett>> {
    let mut s = bretter_sql(leser);
    s.push(" ORDER BY b.reihenfolge, b.titel");
    Ok(db.alle::<BrettZeile>(&s).await?.into_iter().map(Brett::from).collect())
}

async fn brett(db: &Db, slug: &str, leser: Leser) -> StoreResult<Option<Brett>> {
    let mut s = bretter_sql(leser);
    s.push(" AND b.slug = ").bind(slug.to_string());
    Ok(db.eine::<BrettZeile>(&s).await?.map(Brett::from))
}

#[derive(sqlx::FromRow)]
struct ThemaZeile {
    id: i64,
    brett_slug: String,
    brett_titel: String,
    betreff: String,
    autor: Option<String>,
    erstellt_ms: i64,
    letzte_ms: i64,
    beitraege: i64,
    angeheftet: bool,
    gesperrt: bool,
    neu: i64,
}

impl From<ThemaZeile> for Thema {
    fn from(z: ThemaZeile) -> Thema {
        Thema {
            id: z.id,
            brett_slug: z.brett_slug,
            brett_titel: z.brett_titel,
            betreff: z.betreff,
            autor: z.autor.unwrap_or_else(|| EHEMALIG.to_string()),
            erstellt_ms: z.erstellt_ms,
            letzte_ms: z.letzte_ms,
            beitraege: z.beitraege,
            angeheftet: z.angeheftet,
            gesperrt: z.gesperrt,
            neu: z.neu,
        }
    }
}

/// Threads with the number of posts the reader has not read.
fn themen_sql(leser: Leser) -> Sql {
    let mut s = Sql::new(
        "SELECT t.id, b.slug AS brett_slug, b.titel AS brett_titel, t.betreff, u.name AS autor, t.erstellt_ms, \
         t.letzte_ms, t.beitraege, t.angeheftet, t.gesperrt, \
         (SELECT COUNT(*) FROM forum_beitrag p WHERE p.thema_id = t.id AND p.id > COALESCE(g.bis_beitrag, 0) AND ",
    );
    s.bind(leser.angemeldet()).push(") AS neu FROM forum_thema t JOIN forum_brett b ON b.id = t.brett_id ");
    s.push(
        "LEFT JOIN benutzer u ON u.id = t.autor_id LEFT JOIN forum_gelesen g ON g.thema_id = t.id AND g.benutzer_id = ",
    );
    s.bind(leser.id.unwrap_or(0)).push(" WHERE (b.oeffentlich OR ").bind(leser.angemeldet()).push(")");
    s
}

/// One page of a board (pinned threads first, then the latest activity); `None` if the board
/// does not exist or is closed to the reader.
pub async fn brett_seite(db: &Db, slug: &str, leser: Leser, seite: usize) -> StoreResult<Option<BrettSeite>> {
    let Some(brett) = brett(db, slug, leser).await? else { return Ok(None) };
    let seiten = seiten(brett.themen);
    let seite = seite.clamp(1, seiten);
    let mut s = themen_sql(leser);
    s.push(" AND t.brett_id = ").bind(brett.id);
    s.push(" ORDER BY t.angeheftet DESC, t.letzte_ms DESC, t.id DESC LIMIT ").bind(crate::model::anzahl(PRO_SEITE));
    s.push(" OFFSET ").bind(crate::model::anzahl((seite - 1) * PRO_SEITE));
    let themen = db.alle::<ThemaZeile>(&s).await?.into_iter().map(Thema::from).collect();
    Ok(Some(BrettSeite { darf_schreiben: leser.angemeldet(), brett, themen, seite, seiten }))
}

/// A thread if the reader may see it.
pub async fn thema(db: &Db, id: i64, leser: Leser) -> StoreResult<Option<Thema>> {
    let mut s = themen_sql(leser);
    s.push(" AND t.id = ").bind(id);
    Ok(db.eine::<ThemaZeile>(&s).await?.map(Thema::from))
}

#[derive(sqlx::FromRow)]
struct BeitragZeile {
    id: i64,
    autor_id: Option<i64>,
    autor: Option<String>,
    herkunft: Option<String>,
    text: String,
    erstellt_ms: i64,
    geaendert_ms: i64,
    verborgen_grund: Option<String>,
    version: i64,
}

/// One page of a thread's posts, oldest first, rendered through the sanitiser; marks them read.
pub async fn beitraege(db: &Db, thema: &Thema, leser: Leser, seite: usize) -> StoreResult<Vec<Beitrag>> {
    let bis = gelesen_bis(db, thema.id, leser).await?;
    let mut s = Sql::new(
        "SELECT p.id, p.autor_id, u.name AS autor, k.name AS herkunft, p.text, p.erstellt_ms, p.geaendert_ms, \
         p.verborgen_grund, p.version FROM forum_beitrag p LEFT JOIN benutzer u ON u.id = p.autor_id \
         LEFT JOIN kommune k ON k.ags = u.kommune_ags WHERE p.thema_id = ",
    );
    s.bind(thema.id).push(" ORDER BY p.id LIMIT ").bind(crate::model::anzahl(PRO_SEITE));
    s.push(" OFFSET ").bind(crate::model::anzahl((seite.max(1) - 1) * PRO_SEITE));
    let zeilen: Vec<BeitragZeile> = db.alle(&s).await?;
    if let (Some(id), Some(letzter)) = (leser.id, zeilen.last().map(|z| z.id)) {
        gelesen_setzen(db, id, thema.id, letzter).await?;
    }
    Ok(zeilen.into_iter().map(|z| beitrag(z, leser, bis)).collect())
}

/// A post as this reader sees it: a hidden one's text only for its author and the moderation.
fn beitrag(z: BeitragZeile, leser: Leser, bis: i64) -> Beitrag {
    let eigener = leser.id.is_some() && z.autor_id == leser.id;
    let lesbar = z.verborgen_grund.is_none() || eigener || leser.moderator;
    Beitrag {
        id: z.id,
        eigener,
        autor: z.autor.unwrap_or_else(|| EHEMALIG.to_string()),
        herkunft: z.herkunft,
        html: if lesbar { crate::markdown::beitrag(&z.text) } else { String::new() },
        markdown: if lesbar { z.text } else { String::new() },
        erstellt_ms: z.erstellt_ms,
        geaendert_ms: z.geaendert_ms,
        verborgen: z.verborgen_grund,
        neu: leser.angemeldet() && z.autor_id != leser.id && z.id > bis,
        version: z.version,
    }
}

/// Reads less than this far apart are one visit: "Neu" stays relative to its beginning.
const BESUCH_MS: i64 = 30 * 60 * 1000;

#[derive(sqlx::FromRow)]
struct Gelesen {
    bis_beitrag: i64,
    zuvor: i64,
    gelesen_ms: i64,
}

/// The mark against which posts count as new on this read (`i64::MAX` for the public).
async fn gelesen_bis(db: &Db, thema: i64, leser: Leser) -> StoreResult<i64> {
    let Some(id) = leser.id else { return Ok(i64::MAX) };
    let mut s = Sql::new("SELECT bis_beitrag, zuvor, gelesen_ms FROM forum_gelesen WHERE benutzer_id = ");
    s.bind(id).push(" AND thema_id = ").bind(thema);
    Ok(match db.eine::<Gelesen>(&s).await? {
        None => 0,
        Some(g) if super::jetzt_ms() - g.gelesen_ms > BESUCH_MS => g.bis_beitrag,
        Some(g) => g.zuvor,
    })
}

/// Read up to `beitrag` (never back); a new visit starts from the previous mark.
async fn gelesen_setzen(db: &Db, benutzer: i64, thema: i64, beitrag: i64) -> StoreResult<()> {
    let jetzt = super::jetzt_ms();
    let mut s = Sql::new("INSERT INTO forum_gelesen (benutzer_id, thema_id, bis_beitrag, zuvor, gelesen_ms) VALUES (");
    s.bind(benutzer).push(", ").bind(thema).push(", ").bind(beitrag).push(", 0, ").bind(jetzt);
    s.push(") ON CONFLICT (benutzer_id, thema_id) DO UPDATE SET zuvor = CASE WHEN ");
    s.bind(jetzt).push(" - forum_gelesen.gelesen_ms > ").bind(BESUCH_MS);
    s.push(" THEN forum_gelesen.bis_beitrag ELSE forum_gelesen.zuvor END, bis_beitrag = CASE WHEN forum_gelesen.bis_beitrag < ");
    s.bind(beitrag).push(" THEN ").bind(beitrag).push(" ELSE forum_gelesen.bis_beitrag END, gelesen_ms = ").bind(jetzt);
    db.transaktion(&[s]).await.map(|_| ())
}

async fn beitrag_einfuegen(tx: &mut Tx, thema: i64, text: &str, wer: &Akteur) -> StoreResult<i64> {
    let jetzt = super::jetzt_ms();
    let mut s = Sql::new("INSERT INTO forum_beitrag (thema_id, autor_id, text, erstellt_ms, geaendert_ms) VALUES (");
    s.bind(thema).push(", ").bind(wer.id).push(", ").bind(text.to_string()).push(", ").bind(jetzt);
    s.push(", ").bind(jetzt).push(") RETURNING id");
    let id = tx.zahl(&s).await?;
    let mut t = Sql::new("UPDATE forum_thema SET beitraege = beitraege + 1, letzter_beitrag = ");
    t.bind(id).push(", letzte_ms = ").bind(jetzt).push(", version = version + 1 WHERE id = ").bind(thema);
    tx.ausfuehren(&t).await?;
    suche::anhaengen(tx, thema, text).await?;
    if let Some(autor) = wer.id {
        let mut g = Sql::new("INSERT INTO forum_gelesen (benutzer_id, thema_id, bis_beitrag) VALUES (");
        g.bind(autor).push(", ").bind(thema).push(", ").bind(id);
        g.push(") ON CONFLICT (benutzer_id, thema_id) DO UPDATE SET bis_beitrag = ").bind(id);
        tx.ausfuehren(&g).await?;
    }
    super::ereignis::schreiben(tx, crate::model::live::FORUM, &thema.to_string(), "{}", wer).await?;
    let m = mitteilung(tx, thema, id, text).await?;
    super::infoverteiler::mitteilen(tx, &m, wer).await?;
    Ok(id)
}

/// The Infoverteiler's notice of a post: a new thread (its first post) for those who follow the
/// board or its Themenfeld, a reply also for those who follow the thread.
async fn mitteilung(tx: &mut Tx, thema: i64, beitrag: i64, text: &str) -> StoreResult<MitteilungNeu> {
    #[derive(sqlx::FromRow)]
    struct Ort {
        betreff: String,
        brett_id: i64,
        themenfeld_id: Option<i64>,
        beitraege: i64,
    }
    let mut s = Sql::new(
        "SELECT t.betreff, t.brett_id, b.themenfeld_id, t.beitraege FROM forum_thema t \
         JOIN forum_brett b ON b.id = t.brett_id WHERE t.id = ",
    );
    s.bind(thema);
    let o = tx.eine::<Ort>(&s).await?.ok_or_else(|| super::StoreError::Intern("Thema fehlt".into()))?;
    let mut bezuege = vec![(AboArt::Thema, thema.to_string()), (AboArt::Brett, o.brett_id.to_string())];
    bezuege.extend(o.themenfeld_id.map(|tf| (AboArt::Themenfeld, tf.to_string())));
    let erster = o.beitraege <= 1;
    Ok(MitteilungNeu {
        art: if erster { "thema" } else { "beitrag" },
        titel: if erster { o.betreff } else { format!("Re: {}", o.betreff) },
        // The new post is on the thread's last page.
        pfad: match seiten(o.beitraege) {
            1 => format!("{}#beitrag-{beitrag}", crate::pfad::forum_thema(thema)),
            n => format!("{}?seite={n}#beitrag-{beitrag}", crate::pfad::forum_thema(thema)),
        },
        auszug: text.to_string(),
        zeit_ms: super::jetzt_ms(),
        bezuege,
    })
}

/// A new thread with its first post in board `d.brett`; returns the thread's id.
pub async fn thema_anlegen(db: &Db, d: &ThemaDaten, wer: &Akteur) -> Result<i64, SchreibFehler> {
    let mut b = Sql::new("SELECT id FROM forum_brett WHERE slug = ");
    b.bind(d.brett.clone());
    let mut tx = db.beginnen().await?;
    let Some(brett) = tx.eine::<(i64,)>(&b).await? else {
        return Err(SchreibFehler::NichtGefunden("Das Forum".into()));
    };
    let jetzt = super::jetzt_ms();
    let mut s =
        Sql::new("INSERT INTO forum_thema (brett_id, betreff, autor_id, erstellt_ms, letzte_ms, suchtext) VALUES (");
    s.bind(brett.0).push(", ").bind(d.betreff.clone()).push(", ").bind(wer.id).push(", ").bind(jetzt);
    s.push(", ").bind(jetzt).push(", ").bind(suche::anfang(&d.betreff)).push(") RETURNING id");
    let id = tx.zahl(&s).await?;
    beitrag_einfuegen(&mut tx, id, &d.text, wer).await?;
    tx.commit().await?;
    Ok(id)
}

/// A reply; refused in a locked thread. Returns the post's id.
pub async fn antworten(db: &Db, thema: i64, text: &str, wer: &Akteur) -> Result<i64, SchreibFehler> {
    let mut tx = db.beginnen().await?;
    // Takes the thread's row lock first: replies of one thread are counted one after another.
    let mut sperre = Sql::new("UPDATE forum_thema SET version = version + 1 WHERE gesperrt = ");
    sperre.bind(false).push(" AND id = ").bind(thema);
    if tx.ausfuehren(&sperre).await? == 0 {
        drop(tx);
        let mut g = Sql::new("SELECT COUNT(*) FROM forum_thema WHERE id = ");
        g.bind(thema);
        return Err(if db.zahl(&g).await? == 0 {
            SchreibFehler::NichtGefunden("Das Thema".into())
        } else {
            SchreibFehler::Abgelehnt("Dieses Thema ist geschlossen; Antworten sind nicht mehr möglich.".into())
        });
    }
    let id = beitrag_einfuegen(&mut tx, thema, text, wer).await?;
    tx.commit().await?;
    Ok(id)
}

/// The author edits their post, based on the version they saw (else 409); the earlier wording
/// stays in `forum_fassung`. Returns the new version.
pub async fn bearbeiten(db: &Db, id: i64, version: i64, text: &str, wer: &Akteur) -> Result<i64, SchreibFehler> {
    #[derive(sqlx::FromRow)]
    struct Alt {
        thema_id: i64,
        autor_id: Option<i64>,
        text: String,
        geaendert_ms: i64,
        version: i64,
    }
    let mut tx = db.beginnen().await?;
    let mut sperre = Sql::new("UPDATE forum_beitrag SET version = version WHERE id = ");
    sperre.bind(id);
    tx.ausfuehren(&sperre).await?;
    let mut a = Sql::new("SELECT thema_id, autor_id, text, geaendert_ms, version FROM forum_beitrag WHERE id = ");
    a.bind(id);
    let alt = tx.eine::<Alt>(&a).await?.ok_or_else(|| SchreibFehler::NichtGefunden("Der Beitrag".into()))?;
    if alt.autor_id.is_none() || alt.autor_id != wer.id {
        return Err(SchreibFehler::Verboten);
    }
    if alt.version != version {
        return Err(SchreibFehler::Konflikt(
            "Sie haben diesen Beitrag inzwischen an anderer Stelle geändert. Bitte laden Sie die Seite neu.".into(),
        ));
    }
    let mut f = Sql::new("INSERT INTO forum_fassung (beitrag_id, version, text, geaendert_ms) VALUES (");
    f.bind(id).push(", ").bind(alt.version).push(", ").bind(alt.text).push(", ").bind(alt.geaendert_ms).push(")");
    tx.ausfuehren(&f).await?;
    let mut u = Sql::new("UPDATE forum_beitrag SET text = ");
    u.bind(text.to_string()).push(", geaendert_ms = ").bind(super::jetzt_ms());
    u.push(", version = version + 1 WHERE id = ").bind(id);
    tx.ausfuehren(&u).await?;
    suche::erneuern(&mut tx, alt.thema_id).await?;
    super::ereignis::schreiben(&mut tx, crate::model::live::FORUM, &alt.thema_id.to_string(), "{}", wer).await?;
    tx.commit().await?;
    Ok(version + 1)
}
