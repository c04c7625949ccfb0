//! The data layer against real databases: import, facets, search, sorting, detail queries.

use crate::common;

use app::model::filter::KatalogAnfrage;
use app::store::{self, Db, Sql};
use common::mit_daten;

async fn zahl(db: &Db, sql: &str) -> i64 {
    db.zahl(&Sql::new(sql)).await.unwrap()
}

fn anfrage(q: &str) -> KatalogAnfrage {
    KatalogAnfrage::aus_query(q)
}

async fn import_liefert_alle_zeilen_und_ist_idempotent(db: Db) {
    let bericht = server::import::importieren(&db, false).await.unwrap().expect("erster Import läuft");
    assert_eq!(bericht.leika, 5251);
    assert_eq!(zahl(&db, "SELECT COUNT(*) FROM leistung").await, 557);
    assert_eq!(zahl(&db, "SELECT COUNT(*) FROM leika").await, 5251);
    assert_eq!(zahl(&db, "SELECT COUNT(*) FROM leika WHERE schluessel IS NULL").await, 438);
    assert_eq!(zahl(&db, "SELECT COUNT(*) FROM leika WHERE ozg_id IS NULL").await, 26);
    assert_eq!(zahl(&db, "SELECT COUNT(*) FROM kommune").await, 396);
    assert_eq!(zahl(&db, "SELECT COUNT(*) FROM kreis").await, 53);
    assert_eq!(zahl(&db, "SELECT COUNT(*) FROM themenfeld").await, 15);

    // Same data again: skipped by checksum; forced: upserts, nothing duplicated.
    assert!(server::import::importieren(&db, false).await.unwrap().is_none());
    server::import::importieren(&db, true).await.unwrap().expect("erzwungener Import läuft");
    assert_eq!(zahl(&db, "SELECT COUNT(*) FROM leika").await, 5251);
    assert_eq!(
        zahl(&db, "SELECT COUNT(*) FROM dienstleister_gebiet_kreis").await,
        zahl(&db, "SELECT COUNT(DISTINCT gebiet_id || '-' || kreis_ags) FROM dienstleister_gebiet_kreis").await
    );
}

async fn reimport_ueberschreibt_keine_bearbeitung(db: Db) {
    mit_daten(&db).await;
    // A coordinator has set a priority the slides do not give; a forced re-import keeps it,
    // and a value the slides give is not put back over an edit either.
    db.transaktion(&[
        Sql::new("UPDATE leistung SET prioritaet = 2 WHERE ozg_id = 10169"),
        Sql::new("UPDATE leistung SET prioritaet = 3 WHERE ozg_id = 10513"),
    ])
    .await
    .unwrap();
    server::import::importieren(&db, true).await.unwrap();
    assert_eq!(zahl(&db, "SELECT prioritaet FROM leistung WHERE ozg_id = 10169").await, 2);
    assert_eq!(zahl(&db, "SELECT prioritaet FROM leistung WHERE ozg_id = 10513").await, 3);
}

async fn folienwerte_sind_importiert(db: Db) {
    mit_daten(&db).await;
    let seite = store::leistung::leistung_seite(&db, 10513).await.unwrap().unwrap();
    assert_eq!(seite.leistung.name, "Abbruchgenehmigung");
    assert_eq!(seite.leistung.prioritaet, Some(1));
    assert_eq!(seite.leistung.efa, Some(true));
    assert_eq!(seite.leistung.zustaendigkeit.as_deref(), Some(";kommunal;"));
    assert!(seite.leika.iter().any(|k| k.schluessel.as_deref() == Some("99012001000000")));
    let fuehrerschein = store::leistung::leistung_seite(&db, 10169).await.unwrap().unwrap();
    assert_eq!(fuehrerschein.leistung.online_dienst_nrw, Some(true));
    assert_eq!(fuehrerschein.labore.len(), 1);
    assert!(store::leistung::leistung_seite(&db, 99999).await.unwrap().is_none());
}

async fn facetten_zaehlen_ohne_eigene_auswahl(db: Db) {
    mit_daten(&db).await;
    let alle = store::leistung::leistungen(&db, &anfrage("")).await.unwrap();
    assert_eq!(alle.gesamt, 557);
    assert_eq!(alle.zeilen.len(), 50);
    let tf = alle.facetten.iter().find(|f| f.schluessel == "tf").unwrap();
    assert_eq!(tf.werte.iter().map(|w| w.anzahl).sum::<i64>(), 557, "every Leistung has one Themenfeld");

    // Bauen & Wohnen is KDN id 2.
    let bauen = store::leistung::leistungen(&db, &anfrage("tf=2")).await.unwrap();
    let erwartet = zahl(&db, "SELECT COUNT(*) FROM leistung WHERE themenfeld_id = 2").await;
    assert_eq!(bauen.gesamt, erwartet);
    assert!(bauen.zeilen.iter().all(|z| z.themenfeld == "Bauen & Wohnen"));
    // The Themenfeld facet still offers the other fields with their full counts.
    let tf = bauen.facetten.iter().find(|f| f.schluessel == "tf").unwrap();
    assert!(tf.werte.len() >= 14);
    // Lebenslage counts follow the Themenfeld filter.
    let ll = bauen.facetten.iter().find(|f| f.schluessel == "ll").unwrap();
    assert_eq!(ll.werte.iter().map(|w| w.anzahl).sum::<i64>(), erwartet);

    // "ist nicht gleich": the complement.
    let ohne = store::leistung::leistungen(&db, &anfrage("tf=2&nicht_tf=1")).await.unwrap();
    assert_eq!(ohne.gesamt, 557 - erwartet);
    assert!(ohne.zeilen.iter().all(|z| z.themenfeld != "Bauen & Wohnen"));

    // Several values of one facet: any of them.
    let zwei = store::leistung::leistungen(&db, &anfrage("tf=2&tf=9")).await.unwrap();
    assert_eq!(zwei.gesamt, erwartet + zahl(&db, "SELECT COUNT(*) FROM leistung WHERE themenfeld_id = 9").await);
}

async fn nicht_erfasst_ist_filterbar(db: Db) {
    mit_daten(&db).await;
    let r = store::leistung::leistungen(&db, &anfrage("prio=1")).await.unwrap();
    let ids: Vec<i64> = r.zeilen.iter().map(|z| z.ozg_id).collect();
    assert_eq!(ids, vec![10513, 10514]);
    let prio = r.facetten.iter().find(|f| f.schluessel == "prio").unwrap();
    let ne = prio.werte.iter().find(|w| w.wert == "-").expect("nicht erfasst is a facet value");
    assert_eq!(ne.label, "nicht erfasst");
    assert_eq!(ne.anzahl, 557 - 6);
    let nicht_erfasst = store::leistung::leistungen(&db, &anfrage("prio=-")).await.unwrap();
    assert_eq!(nicht_erfasst.gesamt, 551);

    // Multi-valued Zuständigkeit: "Land" matches rows with Land among their levels.
    let land = store::leistung::leistungen(&db, &anfrage("zs=land")).await.unwrap();
    assert_eq!(land.gesamt, 3);
    let nicht_land = store::leistung::leistungen(&db, &anfrage("zs=land&nicht_zs=1")).await.unwrap();
    assert_eq!(nicht_land.gesamt, 554);
}

async fn suche_ist_umlaut_und_gross_klein_tolerant(db: Db) {
    mit_daten(&db).await;
    for q in ["Führerschein", "fuehrerschein", "FUHRERSCHEIN", "führersch"] {
        let r = store::leistung::leistungen(&db, &anfrage(&format!("q={q}"))).await.unwrap();
        assert!(r.zeilen.iter().any(|z| z.ozg_id == 10169), "„{q}“ findet den Führerschein");
    }
    // Word prefixes rank first: "abbruch" puts Abbruchgenehmigung on top.
    let r = store::leistung::leistungen(&db, &anfrage("q=abbruch")).await.unwrap();
    assert_eq!(r.zeilen[0].ozg_id, 10513);
    // OZG-ID and LeiKa key find the Leistung too.
    let r = store::leistung::leistungen(&db, &anfrage("q=10513")).await.unwrap();
    assert_eq!(r.zeilen[0].ozg_id, 10513);
    let r = store::leistung::leistungen(&db, &anfrage("q=99012001000000")).await.unwrap();
    assert_eq!(r.gesamt, 1);
    // Several words: all must match.
    let r = store::leistung::leistungen(&db, &anfrage("q=Hund+Steuer")).await.unwrap();
    assert!(r.gesamt >= 1);
    assert!(store::leistung::leistungen(&db, &anfrage("q=xyzzyquux")).await.unwrap().gesamt == 0);
    // SQL in the search box is just text.
    let r = store::leistung::leistungen(&db, &anfrage("q=%27%3B+DROP+TABLE+leistung%3B--")).await.unwrap();
    assert_eq!(r.gesamt, 0);
    assert_eq!(zahl(&db, "SELECT COUNT(*) FROM leistung").await, 557);
}

async fn sortierung_und_seiten(db: Db) {
    mit_daten(&db).await;
    let r = store::leistung::leistungen(&db, &anfrage("sort=ozg_id&pro=25&seite=2")).await.unwrap();
    assert_eq!(r.zeilen.len(), 25);
    let ids: Vec<i64> = r.zeilen.iter().map(|z| z.ozg_id).collect();
    let mut sortiert = ids.clone();
    sortiert.sort();
    assert_eq!(ids, sortiert);
    let erste = store::leistung::leistungen(&db, &anfrage("sort=ozg_id&pro=25")).await.unwrap();
    assert!(erste.zeilen.last().unwrap().ozg_id < ids[0]);
    // Descending LeiKa count, NULL-free column.
    let r = store::leistung::leistungen(&db, &anfrage("sort=leika&ab=1")).await.unwrap();
    assert!(r.zeilen.windows(2).all(|w| w[0].leika_anzahl >= w[1].leika_anzahl));
    // Priority ascending: recorded values first, "nicht erfasst" last on both backends.
    let r = store::leistung::leistungen(&db, &anfrage("sort=prio")).await.unwrap();
    let prios: Vec<Option<i64>> = r.zeilen.iter().take(7).map(|z| z.prioritaet).collect();
    assert_eq!(prios, vec![Some(1), Some(1), Some(2), Some(3), Some(3), Some(3), None]);
    // Name order ignores case and umlauts: "Öffentliche …" sorts under O, not after Z.
    let r = store::leistung::leistungen(&db, &anfrage("sort=name&ab=1&pro=500")).await.unwrap();
    let pos = r.zeilen.iter().position(|z| z.name.starts_with("Öffentliche")).unwrap();
    assert!(pos > 50, "Ö is not sorted after Z");
}

async fn leika_katalog_markiert_statt_verwirft(db: Db) {
    mit_daten(&db).await;
    let r = store::leistung::leika(&db, &anfrage("")).await.unwrap();
    assert_eq!(r.gesamt, 5251);
    let ohne = store::leistung::leika(&db, &anfrage("sg=fehlt")).await.unwrap();
    assert_eq!(ohne.gesamt, 438);
    assert!(ohne.zeilen.iter().all(|z| z.schluessel.is_none() && !z.hinweise().is_empty()));
    let ohne_ozg = store::leistung::leika(&db, &anfrage("zo=nein")).await.unwrap();
    assert_eq!(ohne_ozg.gesamt, 26);
    let abbruch = store::leistung::leika(&db, &anfrage("ozg=10513")).await.unwrap();
    assert_eq!(abbruch.gesamt, zahl(&db, "SELECT COUNT(*) FROM leika WHERE ozg_id = 10513").await);
}

async fn kommunen_nach_kreis_und_groessenklasse(db: Db) {
    mit_daten(&db).await;
    let borken = store::kommune::kommunen(&db, &anfrage("kreis=05554&pro=100")).await.unwrap();
    assert_eq!(borken.gesamt, 17);
    assert!(borken.zeilen.iter().any(|z| z.name.starts_with("Ahaus")));
    let kreisfrei = store::kommune::kommunen(&db, &anfrage("gk=kreisfrei")).await.unwrap();
    assert_eq!(kreisfrei.gesamt, 22);
    let gk = kreisfrei.facetten.iter().find(|f| f.schluessel == "gk").unwrap();
    assert_eq!(gk.werte.iter().map(|w| w.anzahl).sum::<i64>(), 396);
    let ahaus = store::kommune::kommune_seite(&db, "05554004", false).await.unwrap().unwrap();
    assert_eq!(ahaus.kommune.groessenklasse, "mittel");
    assert_eq!(ahaus.kommune.kreis, "Borken");
    assert!(ahaus.dienstleister.iter().any(|d| d.dienstleister == "KAAW"), "KAAW serves Kreis Borken");
    let aachen = store::kommune::kommune_seite(&db, "05334002", false).await.unwrap().unwrap();
    assert_eq!(aachen.kommune.groessenklasse, "sonderstatus");
    let kreis = store::kommune::kreis_seite(&db, "05554").await.unwrap().unwrap();
    assert_eq!(kreis.gemeinden.len(), 17);
    let suche = store::kommune::kommunen(&db, &anfrage("q=muenster")).await.unwrap();
    assert!(suche.zeilen.iter().any(|z| z.ags == "05515000"));
}

async fn themenfelder_und_dienstleister(db: Db) {
    mit_daten(&db).await;
    let karte = store::leistung::themenfelder_kennzahlen(&db).await.unwrap();
    assert_eq!(karte.len(), 15);
    assert_eq!(karte.iter().map(|t| t.leistungen).sum::<i64>(), 557);
    let basis = karte.iter().find(|t| t.name == "Basisdienste").unwrap();
    assert_eq!(basis.leistungen, 0);
    let leser = app::model::konto::Angemeldet {
        id: 1,
        email: "k@ahaus.de".into(),
        name: "Anna Ahaus".into(),
        rolle: app::model::konto::Rolle::Kommune,
        kommune_ags: Some("05554004".into()),
        kommune_name: Some("Ahaus, Stadt".into()),
    };
    let mobil = store::themenfeld::themenfeld_seite(&db, "mobilitaet-reisen", None).await.unwrap().unwrap();
    assert_eq!(mobil.themenfeld.koordination.as_deref(), Some("Wiebke Borchert"));
    assert_eq!(mobil.kontakt, None, "contact data only for logged-in readers");
    let mit = store::themenfeld::themenfeld_seite(&db, "mobilitaet-reisen", Some(&leser)).await.unwrap().unwrap();
    assert_eq!(mit.kontakt.and_then(|k| k.email).as_deref(), Some("Wiebke.Borchert@kdn.de"));
    let workshops: Vec<String> = mobil.veranstaltungen.iter().map(|v| v.termin.anzeigen()).collect();
    assert_eq!(workshops, ["Di., 03.12.2019", "Q1 2020"], "the workshops of the slides, as precise as given");
    assert_eq!(mobil.labore.len(), 5);
    let summe: usize = mobil.lebenslagen.iter().map(|l| l.leistungen.len()).sum();
    assert_eq!(app::model::anzahl(summe), karte.iter().find(|t| t.slug == "mobilitaet-reisen").unwrap().leistungen);
    assert!(store::themenfeld::themenfeld_seite(&db, "gibt-es-nicht", Some(&leser)).await.unwrap().is_none());

    let dl = store::dienstleister::alle(&db).await.unwrap();
    assert_eq!(dl.len(), 33);
    let lwl = dl.iter().find(|d| d.dienstleister.name == "LWL").unwrap();
    assert_eq!(lwl.dienstleister.ort.as_deref(), Some("Münster"));
    assert!(lwl.dienstleister.korrektur.is_some());
    let sit = dl.iter().find(|d| d.dienstleister.id == 32).unwrap();
    assert_eq!(sit.gebiete.len(), 2);
    assert_eq!(sit.gebiete[0].1.len(), 5, "five Kreise of Südwestfalen");
}

/// The Wirtschafts-Service-Portal list becomes online services of the Lösungsdatenbank; keys
/// the 2021 LeiKa catalog lacks are kept (and can be told apart), and a re-import neither
/// duplicates nor overwrites a coordinator's edit.
async fn onlinedienste_des_wsp(db: Db) {
    server::import::importieren(&db, false).await.unwrap();
    assert_eq!(zahl(&db, "SELECT COUNT(*) FROM onlinedienst").await, 84);
    assert_eq!(zahl(&db, "SELECT COUNT(*) FROM onlinedienst_leika").await, 368);
    let im_katalog = "SELECT COUNT(*) FROM onlinedienst_leika o JOIN leika k ON k.schluessel = o.schluessel";
    assert_eq!(zahl(&db, im_katalog).await, 159);
    assert_eq!(zahl(&db, "SELECT COUNT(*) FROM onlinedienst WHERE status = 'live' AND reifegrad IS NULL").await, 84);
    let url = db
        .text(&Sql::new("SELECT url FROM onlinedienst WHERE name = '§34b GewO Versteigerergewerbe'"))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(url, "https://wirtschafts-service-portal.nrw/antrag/versteigerergewerbe-leistungsauswahl/");
    // A coordinator removed a key and edited the service: a forced re-import keeps that.
    db.transaktion(&[
        Sql::new(
            "DELETE FROM onlinedienst_leika WHERE schluessel = '99050036005000' \
             AND onlinedienst_id = (SELECT id FROM onlinedienst WHERE name = '§34b GewO Versteigerergewerbe')",
        ),
        Sql::new("UPDATE onlinedienst SET version = 2 WHERE name = '§34b GewO Versteigerergewerbe'"),
    ])
    .await
    .unwrap();
    server::import::importieren(&db, true).await.unwrap();
    assert_eq!(zahl(&db, "SELECT COUNT(*) FROM onlinedienst").await, 84);
    assert_eq!(zahl(&db, "SELECT COUNT(*) FROM onlinedienst_leika").await, 367);
    // A maturity level outside its model's range is refused by the database itself.
    let falsch = db
        .transaktion(&[Sql::new("UPDATE onlinedienst SET reifegrad = 5, reifegrad_modell = '1.x' WHERE id = 1")])
        .await;
    assert!(falsch.is_err(), "model 1.x has levels 0-4");
    db.transaktion(&[Sql::new("UPDATE onlinedienst SET reifegrad = 7, reifegrad_modell = '2.0' WHERE id = 1")])
        .await
        .unwrap();
}

/// Facets of the Lösungsdatenbank, including those reached through link rows (Themenfeld and
/// OZG-Leistung via the LeiKa keys, Kommune via the usage rows): counts of distinct services,
/// "ist gleich / ist nicht gleich", "nicht erfasst".
async fn loesungsdatenbank_facetten(db: Db) {
    mit_daten(&db).await;
    let suchen = |q: &str| {
        let (db, a) = (db.clone(), KatalogAnfrage::aus_query(q));
        async move { store::loesung::suchen(&db, &a).await.unwrap() }
    };
    let alle = suchen("").await;
    assert_eq!(alle.gesamt, 84);
    let facette = |seite: &app::model::filter::Trefferseite<_>, k: &str| {
        seite.facetten.iter().find(|f| f.schluessel == k).unwrap().werte.clone()
    };
    let status = facette(&alle, "status");
    assert_eq!((status[0].label.as_str(), status[0].anzahl), ("in Betrieb", 84));
    let anbieter = facette(&alle, "anbieter");
    assert_eq!((anbieter[0].label.as_str(), anbieter[0].anzahl), ("Wirtschafts-Service-Portal.NRW", 84));
    let kommune = facette(&alle, "kommune");
    assert_eq!((kommune[0].wert.as_str(), kommune[0].anzahl), ("-", 84), "the list names no Kommune");
    // Themenfeld via LeiKa key → OZG-Leistung: each service counted once per Themenfeld.
    let tf = facette(&alle, "tf");
    let ohne = tf.iter().find(|w| w.wert == "-").unwrap().anzahl;
    assert_eq!(ohne, 84 - 57, "27 services have no key in the 2021 catalog");
    let groesstes = tf.iter().filter(|w| w.wert != "-").max_by_key(|w| w.anzahl).unwrap().clone();
    assert!(groesstes.anzahl <= 57);
    let gefiltert = suchen(&format!("tf={}", groesstes.wert)).await;
    assert_eq!(gefiltert.gesamt, groesstes.anzahl);
    let nicht = suchen(&format!("tf={}&nicht_tf=1", groesstes.wert)).await;
    assert_eq!(nicht.gesamt, 84 - groesstes.anzahl);
    assert_eq!(suchen("tf=-").await.gesamt, 27);
    // The facet's own selection does not narrow its counts; others do.
    assert_eq!(facette(&gefiltert, "tf").len(), tf.len());
    assert!(facette(&gefiltert, "ozg").iter().all(|w| w.anzahl <= groesstes.anzahl));
    let treffer = suchen("q=versteiger").await;
    assert_eq!(treffer.zeilen[0].name, "§34b GewO Versteigerergewerbe");
    assert!(treffer.zeilen[0].leika_anzahl >= treffer.zeilen[0].leika_im_katalog);
}

/// A name that a spreadsheet would run as a formula leaves the export as text (CSV injection).
async fn export_entschaerft_formeln(db: Db) {
    let basis = common::starten(db.clone()).await;
    let mut s = Sql::new("INSERT INTO onlinedienst (name, status, quelle) VALUES (");
    s.bind("=HYPERLINK(\"https://boese.example\",\"Klick\")").push(", 'in_betrieb', 'Test')");
    db.transaktion(&[s]).await.unwrap();
    let csv = reqwest::get(format!("{basis}/export/loesungen.csv")).await.unwrap().text().await.unwrap();
    assert!(csv.contains("\"'=HYPERLINK("), "{csv}");
    assert!(!csv.contains(";=HYPERLINK") && !csv.contains(";\"=HYPERLINK"), "{csv}");
}

beide_datenbanken!(
    export_entschaerft_formeln,
    loesungsdatenbank_facetten,
    onlinedienste_des_wsp,
    import_liefert_alle_zeilen_und_ist_idempotent,
    reimport_ueberschreibt_keine_bearbeitung,
    folienwerte_sind_importiert,
    facetten_zaehlen_ohne_eigene_auswahl,
    nicht_erfasst_ist_filterbar,
    suche_ist_umlaut_und_gross_klein_tolerant,
    sortierung_und_seiten,
    leika_katalog_markiert_statt_verwirft,
    kommunen_nach_kreis_und_groessenklasse,
    themenfelder_und_dienstleister,
);
