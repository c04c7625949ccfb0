//! Generic faceted search over one catalog: free text, facets with counts, "ist gleich / ist
//! nicht gleich", sorting and paging, all as portable SQL. Each catalog describes itself once in
//! a [`KatalogDef`]; the same definition serves the page, the facet counts and the export.

use super::{Db, Sql, StoreResult, Zeile};
use crate::model::filter::{Auswahl, Facette, FacettenWert, KatalogAnfrage, NICHT_ERFASST, Trefferseite};
use crate::model::text::{fold, query_tokens};

pub enum FacettenArt {
    /// One value per row: `wert` is a TEXT expression (NULL = not recorded), `label` its display.
    Spalte { wert: &'static str, label: Label },
    /// Several values per row, stored as `;a;b;` in `spalte` (NULL = not recorded).
    Menge { spalte: &'static str, werte: &'static [(&'static str, &'static str)] },
    /// Several values per row through link rows: `verbindung` is a FROM clause holding the
    /// link (and what labels it), `zeile` the condition tying it to the catalog row, `wert`
    /// and `label` TEXT expressions over it. A row without link rows counts as "nicht erfasst".
    /// Scales with the link table (indexed), not with a denormalised column.
    Bezug { verbindung: &'static str, zeile: &'static str, wert: &'static str, label: &'static str },
    /// Several values per row through one link table whose (row key, value) pairs are unique
    /// (its primary key), labels looked up in another table. Counts group the link table first
    /// and fetch labels after, so a large link table is read once instead of being joined to the
    /// catalog row by row (Kommune × Online-Dienst, 200,000 rows on SQLite: 126 → 10–16 ms).
    /// `zaehltabelle` optionally names a table `(<wert>, anzahl)` the database keeps equal to
    /// the link table grouped by value (by triggers): it answers the unfiltered counts, which
    /// otherwise read the whole link table on every page view.
    Link {
        tabelle: &'static str,
        zeile: &'static str,
        wert: &'static str,
        labels: &'static str,
        label_schluessel: &'static str,
        label: &'static str,
        zaehltabelle: Option<&'static str>,
    },
}

pub enum Label {
    /// SQL expression for the label, grouped with the value.
    Sql(&'static str),
    /// The label is computed from the value.
    Rust(fn(&str) -> String),
    /// The value is its own label ("ja", "nein", "Düsseldorf").
    Wert,
}

pub struct FacettenDef {
    pub schluessel: &'static str,
    pub label: &'static str,
    pub art: FacettenArt,
    /// The most frequent values shown; selected values are always shown.
    pub max_werte: usize,
    /// Order values by label (true) or by count (false).
    pub nach_label: bool,
}

pub struct KatalogDef {
    pub from: &'static str,
    pub select: &'static str,
    pub suchspalte: &'static str,
    /// Folded name column framed by spaces, used to rank word-prefix hits first.
    pub rangspalte: &'static str,
    pub facetten: &'static [FacettenDef],
    pub sortierungen: &'static [(&'static str, &'static str)],
    pub standard_sort: &'static str,
    pub schluessel: &'static str,
}

pub const NICHT_ERFASST_LABEL: &str = "nicht erfasst";

impl KatalogDef {
    fn facette(&self, schluessel: &str) -> Option<&FacettenDef> {
        self.facetten.iter().find(|f| f.schluessel == schluessel)
    }

    /// Adds a condition for the search text and every facet except `ausser`.
    fn bedingungen(&self, wo: &mut Wo, a: &KatalogAnfrage, ausser: Option<&str>) {
        for tok in query_tokens(&a.q) {
            wo.und().push(self.suchspalte).push(" LIKE ").bind(format!("%{tok}%"));
        }
        for (key, sel) in &a.facetten {
            if Some(key.as_str()) == ausser {
                continue;
            }
            let Some(def) = self.facette(key) else { continue };
            match &def.art {
                FacettenArt::Spalte { wert, .. } => {
                    let sql = wo.und();
                    sql.push(if sel.negiert { "NOT (" } else { "(" });
                    sql.push("COALESCE(").push(wert).push(", '-') IN (");
                    sql.bind_list(sel.werte.iter().map(String::as_str));
                    sql.push("))");
                }
                FacettenArt::Menge { spalte, werte } => menge_bedingung(wo, sel, spalte, werte),
                FacettenArt::Link { tabelle, zeile, wert, .. } => {
                    let verknuepft = format!("xz.{zeile} = {}", self.schluessel);
                    bezug_bedingung(wo, sel, &format!("{tabelle} xz"), &verknuepft, &format!("xz.{wert}"));
                }
                FacettenArt::Bezug { verbindung, zeile, wert, .. } => bezug_bedingung(wo, sel, verbindung, zeile, wert),
            }
        }
    }

    fn order_by(&self, sql: &mut Sql, a: &KatalogAnfrage) {
        let richtung = if a.absteigend { "DESC" } else { "ASC" };
        let gewaehlt = a.sort.as_deref().and_then(|s| self.sortierungen.iter().find(|(k, _)| *k == s));
        sql.push(" ORDER BY ");
        match gewaehlt {
            // NULLs last on both backends (SQLite and PostgreSQL disagree on the default).
            Some((_, expr)) => {
                sql.push("(").push(expr).push(" IS NULL), ").push(expr).push(" ").push(richtung).push(", ");
            }
            None => {
                if let Some(erstes) = query_tokens(&a.q).first() {
                    sql.push("CASE WHEN ").push(self.rangspalte).push(" LIKE ").bind(format!(" {erstes}%"));
                    sql.push(" THEN 0 WHEN ").push(self.rangspalte).push(" LIKE ").bind(format!("% {erstes}%"));
                    sql.push(" THEN 1 ELSE 2 END, ");
                }
                sql.push(self.standard_sort).push(", ");
            }
        }
        sql.push(self.schluessel);
    }

    fn zeilen_sql(&self, a: &KatalogAnfrage, limit: Option<(u32, u32)>) -> Sql {
        let mut sql = Sql::new("SELECT ");
        sql.push(self.select).push(" FROM ").push(self.from);
        self.bedingungen(&mut Wo::neu(&mut sql), a, None);
        self.order_by(&mut sql, a);
        if let Some((limit, offset)) = limit {
            sql.push(&format!(" LIMIT {limit} OFFSET {offset}"));
        }
        sql
    }

    fn anzahl_sql(&self, a: &KatalogAnfrage) -> Sql {
        let mut sql = Sql::new("SELECT COUNT(*) FROM ");
        sql.push(self.from);
        self.bedingungen(&mut Wo::neu(&mut sql), a, None);
        sql
    }

    /// The counts of one facet under every other condition of the request.
    fn facetten_sql(&self, def: &FacettenDef, a: &KatalogAnfrage) -> Sql {
        let mut sql = Sql::default();
        let ausser = Some(def.schluessel);
        match &def.art {
            FacettenArt::Spalte { wert, label } => {
                let label_sql = match label {
                    Label::Sql(l) => format!("COALESCE(MAX({l}), '{NICHT_ERFASST_LABEL}')"),
                    Label::Rust(_) | Label::Wert => "''".to_string(),
                };
                sql.push(&format!(
                    "SELECT COALESCE({wert}, '-') AS wert, {label_sql} AS label, COUNT(*) AS anzahl FROM {}",
                    self.from
                ));
                self.bedingungen(&mut Wo::neu(&mut sql), a, ausser);
                sql.push(&format!(" GROUP BY COALESCE({wert}, '-')"));
            }
            FacettenArt::Menge { spalte, werte } => {
                let alle = werte.iter().copied().chain([(NICHT_ERFASST, NICHT_ERFASST_LABEL)]);
                for (i, (code, label)) in alle.enumerate() {
                    if i > 0 {
                        sql.push(" UNION ALL ");
                    }
                    sql.push(&format!(
                        "SELECT '{code}' AS wert, '{label}' AS label, COUNT(*) AS anzahl FROM {}",
                        self.from
                    ));
                    let mut wo = Wo::neu(&mut sql);
                    self.bedingungen(&mut wo, a, ausser);
                    wo.und().push(&format!("COALESCE({spalte}, ';-;') LIKE ")).bind(format!("%;{code};%"));
                }
            }
            FacettenArt::Bezug { verbindung, zeile, wert, label } => {
                sql.push(&format!(
                    "SELECT {wert} AS wert, MAX({label}) AS label, COUNT(DISTINCT {}) AS anzahl FROM {} CROSS JOIN {verbindung}",
                    self.schluessel, self.from
                ));
                let mut wo = Wo::neu(&mut sql);
                self.bedingungen(&mut wo, a, ausser);
                wo.und().push(&format!("{zeile} GROUP BY {wert}"));
                self.ohne_wert_sql(&mut sql, a, ausser, &format!("SELECT 1 FROM {verbindung} WHERE {zeile}"));
            }
            FacettenArt::Link { tabelle, zeile, wert, labels, label_schluessel, label, zaehltabelle } => {
                sql.push("SELECT z.wert AS wert, COALESCE(xl.")
                    .push(label)
                    .push(", z.wert) AS label, z.anzahl AS anzahl FROM ");
                match (self.hat_bedingungen(a, def.schluessel), zaehltabelle) {
                    (false, Some(zaehltabelle)) => {
                        sql.push(&format!(
                            "(SELECT xz.{wert} AS wert, xz.anzahl AS anzahl FROM {zaehltabelle} xz WHERE xz.anzahl > 0)"
                        ));
                    }
                    (bedingt, _) => {
                        sql.push(&format!("(SELECT xz.{wert} AS wert, COUNT(*) AS anzahl FROM {tabelle} xz"));
                        // Without other conditions every catalog row counts: no need to name them.
                        if bedingt {
                            sql.push(&format!(" WHERE xz.{zeile} IN (SELECT {} FROM {}", self.schluessel, self.from));
                            self.bedingungen(&mut Wo::neu(&mut sql), a, ausser);
                            sql.push(")");
                        }
                        sql.push(&format!(" GROUP BY xz.{wert})"));
                    }
                }
                sql.push(&format!(" z LEFT JOIN {labels} xl ON xl.{label_schluessel} = z.wert"));
                let ohne = format!("SELECT 1 FROM {tabelle} xz WHERE xz.{zeile} = {}", self.schluessel);
                self.ohne_wert_sql(&mut sql, a, ausser, &ohne);
            }
        }
        sql
    }

    /// Appends the "nicht erfasst" row of a facet with link rows: the catalog rows for which
    /// `verknuepfung` (a subquery) finds nothing.
    fn ohne_wert_sql(&self, sql: &mut Sql, a: &KatalogAnfrage, ausser: Option<&str>, verknuepfung: &str) {
        sql.push(&format!(" UNION ALL SELECT '{NICHT_ERFASST}' AS wert, '{NICHT_ERFASST_LABEL}' AS label, "));
        sql.push(&format!("COUNT(*) AS anzahl FROM {}", self.from));
        let mut wo = Wo::neu(sql);
        self.bedingungen(&mut wo, a, ausser);
        wo.und().push(&format!("NOT EXISTS ({verknuepfung})"));
    }

    /// Whether [`Self::bedingungen`] may add a condition besides facet `ausser` (conservative:
    /// true also where an invalid value is then skipped).
    fn hat_bedingungen(&self, a: &KatalogAnfrage, ausser: &str) -> bool {
        !query_tokens(&a.q).is_empty() || a.facetten.keys().any(|k| k != ausser && self.facette(k).is_some())
    }
}

/// Writes ` WHERE ` before the first condition and ` AND ` before every further one, so no
/// caller needs to know whether a condition came before.
struct Wo<'a> {
    sql: &'a mut Sql,
    erste: bool,
}

impl<'a> Wo<'a> {
    fn neu(sql: &'a mut Sql) -> Self {
        Wo { sql, erste: true }
    }

    /// The query, ready for the next condition.
    fn und(&mut self) -> &mut Sql {
        self.sql.push(if self.erste { " WHERE " } else { " AND " });
        self.erste = false;
        self.sql
    }
}

/// A facet stored as `;a;b;`: the row has any of the chosen values (unknown values are ignored).
fn menge_bedingung(wo: &mut Wo, sel: &Auswahl, spalte: &str, werte: &[(&str, &str)]) {
    let gueltig: Vec<&String> =
        sel.werte.iter().filter(|w| w.as_str() == NICHT_ERFASST || werte.iter().any(|(c, _)| c == w)).collect();
    if gueltig.is_empty() {
        return;
    }
    let sql = wo.und();
    sql.push(if sel.negiert { "NOT (" } else { "(" });
    for (i, w) in gueltig.iter().enumerate() {
        if i > 0 {
            sql.push(" OR ");
        }
        sql.push("COALESCE(").push(spalte).push(", ';-;') LIKE ").bind(format!("%;{w};%"));
    }
    sql.push(")");
}

/// A facet held in link rows (`Link` and `Bezug`): some link row `FROM von WHERE verknuepft`
/// has one of the chosen values, or, for "nicht erfasst", there is no link row at all.
fn bezug_bedingung(wo: &mut Wo, sel: &Auswahl, von: &str, verknuepft: &str, wert: &str) {
    let (ohne, werte): (Vec<&String>, Vec<&String>) = sel.werte.iter().partition(|w| w.as_str() == NICHT_ERFASST);
    let sql = wo.und();
    sql.push(if sel.negiert { "NOT (" } else { "(" });
    if !werte.is_empty() {
        sql.push(&format!("EXISTS (SELECT 1 FROM {von} WHERE {verknuepft} AND {wert} IN ("));
        sql.bind_list(werte.iter().map(|w| w.as_str()));
        sql.push("))");
    }
    if !ohne.is_empty() {
        if !werte.is_empty() {
            sql.push(" OR ");
        }
        sql.push(&format!("NOT EXISTS (SELECT 1 FROM {von} WHERE {verknuepft})"));
    }
    sql.push(")");
}

#[derive(sqlx::FromRow)]
struct WertAnzahl {
    wert: String,
    label: String,
    anzahl: i64,
}

fn facette_aufbereiten(def: &FacettenDef, a: &KatalogAnfrage, roh: Vec<WertAnzahl>) -> Facette {
    let mut werte: Vec<FacettenWert> = roh
        .into_iter()
        .filter(|w| w.anzahl > 0 || a.hat(def.schluessel, &w.wert))
        .map(|w| {
            let label = if w.wert == NICHT_ERFASST {
                NICHT_ERFASST_LABEL.to_string()
            } else {
                match &def.art {
                    FacettenArt::Spalte { label: Label::Rust(f), .. } => f(&w.wert),
                    FacettenArt::Spalte { label: Label::Wert, .. } => w.wert.clone(),
                    _ => w.label,
                }
            };
            FacettenWert { wert: w.wert, label, anzahl: w.anzahl }
        })
        .collect();
    // A selected value that no longer matches anything stays visible, so it can be unselected.
    if let Some(sel) = a.facetten.get(def.schluessel) {
        for w in &sel.werte {
            if !werte.iter().any(|x| &x.wert == w) {
                werte.push(FacettenWert { wert: w.clone(), label: w.clone(), anzahl: 0 });
            }
        }
    }
    let nicht_erfasst_zuletzt = |w: &FacettenWert| w.wert == NICHT_ERFASST;
    if def.nach_label {
        werte.sort_by(|x, y| {
            nicht_erfasst_zuletzt(x).cmp(&nicht_erfasst_zuletzt(y)).then_with(|| fold(&x.label).cmp(&fold(&y.label)))
        });
    } else {
        werte.sort_by(|x, y| {
            nicht_erfasst_zuletzt(x)
                .cmp(&nicht_erfasst_zuletzt(y))
                .then(y.anzahl.cmp(&x.anzahl))
                .then_with(|| fold(&x.label).cmp(&fold(&y.label)))
        });
    }
    let mut weitere = 0;
    if werte.len() > def.max_werte {
        let (mut behalten, rest): (Vec<_>, Vec<_>) = werte.into_iter().enumerate().partition(|(i, w)| {
            // "nicht erfasst" stays choosable however many values there are: it answers
            // "which rows lack this", not one value among many.
            *i < def.max_werte || a.hat(def.schluessel, &w.wert) || w.wert == NICHT_ERFASST
        });
        weitere = crate::model::anzahl(rest.len());
        werte = behalten.drain(..).map(|(_, w)| w).collect();
    }
    Facette { schluessel: def.schluessel.to_string(), label: def.label.to_string(), werte, weitere }
}

/// One page of the catalog with counts and facets for the current filter.
pub async fn suchen<T: Zeile>(db: &Db, def: &KatalogDef, a: &KatalogAnfrage) -> StoreResult<Trefferseite<T>> {
    let offset = (a.seite.saturating_sub(1)).saturating_mul(a.pro_seite);
    let (anzahl_sql, zeilen_sql) = (def.anzahl_sql(a), def.zeilen_sql(a, Some((a.pro_seite, offset))));
    let facetten_sql: Vec<Sql> = def.facetten.iter().map(|f| def.facetten_sql(f, a)).collect();
    // The queries are independent: run them at once on the pool instead of one round trip after
    // the other (matters most on PostgreSQL, where each is a network round trip).
    let (gesamt, zeilen, roh) = futures::try_join!(
        db.zahl(&anzahl_sql),
        db.alle::<T>(&zeilen_sql),
        futures::future::try_join_all(facetten_sql.iter().map(|s| db.alle::<WertAnzahl>(s))),
    )?;
    let facetten = def.facetten.iter().zip(roh).map(|(f, roh)| facette_aufbereiten(f, a, roh)).collect();
    Ok(Trefferseite { zeilen, gesamt, facetten, anfrage: a.clone() })
}

/// Every matching row in the current order (for CSV/JSON export), at most `max`.
pub async fn alle_treffer<T: Zeile>(db: &Db, def: &KatalogDef, a: &KatalogAnfrage, max: u32) -> StoreResult<Vec<T>> {
    db.alle::<T>(&def.zeilen_sql(a, Some((max, 0)))).await
}

/// Every match as a stream of rows (exports): see [`Db::strom`].
pub fn treffer_strom<T: Zeile + 'static>(
    db: &Db,
    def: &KatalogDef,
    a: &KatalogAnfrage,
    max: u32,
) -> tokio::sync::mpsc::Receiver<StoreResult<T>> {
    db.strom(def.zeilen_sql(a, Some((max, 0))), 256)
}

/// The type of a sort column or key, so that a cursor's value is bound as what it is compared
/// with (PostgreSQL refuses text against a number).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Spaltenart {
    Text,
    Zahl,
}

/// A value of a sort column or key, as a cursor carries it.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
#[serde(untagged)]
pub enum Marke {
    Zahl(i64),
    Text(String),
}

impl Marke {
    /// Whether the value has the type of the column it claims to continue.
    pub fn passt(&self, art: Spaltenart) -> bool {
        matches!((self, art), (Marke::Zahl(_), Spaltenart::Zahl) | (Marke::Text(_), Spaltenart::Text))
    }
}

impl From<Marke> for super::Arg {
    fn from(m: Marke) -> Self {
        match m {
            Marke::Zahl(z) => super::Arg::Int(z),
            Marke::Text(t) => super::Arg::Text(t),
        }
    }
}

/// The order of a cursor-paged list: one of the catalog's sorts (or its standard sort), then the
/// key, so that every row has one place.
#[derive(Clone, Copy, Debug)]
pub struct Reihenfolge<'a> {
    /// A key of [`KatalogDef::sortierungen`]; `None`: the standard sort.
    pub sort: Option<&'a str>,
    pub art: Spaltenart,
    pub absteigend: bool,
    pub schluessel_art: Spaltenart,
}

/// Where the previous page ended: its last row's sort value (`None`: NULL) and key. Carried by
/// value, so a page continues where it should even if that row was deleted meanwhile.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Stelle {
    pub wert: Option<Marke>,
    pub schluessel: Marke,
}

/// One page of a cursor-paged list, the place after its last row (when there are more) and the
/// number of all matches.
pub struct Blatt<T> {
    pub zeilen: Vec<T>,
    pub weiter: Option<Stelle>,
    pub gesamt: i64,
}

/// A row with its sort value and key, for the next cursor.
struct Markiert<T> {
    zeile: T,
    wert: Option<Marke>,
    schluessel: Option<Marke>,
}

fn marke(text: Option<String>, zahl: Option<i64>) -> Option<Marke> {
    zahl.map(Marke::Zahl).or(text.map(Marke::Text))
}

macro_rules! markiert_aus_zeile {
    ($row:ty) => {
        impl<'r, T: FromRow<'r, $row>> FromRow<'r, $row> for Markiert<T> {
            fn from_row(row: &'r $row) -> sqlx::Result<Self> {
                use sqlx::Row;
                Ok(Markiert {
                    zeile: T::from_row(row)?,
                    wert: marke(row.try_get("blatt_wt")?, row.try_get("blatt_wz")?),
                    schluessel: marke(row.try_get("blatt_kt")?, row.try_get("blatt_kz")?),
                })
            }
        }
    };
}
use sqlx::FromRow;
markiert_aus_zeile!(sqlx::sqlite::SqliteRow);
markiert_aus_zeile!(sqlx::postgres::PgRow);

/// `expr` typed as a text and a number column (the other one NULL), named `name_t`/`name_z`.
fn typisiert(sql: &mut Sql, expr: &str, art: Spaltenart, name: &str) {
    let (t, z) = match art {
        Spaltenart::Text => (format!("CAST({expr} AS TEXT)"), "CAST(NULL AS BIGINT)".to_string()),
        Spaltenart::Zahl => ("CAST(NULL AS TEXT)".to_string(), format!("CAST({expr} AS BIGINT)")),
    };
    sql.push(&format!(", {t} AS {name}t, {z} AS {name}z"));
}

/// Why a cursor-paged list could not be read: the first two are the client's, the last the
/// database's.
#[derive(Debug, thiserror::Error)]
pub enum BlattFehler {
    #[error("Unbekannte Sortierung.")]
    UnbekannteSortierung,
    #[error("Die Fortsetzungsmarke passt nicht zu dieser Sortierung.")]
    MarkePasstNicht,
    #[error(transparent)]
    Store(#[from] super::StoreError),
}

impl KatalogDef {
    fn sortausdruck(&self, r: &Reihenfolge) -> Result<&'static str, BlattFehler> {
        match r.sort {
            None => Ok(self.standard_sort),
            Some(s) => self
                .sortierungen
                .iter()
                .find(|(k, _)| *k == s)
                .map(|(_, e)| *e)
                .ok_or(BlattFehler::UnbekannteSortierung),
        }
    }

    /// Rows after `nach` in the order `r`: NULLs last in either direction, the key ascending
    /// among equal values (as [`Self::order_by`] does). At most `limit` + 1 rows, so the caller
    /// sees whether there are more.
    fn blatt_sql(
        &self,
        a: &KatalogAnfrage,
        r: &Reihenfolge,
        nach: Option<&Stelle>,
        limit: u32,
    ) -> Result<Sql, BlattFehler> {
        let expr = self.sortausdruck(r)?;
        let key = self.schluessel;
        let mut sql = Sql::new("SELECT ");
        sql.push(self.select);
        typisiert(&mut sql, expr, r.art, "blatt_w");
        typisiert(&mut sql, key, r.schluessel_art, "blatt_k");
        sql.push(" FROM ").push(self.from);
        let mut wo = Wo::neu(&mut sql);
        self.bedingungen(&mut wo, a, None);
        if let Some(stelle) = nach {
            if !stelle.schluessel.passt(r.schluessel_art) || stelle.wert.as_ref().is_some_and(|w| !w.passt(r.art)) {
                return Err(BlattFehler::MarkePasstNicht);
            }
            let s = wo.und();
            match &stelle.wert {
                Some(w) => {
                    let vergleich = if r.absteigend { " < " } else { " > " };
                    s.push(&format!("(({expr}) IS NULL OR ({expr})")).push(vergleich).bind(w.clone());
                    s.push(&format!(" OR (({expr}) = ")).bind(w.clone());
                    s.push(&format!(" AND {key} > ")).bind(stelle.schluessel.clone()).push("))");
                }
                None => {
                    s.push(&format!("(({expr}) IS NULL AND {key} > ")).bind(stelle.schluessel.clone()).push(")");
                }
            }
        }
        let richtung = if r.absteigend { "DESC" } else { "ASC" };
        sql.push(&format!(" ORDER BY (({expr}) IS NULL), {expr} {richtung}, {key} LIMIT {}", u64::from(limit) + 1));
        Ok(sql)
    }
}

/// One page of a catalog for the open API: after `nach` in the order `r`, at most `limit` rows,
/// with the same filters as the page (facets, "ist nicht gleich", search).
pub async fn blaettern<T: Zeile>(
    db: &Db,
    def: &KatalogDef,
    a: &KatalogAnfrage,
    r: &Reihenfolge<'_>,
    nach: Option<&Stelle>,
    limit: u32,
) -> Result<Blatt<T>, BlattFehler> {
    let zeilen_sql = def.blatt_sql(a, r, nach, limit)?;
    let anzahl_sql = def.anzahl_sql(a);
    let (gesamt, mut zeilen) = futures::try_join!(db.zahl(&anzahl_sql), db.alle::<Markiert<T>>(&zeilen_sql))?;
    let limit = usize::try_from(limit).unwrap_or(usize::MAX);
    let mehr = zeilen.len() > limit;
    zeilen.truncate(limit);
    let weiter = match zeilen.last() {
        Some(z) if mehr => z.schluessel.clone().map(|schluessel| Stelle { wert: z.wert.clone(), schluessel }),
        _ => None,
    };
    Ok(Blatt { zeilen: zeilen.into_iter().map(|z| z.zeile).collect(), weiter, gesamt })
}

/// One row of a catalog by its key, as the lists give it (for the API's single-item addresses).
pub async fn eine<T: Zeile>(db: &Db, def: &KatalogDef, schluessel: Marke) -> StoreResult<Option<T>> {
    let mut sql = Sql::new("SELECT ");
    sql.push(def.select).push(" FROM ").push(def.from);
    sql.push(&format!(" WHERE {} = ", def.schluessel)).bind(schluessel);
    db.eine(&sql).await
}

#[cfg(test)]
mod tests {
    use super::*;

    static DEF: KatalogDef = KatalogDef {
        from: "leistung l",
        select: "l.ozg_id",
        suchspalte: "l.suchtext",
        rangspalte: "l.suchname",
        facetten: &[
            FacettenDef {
                schluessel: "tf",
                label: "Themenfeld",
                art: FacettenArt::Spalte { wert: "CAST(l.themenfeld_id AS TEXT)", label: Label::Sql("t.name") },
                max_werte: 20,
                nach_label: true,
            },
            FacettenDef {
                schluessel: "zs",
                label: "Zuständigkeit",
                art: FacettenArt::Menge { spalte: "l.zustaendigkeit", werte: &[("bund", "Bund"), ("land", "Land")] },
                max_werte: 20,
                nach_label: false,
            },
        ],
        sortierungen: &[("name", "l.suchname")],
        standard_sort: "l.suchname",
        schluessel: "l.ozg_id",
    };

    #[test]
    fn where_clause_binds_every_user_value() {
        let a = KatalogAnfrage::aus_query("q=Bau'--&tf=2&tf=x');DROP&nicht_tf=1&zs=land&zs=evil");
        let sql = DEF.zeilen_sql(&a, Some((50, 0)));
        assert_eq!(
            sql.text,
            "SELECT l.ozg_id FROM leistung l WHERE l.suchtext LIKE $1 AND NOT (COALESCE(CAST(l.themenfeld_id AS TEXT), '-') IN ($2, $3)) \
             AND (COALESCE(l.zustaendigkeit, ';-;') LIKE $4) ORDER BY CASE WHEN l.suchname LIKE $5 THEN 0 WHEN l.suchname LIKE $6 THEN 1 ELSE 2 END, \
             l.suchname, l.ozg_id LIMIT 50 OFFSET 0"
        );
        assert!(!sql.text.contains("DROP"), "values never enter the SQL text");
        assert_eq!(sql.args.len(), 6);
    }

    #[test]
    fn facet_counts_ignore_their_own_selection() {
        let a = KatalogAnfrage::aus_query("tf=2&zs=land");
        let sql = DEF.facetten_sql(&DEF.facetten[0], &a);
        assert!(!sql.text.contains("themenfeld_id AS TEXT), '-') IN"), "{}", sql.text);
        assert!(sql.text.contains("zustaendigkeit"));
    }

    #[test]
    fn unknown_sort_keys_fall_back_to_default() {
        let a = KatalogAnfrage::aus_query("sort=1;DROP TABLE x");
        let sql = DEF.zeilen_sql(&a, None);
        assert!(sql.text.ends_with("ORDER BY l.suchname, l.ozg_id"));
    }

    #[test]
    fn a_value_condition_after_no_other_condition_opens_the_where_clause() {
        let ohne = DEF.facetten_sql(&DEF.facetten[1], &KatalogAnfrage::aus_query(""));
        assert!(ohne.text.contains("FROM leistung l WHERE COALESCE(l.zustaendigkeit"), "{}", ohne.text);
        assert!(!ohne.text.contains(" AND "), "{}", ohne.text);
        let mit = DEF.facetten_sql(&DEF.facetten[1], &KatalogAnfrage::aus_query("q=bau"));
        assert!(mit.text.contains("WHERE l.suchtext LIKE $1 AND COALESCE(l.zustaendigkeit"), "{}", mit.text);
    }
}
