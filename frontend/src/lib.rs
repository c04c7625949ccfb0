//! Browser entry: hydrates the islands of the server-rendered page (Leptos islands; the page
//! itself is never rendered in the browser).

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    // The islands live in `app`; referencing it keeps the crate (and its island exports) linked.
    app::inseln_verlinken();
    leptos::mount::hydrate_islands();
}
