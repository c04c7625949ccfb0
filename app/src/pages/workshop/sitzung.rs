//! One workshop session for the people in the room: join (account or guest), the current
//! question with the answer form, the result as it grows, the decisions taken. The facilitator
//! sees the controls of [`super::leitung`] below. Reloads its data on the session's live events.

use super::leitung::{Aktionen, Leitung};
use crate::api::workshop::{WorkshopAntworten, WorkshopBeitreten, WorkshopVerlassen, workshop_laden};
use crate::components::formular::{Ergebnis, FormularStatus, fehler_fuer, feldmeldung, hat_fehler};
use crate::components::status::{Fehler, Laedt};
use crate::components::workshop::{ErgebnisAktuell, ErgebnisLaden, ergebnis_laden, zustand_abonnieren};
use crate::model::workshop::{Frage, FrageArt, Sitzung};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn WorkshopSeite() -> impl IntoView {
    let code = crate::components::adresse::pfad_teil(1);
    // The session's state reloads the page; answers only reload the result (a form being
    // filled in stays while the room votes).
    let stand = RwSignal::new(0i64);
    let (frage_stand, frage_stand_setzen) = signal(0i64);
    let beitreten = ServerAction::<WorkshopBeitreten>::new();
    let antworten = ServerAction::<WorkshopAntworten>::new();
    let aktionen = Aktionen::neu();
    let mitgebracht = StoredValue::new(None);
    zustand_abonnieren(code.clone(), move |z| {
        if z.ergebnis.is_some() {
            mitgebracht.set_value(z.ergebnis.clone());
        }
        if z.stand > stand.get_untracked() {
            stand.set(z.stand);
        }
        if z.frage_stand != frage_stand.get_untracked() {
            frage_stand_setzen.set(z.frage_stand);
        }
    });
    let c = code.clone();
    let daten = Resource::new(
        move || (c.clone(), stand.get(), beitreten.version().get(), antworten.version().get()),
        |(code, ..)| workshop_laden(code),
    );
    let c = code.clone();
    let ergebnis: ErgebnisLaden = ergebnis_laden(c, move || (stand.get(), frage_stand.get()), mitgebracht);
    Effect::new(move |_| {
        if let Some(Ok(ziel)) = beitreten.value().get() {
            crate::components::workshop::folgen_ab_hier(&ziel);
            crate::components::adresse::gehe_zu(&ziel);
        }
    });
    // The title outside the part that renders anew with each state: it stays in place.
    let titel = move || {
        daten.get().and_then(Result::ok).map_or_else(|| "Workshop".to_string(), |s| format!("Workshop: {}", s.titel))
    };
    view! {
        <Title text=titel />
        <Transition fallback=|| view! { <Laedt /> }>
            {move || Suspend::new(async move {
                match daten.await {
                    Ok(s) => view! { <Inhalt s beitreten antworten aktionen ergebnis /> }.into_any(),
                    Err(e) => view! { <Fehler fehler=e /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn Inhalt(
    s: Sitzung,
    beitreten: ServerAction<WorkshopBeitreten>,
    antworten: ServerAction<WorkshopAntworten>,
    aktionen: Aktionen,
    ergebnis: ErgebnisLaden,
) -> impl IntoView {
    let titel = format!("Workshop: {}", s.titel);
    let kopf = format!("Code {} · {} Teilnehmende · Leitung: {}", s.code.anzeige(), s.teilnehmende, s.leitung);
    let beendet = s.zustand.beendet;
    let dabei = s.ich.is_some() || s.leiten;
    view! {
        <crate::components::status::Brotkrumen
            wege=vec![
                (crate::pfad::VERANSTALTUNGEN.to_string(), "Veranstaltungen".to_string()),
                (crate::pfad::veranstaltung(s.veranstaltung_id), s.titel.clone()),
            ]
            aktuell="Workshop-Sitzung".to_string()
        />
        <h1>{titel}</h1>
        <p class="workshop-kopf">{kopf}</p>
        {beendet.then(|| view! { <p class="meldung-info" role="status">"Diese Workshop-Sitzung ist beendet. Die Ergebnisse bleiben hier lesbar."</p> })}
        {s.protokoll.map(|id| view! { <p><a href=crate::pfad::dokument(id)>"Protokoll in der Dokumentenbibliothek"</a></p> })}
        {s.ich.clone().map(|(name, gast)| view! { <p>{format!("Sie nehmen teil als {name}{}.", if gast { " (Gast)" } else { "" })}</p> })}
        {(!dabei && !beendet).then(|| view! { <Beitreten code=s.code.to_string() konto=s.konto aktion=beitreten /> })}
        <FrageBereich s=s.clone() dabei antworten ergebnis />
        <Beschluesse s=s.clone() />
        {s.leiten.then(|| view! { <Leitung s=s.clone() aktionen ergebnis /> })}
        {(dabei && !s.leiten).then(|| view! { <Verlassen /> })}
    }
}

#[component]
fn Beitreten(code: String, konto: bool, aktion: ServerAction<WorkshopBeitreten>) -> impl IntoView {
    let ergebnis: Ergebnis<String> = Signal::derive(move || aktion.value().get());
    let name = fehler_fuer(ergebnis, "name");
    let kommune = fehler_fuer(ergebnis, "kommune");
    let c = code.clone();
    view! {
        <section aria-labelledby="beitreten-titel" class="workshop-beitreten">
            <h2 id="beitreten-titel">"Teilnehmen"</h2>
            {konto.then(|| view! {
                <ActionForm action=aktion attr:class="formular">
                    <input type="hidden" name="code" value=c.clone() />
                    <input type="hidden" name="als" value="konto" />
                    <button type="submit" class="knopf">"Mit meinem Konto teilnehmen"</button>
                </ActionForm>
            })}
            <ActionForm action=aktion attr:class="formular" attr:novalidate=true>
                <input type="hidden" name="code" value=code />
                <input type="hidden" name="als" value="gast" />
                <p class="hinweis">"Als Gast können Sie die Fragen der Leitung beantworten, solange die Sitzung läuft."</p>
                <crate::components::formular::Feld name="name" label="Ihr Name" fehler=name pflicht=true autocomplete="name" />
                <crate::components::formular::Feld name="kommune" label="Ihre Kommune oder Organisation" fehler=kommune pflicht=true autocomplete="organization" />
                <button type="submit" class="knopf">"Als Gast teilnehmen"</button>
                <FormularStatus ergebnis erfolg="Sie nehmen teil." />
            </ActionForm>
        </section>
    }
}

#[component]
fn FrageBereich(
    s: Sitzung,
    dabei: bool,
    antworten: ServerAction<WorkshopAntworten>,
    ergebnis: ErgebnisLaden,
) -> impl IntoView {
    let Some(f) = s.frage.clone() else {
        return view! { <p class="hinweis">"Gerade ist keine Frage gestellt."</p> }.into_any();
    };
    let offen = f.offen && !s.zustand.beendet;
    view! {
        <section aria-labelledby="frage-titel" class="workshop-frage">
            <h2 id="frage-titel">{f.text.clone()}</h2>
            <p class="hinweis">{format!("{}{}", f.art.label(), if offen { "" } else { " · geschlossen" })}</p>
            {(dabei && offen).then(|| view! { <Antwort s=s.clone() f=f.clone() aktion=antworten /> })}
            <h3>"Ergebnis"</h3>
            <ErgebnisAktuell ergebnis />
        </section>
    }
    .into_any()
}

#[component]
fn Antwort(s: Sitzung, f: Frage, aktion: ServerAction<WorkshopAntworten>) -> impl IntoView {
    let ergebnis: Ergebnis<()> = Signal::derive(move || aktion.value().get());
    let fehler = Signal::derive(move || {
        ergebnis
            .try_with(|e| {
                let e = e.as_ref()?.as_ref().err()?;
                ["wahl", "prio", "text", "antwort"].into_iter().find_map(|feld| e.zum_feld(feld))
            })
            .flatten()
    });
    let mein = s.meine_antwort.clone();
    let gewaehlt = move |k: &str| mein.iter().any(|(s, w)| if f.art == FrageArt::Mehrfach { s == k } else { w == k });
    let felder = match f.art {
        FrageArt::Einfach | FrageArt::Skala | FrageArt::Mehrfach => {
            let typ = if f.art == FrageArt::Mehrfach { "checkbox" } else { "radio" };
            f.optionen
                .iter()
                .map(|(k, l)| {
                    let an = gewaehlt(k);
                    view! { <label class="auswahl"><input type=typ name="wahl[]" value=k.clone() checked=an />" " {l.clone()}</label> }
                })
                .collect_view()
                .into_any()
        }
        FrageArt::Prioritaet => prio_felder(&f, &s.meine_antwort).into_any(),
        FrageArt::Freitext => {
            let t = s.meine_antwort.first().map(|(_, w)| w.clone()).unwrap_or_default();
            view! {
                <label for="antwort-text">"Ihre Antwort"</label>
                <textarea id="antwort-text" name="text" rows="4" maxlength="1000">{t}</textarea>
            }
            .into_any()
        }
    };
    let bisher = if s.meine_antwort.is_empty() { "Antwort senden" } else { "Antwort ändern" };
    // An account may turn its own free text into a Steckbrief (guests cannot submit one).
    let steckbrief = (f.art == FrageArt::Freitext && s.konto)
        .then(|| s.meine_antwort.first().map(|(_, w)| crate::model::workshop::steckbrief_vorlage(w)))
        .flatten()
        .map(|href| view! { <p><a href=href>"Aus Ihrer Antwort einen Steckbrief vorbereiten"</a></p> });
    view! {
        <ActionForm action=aktion attr:class="formular workshop-antwort" attr:novalidate=true>
            <input type="hidden" name="code" value=s.code.to_string() />
            <input type="hidden" name="frage" value=f.id.to_string() />
            <fieldset aria-describedby="antwort-meldung">
                <legend>"Ihre Antwort"</legend>
                {felder}
            </fieldset>
            <p id="antwort-meldung" class="feld-meldung" hidden=move || !hat_fehler(fehler)>{move || feldmeldung(fehler)}</p>
            <button type="submit" class="knopf">{bisher}</button>
            <FormularStatus ergebnis erfolg="Ihre Antwort ist gezählt. Sie können sie ändern, solange die Frage offen ist." />
        </ActionForm>
        {steckbrief}
    }
}

/// Per Leistung a choice of 1–3 or "keine Angabe" (a select each: one radio group per row
/// would need a field name per row).
fn prio_felder(f: &Frage, mein: &[(String, String)]) -> impl IntoView + use<> {
    let zeilen: Vec<(String, String, String)> = f
        .optionen
        .iter()
        .map(|(k, name)| {
            (k.clone(), name.clone(), mein.iter().find(|(s, _)| s == k).map(|(_, w)| w.clone()).unwrap_or_default())
        })
        .collect();
    view! {
        <div class="workshop-prio">
            {zeilen
                .into_iter()
                .map(|(k, name, w)| {
                    let id = format!("prio-{k}");
                    let optionen = std::iter::once((format!("{k}:"), "keine Angabe".to_string(), w.is_empty()))
                        .chain(crate::model::workshop::PRIORITAETEN.iter().enumerate().map(|(i, l)| {
                            let n = (i + 1).to_string();
                            (format!("{k}:{n}"), l.to_string(), w == n)
                        }))
                        .map(|(v, l, an)| view! { <option value=v selected=an>{l}</option> })
                        .collect_view();
                    view! {
                        <div class="feld">
                            <label for=id.clone()>{format!("{name} ({k})")}</label>
                            <select id=id name="prio[]">{optionen}</select>
                        </div>
                    }
                })
                .collect_view()}
        </div>
    }
}

#[component]
fn Beschluesse(s: Sitzung) -> impl IntoView {
    (!s.beschluesse.is_empty()).then(|| {
        view! {
            <section aria-labelledby="beschluesse-titel">
                <h2 id="beschluesse-titel">"Beschlüsse"</h2>
                <ul>
                    {s.beschluesse
                        .iter()
                        .map(|b| view! { <li><a href=b.pfad()>{b.text()}</a></li> })
                        .collect_view()}
                </ul>
            </section>
        }
    })
}

#[component]
fn Verlassen() -> impl IntoView {
    let aktion = ServerAction::<WorkshopVerlassen>::new();
    Effect::new(move |_| {
        if let Some(Ok(())) = aktion.value().get() {
            crate::components::adresse::gehe_zu(crate::pfad::VERANSTALTUNGEN);
        }
    });
    view! {
        <ActionForm action=aktion attr:class="formular">
            <button type="submit" class="knopf-zweit">"Workshop auf diesem Gerät verlassen"</button>
        </ActionForm>
    }
}
