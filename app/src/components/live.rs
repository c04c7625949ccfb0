//! The browser side of the live events: one `EventSource` per page, shared by all that want them. The browser
//! reconnects by itself and sends the last event id, so the server replays what was missed.

use crate::model::live::Ereignis;
use leptos::prelude::*;

/// What a page hears.
#[derive(Debug, Clone, PartialEq)]
pub enum Nachricht {
    Ereignis(Ereignis),
    /// The gap could not be replayed: reload the page data.
    NeuLaden,
}

/// Whether the stream is open: for the small status line of live pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verbindung {
    Verbindet,
    Offen,
    Unterbrochen,
}

impl Verbindung {
    pub fn label(self) -> &'static str {
        match self {
            Verbindung::Verbindet => "Live-Aktualisierung verbindet …",
            Verbindung::Offen => "Live: Änderungen erscheinen sofort.",
            Verbindung::Unterbrochen => "Live-Verbindung unterbrochen – wird wiederhergestellt.",
        }
    }
}

/// Subscribes the current page to the live events until it is left; `bei` is called for each.
/// Runs only in the browser (effects do not run on the server).
pub fn abonnieren(bei: impl Fn(Nachricht) + Clone + 'static) -> ReadSignal<Verbindung> {
    abonnieren_auf(&crate::model::live::AENDERUNGEN, bei)
}

/// Like [`abonnieren`], for the named kinds of events only (the workshop bar hears
/// [`crate::model::live::WORKSHOP`], not every change).
///
/// All subscribers of a page share one `EventSource`: a participant's page has the workshop bar
/// and the page itself listening, and a room of 300 on one Wi-Fi must not open 600 streams.
pub fn abonnieren_auf(
    arten: &'static [&'static str],
    bei: impl Fn(Nachricht) + Clone + 'static,
) -> ReadSignal<Verbindung> {
    let (zustand, setzen) = signal(Verbindung::Verbindet);
    #[cfg(feature = "hydrate")]
    {
        let nummer: StoredValue<Option<u64>, LocalStorage> = StoredValue::new_local(None);
        Effect::new(move |_| {
            nummer.set_value(Some(browser::anmelden(arten, std::rc::Rc::new(bei.clone()), setzen)));
        });
        on_cleanup(move || {
            if let Some(nr) = nummer.try_update_value(|q| q.take()).flatten() {
                browser::abmelden(nr);
            }
        });
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (arten, bei, setzen);
    zustand
}

#[cfg(feature = "hydrate")]
mod browser {
    //! One stream per page, shared by its subscribers ([`anmelden`], [`abmelden`]); it listens to
    //! the union of their kinds and hands each event to those who asked for its kind.
    //!
    //! The browser reconnects an `EventSource` by itself after a dropped connection. It gives up
    //! for good on an answer that is not a stream (a proxy's 502 while an app server restarts,
    //! a 503 when a server is full): then a new one is opened after a pause that doubles up to
    //! 30 s, naming the last event seen (`?seit=`), so nothing is missed and the page needs no
    //! reload.
    use super::{Nachricht, Verbindung};
    use leptos::prelude::*;
    use leptos::wasm_bindgen::JsCast;
    use leptos::wasm_bindgen::closure::Closure;
    use std::cell::{Cell, RefCell};
    use std::rc::{Rc, Weak};
    use std::time::Duration;

    thread_local! {
        static VERTEILER: RefCell<Option<Rc<Verbinder>>> = const { RefCell::new(None) };
    }

    /// Adds a subscriber to the page's stream (opened with the first); its number for
    /// [`abmelden`].
    pub fn anmelden(
        arten: &'static [&'static str],
        bei: Rc<dyn Fn(Nachricht)>,
        setzen: WriteSignal<Verbindung>,
    ) -> u64 {
        let v = VERTEILER.with(|t| t.borrow_mut().get_or_insert_with(Verbinder::neu).clone());
        v.hinzufuegen(Hoerer { nr: 0, arten, bei, setzen })
    }

    /// Removes a subscriber; the last one closes the stream.
    pub fn abmelden(nr: u64) {
        let leer = VERTEILER.with(|t| {
            let t = t.borrow();
            let Some(v) = t.as_ref() else { return false };
            v.hoerer.borrow_mut().retain(|h| h.nr != nr);
            v.hoerer.borrow().is_empty()
        });
        if leer && let Some(v) = VERTEILER.with(|t| t.borrow_mut().take()) {
            v.beenden();
        }
    }

    struct Hoerer {
        nr: u64,
        arten: &'static [&'static str],
        bei: Rc<dyn Fn(Nachricht)>,
        setzen: WriteSignal<Verbindung>,
    }

    /// The stream and its callbacks, which must live exactly as long as it.
    struct Strom {
        es: web_sys::EventSource,
        an: Closure<dyn Fn(web_sys::MessageEvent)>,
        /// The kinds this stream has listeners for.
        arten: Vec<&'static str>,
        _offen: Closure<dyn Fn()>,
        _fehler: Closure<dyn Fn()>,
    }

    impl Strom {
        fn hoeren(&mut self, art: &'static str) {
            if !self.arten.contains(&art) {
                let _ = self.es.add_event_listener_with_callback(art, self.an.as_ref().unchecked_ref());
                self.arten.push(art);
            }
        }
    }

    struct Verbinder {
        hoerer: RefCell<Vec<Hoerer>>,
        naechste: Cell<u64>,
        zustand: Cell<Verbindung>,
        letzte: RefCell<Option<String>>,
        strom: RefCell<Option<Strom>>,
        versuche: Cell<u32>,
        beendet: Cell<bool>,
        selbst: RefCell<Weak<Verbinder>>,
    }

    impl Verbinder {
        fn neu() -> Rc<Verbinder> {
            let v = Rc::new(Verbinder {
                hoerer: RefCell::new(Vec::new()),
                naechste: Cell::new(1),
                zustand: Cell::new(Verbindung::Verbindet),
                letzte: RefCell::new(None),
                strom: RefCell::new(None),
                versuche: Cell::new(0),
                beendet: Cell::new(false),
                selbst: RefCell::new(Weak::new()),
            });
            *v.selbst.borrow_mut() = Rc::downgrade(&v);
            v
        }

        fn hinzufuegen(&self, mut h: Hoerer) -> u64 {
            let nr = self.naechste.get();
            h.nr = nr;
            self.naechste.set(nr + 1);
            let _ = h.setzen.try_set(self.zustand.get());
            let arten = h.arten;
            self.hoerer.borrow_mut().push(h);
            let offen = self.strom.borrow().is_some();
            if offen {
                if let Some(s) = self.strom.borrow_mut().as_mut() {
                    arten.iter().for_each(|a| s.hoeren(a));
                }
            } else {
                self.verbinden();
            }
            nr
        }

        fn melden(&self, z: Verbindung) {
            self.zustand.set(z);
            let setzer: Vec<_> = self.hoerer.borrow().iter().map(|h| h.setzen).collect();
            for s in setzer {
                let _ = s.try_set(z);
            }
        }

        fn beenden(&self) {
            self.beendet.set(true);
            if let Some(s) = self.strom.borrow_mut().take() {
                s.es.close();
            }
        }

        fn verbinden(&self) {
            if self.beendet.get() {
                return;
            }
            let url = match self.letzte.borrow().as_deref() {
                Some(id) => format!("{}?seit={id}", crate::model::live::PFAD),
                None => crate::model::live::PFAD.to_string(),
            };
            let Ok(es) = web_sys::EventSource::new(&url) else {
                self.melden(Verbindung::Unterbrochen);
                return;
            };
            let selbst = self.selbst.borrow().clone();
            let an = {
                let selbst = selbst.clone();
                Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
                    if let Some(v) = selbst.upgrade() {
                        v.nachricht(&e);
                    }
                })
            };
            let offen = {
                let selbst = selbst.clone();
                Closure::<dyn Fn()>::new(move || {
                    if let Some(v) = selbst.upgrade() {
                        v.versuche.set(0);
                        v.melden(Verbindung::Offen);
                    }
                })
            };
            es.set_onopen(Some(offen.as_ref().unchecked_ref()));
            let fehler = Closure::<dyn Fn()>::new(move || {
                if let Some(v) = selbst.upgrade() {
                    v.fehler();
                }
            });
            es.set_onerror(Some(fehler.as_ref().unchecked_ref()));
            let mut strom = Strom { es, an, arten: Vec::new(), _offen: offen, _fehler: fehler };
            strom.hoeren(crate::model::live::VERBUNDEN);
            strom.hoeren(crate::model::live::NEU_LADEN);
            for h in self.hoerer.borrow().iter() {
                h.arten.iter().for_each(|a| strom.hoeren(a));
            }
            if let Some(alt) = self.strom.replace(Some(strom)) {
                alt.es.close();
            }
        }

        fn nachricht(&self, e: &web_sys::MessageEvent) {
            let id = e.last_event_id();
            if !id.is_empty() {
                *self.letzte.borrow_mut() = Some(id);
            }
            let Some(text) = e.data().as_string() else { return };
            let art = e.type_();
            let nachricht = if art == crate::model::live::NEU_LADEN {
                Nachricht::NeuLaden
            } else if let Ok(ev) = serde_json::from_str(&text) {
                Nachricht::Ereignis(ev)
            } else {
                return;
            };
            let alle = matches!(nachricht, Nachricht::NeuLaden);
            // Collected first: a subscriber may leave the page (and unsubscribe) in its call.
            let empfaenger: Vec<_> = self
                .hoerer
                .borrow()
                .iter()
                .filter(|h| alle || h.arten.contains(&art.as_str()))
                .map(|h| h.bei.clone())
                .collect();
            for bei in empfaenger {
                bei(nachricht.clone());
            }
        }

        fn fehler(&self) {
            self.melden(Verbindung::Unterbrochen);
            let geschlossen =
                self.strom.borrow().as_ref().is_some_and(|s| s.es.ready_state() == web_sys::EventSource::CLOSED);
            if !geschlossen || self.beendet.get() {
                // Still CONNECTING: the browser retries by itself.
                return;
            }
            let n = self.versuche.get();
            self.versuche.set(n + 1);
            let pause = Duration::from_millis((1000u64 << n.min(5)).min(30_000));
            let selbst = self.selbst.borrow().clone();
            set_timeout(
                move || {
                    if let Some(v) = selbst.upgrade() {
                        v.verbinden();
                    }
                },
                pause,
            );
        }
    }
}

/// The status line: polite, so a screen reader hears a lost connection without being
/// interrupted.
#[component]
pub fn LiveStatus(zustand: ReadSignal<Verbindung>) -> impl IntoView {
    view! {
        <p class="live-status" class:live-offen=move || zustand.get() == Verbindung::Offen>
            <span class="live-punkt" aria-hidden="true"></span>
            {move || zustand.get().label()}
        </p>
    }
}
