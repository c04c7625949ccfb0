//! Browser entry: hydrates the server-rendered page.

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    // Pages are lazily loaded chunks: hydration waits for the page's chunk (which the server
    // already named for preloading), so it runs asynchronously.
    let _ = any_spawner::Executor::init_wasm_bindgen();
    leptos::task::spawn_local(async {
        let owner =
            leptos::mount::hydrate_from_async(leptos::prelude::document().body().expect("body"), app::App).await;
        owner.forget();
        // Marks the page as interactive: the browser tests wait for it, and CSS could use it.
        if let Some(html) = leptos::prelude::document().document_element() {
            let _ = html.set_attribute("data-hydriert", "ja");
        }
    });
}
