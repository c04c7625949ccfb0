//! Browser entry: hydrates the server-rendered page.

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(app::App);
    // Marks the page as interactive: the browser tests wait for it, and CSS could use it.
    if let Some(html) = leptos::prelude::document().document_element() {
        let _ = html.set_attribute("data-hydriert", "ja");
    }
}
