//! The workshop bar on every page of a browser that takes part in a workshop session, and the
//! result of a question (chart and table) shown by the session page and the projector.
//!
//! Follow me: the facilitator's bar reports each page they open (and each filter they set) as
//! the session's view; every following bar loads that page. A participant who opens another
//! page leaves the path and comes back with one key (F) or the button. Highlight: the
//! facilitator presses M inside a row or project (the nearest element with an id); every screen
//! marks it. Single-key shortcuts can be switched off (WCAG 2.1.4).

use crate::components::live::{Nachricht, abonnieren_auf};
use crate::model::workshop::{Ergebnis, Zustand};
use leptos::prelude::*;

/// The cookie of this request: (code, as projector), read on the server for the page frame.
pub fn aus_anfrage() -> Option<(crate::model::workshop::Code, bool)> {
    #[cfg(feature = "ssr")]
    {
        let parts = use_context::<http::request::Parts>()?;
        parts
            .headers
            .get_all(http::header::COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find_map(crate::sitzung::workshop_aus_cookie)
    }
    #[cfg(not(feature = "ssr"))]
    None
}

/// Subscribes to the live state of one session: `bei` gets each newer [`Zustand`].
pub fn zustand_abonnieren(code: String, bei: impl Fn(Zustand) + Clone + Send + Sync + 'static) {
    let _ = abonnieren_auf(&[crate::model::live::WORKSHOP], move |n| {
        if let Nachricht::Ereignis(e) = n
            && e.objekt_id == code
            && let Some(z) = e.workshop()
        {
            bei(z);
        }
    });
}

/// Where a following screen goes for the session's view: the projector shows its own page of
/// the session instead of the participants' one.
pub fn ziel(z: &Zustand, projektor: bool) -> String {
    if projektor && z.ansicht == crate::pfad::workshop(&z.code) {
        crate::pfad::workshop_projektor(&z.code)
    } else {
        z.ansicht.clone()
    }
}

#[island]
pub fn WorkshopLeiste(code: String, titel: String, projektor: bool, leiten: bool) -> impl IntoView {
    let zustand = RwSignal::new(None::<Zustand>);
    let folgen = RwSignal::new(true);
    let fuehren = RwSignal::new(true);
    let kuerzel = RwSignal::new(true);
    let hilfe = RwSignal::new(false);
    let (meldung, meldung_setzen) = signal(String::new());
    let anzeige = crate::model::workshop::Code::parse(&code).map(|c| c.anzeige()).unwrap_or_default();
    // After hydration (effects run then): a state set before it would not reach the server's HTML.
    #[cfg(feature = "hydrate")]
    {
        let leiste = std::cell::Cell::new(Some(browser::Leiste {
            code: code.clone(),
            projektor,
            leiten,
            zustand,
            folgen,
            fuehren,
            kuerzel,
            hilfe,
            meldung: meldung_setzen,
        }));
        Effect::new(move |_| {
            if let Some(l) = leiste.take() {
                untrack(|| browser::starten(l));
            }
        });
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (meldung_setzen, fuehren, zustand);
    let zurueck = move |_| {
        #[cfg(feature = "hydrate")]
        browser::zurueck(projektor, zustand, folgen);
        #[cfg(not(feature = "hydrate"))]
        let _ = (projektor, zustand, folgen);
    };
    let sitzung = crate::pfad::workshop(&code);
    if projektor {
        return view! {
            <aside class="workshop-leiste workshop-projektor-leiste" aria-label="Workshop">
                <p>"Mitmachen: " <strong>{crate::pfad::WORKSHOP}</strong> " · Code " <strong class="workshop-code">{anzeige}</strong></p>
                <p role="status" class="workshop-meldung">{meldung}</p>
            </aside>
        }
        .into_any();
    }
    view! {
        <aside class="workshop-leiste" aria-label="Workshop">
            <p class="workshop-titel">
                <strong>{format!("Workshop „{titel}“")}</strong>
                " · Code " <span class="workshop-code">{anzeige}</span>
            </p>
            {if leiten {
                view! {
                    <label class="auswahl">
                        <input type="checkbox" prop:checked=move || fuehren.get() on:change=move |ev| fuehren.set(event_target_checked(&ev)) />
                        " Teilnehmende folgen mir"
                    </label>
                }
                .into_any()
            } else {
                view! {
                    <p class="workshop-folgen">
                        {move || if folgen.get() { "Sie folgen der Leitung." } else { "Sie schauen sich selbst um." }}
                    </p>
                    <button type="button" class="knopf" on:click=zurueck>"Zur gemeinsamen Ansicht (F)"</button>
                    <button type="button" class="knopf-zweit" hidden=move || !folgen.get() on:click=move |_| folgen.set(false)>
                        "Nicht folgen"
                    </button>
                }
                .into_any()
            }}
            <a href=sitzung>"Zur Sitzung"</a>
            <button type="button" class="knopf-zweit" aria-expanded=move || hilfe.get().to_string() on:click=move |_| hilfe.update(|h| *h = !*h)>
                "Tastenkürzel (?)"
            </button>
            <div class="workshop-hilfe" hidden=move || !hilfe.get()>
                <h2>"Tastenkürzel im Workshop"</h2>
                <ul>
                    <li><kbd>"F"</kbd> " – zur gemeinsamen Ansicht zurück und wieder folgen"</li>
                    {leiten.then(|| view! { <li><kbd>"M"</kbd> " – die Zeile oder das Projekt mit dem Fokus für alle markieren (noch einmal: aufheben)"</li> })}
                </ul>
                {leiten.then(|| view! {
                    <p class="hinweis">"Was Sie während der Sitzung an der Roadmap ändern (einen Termin verschieben, ein Projekt anlegen), wird als Beschluss des Workshops vermerkt – mit den Stimmen der aktuellen Frage."</p>
                })}
                <ul>
                    <li><kbd>"?"</kbd> " – diese Übersicht ein- und ausblenden, " <kbd>"Esc"</kbd> " – schließen"</li>
                </ul>
                <label class="auswahl">
                    <input type="checkbox" prop:checked=move || kuerzel.get() on:change=move |ev| kuerzel.set(event_target_checked(&ev)) />
                    " Einzeltasten-Kürzel verwenden"
                </label>
            </div>
            <p role="status" class="workshop-meldung">{meldung}</p>
        </aside>
    }
    .into_any()
}

#[cfg(feature = "hydrate")]
mod browser {
    //! The bar's work in the browser: the first state, live states, following, reporting the
    //! facilitator's page, the highlight and the keys.
    use super::ziel;
    use crate::model::workshop::Zustand;
    use leptos::prelude::*;
    use leptos::wasm_bindgen::JsCast;
    use leptos::wasm_bindgen::closure::Closure;

    #[derive(Clone, Copy)]
    struct Signale {
        zustand: RwSignal<Option<Zustand>>,
        folgen: RwSignal<bool>,
        fuehren: RwSignal<bool>,
        kuerzel: RwSignal<bool>,
        hilfe: RwSignal<bool>,
        meldung: WriteSignal<String>,
    }

    pub struct Leiste {
        pub code: String,
        pub projektor: bool,
        pub leiten: bool,
        pub zustand: RwSignal<Option<Zustand>>,
        pub folgen: RwSignal<bool>,
        pub fuehren: RwSignal<bool>,
        pub kuerzel: RwSignal<bool>,
        pub hilfe: RwSignal<bool>,
        pub meldung: WriteSignal<String>,
    }

    const ORT: &str = "ozg_workshop_ort";
    const FOLGEN: &str = "ozg_workshop_folgen";
    const KUERZEL: &str = "ozg_workshop_kuerzel";
    /// Set just before a following screen loads the facilitator's page: the next page says so.
    const GEWECHSELT: &str = "ozg_workshop_gewechselt";

    fn speicher() -> Option<web_sys::Storage> {
        window().session_storage().ok().flatten()
    }
    fn lesen(k: &str) -> Option<String> {
        speicher()?.get_item(k).ok().flatten()
    }
    fn schreiben(k: &str, v: &str) {
        if let Some(s) = speicher() {
            let _ = s.set_item(k, v);
        }
    }

    fn hier() -> String {
        crate::components::adresse::pfad_und_suche()
    }

    /// The session page sets where following starts after joining.
    pub fn ort_setzen(pfad: &str) {
        schreiben(ORT, pfad);
        schreiben(FOLGEN, "1");
    }

    pub fn starten(l: Leiste) {
        let s = Signale {
            zustand: l.zustand,
            folgen: l.folgen,
            fuehren: l.fuehren,
            kuerzel: l.kuerzel,
            hilfe: l.hilfe,
            meldung: l.meldung,
        };
        s.folgen.set(lesen(FOLGEN).as_deref() != Some("0") && !l.leiten);
        s.kuerzel.set(lesen(KUERZEL).as_deref() != Some("0"));
        // Where this page came from: by following (the place following put us) or on one's own.
        if !l.leiten && !l.projektor && s.folgen.get_untracked() && lesen(ORT).as_deref() != Some(hier().as_str()) {
            s.folgen.set(false);
            schreiben(FOLGEN, "0");
        }
        if !l.leiten {
            wechsel_ansagen(s.meldung);
        }
        Effect::new(move |_| schreiben(FOLGEN, if s.folgen.get() { "1" } else { "0" }));
        Effect::new(move |_| schreiben(KUERZEL, if s.kuerzel.get() { "1" } else { "0" }));
        let (code, projektor, leiten) = (l.code.clone(), l.projektor, l.leiten);
        leptos::task::spawn_local(async move {
            if let Ok(z) = crate::api::workshop::workshop_zustand(code.clone()).await {
                anwenden(s, z, projektor, leiten, true);
            }
        });
        let c = l.code.clone();
        super::zustand_abonnieren(l.code.clone(), move |z| {
            let neuer = s.zustand.with_untracked(|a| a.as_ref().is_none_or(|a| z.stand > a.stand));
            if neuer {
                anwenden(s, z, projektor, leiten, false);
            }
        });
        if leiten {
            melden_alle(c.clone(), s);
        }
        tasten(s, l.projektor, l.leiten, c);
    }

    fn anwenden(s: Signale, z: Zustand, projektor: bool, leiten: bool, erster: bool) {
        let alt = s.zustand.get_untracked();
        s.zustand.set(Some(z.clone()));
        if z.beendet {
            s.meldung.set("Die Workshop-Sitzung ist beendet.".into());
            return;
        }
        if !erster && alt.as_ref().is_some_and(|a| a.frage_id != z.frage_id) && z.frage_id.is_some() {
            s.meldung.set("Die Leitung hat eine neue Frage gestellt.".into());
        }
        if !leiten && (projektor || s.folgen.get_untracked()) {
            let ziel = ziel(&z, projektor);
            if ziel != hier() {
                schreiben(ORT, &ziel);
                schreiben(GEWECHSELT, "1");
                let _ = window().location().assign(&ziel);
                return;
            }
        }
        // Followers hear what was marked; the facilitator's own bar keeps its "Für alle markiert."
        let ansage = (!erster && !leiten).then_some(s.meldung);
        markieren(&z.markierung, ansage);
    }

    /// On a page reached by following: says politely where the facilitator has gone (the status
    /// region is in the page from the start, so screen readers announce the change).
    fn wechsel_ansagen(meldung: WriteSignal<String>) {
        if lesen(GEWECHSELT).as_deref() != Some("1") {
            return;
        }
        schreiben(GEWECHSELT, "0");
        set_timeout(
            move || {
                let titel = document().title();
                let seite = titel.split(" – ").next().unwrap_or(&titel).to_string();
                let _ = meldung.try_set(format!("Die Leitung zeigt jetzt: {seite}."));
            },
            std::time::Duration::from_millis(400),
        );
    }

    /// Marks the element for this screen; `ansage`: also say politely what was marked.
    fn markieren(id: &str, ansage: Option<WriteSignal<String>>) {
        let d = document();
        if let Ok(alte) = d.query_selector_all(".workshop-markiert") {
            for i in 0..alte.length() {
                if let Some(e) = alte.item(i).and_then(|n| n.dyn_into::<web_sys::Element>().ok()) {
                    let _ = e.class_list().remove_1("workshop-markiert");
                }
            }
        }
        if id.is_empty() {
            return;
        }
        if let Some(e) = d.get_element_by_id(id) {
            let _ = e.class_list().add_1("workshop-markiert");
            e.scroll_into_view_with_bool(false);
            if let Some(m) = ansage {
                let text: String =
                    e.text_content().unwrap_or_default().split_whitespace().collect::<Vec<_>>().join(" ");
                let kurz: String = text.chars().take(80).collect();
                let _ = m.try_set(format!("Die Leitung markiert: {kurz}"));
            }
        }
    }

    /// Back to the session's view, following again.
    pub fn zurueck(projektor: bool, zustand: RwSignal<Option<Zustand>>, folgen: RwSignal<bool>) {
        folgen.set(true);
        schreiben(FOLGEN, "1");
        if let Some(z) = zustand.get_untracked() {
            let ziel = ziel(&z, projektor);
            if ziel == hier() {
                markieren(&z.markierung, None);
            } else {
                schreiben(ORT, &ziel);
                let _ = window().location().assign(&ziel);
            }
        }
    }

    /// The facilitator's page and filters as the session's view: now and whenever the address
    /// changes without a page load (filters of a partial page).
    fn melden_alle(code: String, s: Signale) {
        let letzte = std::rc::Rc::new(std::cell::RefCell::new(String::new()));
        let pruefen = move || {
            let pfad = hier();
            let projektor = pfad.ends_with("/projektor");
            if !s.fuehren.get_untracked() || projektor || *letzte.borrow() == pfad {
                return;
            }
            let aktuell = s.zustand.with_untracked(|z| z.as_ref().map(|z| (z.ansicht.clone(), z.markierung.clone())));
            let Some((ansicht, markierung)) = aktuell else { return };
            *letzte.borrow_mut() = pfad.clone();
            if ansicht == pfad {
                return;
            }
            let _ = markierung;
            let e =
                crate::api::workshop::AnsichtEingabe { code: code.clone(), ansicht: pfad, markierung: String::new() };
            leptos::task::spawn_local(async move {
                let _ = crate::api::workshop::workshop_ansicht(e).await;
            });
        };
        let _ = set_interval_with_handle(pruefen, std::time::Duration::from_millis(400));
    }

    fn eingabe_im_fokus(ev: &web_sys::KeyboardEvent) -> bool {
        ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()).is_some_and(|e| {
            matches!(e.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
                || e.closest("[contenteditable]").ok().flatten().is_some()
        })
    }

    fn tasten(s: Signale, projektor: bool, leiten: bool, code: String) {
        let bei = Closure::<dyn Fn(web_sys::KeyboardEvent)>::new(move |ev: web_sys::KeyboardEvent| {
            if ev.key() == "Escape" {
                s.hilfe.set(false);
                return;
            }
            if !s.kuerzel.get_untracked() || ev.ctrl_key() || ev.alt_key() || ev.meta_key() || eingabe_im_fokus(&ev) {
                return;
            }
            match ev.key().as_str() {
                "?" => s.hilfe.update(|h| *h = !*h),
                "f" | "F" if !leiten => zurueck(projektor, s.zustand, s.folgen),
                "m" | "M" if leiten => markierung_senden(&code, s),
                _ => return,
            }
            ev.prevent_default();
        });
        let _ = document().add_event_listener_with_callback("keydown", bei.as_ref().unchecked_ref());
        bei.forget();
    }

    /// The element with the focus (or its nearest ancestor with an id) as the highlight; the
    /// same again clears it.
    fn markierung_senden(code: &str, s: Signale) {
        let Some(aktiv) = document().active_element() else { return };
        let id = aktiv
            .closest("[id]:not(main):not(body):not(html)")
            .ok()
            .flatten()
            .map(|e| e.id())
            .filter(|id| crate::model::workshop::markierung_pruefen(id).is_some())
            .unwrap_or_default();
        let Some(z) = s.zustand.get_untracked() else { return };
        let markierung = if z.markierung == id { String::new() } else { id };
        s.meldung.set(if markierung.is_empty() {
            "Markierung aufgehoben.".into()
        } else {
            "Für alle markiert.".into()
        });
        let e = crate::api::workshop::AnsichtEingabe { code: code.to_string(), ansicht: z.ansicht, markierung };
        leptos::task::spawn_local(async move {
            let _ = crate::api::workshop::workshop_ansicht(e).await;
        });
    }
}

/// Called by the session page after joining: following starts from there.
pub fn folgen_ab_hier(pfad: &str) {
    #[cfg(feature = "hydrate")]
    browser::ort_setzen(pfad);
    #[cfg(not(feature = "hydrate"))]
    let _ = pfad;
}

/// The current question's result, loaded by the page (not by the part showing it: that part is
/// rendered anew with the session, and a resource of a part gone while it loads cannot be read).
pub type ErgebnisLaden = Resource<Result<Option<Ergebnis>, crate::error::AppError>>;

/// The page's result of the current question for its state `(stand, frage_stand)`: the result a
/// live event brought along (`mitgebracht`, if it is of that `frage_stand`), else fetched.
pub fn ergebnis_laden(
    code: String,
    zustand: impl Fn() -> (i64, i64) + Send + Sync + 'static,
    mitgebracht: StoredValue<Option<Ergebnis>>,
) -> ErgebnisLaden {
    Resource::new(
        move || (code.clone(), zustand()),
        move |(code, (_, frage_stand))| {
            let da = mitgebracht.get_value().filter(|e| e.stand == frage_stand);
            async move {
                match da {
                    Some(e) => Ok(Some(e)),
                    None => crate::api::workshop::workshop_ergebnis_aktuell(code).await,
                }
            }
        },
    )
}

/// The current result as it loads.
#[component]
pub fn ErgebnisAktuell(ergebnis: ErgebnisLaden) -> impl IntoView {
    view! {
        <Transition fallback=|| view! { <crate::components::status::Laedt /> }>
            {move || Suspend::new(async move {
                match ergebnis.await {
                    Ok(Some(e)) => view! { <ErgebnisAnsicht e /> }.into_any(),
                    Ok(None) => ().into_any(),
                    Err(e) => view! { <crate::components::status::Fehler fehler=e /> }.into_any(),
                }
            })}
        </Transition>
    }
}

/// A question's result: the server's chart and the same figures as a table (its text
/// alternative).
#[component]
pub fn ErgebnisAnsicht(e: Ergebnis) -> impl IntoView {
    let antwortende = format!("{} Teilnehmende haben geantwortet.", e.antwortende);
    let tabelle = (!e.zaehlung.is_empty()).then(|| {
        view! {
            <table class="katalog-tabelle workshop-zaehlung">
                <caption>"Antworten als Tabelle"</caption>
                <thead><tr><th scope="col">"Antwort"</th><th scope="col">"Stimmen"</th></tr></thead>
                <tbody>
                    {e.zaehlung.iter().map(|(l, n)| view! { <tr><th scope="row">{l.clone()}</th><td>{*n}</td></tr> }).collect_view()}
                </tbody>
            </table>
        }
    });
    let texte = (!e.freitexte.is_empty()).then(|| {
        view! {
            <ul class="workshop-freitexte">
                {e.freitexte.iter().filter(|f| f.freigegeben).map(|f| view! { <li>{f.text.clone()}</li> }).collect_view()}
            </ul>
        }
    });
    view! {
        <div class="workshop-ergebnis">
            <p>{antwortende}</p>
            {(!e.svg.is_empty()).then(|| view! { <div class="workshop-grafik" aria-hidden="true" inner_html=e.svg.clone()></div> })}
            {tabelle}
            {texte}
        </div>
    }
}

/// The bar for the page frame: nothing unless this browser takes part in a session that still
/// runs.
#[component]
pub fn WorkshopRahmen(code: crate::model::workshop::Code, projektor: bool) -> impl IntoView {
    let daten = Resource::new(move || (), move |_| crate::api::workshop::workshop_laden(code.to_string()));
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                daten.await.ok().filter(|s| !s.zustand.beendet).map(|s| {
                    view! {
                        <WorkshopLeiste code=s.code.to_string() titel=s.titel.clone() projektor leiten=s.leiten && !projektor />
                    }
                })
            })}
        </Suspense>
    }
}
