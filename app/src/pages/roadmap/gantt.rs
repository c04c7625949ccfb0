//! The roadmap timeline: one row per project, a bar per phase, milestones for Inbetriebnahme NRW
//! and the bundesweite Roll-out, a today line. Coordinators move phases with the pointer (whole
//! bar or one edge, snapping to months) or with the keyboard (arrows move, Shift+arrows move the
//! end, Ctrl+arrows the start alone, Enter saves, Escape cancels); each change is saved with
//! the version it was based on.
//!
//! The DOM of a bar stays the same while it moves (only its style changes), so a drag keeps its
//! pointer capture while the row updates.

use super::live::{Gruppen, Meldung};
use crate::api::roadmap::{projekt_laden, projekt_speichern};
use crate::error::AppError;
use crate::model::roadmap::{Phase, Phasen, Projekt};
use crate::model::zeitachse::{Abschnitt, Achse, Griff, Zoom, ist_meilenstein};
use chrono::NaiveDate;
use leptos::prelude::*;

/// A change being made to one phase, not yet saved.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Entwurf {
    id: i64,
    phase: Phase,
    /// The dates and version the change started from.
    basis: Phasen,
    version: i64,
    neu: Phasen,
    /// Set while the pointer drags: grip and the pointer's x where it started.
    ziehen: Option<(Griff, i32)>,
    /// The save is on its way; the bar stays where it was dropped until the answer.
    speichert: bool,
}

/// Everything the rows share.
#[derive(Clone, Copy)]
struct Zustand {
    projekte: RwSignal<Vec<Projekt>>,
    entwurf: RwSignal<Option<Entwurf>>,
    meldung: WriteSignal<Option<Meldung>>,
    /// Own saves (id, version after) the page may offer to undo.
    gespeichert: WriteSignal<Option<(i64, i64)>>,
    achse: Achse,
    px: i32,
    heute: NaiveDate,
    bearbeitbar: bool,
}

impl Zustand {
    fn phasen(&self, id: i64) -> Phasen {
        if let Some(e) = self.entwurf.get().filter(|e| e.id == id) {
            return e.neu;
        }
        self.projekte.with(|v| v.iter().find(|p| p.id == id).map(|p| p.phasen)).unwrap_or_default()
    }

    fn gespeichert_stand(&self, id: i64) -> Option<(Phasen, i64, String)> {
        self.projekte.with_untracked(|v| v.iter().find(|p| p.id == id).map(|p| (p.phasen, p.version, p.name.clone())))
    }

    fn beginnen(&self, id: i64, phase: Phase, ziehen: Option<(Griff, i32)>) -> Option<Entwurf> {
        let (basis, version, _) = self.gespeichert_stand(id)?;
        Some(Entwurf { id, phase, basis, version, neu: basis, ziehen, speichert: false })
    }

    fn uebernehmen(&self, p: Projekt) {
        super::live::uebernehmen(self.projekte, p);
    }

    fn speichern(self, e: Entwurf) {
        if e.neu == e.basis {
            self.entwurf.set(None);
            return;
        }
        self.entwurf.set(Some(Entwurf { speichert: true, ziehen: None, ..e }));
        let beschreibung = beschreibung(&e.neu, e.phase);
        leptos::task::spawn_local(async move {
            let phasen = crate::model::roadmap::PhasenEingabe::von(&e.neu);
            let antwort = projekt_speichern(e.id, e.version, phasen).await;
            match antwort {
                Ok(version) => {
                    if let Some(alt) = self.projekte.with_untracked(|v| v.iter().find(|p| p.id == e.id).cloned()) {
                        self.uebernehmen(alt.mit_phasen(e.neu, version, self.heute));
                    }
                    self.gespeichert.set(Some((e.id, version)));
                    self.meldung.set(Some(Meldung::Info(format!("Gespeichert – {beschreibung}."))));
                }
                Err(AppError::Konflikt(m)) => {
                    // Show what the other person saved.
                    if let Ok(p) = projekt_laden(e.id.to_string()).await {
                        self.uebernehmen(p);
                    }
                    self.meldung.set(Some(Meldung::Fehler(m)));
                }
                Err(AppError::Eingabe(f)) => {
                    let text = f.into_iter().map(|f| f.meldung).collect::<Vec<_>>().join(" ");
                    self.meldung.set(Some(Meldung::Fehler(format!("Nicht gespeichert: {text}"))));
                }
                Err(other) => self.meldung.set(Some(Meldung::Fehler(format!("Nicht gespeichert: {other}")))),
            }
            // Saved: the list has the new dates; refused: the bar returns to the stored ones.
            self.entwurf.update(|x| {
                if x.is_some_and(|x| x.id == e.id && x.phase == e.phase) {
                    *x = None;
                }
            });
        });
    }
}

/// Which part of a bar the arrow keys move: Shift the end (the next phase's start), Ctrl the
/// start alone – the keyboard's way to drag one edge (Alt+arrows belong to the browser's history).
fn griff_der_taste(shift: bool, ctrl: bool) -> Griff {
    match (shift, ctrl) {
        (true, _) => Griff::Ende,
        (false, true) => Griff::Anfang,
        (false, false) => Griff::Ganz,
    }
}

fn beschreibung(p: &Phasen, phase: Phase) -> String {
    p.abschnitte().into_iter().find(|a| a.phase == phase).map(|a| a.beschreibung()).unwrap_or_default()
}

#[component]
pub fn Gantt(
    projekte: RwSignal<Vec<Projekt>>,
    gruppen: Gruppen,
    zoom: Zoom,
    heute: NaiveDate,
    bearbeitbar: bool,
    meldung: WriteSignal<Option<Meldung>>,
    gespeichert: WriteSignal<Option<(i64, i64)>>,
) -> impl IntoView {
    let achse = projekte.with_untracked(|v| Achse::fuer(v.iter().map(|p| &p.phasen), heute));
    let z = Zustand {
        projekte,
        entwurf: RwSignal::new(None),
        meldung,
        gespeichert,
        achse,
        px: zoom.pixel_je_monat(),
        heute,
        bearbeitbar,
    };
    let breite = format!("width: {}px", achse.monate() * z.px);
    let heute_x =
        format!("left: {}px", achse.x(heute) * z.px + z.px * (chrono::Datelike::day(&heute).cast_signed() - 1) / 31);
    let beschriftung = zoom
        .beschriftung(&achse)
        .into_iter()
        .map(|(x, w, t, jahr)| {
            view! {
                <span class="gantt-marke" class:marke-jahr=jahr style=format!("left: {}px; width: {}px", x * z.px, w * z.px)>
                    {t}
                </span>
            }
        })
        .collect_view();
    view! {
        <div class=format!("gantt gantt-{}", zoom.code()) class:gantt-bearbeitbar=bearbeitbar>
            {bearbeitbar.then(|| view! {
                <p id="gantt-hilfe" class="gantt-hilfe">
                    "Phase verschieben: ziehen, oder mit Tab auswählen und Pfeiltasten links/rechts (ein Monat). "
                    "Umschalt+Pfeil ändert nur das Ende – das ist der Beginn der nächsten Phase –, "
                    "Strg+Pfeil nur den Anfang. "
                    "Eingabetaste speichert, Escape verwirft. Ränder eines Balkens ziehen ändert nur Anfang oder Ende."
                </p>
            })}
            <div class="gantt-rahmen">
                <div class="gantt-kopf" aria-hidden="true">
                    <div class="gantt-name">"Umsetzungsprojekt"</div>
                    <div class="gantt-spur gantt-achse" style=breite.clone()>
                        {beschriftung}
                        <span class="heute-marke" style=heute_x.clone()>"Heute"</span>
                    </div>
                </div>
                {gruppen
                    .into_iter()
                    .map(|(titel, ids)| {
                        let breite = breite.clone();
                        let heute_x = heute_x.clone();
                        view! {
                            {titel.map(|t| view! { <h2 class="gantt-gruppe">{t}</h2> })}
                            <ul class="gantt-zeilen">
                                {ids
                                    .into_iter()
                                    .map(|id| view! { <Zeile z id breite=breite.clone() heute_x=heute_x.clone() /> })
                                    .collect_view()}
                            </ul>
                        }
                    })
                    .collect_view()}
            </div>
        </div>
    }
}

#[component]
fn Zeile(z: Zustand, id: i64, breite: String, heute_x: String) -> impl IntoView {
    let name = z.projekte.with_untracked(|v| v.iter().find(|p| p.id == id).map(|p| p.name.clone())).unwrap_or_default();
    let status = move || z.projekte.with(|v| v.iter().find(|p| p.id == id).map(|p| p.status));
    view! {
        <li class="gantt-zeile">
            <div class="gantt-name">
                <a href=crate::pfad::projekt(id)>{name}</a>
                <span class="gantt-status">{move || status().map(|s| s.label()).unwrap_or_default()}</span>
            </div>
            <div class="gantt-spur" style=breite>
                <span class="heute-linie" style=heute_x aria-hidden="true"></span>
                {Phase::ALLE.into_iter().map(|phase| view! { <Balken z id phase /> }).collect_view()}
            </div>
        </li>
    }
}

/// Left edge and width in pixels of a phase on the axis.
fn lage(z: &Zustand, a: &Abschnitt) -> (i32, i32) {
    let x = z.achse.x(a.von) * z.px;
    let w = match a.bis {
        _ if ist_meilenstein(a.phase) => 0,
        Some(b) if b > a.von => (z.achse.x(b) - z.achse.x(a.von)) * z.px,
        // Same month, or the next phase lies before it: one month, marked.
        Some(_) => z.px,
        // Open end: a short bar fading out.
        None => 2 * z.px,
    };
    (x, w)
}

#[component]
fn Balken(z: Zustand, id: i64, phase: Phase) -> impl IntoView {
    let abschnitt = Memo::new(move |_| z.phasen(id).abschnitte().into_iter().find(|a| a.phase == phase));
    let aktiv = move || z.entwurf.with(|e| e.is_some_and(|e| e.id == id && e.phase == phase));
    let stil = move || {
        abschnitt.with(|a| match a {
            Some(a) => {
                let (x, w) = lage(&z, a);
                if ist_meilenstein(phase) { format!("left: {x}px") } else { format!("left: {x}px; width: {w}px") }
            }
            None => String::new(),
        })
    };
    let text = move || abschnitt.with(|a| a.as_ref().map(|a| a.beschreibung()).unwrap_or_default());
    let meilenstein = ist_meilenstein(phase);
    let klasse = format!("{} phase-{}", if meilenstein { "meilenstein" } else { "balken" }, phase.code());

    view! {
        <div
            class=klasse
            class:datenfehler=move || abschnitt.with(|a| a.as_ref().is_some_and(|a| a.widerspruch))
            class:offen=move || abschnitt.with(|a| a.as_ref().is_some_and(|a| a.bis.is_none()))
            class:aktiv=aktiv
            hidden=move || abschnitt.with(|a| a.is_none())
            style=stil
            role=if z.bearbeitbar { "button" } else { "img" }
            tabindex=z.bearbeitbar.then_some("0")
            aria-roledescription=z.bearbeitbar.then_some(if meilenstein { "verschiebbarer Meilenstein" } else { "verschiebbare Phase" })
            aria-describedby=z.bearbeitbar.then_some("gantt-hilfe")
            aria-label=text
            data-projekt=id
            data-phase=phase.code()
            on:pointerdown=move |ev| z.zeiger_runter(id, phase, ev)
            on:pointermove=move |ev| z.zeiger_bewegt(id, phase, ev)
            on:pointerup=move |_| z.zeiger_hoch(id, phase)
            on:pointercancel=move |_| z.abbrechen(id, phase)
            on:keydown=move |ev| z.taste(id, phase, ev)
        >
            {(z.bearbeitbar && !meilenstein).then(|| view! {
                <span class="griff griff-anfang" data-griff="anfang" aria-hidden="true"></span>
                <span class="griff griff-ende" data-griff="ende" aria-hidden="true"></span>
            })}
            <span class="gantt-tipp" role="tooltip" hidden=move || !aktiv()>{text}</span>
        </div>
    }
}

/// What a bar does with pointer and keyboard (one method per event).
impl Zustand {
    /// Pointer down on a bar or one of its handles: start dragging (left button, if editable).
    fn zeiger_runter(self, id: i64, phase: Phase, ev: leptos::ev::PointerEvent) {
        use leptos::wasm_bindgen::JsCast;
        if !self.bearbeitbar || ev.button() != 0 {
            return;
        }
        let griff = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|el| el.get_attribute("data-griff"))
            .map_or(Griff::Ganz, |g| if g == "anfang" { Griff::Anfang } else { Griff::Ende });
        if let Some(el) = ev.current_target().and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok()) {
            let _ = el.set_pointer_capture(ev.pointer_id());
            let _ = el.focus();
        }
        ev.prevent_default();
        self.entwurf.set(self.beginnen(id, phase, Some((griff, ev.client_x()))));
    }

    /// While dragging: the draft follows the pointer in whole months.
    fn zeiger_bewegt(self, id: i64, phase: Phase, ev: leptos::ev::PointerEvent) {
        let Some(e) = self.entwurf.get_untracked().filter(|e| e.id == id && e.phase == phase) else { return };
        let Some((griff, x0)) = e.ziehen else { return };
        // Rounded whole months; float-to-int `as` saturates, and a pointer moves a few thousand px.
        #[allow(clippy::cast_possible_truncation)]
        let monate = (f64::from(ev.client_x() - x0) / f64::from(self.px)).round() as i32;
        let neu = e.basis.verschoben(phase, griff, monate);
        if neu != e.neu {
            self.entwurf.set(Some(Entwurf { neu, ..e }));
        }
    }

    /// Pointer released: save the dragged draft.
    fn zeiger_hoch(self, id: i64, phase: Phase) {
        if let Some(e) = self.entwurf.get_untracked().filter(|e| e.id == id && e.phase == phase && e.ziehen.is_some()) {
            self.speichern(e);
        }
    }

    /// The browser took the pointer away: drop the unsaved draft.
    fn abbrechen(self, id: i64, phase: Phase) {
        if self.entwurf.get_untracked().is_some_and(|e| e.id == id && e.phase == phase && !e.speichert) {
            self.entwurf.set(None);
        }
    }

    /// The keyboard alternative to dragging: arrows move by a month (with Shift only the end, with
    /// Ctrl only the start), Enter saves, Escape discards.
    fn taste(self, id: i64, phase: Phase, ev: leptos::ev::KeyboardEvent) {
        if !self.bearbeitbar {
            return;
        }
        let eigener = self.entwurf.get_untracked().filter(|e| e.id == id && e.phase == phase && !e.speichert);
        let schritt = match ev.key().as_str() {
            "ArrowLeft" => -1,
            "ArrowRight" => 1,
            "Enter" => {
                if let Some(e) = eigener {
                    ev.prevent_default();
                    self.speichern(e);
                }
                return;
            }
            "Escape" => {
                if eigener.is_some() {
                    ev.prevent_default();
                    self.entwurf.set(None);
                    self.meldung.set(Some(Meldung::Info("Verschiebung verworfen.".into())));
                }
                return;
            }
            _ => return,
        };
        ev.prevent_default();
        let Some(e) = eigener.or_else(|| self.beginnen(id, phase, None)) else { return };
        let griff = griff_der_taste(ev.shift_key(), ev.ctrl_key());
        let neu = e.neu.verschoben(phase, griff, schritt);
        self.entwurf.set(Some(Entwurf { neu, ..e }));
        let konflikt = if neu.reihenfolge_fehler().is_empty() {
            ""
        } else {
            " Achtung: Die Reihenfolge der Phasen stimmt so nicht."
        };
        self.meldung.set(Some(Meldung::Info(format!(
            "{} (nicht gespeichert).{konflikt} Eingabetaste speichert, Escape verwirft.",
            beschreibung(&neu, phase)
        ))));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modifier_keys_pick_the_edge_like_the_drag_grips() {
        assert_eq!(griff_der_taste(false, false), Griff::Ganz);
        assert_eq!(griff_der_taste(true, false), Griff::Ende);
        assert_eq!(griff_der_taste(false, true), Griff::Anfang);
        assert_eq!(griff_der_taste(true, true), Griff::Ende);
    }
}
