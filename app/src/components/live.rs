//! The browser side of the live events: one `EventSource` per page that wants them. The browser
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
pub fn abonnieren_auf(
    arten: &'static [&'static str],
    bei: impl Fn(Nachricht) + Clone + 'static,
) -> ReadSignal<Verbindung> {
    let (zustand, setzen) = signal(Verbindung::Verbindet);
    #[cfg(feature = "hydrate")]
    {
        let quelle: StoredValue<Option<std::rc::Rc<browser::Verbinder>>, LocalStorage> = StoredValue::new_local(None);
        Effect::new(move |_| {
            let v = browser::Verbinder::neu(arten, std::rc::Rc::new(bei.clone()), setzen);
            v.verbinden();
            quelle.set_value(Some(v));
        });
        on_cleanup(move || {
            if let Some(v) = quelle.try_update_value(|q| q.take()).flatten() {
                v.beenden();
            }
        });
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (arten, bei, setzen);
    zustand
}

#[cfg(feature = "hydrate")]
mod browser {
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

    /// The stream and its callbacks, which must live exactly as long as it.
    struct Strom {
        es: web_sys::EventSource,
        _an: Closure<dyn Fn(web_sys::MessageEvent)>,
        _offen: Closure<dyn Fn()>,
        _fehler: Closure<dyn Fn()>,
    }

    pub struct Verbinder {
        arten: &'static [&'static str],
        bei: Rc<dyn Fn(Nachricht)>,
        setzen: WriteSignal<Verbindung>,
        letzte: RefCell<Option<String>>,
        strom: RefCell<Option<Strom>>,
        versuche: Cell<u32>,
        beendet: Cell<bool>,
        selbst: RefCell<Weak<Verbinder>>,
    }

    impl Verbinder {
        pub fn neu(
            arten: &'static [&'static str],
            bei: Rc<dyn Fn(Nachricht)>,
            setzen: WriteSignal<Verbindung>,
        ) -> Rc<Verbinder> {
            let v = Rc::new(Verbinder {
                arten,
                bei,
                setzen,
                letzte: RefCell::new(None),
                strom: RefCell::new(None),
                versuche: Cell::new(0),
                beendet: Cell::new(false),
                selbst: RefCell::new(Weak::new()),
            });
            *v.selbst.borrow_mut() = Rc::downgrade(&v);
            v
        }

        pub fn beenden(&self) {
            self.beendet.set(true);
            if let Some(s) = self.strom.borrow_mut().take() {
                s.es.close();
            }
        }

        pub fn verbinden(&self) {
            if self.beendet.get() {
                return;
            }
            let url = match self.letzte.borrow().as_deref() {
                Some(id) => format!("{}?seit={id}", crate::model::live::PFAD),
                None => crate::model::live::PFAD.to_string(),
            };
            let Ok(es) = web_sys::EventSource::new(&url) else {
                self.setzen.set(Verbindung::Unterbrochen);
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
            let arten = [crate::model::live::VERBUNDEN, crate::model::live::NEU_LADEN];
            for art in arten.into_iter().chain(self.arten.iter().copied()) {
                let _ = es.add_event_listener_with_callback(art, an.as_ref().unchecked_ref());
            }
            let offen = {
                let selbst = selbst.clone();
                Closure::<dyn Fn()>::new(move || {
                    if let Some(v) = selbst.upgrade() {
                        v.versuche.set(0);
                        v.setzen.set(Verbindung::Offen);
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
            if let Some(alt) = self.strom.replace(Some(Strom { es, _an: an, _offen: offen, _fehler: fehler })) {
                alt.es.close();
            }
        }

        fn nachricht(&self, e: &web_sys::MessageEvent) {
            let id = e.last_event_id();
            if !id.is_empty() {
                *self.letzte.borrow_mut() = Some(id);
            }
            let Some(text) = e.data().as_string() else { return };
            if e.type_() == crate::model::live::NEU_LADEN {
                (self.bei)(Nachricht::NeuLaden);
            } else if self.arten.contains(&e.type_().as_str())
                && let Ok(ev) = serde_json::from_str(&text)
            {
                (self.bei)(Nachricht::Ereignis(ev));
            }
        }

        fn fehler(&self) {
            self.setzen.set(Verbindung::Unterbrochen);
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
