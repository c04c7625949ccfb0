//! Building blocks of the filterable catalogs: filter form with facets, active filters, result
//! header with export, sortable column headers and page navigation. All state comes from the URL
//! (see [`KatalogAnfrage`]); every control is a link or a GET form, so it works without JavaScript.
//! The page renders on the server only; [`Teilseite`] around it makes each facet click, sort
//! and page link load just this part (with JavaScript).

use crate::components::status::{Fehler, zahl};
use crate::components::teilseite::Teilseite;
use crate::error::AppError;
use crate::model::filter::Trefferseite;
use crate::model::filter::{Facette, FacettenWert, KatalogAnfrage, PRO_SEITE_WAHL};
use leptos::prelude::*;
use leptos_router::hooks::use_location;

/// The catalog view state as read from the current URL.
#[derive(Clone, Copy)]
pub struct KatalogZustand {
    pub anfrage: Memo<KatalogAnfrage>,
}

impl KatalogZustand {
    pub fn aus_url() -> Self {
        let location = use_location();
        let anfrage = Memo::new(move |_| KatalogAnfrage::aus_query(&location.search.get()));
        KatalogZustand { anfrage }
    }

    /// Canonical query string: the source of the catalog's resource.
    pub fn query(self) -> impl Fn() -> String + Copy + Send + Sync + 'static {
        move || self.anfrage.with(KatalogAnfrage::to_query)
    }
}

#[component]
pub fn FilterFormular(
    pfad: &'static str,
    such_label: &'static str,
    #[prop(into)] such_hinweis: String,
    zustand: KatalogZustand,
    #[prop(into)] facetten: Signal<Vec<Facette>>,
) -> impl IntoView {
    let anfrage = zustand.anfrage;
    let schluessel =
        move || facetten.with(|fs| fs.iter().map(|f| (f.schluessel.clone(), f.label.clone())).collect::<Vec<_>>());
    view! {
        <form method="get" action=pfad>
            <div class="filter" role="search" aria-label="Katalog filtern">
                <div class="suchfeld">
                    <label for="suche">{such_label}</label>
                    <input
                        id="suche"
                        type="search"
                        name="q"
                        autocomplete="off"
                        aria-describedby="suche-hinweis"
                        value=move || anfrage.with(|a| a.q.clone())
                        prop:value=move || anfrage.with(|a| a.q.clone())
                    />
                    <p id="suche-hinweis" class="hinweis">{such_hinweis}</p>
                </div>
                {move || anfrage.with(|a| a.sort.clone()).map(|s| view! { <input type="hidden" name="sort" value=s /> })}
                {move || anfrage.with(|a| a.absteigend).then(|| view! { <input type="hidden" name="ab" value="1" /> })}
                <For each=schluessel key=|(k, _)| k.clone() let:f>
                    <FacettenGruppe schluessel=f.0 label=f.1 anfrage facetten />
                </For>
                <div class="filter-fuss">
                    <label class="pro-seite">
                        "Zeilen pro Seite "
                        <select name="pro">
                            {PRO_SEITE_WAHL
                                .into_iter()
                                .map(|n| {
                                    view! {
                                        <option
                                            value=n.to_string()
                                            selected=move || anfrage.with(|a| a.pro_seite == n)
                                            prop:selected=move || anfrage.with(|a| a.pro_seite == n)
                                        >
                                            {n.to_string()}
                                        </option>
                                    }
                                })
                                .collect_view()}
                        </select>
                    </label>
                    <button type="submit" class="knopf">"Filter anwenden"</button>
                    <a class="zuruecksetzen" href=pfad>"Alle Filter zurücksetzen"</a>
                </div>
            </div>
        </form>
    }
}

#[component]
fn FacettenGruppe(
    schluessel: String,
    label: String,
    anfrage: Memo<KatalogAnfrage>,
    facetten: Signal<Vec<Facette>>,
) -> impl IntoView {
    let key = StoredValue::new(schluessel.clone());
    let facette = move || facetten.with(|fs| fs.iter().find(|f| f.schluessel == key.get_value()).cloned());
    let werte = move || facette().map(|f| f.werte).unwrap_or_default();
    let weitere = move || facette().map(|f| f.weitere).unwrap_or(0);
    let negiert = move || anfrage.with(|a| a.negiert(&key.get_value()));
    let op_name = format!("nicht_{schluessel}");
    let op_label = format!("Bedingung für {label}");
    view! {
        <fieldset class="facette">
            <legend>{label}</legend>
            <label class="facette-op">
                <span class="sr-only">{op_label}</span>
                <select name=op_name>
                    <option value="" selected=move || !negiert() prop:selected=move || !negiert()>"ist gleich"</option>
                    <option value="1" selected=negiert prop:selected=negiert>"ist nicht gleich"</option>
                </select>
            </label>
            <ul class="facette-werte">
                <For
                    each=werte
                    key=|w: &FacettenWert| w.wert.clone()
                    children=move |w: FacettenWert| {
                        let wert = StoredValue::new(w.wert.clone());
                        let an = move || anfrage.with(|a| a.hat(&key.get_value(), &wert.get_value()));
                        let anzahl = move || {
                            facette()
                                .and_then(|f| f.werte.into_iter().find(|x| x.wert == wert.get_value()))
                                .map(|x| zahl(x.anzahl))
                                .unwrap_or_else(|| "0".into())
                        };
                        view! {
                            <li>
                                <label>
                                    <input type="checkbox" name=key.get_value() value=w.wert.clone() checked=an prop:checked=an />
                                    <span class="wert">{w.label.clone()}</span>
                                    <span class="anzahl">{anzahl}</span>
                                </label>
                            </li>
                        }
                    }
                />
            </ul>
            {move || {
                let n = weitere();
                (n > 0).then(|| view! { <p class="hinweis">{format!("… und {n} weitere Werte; grenzen Sie mit der Suche ein.")}</p> })
            }}
        </fieldset>
    }
}

/// Selected filters as removable chips.
#[component]
pub fn AktiveFilter(
    pfad: &'static str,
    zustand: KatalogZustand,
    #[prop(into)] facetten: Signal<Vec<Facette>>,
) -> impl IntoView {
    let anfrage = zustand.anfrage;
    let chips = move || {
        let a = anfrage.get();
        let mut out = Vec::new();
        if !a.q.is_empty() {
            let mut ohne = a.clone();
            ohne.q.clear();
            ohne.seite = 1;
            out.push((format!("Suche: „{}“", a.q), ohne.href(pfad)));
        }
        facetten.with(|fs| {
            for (key, sel) in &a.facetten {
                let Some(f) = fs.iter().find(|f| &f.schluessel == key) else { continue };
                for w in &sel.werte {
                    let label =
                        f.werte.iter().find(|x| &x.wert == w).map(|x| x.label.clone()).unwrap_or_else(|| w.clone());
                    let op = if sel.negiert { "ist nicht" } else { "ist" };
                    out.push((format!("{} {op} {label}", f.label), a.umgeschaltet(key, w).href(pfad)));
                }
            }
        });
        out
    };
    view! {
        <Show when=move || !chips().is_empty()>
            <ul class="aktive-filter" aria-label="Aktive Filter">
                {move || {
                    chips()
                        .into_iter()
                        .map(|(text, href)| {
                            view! {
                                <li>
                                    <a href=href class="chip">
                                        {text.clone()}
                                        <span class="sr-only">" – Filter entfernen"</span>
                                        <span aria-hidden="true">" ×"</span>
                                    </a>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
        </Show>
    }
}

/// Number of hits (announced to screen readers) and export links for the filtered view.
#[component]
pub fn Trefferkopf(
    zustand: KatalogZustand,
    #[prop(into)] gesamt: Signal<Option<i64>>,
    /// Name of the server's export (`/export/<name>.csv`); without one, no export links.
    export: Option<&'static str>,
    einheit: &'static str,
) -> impl IntoView {
    let anfrage = zustand.anfrage;
    let export_href = move |format: &str| {
        let mut a = anfrage.get();
        a.seite = 1;
        a.pro_seite = crate::model::filter::PRO_SEITE_STANDARD;
        let q = a.to_query();
        let export = export.unwrap_or_default();
        if q.is_empty() { format!("/export/{export}.{format}") } else { format!("/export/{export}.{format}?{q}") }
    };
    view! {
        <div class="trefferkopf">
            <p class="treffer" role="status" aria-live="polite">
                {move || match gesamt.get() {
                    Some(n) => format!("{} {einheit}", zahl(n)),
                    None => "Suche läuft …".to_string(),
                }}
            </p>
            {export.map(|_| view! {
                <p class="export">
                    "Gefilterte Ansicht exportieren: "
                    <a href=move || export_href("csv") download rel="external">"CSV"</a>
                    " · "
                    <a href=move || export_href("json") download rel="external">"JSON"</a>
                </p>
            })}
        </div>
    }
}

/// Column header that sorts by `spalte`; exposes the state as `aria-sort`.
#[component]
pub fn SortKopf(
    pfad: &'static str,
    zustand: KatalogZustand,
    spalte: &'static str,
    label: &'static str,
) -> impl IntoView {
    let anfrage = zustand.anfrage;
    let aktiv = move || anfrage.with(|a| a.sort.as_deref() == Some(spalte));
    let aria = move || {
        if aktiv() { if anfrage.with(|a| a.absteigend) { "descending" } else { "ascending" } } else { "none" }
    };
    let pfeil = move || match aria() {
        "ascending" => " ▲",
        "descending" => " ▼",
        _ => "",
    };
    view! {
        <th scope="col" aria-sort=aria>
            <a href=move || anfrage.with(|a| a.sortiert(spalte).href(pfad))>
                {label}
                <span aria-hidden="true">{pfeil}</span>
            </a>
        </th>
    }
}

/// Page links: first, previous, a window around the current page, next, last.
#[component]
pub fn Seiten(pfad: &'static str, zustand: KatalogZustand, #[prop(into)] gesamt: Signal<Option<i64>>) -> impl IntoView {
    let anfrage = zustand.anfrage;
    let seiten = move || {
        let a = anfrage.get();
        let n = gesamt.get().unwrap_or(0);
        let pro = i64::from(a.pro_seite.max(1));
        let max = u32::try_from(((n + pro - 1) / pro).max(1)).unwrap_or(1);
        (a, max)
    };
    view! {
        {move || {
            let (a, max) = seiten();
            (max > 1)
                .then(|| {
                    let jetzt = a.seite.min(max);
                    let von = jetzt.saturating_sub(2).max(1);
                    let bis = (jetzt + 2).min(max);
                    // Numbers get "Seite n" as name; the visible number stays part of it (WCAG 2.5.3).
                    let link = |s: u32, text: String, label: Option<String>| {
                        let href = a.mit_seite(s).href(pfad);
                        let aktuell = (s == jetzt).then_some("page");
                        view! { <li><a href=href aria-current=aktuell aria-label=label>{text}</a></li> }
                    };
                    let mut items = Vec::new();
                    if jetzt > 1 {
                        items.push(link(jetzt - 1, "‹ Vorherige Seite".into(), None));
                    }
                    if von > 1 {
                        items.push(link(1, "1".into(), Some("Seite 1".into())));
                    }
                    for s in von..=bis {
                        items.push(link(s, s.to_string(), Some(format!("Seite {s}"))));
                    }
                    if bis < max {
                        items.push(link(max, max.to_string(), Some(format!("Seite {max}, letzte Seite"))));
                    }
                    if jetzt < max {
                        items.push(link(jetzt + 1, "Nächste Seite ›".into(), None));
                    }
                    view! {
                        <nav class="seiten" aria-label="Seitennavigation">
                            <ul>{items}</ul>
                        </nav>
                    }
                })
        }}
    }
}

/// The reactive pieces of a catalog page, derived from its resource.
pub struct KatalogDaten<T: Send + Sync + 'static> {
    pub facetten: Signal<Vec<Facette>>,
    pub gesamt: Signal<Option<i64>>,
    pub zeilen: Signal<Vec<T>>,
    pub fehler: Signal<Option<AppError>>,
}

impl<T> KatalogDaten<T>
where
    T: Clone + Send + Sync + serde::Serialize + serde::de::DeserializeOwned + 'static,
{
    pub fn aus(daten: Resource<Result<Trefferseite<T>, AppError>>) -> Self {
        KatalogDaten {
            facetten: Signal::derive(move || {
                daten.with(|d| d.as_ref().and_then(|r| r.as_ref().ok()).map(|s| s.facetten.clone())).unwrap_or_default()
            }),
            gesamt: Signal::derive(move || daten.with(|d| d.as_ref().and_then(|r| r.as_ref().ok()).map(|s| s.gesamt))),
            zeilen: Signal::derive(move || {
                daten.with(|d| d.as_ref().and_then(|r| r.as_ref().ok()).map(|s| s.zeilen.clone())).unwrap_or_default()
            }),
            fehler: Signal::derive(move || daten.with(|d| d.as_ref().and_then(|r| r.as_ref().err()).cloned())),
        }
    }
}

/// Layout shared by all catalogs: filter panel beside active filters, hit count, export, the
/// catalog's own table (children) and page links.
#[component]
pub fn KatalogLayout(
    pfad: &'static str,
    such_label: &'static str,
    #[prop(into)] such_hinweis: String,
    #[prop(optional)] export: Option<&'static str>,
    einheit: &'static str,
    /// Reload the hits after every live event (lists that others edit while one reads).
    #[prop(optional)]
    live: bool,
    zustand: KatalogZustand,
    facetten: Signal<Vec<Facette>>,
    gesamt: Signal<Option<i64>>,
    fehler: Signal<Option<AppError>>,
    children: Children,
) -> impl IntoView {
    view! {
        <Teilseite live>
        <div class="katalog">
            <aside class="katalog-filter">
                <FilterFormular pfad such_label such_hinweis zustand facetten />
            </aside>
            <div class="katalog-treffer">
                <AktiveFilter pfad zustand facetten />
                <Trefferkopf zustand gesamt export einheit />
                {move || fehler.get().map(|e| view! { <Fehler fehler=e /> })}
                {children()}
                <Seiten pfad zustand gesamt />
            </div>
        </div>
        </Teilseite>
    }
}
