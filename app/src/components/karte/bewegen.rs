//! Pan and zoom of the server-drawn maps in the browser: buttons, keys on the focused map
//! (+/−, arrows, 0), Ctrl + wheel (and a touchpad's pinch), dragging with the mouse or one
//! finger, pinching with two, and a tooltip next to the focused area. Everything listens on
//! the document, once per page: a map that `Teilseite` swaps in later is plain HTML and works
//! the same. Only the SVG's `viewBox` changes; the arithmetic is `model::karte::ausschnitt`.

use crate::model::karte::ausschnitt::{self as a, Bildschirm, Rahmen};
use leptos::prelude::document;
use leptos::wasm_bindgen::JsCast;
use leptos::wasm_bindgen::closure::Closure;
use std::cell::{Cell, RefCell};

/// Pixels a pointer must move before a press becomes a drag (a click stays a click).
const ZIEH_SCHWELLE: f64 = 4.0;

/// The pointers down on a map and the view when they went down.
#[derive(Default)]
struct Ziehen {
    svg: Option<web_sys::Element>,
    start: Option<Rahmen>,
    /// (pointer id, x, y) at the start and now.
    anfang: Vec<(i32, f64, f64)>,
    jetzt: Vec<(i32, f64, f64)>,
}

thread_local! {
    static AKTIV: Cell<bool> = const { Cell::new(false) };
    static ZIEHEN: RefCell<Ziehen> = RefCell::new(Ziehen::default());
    /// Set when a drag ended on a link: the click that follows must not open it.
    static GEZOGEN: Cell<bool> = const { Cell::new(false) };
}

/// Starts listening, once per page.
pub fn beobachten() {
    if AKTIV.with(|x| x.replace(true)) {
        return;
    }
    let d = document();
    hoeren(&d, "click", false, |ev: web_sys::MouseEvent| knopf(&ev));
    hoeren(&d, "click", true, |ev: web_sys::MouseEvent| {
        if GEZOGEN.with(|g| g.replace(false)) && in_karte(ev.target()).is_some() {
            ev.prevent_default();
            ev.stop_propagation();
        }
    });
    hoeren(&d, "keydown", false, |ev: web_sys::KeyboardEvent| taste(&ev));
    hoeren(&d, "focusin", false, |ev: web_sys::FocusEvent| fokus(ev.target()));
    hoeren(&d, "focusout", false, |ev: web_sys::FocusEvent| {
        if let Some(svg) = in_karte(ev.target()) {
            tipp_verbergen(&svg);
        }
    });
    hoeren(&d, "dragstart", false, |ev: web_sys::Event| {
        if in_karte(ev.target()).is_some() {
            ev.prevent_default();
        }
    });
    hoeren(&d, "pointerdown", false, |ev: web_sys::PointerEvent| zeiger_ab(&ev));
    hoeren(&d, "pointermove", false, |ev: web_sys::PointerEvent| zeiger_bewegt(&ev));
    hoeren(&d, "pointerup", false, |ev: web_sys::PointerEvent| zeiger_auf(ev.pointer_id()));
    hoeren(&d, "pointercancel", false, |ev: web_sys::PointerEvent| zeiger_auf(ev.pointer_id()));
    // Not passive: Ctrl + wheel over the map zooms it instead of the page.
    let rad = Closure::<dyn Fn(web_sys::WheelEvent)>::new(|ev: web_sys::WheelEvent| rad(&ev));
    let optionen = web_sys::AddEventListenerOptions::new();
    optionen.set_passive(false);
    let _ = d.add_event_listener_with_callback_and_add_event_listener_options(
        "wheel",
        rad.as_ref().unchecked_ref(),
        &optionen,
    );
    rad.forget();
}

fn hoeren<E: JsCast + 'static>(d: &web_sys::Document, art: &str, fangen: bool, f: impl Fn(E) + 'static) {
    let c = Closure::<dyn Fn(web_sys::Event)>::new(move |ev: web_sys::Event| {
        if let Ok(e) = ev.dyn_into::<E>() {
            f(e);
        }
    });
    let _ = d.add_event_listener_with_callback_and_bool(art, c.as_ref().unchecked_ref(), fangen);
    c.forget();
}

fn element(ziel: Option<web_sys::EventTarget>) -> Option<web_sys::Element> {
    ziel.and_then(|t| t.dyn_into::<web_sys::Element>().ok())
}

/// The map SVG an event happened in.
fn in_karte(ziel: Option<web_sys::EventTarget>) -> Option<web_sys::Element> {
    element(ziel)?.closest(".karte-svg[data-rahmen]").ok().flatten()
}

fn rahmen(svg: &web_sys::Element) -> Option<(Rahmen, Rahmen)> {
    let voll = a::lesen(&svg.get_attribute("data-rahmen")?)?;
    let jetzt = svg.get_attribute("viewBox").and_then(|t| a::lesen(&t)).unwrap_or(voll);
    Some((voll, a::klemmen(voll, jetzt)))
}

fn bildschirm(e: &web_sys::Element) -> Bildschirm {
    let r = e.get_bounding_client_rect();
    Bildschirm { links: r.left(), oben: r.top(), breite: r.width(), hoehe: r.height() }
}

/// Shows `neu` and says so: the figure is marked while zoomed (cursor, touch), the zoom level
/// goes into the toolbar's status. Returns whether anything changed.
fn zeigen(svg: &web_sys::Element, neu: Rahmen) -> bool {
    let Some((voll, alt)) = rahmen(svg) else { return false };
    if a::text(alt) == a::text(neu) {
        return false;
    }
    let _ = svg.set_attribute("viewBox", &a::text(neu));
    tipp_verbergen(svg);
    if let Some(fig) = svg.closest("figure.karte").ok().flatten() {
        let _ = fig.class_list().toggle_with_force("gezoomt", a::gezoomt(voll, neu));
        if let Some(stufe) = fig.query_selector(".karte-stufe").ok().flatten() {
            let prozent = (voll[2] / neu[2] * 100.0).round();
            stufe.set_text_content(Some(&format!("Vergrößerung: {prozent} %")));
        }
    }
    true
}

fn knopf(ev: &web_sys::MouseEvent) {
    let Some(k) = element(ev.target()).and_then(|e| e.closest("button[data-karte]").ok().flatten()) else {
        return;
    };
    let Some(svg) =
        k.closest("figure.karte").ok().flatten().and_then(|f| f.query_selector(".karte-svg").ok().flatten())
    else {
        return;
    };
    let Some((voll, v)) = rahmen(&svg) else { return };
    let neu = match k.get_attribute("data-karte").as_deref() {
        Some("hinein") => a::zoomen_mitte(voll, v, a::ZOOM_SCHRITT),
        Some("heraus") => a::zoomen_mitte(voll, v, 1.0 / a::ZOOM_SCHRITT),
        _ => voll,
    };
    zeigen(&svg, neu);
}

fn taste(ev: &web_sys::KeyboardEvent) {
    GEZOGEN.with(|g| g.set(false));
    if ev.ctrl_key() || ev.alt_key() || ev.meta_key() {
        return;
    }
    let Some(svg) = in_karte(ev.target()) else { return };
    let Some((voll, v)) = rahmen(&svg) else { return };
    let (sx, sy) = (v[2] * a::PAN_SCHRITT, v[3] * a::PAN_SCHRITT);
    let neu = match ev.key().as_str() {
        "+" | "=" => a::zoomen_mitte(voll, v, a::ZOOM_SCHRITT),
        "-" | "_" => a::zoomen_mitte(voll, v, 1.0 / a::ZOOM_SCHRITT),
        "0" => voll,
        "ArrowLeft" => a::verschieben(voll, v, -sx, 0.0),
        "ArrowRight" => a::verschieben(voll, v, sx, 0.0),
        "ArrowUp" => a::verschieben(voll, v, 0.0, -sy),
        "ArrowDown" => a::verschieben(voll, v, 0.0, sy),
        "Escape" => {
            tipp_verbergen(&svg);
            return;
        }
        _ => return,
    };
    // Only a key that moved the map is taken from the page (at full size, arrows scroll).
    if zeigen(&svg, neu) {
        ev.prevent_default();
        if let Some(e) = element(ev.target()) {
            tipp_zeigen(&svg, &e);
        }
    }
}

/// A focused area: brought into view if the zoomed map hides it, its tooltip shown.
fn fokus(ziel: Option<web_sys::EventTarget>) {
    let Some(einheit) = element(ziel.clone()).and_then(|e| e.closest("a.einheit").ok().flatten()) else { return };
    let Some(svg) = in_karte(ziel) else { return };
    if let Some((voll, v)) = rahmen(&svg) {
        let r = bildschirm(&einheit);
        let mitte = a::zu_karte(v, bildschirm(&svg), (r.links + r.breite / 2.0, r.oben + r.hoehe / 2.0));
        if !a::sichtbar(v, mitte) {
            zeigen(&svg, a::zentrieren(voll, v, mitte));
        }
    }
    tipp_zeigen(&svg, &einheit);
}

/// The tooltip of the figure (made on first use; hidden from screen readers, which hear the
/// same text as the link's name).
fn tipp(svg: &web_sys::Element) -> Option<(web_sys::Element, web_sys::HtmlElement)> {
    let fig = svg.closest("figure.karte").ok().flatten()?;
    if let Some(t) = fig.query_selector(".karten-tipp").ok().flatten() {
        return Some((fig, t.dyn_into().ok()?));
    }
    let t: web_sys::HtmlElement = document().create_element("div").ok()?.dyn_into().ok()?;
    t.set_class_name("karten-tipp");
    let _ = t.set_attribute("aria-hidden", "true");
    t.set_hidden(true);
    fig.append_child(&t).ok()?;
    Some((fig, t))
}

fn tipp_zeigen(svg: &web_sys::Element, einheit: &web_sys::Element) {
    let Some(einheit) = einheit.closest("a.einheit").ok().flatten() else { return };
    let Some((fig, t)) = tipp(svg) else { return };
    t.set_text_content(einheit.get_attribute("aria-label").as_deref());
    t.set_hidden(false);
    let (f, r) = (bildschirm(&fig), bildschirm(&einheit));
    // Below the area, centred on it, kept inside the figure.
    let breite = f64::from(t.offset_width());
    let links = (r.links - f.links + (r.breite - breite) / 2.0).clamp(0.0, (f.breite - breite).max(0.0));
    let oben = (r.oben - f.oben + r.hoehe + 4.0).clamp(0.0, f.hoehe.max(0.0));
    let s = t.style();
    let _ = s.set_property("left", &format!("{links:.0}px"));
    let _ = s.set_property("top", &format!("{oben:.0}px"));
}

fn tipp_verbergen(svg: &web_sys::Element) {
    if let Some((_, t)) = tipp(svg) {
        t.set_hidden(true);
    }
}

fn rad(ev: &web_sys::WheelEvent) {
    if !ev.ctrl_key() {
        return;
    }
    let Some(svg) = in_karte(ev.target()) else { return };
    let Some((voll, v)) = rahmen(&svg) else { return };
    ev.prevent_default();
    // Lines or pages (Firefox) count as 16 pixels each.
    let dy = if ev.delta_mode() == 0 { ev.delta_y() } else { ev.delta_y() * 16.0 };
    let faktor = (-dy * 0.002).exp().clamp(0.5, 2.0);
    let punkt = a::zu_karte(v, bildschirm(&svg), (f64::from(ev.client_x()), f64::from(ev.client_y())));
    zeigen(&svg, a::zoomen(voll, v, faktor, punkt));
}

fn punkt(ev: &web_sys::PointerEvent) -> (i32, f64, f64) {
    (ev.pointer_id(), f64::from(ev.client_x()), f64::from(ev.client_y()))
}

fn zeiger_ab(ev: &web_sys::PointerEvent) {
    GEZOGEN.with(|g| g.set(false));
    if ev.button() != 0 {
        return;
    }
    let Some(svg) = in_karte(ev.target()) else { return };
    ZIEHEN.with(|z| {
        let mut z = z.borrow_mut();
        if z.svg.as_ref().is_some_and(|s| s != &svg) {
            *z = Ziehen::default();
        }
        z.jetzt.retain(|p| p.0 != ev.pointer_id());
        z.jetzt.push(punkt(ev));
        neu_ansetzen(&mut z, svg);
    });
}

/// Takes the current pointers and view as the new start (a finger added or lifted).
fn neu_ansetzen(z: &mut Ziehen, svg: web_sys::Element) {
    z.start = rahmen(&svg).map(|(_, v)| v);
    z.anfang = z.jetzt.clone();
    z.svg = Some(svg);
}

fn zeiger_bewegt(ev: &web_sys::PointerEvent) {
    let neu = ZIEHEN.with(|z| {
        let mut z = z.borrow_mut();
        let p = punkt(ev);
        let i = z.jetzt.iter().position(|q| q.0 == p.0)?;
        z.jetzt[i] = p;
        let (svg, start) = (z.svg.clone()?, z.start?);
        let (voll, _) = rahmen(&svg)?;
        let bild = bildschirm(&svg);
        let ziel = match (z.anfang.as_slice(), z.jetzt.as_slice()) {
            ([a0], [a1]) if a::gezoomt(voll, start) => {
                let (dx, dy) = (a1.1 - a0.1, a1.2 - a0.2);
                if !GEZOGEN.with(Cell::get) && dx.hypot(dy) < ZIEH_SCHWELLE {
                    return None;
                }
                let e = a::einheiten_je_pixel(start, bild);
                a::verschieben(voll, start, -dx * e, -dy * e)
            }
            ([a0, b0], [a1, b1]) => {
                let abstand = |p: &(i32, f64, f64), q: &(i32, f64, f64)| (p.1 - q.1).hypot(p.2 - q.2).max(1.0);
                let mitte = |p: &(i32, f64, f64), q: &(i32, f64, f64)| ((p.1 + q.1) / 2.0, (p.2 + q.2) / 2.0);
                let (m0, m1) = (mitte(a0, b0), mitte(a1, b1));
                let faktor = abstand(a1, b1) / abstand(a0, b0);
                let v = a::zoomen(voll, start, faktor, a::zu_karte(start, bild, m0));
                let e = a::einheiten_je_pixel(v, bild);
                a::verschieben(voll, v, -(m1.0 - m0.0) * e, -(m1.1 - m0.1) * e)
            }
            _ => return None,
        };
        Some((svg, ziel))
    });
    if let Some((svg, ziel)) = neu {
        GEZOGEN.with(|g| g.set(true));
        ev.prevent_default();
        zeigen(&svg, ziel);
    }
}

fn zeiger_auf(id: i32) {
    ZIEHEN.with(|z| {
        let mut z = z.borrow_mut();
        z.jetzt.retain(|p| p.0 != id);
        match (z.jetzt.is_empty(), z.svg.clone()) {
            (false, Some(svg)) => neu_ansetzen(&mut z, svg),
            _ => *z = Ziehen::default(),
        }
    });
}
