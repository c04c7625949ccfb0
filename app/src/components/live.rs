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
    let (zustand, setzen) = signal(Verbindung::Verbindet);
    #[cfg(feature = "hydrate")]
    {
        use leptos::wasm_bindgen::JsCast;
        use leptos::wasm_bindgen::closure::Closure;
        /// The stream and its callbacks, which must live exactly as long as it.
        struct Quelle {
            es: web_sys::EventSource,
            _an: Closure<dyn Fn(web_sys::MessageEvent)>,
            _offen: Closure<dyn Fn()>,
            _fehler: Closure<dyn Fn()>,
        }
        let quelle: StoredValue<Option<Quelle>, LocalStorage> = StoredValue::new_local(None);
        Effect::new(move |_| {
            let Ok(es) = web_sys::EventSource::new(crate::model::live::PFAD) else {
                setzen.set(Verbindung::Unterbrochen);
                return;
            };
            let an = {
                let bei = bei.clone();
                Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
                    let Some(text) = e.data().as_string() else { return };
                    if e.type_() == crate::model::live::NEU_LADEN {
                        bei(Nachricht::NeuLaden);
                    } else if let Ok(ev) = serde_json::from_str::<Ereignis>(&text) {
                        bei(Nachricht::Ereignis(ev));
                    }
                })
            };
            for art in [crate::model::live::PROJEKT, crate::model::live::NEU_LADEN] {
                let _ = es.add_event_listener_with_callback(art, an.as_ref().unchecked_ref());
            }
            let offen = Closure::<dyn Fn()>::new(move || setzen.set(Verbindung::Offen));
            es.set_onopen(Some(offen.as_ref().unchecked_ref()));
            let fehler = Closure::<dyn Fn()>::new(move || setzen.set(Verbindung::Unterbrochen));
            es.set_onerror(Some(fehler.as_ref().unchecked_ref()));
            quelle.set_value(Some(Quelle { es, _an: an, _offen: offen, _fehler: fehler }));
        });
        on_cleanup(move || {
            if let Some(q) = quelle.try_update_value(|q| q.take()).flatten() {
                q.es.close();
            }
        });
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (bei, setzen);
    zustand
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
