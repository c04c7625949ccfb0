//! HTTP routes: the Leptos pages and server functions, exports, health check, static files.

use app::store::Db;
use app::{App, shell};
use axum::Router;
use axum::extract::{FromRef, State};
use axum::http::{HeaderName, HeaderValue, StatusCode};
use axum::routing::get;
use leptos::config::LeptosOptions;
use leptos::prelude::provide_context;
use leptos_axum::{LeptosRoutes, generate_route_list};
use tower_http::compression::CompressionLayer;
use tower_http::set_header::SetResponseHeaderLayer;

#[derive(Clone, FromRef)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub db: Db,
}

async fn gesund(State(db): State<Db>) -> (StatusCode, &'static str) {
    match db.zahl(&app::store::Sql::new("SELECT COUNT(*) FROM themenfeld")).await {
        Ok(_) => (StatusCode::OK, "ok"),
        Err(e) => {
            tracing::error!(error = %e, "Health-Check: Datenbank nicht erreichbar");
            (StatusCode::SERVICE_UNAVAILABLE, "Datenbank nicht erreichbar")
        }
    }
}

fn kopf(name: &'static str, wert: &'static str) -> SetResponseHeaderLayer<HeaderValue> {
    SetResponseHeaderLayer::if_not_present(HeaderName::from_static(name), HeaderValue::from_static(wert))
}

pub fn router(db: Db, leptos_options: LeptosOptions) -> Router {
    let routes = generate_route_list(App);
    let state = AppState { leptos_options: leptos_options.clone(), db: db.clone() };
    let kontext = {
        let db = db.clone();
        move || provide_context(db.clone())
    };
    let server_fn = {
        let kontext = kontext.clone();
        move |req| leptos_axum::handle_server_fns_with_context(kontext.clone(), req)
    };
    Router::new()
        .route("/api/{*fn_name}", get(server_fn.clone()).post(server_fn))
        .route("/export/{datei}", get(crate::export::handler))
        .route("/gesund", get(gesund))
        .leptos_routes_with_context(&state, routes, kontext.clone(), {
            let o = leptos_options.clone();
            move || shell(o.clone())
        })
        .fallback(leptos_axum::file_and_error_handler_with_context::<AppState, _>(kontext, shell))
        .layer(CompressionLayer::new())
        .layer(kopf("x-content-type-options", "nosniff"))
        .layer(kopf("referrer-policy", "same-origin"))
        .layer(kopf("x-frame-options", "DENY"))
        .with_state(state)
}
