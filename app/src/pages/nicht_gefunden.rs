use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn NichtGefunden() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(r) = use_context::<leptos_axum::ResponseOptions>() {
        r.set_status(http::StatusCode::NOT_FOUND);
    }
    view! {
        <Title text="Seite nicht gefunden" />
        <h1>"Seite nicht gefunden"</h1>
        <p>"Diese Adresse gibt es im OZG-Atlas nicht. Vielleicht hilft einer dieser Einstiege:"</p>
        <ul>
            <li><a href=crate::pfad::LANDKARTE>"Themenfeld-Landkarte"</a></li>
            <li><a href=crate::pfad::LEISTUNGEN>"OZG-Leistungen"</a></li>
            <li><a href=crate::pfad::KOMMUNEN>"Kommunen"</a></li>
        </ul>
    }
}
