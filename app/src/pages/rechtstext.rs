//! Impressum, Datenschutzerklärung and Erklärung zur Barrierefreiheit. The operator's details
//! and an own text come from the admins; until the details are there, the page says which are
//! missing. What the software stores, how long and why is written here, next to nothing else,
//! and must be kept true when the code changes (see README, "Konten, Rollen, Sicherheit").

use crate::api::rechtstext::{
    BetreiberSpeichern, RechtstextSpeichern, RueckmeldungErledigen, RueckmeldungSenden, rechtsseite_laden,
    rueckmeldungen_laden,
};
use crate::components::formular::{Feld, FormularStatus, fehler_fuer};
use crate::components::konto::{darf, konto};
use crate::components::laden::Laden;
use crate::components::status::{Fehler, Laedt};
use crate::components::tabelle::Tabellenrahmen;
use crate::model::konto::{Recht, zeit_anzeigen};
use crate::model::rechtstext::{Art, BetreiberFeld, MAX_RUECKMELDUNG, Rechtsseite};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn Impressum() -> impl IntoView {
    view! { <Seite art=Art::Impressum /> }
}

#[component]
pub fn Datenschutz() -> impl IntoView {
    view! { <Seite art=Art::Datenschutz /> }
}

#[component]
pub fn Barrierefreiheit() -> impl IntoView {
    view! { <Seite art=Art::Barrierefreiheit /> }
}

#[component]
fn Seite(art: Art) -> impl IntoView {
    let betreiber = ServerAction::<BetreiberSpeichern>::new();
    let text = ServerAction::<RechtstextSpeichern>::new();
    let daten = Resource::new(
        move || (betreiber.version().get(), text.version().get()),
        move |_| rechtsseite_laden(art.code().to_string()),
    );
    view! {
        <Title text=art.titel() />
        <h1>{art.titel()}</h1>
        <Transition fallback=|| view! { <Laedt /> }>
            {move || Suspend::new(async move {
                let admin = darf(&konto().await, Recht::PortalBetreiben);
                match daten.await {
                    Err(e) => view! { <Fehler fehler=e /> }.into_any(),
                    Ok(s) => view! { <Inhalt s admin betreiber text /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn Inhalt(
    s: Rechtsseite,
    admin: bool,
    betreiber: ServerAction<BetreiberSpeichern>,
    text: ServerAction<RechtstextSpeichern>,
) -> impl IntoView {
    let art = s.art;
    let fehlend = s.fehlend.clone();
    let angaben: Vec<(BetreiberFeld, Option<String>)> =
        art.pflichtangaben().iter().map(|f| (*f, s.betreiber.wert(*f).map(str::to_string))).collect();
    let s_form = s.clone();
    view! {
        {(!fehlend.is_empty())
            .then(|| {
                view! {
                    <div class="hinweis-fehlend" role="note">
                        <p>
                            <strong>"Noch nicht vollständig: "</strong>
                            "Diese Angaben des Betreibers hat die Administration noch nicht eingetragen:"
                        </p>
                        <ul>{fehlend.iter().map(|f| view! { <li>{f.label()}</li> }).collect_view()}</ul>
                    </div>
                }
            })}
        <section aria-labelledby="betreiber-titel">
            <h2 id="betreiber-titel">{if art == Art::Impressum { "Anbieter" } else { "Verantwortlich" }}</h2>
            <dl class="angaben">
                {angaben
                    .into_iter()
                    .map(|(f, w)| {
                        let fehlt = w.is_none();
                        view! {
                            <dt>{f.label()}</dt>
                            <dd class:fehlt=fehlt>{w.unwrap_or_else(|| "– noch nicht eingetragen –".into())}</dd>
                        }
                    })
                    .collect_view()}
            </dl>
        </section>
        {match art {
            Art::Impressum => view! { <ImpressumFakten /> }.into_any(),
            Art::Datenschutz => view! { <DatenschutzFakten /> }.into_any(),
            Art::Barrierefreiheit => view! { <BarrierefreiheitFakten /> }.into_any(),
        }}
        {(!s.html.is_empty()).then(|| view! { <section class="rechtstext" inner_html=s.html.clone()></section> })}
        {(art == Art::Barrierefreiheit).then(|| view! { <RueckmeldungFormular /> })}
        {admin.then(|| view! { <Bearbeiten s=s_form betreiber text /> })}
        {(admin && art == Art::Barrierefreiheit).then(|| view! { <Rueckmeldungen /> })}
    }
}

#[component]
fn ImpressumFakten() -> impl IntoView {
    view! {
        <section aria-labelledby="software-titel">
            <h2 id="software-titel">"Software und Daten"</h2>
            <p>
                "Das Portal läuft mit der quelloffenen Software OZG-Atlas NRW (MIT-Lizenz). Herkunft, Lizenz und Stand jeder Datenquelle stehen unter "
                <a href=crate::pfad::QUELLEN>"Datenquellen"</a> "."
            </p>
        </section>
    }
}

/// What the software stores about people, for how long and why (Art. 13 DSGVO). Keep in step
/// with the code: `store/konto.rs` (sessions, throttling), `store/protokoll.rs`, `store/ereignis.rs`,
/// `store/ansprechperson.rs`, `store/rechtstext.rs`.
#[component]
fn DatenschutzFakten() -> impl IntoView {
    view! {
        <section aria-labelledby="gespeichert-titel">
            <h2 id="gespeichert-titel">"Was das Portal speichert"</h2>
            <p>
                "Lesen geht ohne Anmeldung und ohne Cookie. Das Portal setzt keine Analyse- oder Werbe-Cookies, bindet keine Inhalte fremder Server ein (keine Schriften, Karten oder Skripte Dritter) und gibt keine Daten an Dritte."
            </p>
            <Tabellenrahmen titel="Gespeicherte Daten">
                <table class="katalog-tabelle">
                    <caption>"Gespeicherte Daten, Zweck und Dauer"</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Daten"</th>
                            <th scope="col">"Zweck"</th>
                            <th scope="col">"Dauer"</th>
                        </tr>
                    </thead>
                    <tbody>
                        <tr>
                            <td>"Konto: E-Mail-Adresse, Name, Rolle, Kommune, Passwort nur als Argon2id-Hash, Zeit der letzten Anmeldung"</td>
                            <td>"Anmeldung und Rechte für Änderungen"</td>
                            <td>"solange das Konto besteht; gesperrte Konten bleiben, weil das Protokoll auf sie verweist. Sie können Ihr Konto unter „Mein Konto“ selbst löschen: Sitzungen, Abonnements, Lesestände und Anmeldungen gehen mit; Forenbeiträge bleiben als „ehemaliges Mitglied“, Steckbriefe und Datenlieferungen ohne Ihren Namen; das Änderungsprotokoll (nur Administration) behält Ihre Änderungen und die Löschung"</td>
                        </tr>
                        <tr>
                            <td>"Sitzungscookie „ozg_sitzung“ (technisch notwendig, nur nach der Anmeldung; HttpOnly, SameSite=Strict); auf dem Server nur ein SHA-256-Wert des Tokens"</td>
                            <td>"angemeldet bleiben"</td>
                            <td>"bis zur Abmeldung, höchstens 12 Stunden, nach 2 Stunden ohne Anfrage beendet"</td>
                        </tr>
                        <tr>
                            <td>"Änderungsprotokoll: wer (Name und E-Mail-Adresse) wann welches Feld von welchem auf welchen Wert geändert hat; Anmeldungen, Fehlversuche, Sperren mit dem Netz (IPv4-Adresse bzw. IPv6-/64)"</td>
                            <td>"Nachvollziehbarkeit der gemeinsamen Daten, Schutz vor Missbrauch"</td>
                            <td>"unbefristet; das Protokoll kann nicht geändert oder gelöscht werden. E-Mail-Adressen und Kontoeinträge darin lesen nur Administratorinnen und Administratoren"</td>
                        </tr>
                        <tr>
                            <td>"Zähler fehlgeschlagener Anmeldungen je Konto und Netz"</td>
                            <td>"Schutz vor dem Erraten von Passwörtern"</td>
                            <td>"15 Minuten nach dem letzten Fehlversuch bzw. dem Ende einer Sperre; nach einer erfolgreichen Anmeldung 30 Tage"</td>
                        </tr>
                        <tr>
                            <td>"Live-Ereignisse der Roadmap mit dem Namen (nicht der E-Mail-Adresse) der ändernden Person"</td>
                            <td>"Anzeige von Änderungen in offenen Seiten"</td>
                            <td>"24 Stunden"</td>
                        </tr>
                        <tr>
                            <td>"Forum: Beiträge mit Name und Kommune der Verfasserin bzw. des Verfassers, Zeit, frühere Fassungen bearbeiteter Beiträge; je Person, wie weit sie ein Thema gelesen hat"</td>
                            <td>"Austausch unter den Kommunen; die Markierung „Neu“"</td>
                            <td>"Beiträge bleiben; wird ein Konto gelöscht, stehen sie unter „ehemaliges Mitglied“. Lesestände werden mit dem Konto gelöscht"</td>
                        </tr>
                        <tr>
                            <td>"Infoverteiler: Abonnements (was Sie verfolgen, wie Sie benachrichtigt werden), Zeit Ihres letzten Besuchs von „Neu für mich“, ob Sie Rundschreiben abbestellt haben, ein Geheimnis für die Abmelde-Links, ein SHA-256-Wert der Adresse Ihres persönlichen Feeds; Postausgang mit Empfänger, Art und Zeit jeder E-Mail"</td>
                            <td>"Benachrichtigung über das, dem Sie folgen"</td>
                            <td>"Abonnements, bis Sie sie beenden (unter „Meine Abonnements“, oder per Abmelde-Link ohne Anmeldung nur die E-Mails); versandte E-Mails und Mitteilungen 60 Tage; alles mit dem Konto gelöscht"</td>
                        </tr>
                        <tr>
                            <td>"„Unsere Fragen an Sie“ (Themenfeld-Seiten): Name, Kommune oder Organisation und E-Mail-Adresse der sendenden Person (angemeldet: die des Kontos), die Nachricht, bei einem Hinweis auf eine aktive Person deren Angaben; Zeit und Bearbeitungsstand"</td>
                            <td>"Bearbeitung durch die Koordination (Einladung zu Workshops, Aufnahme in den Verteiler, Kontakt zu aktiven Personen); nur die Koordination liest sie"</td>
                            <td>"bis ein Jahr nach der Erledigung"</td>
                        </tr>
                        <tr>
                            <td>"Ansprechpersonen der Kommunen: Name, Funktion, Telefon, E-Mail-Adresse"</td>
                            <td>"Austausch unter den Beteiligten; nur angemeldet sichtbar"</td>
                            <td>"bis die Kommune sie löscht"</td>
                        </tr>
                        <tr>
                            <td>"Rückmeldungen zur Barrierefreiheit: Nachricht, freiwillig Name und E-Mail-Adresse, Seite"</td>
                            <td>"Bearbeitung der Rückmeldung"</td>
                            <td>"bis zur Erledigung durch die Administration"</td>
                        </tr>
                        <tr>
                            <td>"Server-Protokoll (Standardausgabe des Dienstes): Zeit, Pfad, Fehler; bei gedrosselten und fehlgeschlagenen Anmeldungen das Netz"</td>
                            <td>"Betrieb und Abwehr von Angriffen"</td>
                            <td>"wie der Betreiber sein System-Protokoll aufbewahrt (siehe unten)"</td>
                        </tr>
                    </tbody>
                </table>
            </Tabellenrahmen>
            <p>
                "Sie haben das Recht auf Auskunft, Berichtigung, Löschung, Einschränkung der Verarbeitung und Widerspruch (Art. 15–21 DSGVO) sowie auf Beschwerde bei einer Datenschutz-Aufsichtsbehörde (Art. 77 DSGVO)."
            </p>
        </section>
    }
}

#[component]
fn BarrierefreiheitFakten() -> impl IntoView {
    view! {
        <section aria-labelledby="stand-titel">
            <h2 id="stand-titel">"Stand der Vereinbarkeit"</h2>
            <p>
                "Das Portal soll die Anforderungen der BITV 2.0 und der WCAG 2.1 auf Stufe AA erfüllen. Jede Änderung der Software wird vor der Veröffentlichung automatisch in Chromium geprüft: axe-core (WCAG 2.1 A und AA) auf den Seiten bei 1280 und 320 Pixel Breite, Bedienung per Tastatur, Landkarte und Roadmap auch ohne Maus (jedes Ziehen hat eine Alternative per Tastatur oder Formular)."
            </p>
            <p>
                "Eine automatische Prüfung findet nicht jede Barriere. Wenn Ihnen eine auffällt, schreiben Sie uns bitte über das Formular unten."
            </p>
            <h2 id="schlichtung-titel">"Schlichtungsverfahren"</h2>
            <p>
                "Wenn auch nach Ihrer Rückmeldung keine zufriedenstellende Lösung gefunden wurde, können Sie sich an die "
                <a href="https://www.schlichtungsstelle-bgg.de">"Schlichtungsstelle nach § 16 Behindertengleichstellungsgesetz"</a>
                " wenden; für Stellen eines Landes gilt das Durchsetzungsverfahren, das der Betreiber oben nennt."
            </p>
        </section>
    }
}

/// The feedback mechanism of BITV 2.0 § 7: stored for the admins, receipt confirmed with a
/// number.
#[component]
fn RueckmeldungFormular() -> impl IntoView {
    let senden = ServerAction::<RueckmeldungSenden>::new();
    let ergebnis = Signal::derive(move || senden.value().get());
    let quittung = move || match senden.value().get() {
        Some(Ok(n)) => format!(
            "Vielen Dank. Ihre Rückmeldung ist unter der Nummer {n} eingegangen; die Administration bearbeitet sie."
        ),
        _ => String::new(),
    };
    view! {
        <section aria-labelledby="rueckmeldung-titel">
            <h2 id="rueckmeldung-titel">"Barriere melden"</h2>
            <ActionForm action=senden attr:class="formular" attr:novalidate=true>
                <input type="hidden" name="seite" value="/barrierefreiheit" />
                <div class="feld" class:feld-mit-fehler=move || fehler_fuer(ergebnis, "nachricht").with(Option::is_some)>
                    <label for="rm-nachricht">"Was ist nicht zugänglich?" <span class="pflicht" aria-hidden="true">" *"</span></label>
                    <textarea
                        id="rm-nachricht"
                        name="nachricht"
                        rows="6"
                        maxlength=MAX_RUECKMELDUNG
                        aria-required="true"
                        aria-invalid=move || fehler_fuer(ergebnis, "nachricht").with(Option::is_some).then_some("true")
                        aria-describedby=move || fehler_fuer(ergebnis, "nachricht").with(Option::is_some).then_some("rm-nachricht-meldung")
                    ></textarea>
                    {move || fehler_fuer(ergebnis, "nachricht").get().map(|m| view! { <p class="feld-meldung" id="rm-nachricht-meldung">{m}</p> })}
                </div>
                <Feld name="name" label="Ihr Name (freiwillig)" praefix="rm-" autocomplete="name" fehler=fehler_fuer(ergebnis, "name") />
                <Feld
                    name="email"
                    label="Ihre E-Mail-Adresse für eine Antwort (freiwillig)"
                    typ="email"
                    praefix="rm-"
                    autocomplete="email"
                    fehler=fehler_fuer(ergebnis, "email")
                />
                {move || {
                    ergebnis.with(|e| matches!(e, Some(Err(_))))
                        .then(|| view! { <p class="formular-fehler" role="alert">"Bitte prüfen Sie die markierten Felder. Es wurde nichts gesendet."</p> })
                }}
                <p class="formular-status" role="status">{quittung}</p>
                <div class="knopfleiste">
                    <button type="submit" class="knopf">"Rückmeldung senden"</button>
                </div>
            </ActionForm>
        </section>
    }
}

/// The admins' forms: the operator's details (all pages share them) and this page's own text.
#[component]
fn Bearbeiten(
    s: Rechtsseite,
    betreiber: ServerAction<BetreiberSpeichern>,
    text: ServerAction<RechtstextSpeichern>,
) -> impl IntoView {
    let e_betreiber = Signal::derive(move || betreiber.value().get());
    let e_text = Signal::derive(move || text.value().get());
    view! {
        <section aria-labelledby="bearbeiten-titel" class="bearbeiten">
            <h2 id="bearbeiten-titel">"Angaben bearbeiten (Administration)"</h2>
            <ActionForm action=betreiber attr:class="formular" attr:novalidate=true>
                <input type="hidden" name="version" value=s.betreiber.version />
                {BetreiberFeld::ALLE
                    .into_iter()
                    .map(|f| {
                        view! {
                            <Feld
                                name=f.code()
                                label=f.label()
                                wert=s.betreiber.wert(f).unwrap_or_default().to_string()
                                praefix="b-"
                                fehler=fehler_fuer(e_betreiber, f.code())
                            />
                        }
                    })
                    .collect_view()}
                <FormularStatus ergebnis=e_betreiber erfolg="Die Angaben wurden gespeichert." />
                <div class="knopfleiste">
                    <button type="submit" class="knopf">"Angaben speichern"</button>
                </div>
            </ActionForm>
            <ActionForm action=text attr:class="formular" attr:novalidate=true>
                <input type="hidden" name="art" value=s.art.code() />
                <input type="hidden" name="version" value=s.version />
                <div class="feld">
                    <label for="rt-markdown">"Eigener Text dieser Seite (Markdown)"</label>
                    <p class="feld-hinweis" id="rt-markdown-hinweis">
                        "Überschriften (##), Listen, Links; HTML und Skripte werden entfernt."
                    </p>
                    <textarea id="rt-markdown" name="markdown" rows="12" aria-describedby="rt-markdown-hinweis">
                        {s.markdown.clone()}
                    </textarea>
                </div>
                <FormularStatus ergebnis=e_text erfolg="Der Text wurde gespeichert." />
                <div class="knopfleiste">
                    <button type="submit" class="knopf">"Text speichern"</button>
                </div>
            </ActionForm>
        </section>
    }
}

#[component]
fn Rueckmeldungen() -> impl IntoView {
    let erledigen = ServerAction::<RueckmeldungErledigen>::new();
    let liste = Resource::new(move || erledigen.version().get(), |_| rueckmeldungen_laden());
    view! {
        <section aria-labelledby="eingang-titel">
            <h2 id="eingang-titel">"Eingegangene Rückmeldungen"</h2>
            <Laden daten=liste bleibend=true inhalt={move |l: Vec<_>| {
                if l.is_empty() {
                    return view! { <p>"Noch keine Rückmeldung."</p> }.into_any();
                }
                view! {
                            <ul class="konten">
                                {l.into_iter()
                                    .map(|r| {
                                        let von = match (r.name, r.email) {
                                            (Some(n), Some(e)) => format!("{n} <{e}>"),
                                            (Some(n), None) => n,
                                            (None, Some(e)) => e,
                                            (None, None) => "ohne Namen".into(),
                                        };
                                        view! {
                                            <li class="konto">
                                                <strong>{format!("Nr. {} · {}", r.id, zeit_anzeigen(r.zeit_ms))}</strong>
                                                <p class="konto-details">{von}</p>
                                                <p class="rueckmeldung-text">{r.nachricht}</p>
                                                <ActionForm action=erledigen attr:class="formular-inline">
                                                    <input type="hidden" name="id" value=r.id />
                                                    <button type="submit" class="knopf-klein">
                                                        {format!("Nr. {} erledigt (löschen)", r.id)}
                                                    </button>
                                                </ActionForm>
                                            </li>
                                        }
                                    })
                                    .collect_view()}
                            </ul>
                        }
                    .into_any()
            }} />
        </section>
    }
}
