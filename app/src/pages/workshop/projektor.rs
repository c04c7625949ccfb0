//! The projector's page of a session: large type, high contrast, no site frame; the join code
//! and its QR code always in view, the current question and its result as they grow. Once
//! chosen as the projector, the screen follows the facilitator through the portal.

use crate::api::workshop::{WorkshopBeitreten, workshop_laden};
use crate::components::status::{Fehler, Laedt};
use crate::components::workshop::{ErgebnisAktuell, ErgebnisLaden, ergebnis_laden, zustand_abonnieren};
use crate::model::workshop::Sitzung;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn WorkshopProjektor() -> impl IntoView {
    let code = crate::components::adresse::pfad_teil(1);
    let stand = RwSignal::new((0i64, 0i64));
    let beitreten = ServerAction::<WorkshopBeitreten>::new();
    let mitgebracht = StoredValue::new(None);
    zustand_abonnieren(code.clone(), move |z| {
        if z.ergebnis.is_some() {
            mitgebracht.set_value(z.ergebnis.clone());
        }
        if (z.stand, z.frage_stand) > stand.get_untracked() {
            stand.set((z.stand, z.frage_stand));
        }
    });
    Effect::new(move |_| {
        if let Some(Ok(_)) = beitreten.value().get() {
            // Reloads with the projector cookie: from now on this screen follows.
            crate::components::adresse::gehe_zu(&crate::components::adresse::pfad_und_suche());
        }
    });
    let c = code.clone();
    let daten = Resource::new(move || (c.clone(), stand.get()), |(code, _)| workshop_laden(code));
    let c = code.clone();
    let ergebnis: ErgebnisLaden = ergebnis_laden(c, move || stand.get(), mitgebracht);
    // The title outside the part that renders anew with each state: it stays in place.
    let titel = move || {
        daten
            .get()
            .and_then(Result::ok)
            .map_or_else(|| "Workshop – Projektor".to_string(), |s| format!("Workshop: {} – Projektor", s.titel))
    };
    view! {
        <Title text=titel />
        <div class="workshop-projektor">
            <Transition fallback=|| view! { <Laedt /> }>
                {move || Suspend::new(async move {
                    match daten.await {
                        Ok(s) => view! { <Buehne s beitreten ergebnis /> }.into_any(),
                        Err(e) => view! { <Fehler fehler=e /> }.into_any(),
                    }
                })}
            </Transition>
        </div>
    }
}

#[component]
fn Buehne(s: Sitzung, beitreten: ServerAction<WorkshopBeitreten>, ergebnis: ErgebnisLaden) -> impl IntoView {
    let code = s.code.to_string();
    let frage = s.frage.clone();
    view! {
        <header class="praesentation-kopf workshop-projektor-kopf">
            <h1>{s.titel.clone()}</h1>
            <div class="workshop-beitritt">
                <img src=crate::pfad::workshop_qr(&code) alt=format!("QR-Code zum Beitreten, Code {}", s.code.anzeige()) width="200" height="200" />
                <p>"Mitmachen unter " <strong>{crate::pfad::WORKSHOP}</strong> <br /> "Code " <strong class="workshop-code-gross">{s.code.anzeige()}</strong></p>
                <p>{format!("{} Teilnehmende", s.teilnehmende)}</p>
            </div>
        </header>
        {(!s.projektor && !s.zustand.beendet).then(|| view! {
            <ActionForm action=beitreten attr:class="formular">
                <input type="hidden" name="code" value=code.clone() />
                <input type="hidden" name="als" value="projektor" />
                <button type="submit" class="knopf">"Diesen Bildschirm als Projektor verwenden"</button>
                <p class="hinweis">"Dann folgt er der Leitung durch das Portal, ohne Kopf und Navigation der Seite."</p>
            </ActionForm>
        })}
        {s.zustand.beendet.then(|| view! { <p role="status">"Die Workshop-Sitzung ist beendet."</p> })}
        {match frage {
            Some(f) => view! {
                <section aria-labelledby="frage-titel" class="workshop-frage">
                    <h2 id="frage-titel">{f.text.clone()}</h2>
                    <ErgebnisAktuell ergebnis />
                </section>
            }
            .into_any(),
            None => view! { <p>"Gleich geht es los."</p> }.into_any(),
        }}
    }
}
