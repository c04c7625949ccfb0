//! HTTP routes: the Leptos pages and server functions, exports, the live event stream, health
//! check, static files.

use crate::sicherheit::{self, Sicherheit};
use app::store::Db;
use app::{App, shell};
use axum::Router;
use axum::extract::{DefaultBodyLimit, FromRef};
use axum::http::{HeaderName, HeaderValue, StatusCode};
use axum::middleware::from_fn_with_state;
use axum::routing::get;
use leptos::config::LeptosOptions;
use leptos::prelude::{provide_context, use_context};
use leptos_axum::{LeptosRoutes, generate_route_list};
use tower_http::compression::CompressionLayer;

pub use crate::anfrage::API_MAX_BYTES;

#[derive(Clone, FromRef)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub db: Db,
    pub sicherheit: Sicherheit,
    pub live: app::live::Live,
    pub last: std::sync::Arc<crate::last::Lastschutz>,
    pub zustand: crate::betrieb::bereitschaft::Betriebszustand,
    pub seiten: std::sync::Arc<crate::seitenspeicher::Seitenspeicher>,
    pub abfragen: app::store::abfragespeicher::Abfragespeicher,
    pub oeffentlich: crate::schnittstelle::Oeffentlich,
    pub antworten: crate::schnittstelle::Antwortspeicher,
}

/// A router with what its process needs to shut it down gracefully.
pub struct Dienst {
    pub router: Router,
    pub seiten: std::sync::Arc<crate::seitenspeicher::Seitenspeicher>,
    pub live: app::live::Live,
    pub zustand: crate::betrieb::bereitschaft::Betriebszustand,
}

/// Context of every page render and server function: the database, and for pages the
/// Content-Security-Policy with the nonce Leptos gave this response.
fn kontext(
    db: Db,
    live: app::live::Live,
    abfragen: app::store::abfragespeicher::Abfragespeicher,
) -> impl Fn() + Clone + Send + Sync + 'static {
    move || {
        provide_context(db.clone());
        provide_context(live.clone());
        provide_context(abfragen.clone());
        // Server functions have no nonce: no page, no policy of their own.
        if let (Some(nonce), Some(antwort)) =
            (leptos::nonce::use_nonce(), use_context::<leptos_axum::ResponseOptions>())
            && let Ok(v) = HeaderValue::from_str(&sicherheit::csp_html(&nonce))
        {
            antwort.insert_header(HeaderName::from_static("content-security-policy"), v);
        }
    }
}

/// The build's `pkg/` directory; a missing file is a plain 404.
fn pkg_dienst(o: &LeptosOptions) -> tower_http::services::ServeDir {
    tower_http::services::ServeDir::new(std::path::Path::new(&*o.site_root).join(&*o.site_pkg_dir))
}

/// The page routes, generated once per process. Leptos generates them by rendering the app with
/// resource loads suppressed by a process-wide flag; a page of a router already serving whose
/// resource is first polled in that window waits forever (leptos #4773, seen as a hanging test
/// whenever a second router was built in parallel – a second app server in one process, the
/// tests). Generated once, before any router can serve, there is no such window.
fn routen() -> Vec<leptos_axum::AxumRouteListing> {
    static ROUTEN: std::sync::OnceLock<Vec<leptos_axum::AxumRouteListing>> = std::sync::OnceLock::new();
    ROUTEN.get_or_init(|| generate_route_list(App)).clone()
}

/// The open API with its conditional requests and CORS (reading only, from any origin).
fn schnittstelle(state: &AppState) -> Router<AppState> {
    use axum::http::{Method, header};
    let cors = tower_http::cors::CorsLayer::new()
        .allow_origin(tower_http::cors::Any)
        .allow_methods([Method::GET, Method::HEAD])
        .allow_headers([header::IF_NONE_MATCH, header::IF_MODIFIED_SINCE])
        .expose_headers([header::ETAG, header::LAST_MODIFIED, header::LINK, header::RETRY_AFTER])
        .max_age(std::time::Duration::from_secs(86_400));
    crate::schnittstelle::router::<AppState>()
        .layer(from_fn_with_state(state.clone(), crate::schnittstelle::bedingt))
        .layer(cors)
}

pub fn router(
    db: Db,
    leptos_options: LeptosOptions,
    sicherheit: Sicherheit,
    grenzen: crate::last::Lastgrenzen,
) -> Router {
    dienst(db, leptos_options, sicherheit, grenzen).router
}

pub fn dienst(
    db: Db,
    leptos_options: LeptosOptions,
    sicherheit: Sicherheit,
    grenzen: crate::last::Lastgrenzen,
) -> Dienst {
    let routes = routen();
    crate::betrieb::metriken::exporter();
    let live = app::live::Live::starten(db.clone());
    let zeitlimit = grenzen.zeitlimit;
    let seiten = crate::seitenspeicher::Seitenspeicher::neu(grenzen.seitenspeicher_mb);
    let abfragen = app::store::abfragespeicher::Abfragespeicher::neu(grenzen.abfragespeicher_mb);
    // The API's answers get as much room as the query results of the pages.
    let antworten = crate::schnittstelle::Antwortspeicher::neu(grenzen.abfragespeicher_mb);
    let oeffentlich = sicherheit.oeffentlich();
    let state = AppState {
        leptos_options: leptos_options.clone(),
        db: db.clone(),
        sicherheit,
        live: live.clone(),
        last: crate::last::Lastschutz::neu(grenzen),
        zustand: Default::default(),
        seiten,
        abfragen: abfragen.clone(),
        oeffentlich,
        antworten,
    };
    let zustand = state.zustand.clone();
    let seiten = state.seiten.clone();
    let kontext = kontext(db.clone(), live.clone(), abfragen);
    let server_fn = {
        let kontext = kontext.clone();
        move |req| leptos_axum::handle_server_fns_with_context(kontext.clone(), req)
    };
    // Live streams stay open for hours: they alone have no time limit.
    let live_route = Router::new().route(app::model::live::PFAD, get(crate::live::handler));
    let router = Router::new()
        .merge(schnittstelle(&state))
        .route("/api/{*fn_name}", get(server_fn.clone()).post(server_fn))
        .route("/export/{datei}", get(crate::export::handler))
        .route("/grafik/{datei}", get(crate::grafik::handler))
        .route("/kalender/{datei}", get(crate::kalender::handler))
        .route("/feed/{datei}", get(crate::feed::handler))
        .route(
            "/abmelden/{token}/{was}",
            get(crate::infoverteiler::abmelden::zeigen).post(crate::infoverteiler::abmelden::ausfuehren),
        )
        .route("/dokumente/datei/{id}/{name}", get(crate::dokument::handler))
        .route("/gesund", get(crate::betrieb::bereitschaft::gesund))
        .route("/bereit", get(crate::betrieb::bereitschaft::bereit))
        .route("/metrics", get(crate::betrieb::metriken::handler))
        .leptos_routes_with_context(&state, routes, kontext.clone(), {
            let o = leptos_options.clone();
            move || shell(o.clone())
        })
        // Per route pattern (set only on matched routes, so before the fallback).
        .route_layer(axum::middleware::from_fn(crate::betrieb::metriken::messen))
        // The build's files directly, not through Leptos' fallback: that runs the page context
        // for every file, and under many parallel file requests (a lazily loaded island fetches
        // dozens of chunks) pages rendered at the same moment lost their CSP header.
        .nest_service(&format!("/{}", leptos_options.site_pkg_dir), pkg_dienst(&leptos_options))
        .fallback(leptos_axum::file_and_error_handler_with_context::<AppState, _>(kontext, shell))
        .layer(tower_http::timeout::TimeoutLayer::with_status_code(StatusCode::SERVICE_UNAVAILABLE, zeitlimit))
        .merge(live_route)
        // leptos_axum registers each server function as its own route, so the request hygiene
        // of `/api/` is a layer over all routes that looks at the path.
        .layer(axum::middleware::from_fn(crate::anfrage::serverfunktion))
        // Inside the limits (a cached page counts like any other), after the session is known.
        .layer(from_fn_with_state(state.clone(), crate::seitenspeicher::handler))
        // Outermost last: headers on every answer, then the cross-site check before anything
        // else runs, then the session, then the limits that depend on it – before any body is
        // read.
        .layer(from_fn_with_state(state.clone(), crate::last::drosseln))
        .layer(from_fn_with_state(state.clone(), sicherheit::anfrager))
        .layer(from_fn_with_state(state.clone(), sicherheit::herkunft))
        .layer(from_fn_with_state(state.clone(), sicherheit::koepfe))
        .layer(from_fn_with_state(state.clone(), crate::anfrage::kennung))
        .layer(CompressionLayer::new())
        // Data deliveries travel base64-encoded in a form: 50,000 rows are ~4 MB, above axum's
        // default of 2 MB ("length limit exceeded"). Outermost, because the middlewares above
        // take the request as a whole and would otherwise apply the default first.
        .layer(DefaultBodyLimit::max(API_MAX_BYTES))
        .with_state(state);
    Dienst { router, seiten, live, zustand }
}
