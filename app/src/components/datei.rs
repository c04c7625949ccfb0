//! A file chosen in an `<input type="file">`, read in the browser and sent to a server function
//! as base64 (server functions take forms; the request limit bounds the size again on arrival).

/// Name and content (base64) of the first chosen file; `zu_gross` when it exceeds `max_bytes`,
/// checked before reading so a huge file is never loaded.
#[cfg(feature = "hydrate")]
pub async fn lesen(
    input: web_sys::HtmlInputElement,
    max_bytes: f64,
    zu_gross: &str,
) -> Result<(String, String), String> {
    use base64::Engine;
    let keine = || "Bitte wählen Sie zuerst eine Datei aus.".to_string();
    let datei = input.files().and_then(|f| f.get(0)).ok_or_else(keine)?;
    if datei.size() > max_bytes {
        return Err(zu_gross.to_string());
    }
    let puffer = wasm_bindgen_futures::JsFuture::from(datei.array_buffer())
        .await
        .map_err(|_| "Die Datei konnte nicht gelesen werden.".to_string())?;
    let bytes = js_sys::Uint8Array::new(&puffer).to_vec();
    Ok((datei.name(), base64::engine::general_purpose::STANDARD.encode(bytes)))
}
