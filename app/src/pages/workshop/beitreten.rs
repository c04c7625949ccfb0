//! Joining a workshop: the code from the projector, typed in (or the QR code's link, which
//! opens the session page directly). A plain GET form: works without JavaScript.

use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn WorkshopBeitreten() -> impl IntoView {
    let eingabe = crate::components::adresse::suchparameter("code");
    let code = eingabe.as_deref().and_then(crate::model::workshop::Code::parse);
    if let Some(c) = code {
        // A 302 from the server: the form needs no JavaScript.
        #[cfg(feature = "ssr")]
        if let (Some(r), Ok(ort)) =
            (use_context::<leptos_axum::ResponseOptions>(), http::HeaderValue::from_str(&crate::pfad::workshop(&c)))
        {
            r.set_status(http::StatusCode::SEE_OTHER);
            r.insert_header(http::header::LOCATION, ort);
        }
        let ziel = crate::pfad::workshop(&c);
        return view! { <p><a href=ziel>"Weiter zur Workshop-Sitzung"</a></p> }.into_any();
    }
    let fehler = eingabe
        .filter(|e| !e.trim().is_empty())
        .map(|_| "Diesen Code gibt es nicht. Ein Code hat sechs Zeichen, zum Beispiel ABC 234.".to_string());
    let hat_fehler = fehler.is_some();
    view! {
        <Title text="Workshop beitreten" />
        <h1>"Workshop beitreten"</h1>
        <p>"Geben Sie den Code ein, den die Leitung zeigt. Sie nehmen mit Ihrem Konto oder als Gast teil."</p>
        <form method="get" action=crate::pfad::WORKSHOP class="formular">
            <div class="feld" class:feld-mit-fehler=hat_fehler>
                <label for="code">"Code"</label>
                <input
                    id="code"
                    name="code"
                    type="text"
                    maxlength="40"
                    autocomplete="off"
                    autocapitalize="characters"
                    aria-invalid=hat_fehler.then_some("true")
                    aria-describedby=hat_fehler.then_some("code-meldung")
                />
                {fehler.map(|m| view! { <p class="feld-meldung" id="code-meldung">{m}</p> })}
            </div>
            <button type="submit" class="knopf">"Weiter"</button>
        </form>
    }
    .into_any()
}
