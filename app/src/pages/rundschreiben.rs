//! `/rundschreiben`: the archive of the coordination's Rundschreiben and switching them off by
//! mail (every logged-in person); for the coordination the form: write, see the mail as it goes
//! out and to how many, then send – once.

use crate::api::roadmap::themenfelder_liste;
use crate::api::rundschreiben::{
    RundschreibenEmpfang, RundschreibenSenden, RundschreibenVorschau, rundschreiben_archiv,
};
use crate::components::formular::{Ergebnis, Feld, FormularStatus, Textfeld, Wahl, fehler_fuer};
use crate::components::konto::NurMitRecht;
use crate::components::laden::{Laden, NurAngemeldet};
use crate::model::konto::{Recht, zeit_anzeigen};
use crate::model::rundschreiben::{Archiv, MAX_BETREFF, Rundschreiben, Vorschau};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn RundschreibenSeite() -> impl IntoView {
    let senden = ServerAction::<RundschreibenSenden>::new();
    let empfang = ServerAction::<RundschreibenEmpfang>::new();
    let archiv = Resource::new(move || (senden.version().get(), empfang.version().get()), |_| rundschreiben_archiv());
    let umgestellt: Ergebnis<bool> = Signal::derive(move || empfang.value().get());
    view! {
        <Title text="Rundschreiben" />
        <crate::components::status::Brotkrumen wege=vec![(crate::pfad::MEINE_ABOS.to_string(), "Meine Abonnements".to_string())] aktuell="Rundschreiben" />
        <h1>"Rundschreiben"</h1>
        <p>"Rundschreiben der Koordination an alle, die einem Themenfeld folgen, oder an alle Konten. Sie kommen per E-Mail und stehen hier zum Nachlesen."</p>
        <NurAngemeldet zurueck=crate::pfad::RUNDSCHREIBEN inhalt=move |_| view! {
            <NurMitRecht recht=Recht::RundschreibenSenden>
                <Schreiben senden />
            </NurMitRecht>
            <Laden daten=archiv bleibend=true fehlertitel="Rundschreiben" inhalt=move |a: Archiv| view! {
                <Empfang per_mail=a.per_mail empfang />
                <FormularStatus ergebnis=umgestellt erfolg="Ihre Einstellung ist gespeichert." />
                <Liste liste=a.liste />
            } />
        } />
    }
}

/// Whether Rundschreiben come by mail, with the one button that changes it.
#[component]
fn Empfang(per_mail: bool, empfang: ServerAction<RundschreibenEmpfang>) -> impl IntoView {
    let (text, knopf) = if per_mail {
        ("Sie erhalten Rundschreiben per E-Mail.", "Rundschreiben abbestellen")
    } else {
        (
            "Sie haben Rundschreiben per E-Mail abbestellt; hier können Sie sie weiter lesen.",
            "Rundschreiben wieder per E-Mail erhalten",
        )
    };
    view! {
        <section aria-labelledby="rs-empfang" class="hinweis-kasten">
            <h2 id="rs-empfang">"Per E-Mail"</h2>
            <ActionForm action=empfang attr:class="formular-zeile">
                <p>{text}</p>
                <input type="hidden" name="an" value=(!per_mail).to_string() />
                <button type="submit" class="knopf-klein">{knopf}</button>
            </ActionForm>
        </section>
    }
}

#[component]
fn Liste(liste: Vec<Rundschreiben>) -> impl IntoView {
    if liste.is_empty() {
        return view! { <p>"Bisher wurde kein Rundschreiben gesendet."</p> }.into_any();
    }
    view! {
        <h2>"Gesendete Rundschreiben"</h2>
        <ul class="mitteilungen">
            {liste.into_iter().map(|r| view! { <Eintrag r /> }).collect_view()}
        </ul>
    }
    .into_any()
}

#[component]
fn Eintrag(r: Rundschreiben) -> impl IntoView {
    let mut kopf = format!("{} · an {} · von {}", zeit_anzeigen(r.gesendet_ms), r.an, r.von);
    if let Some(n) = r.empfaenger {
        kopf.push_str(&format!(" · an {n} Konten gesendet"));
    }
    view! {
        <li class="mitteilung" id=format!("rundschreiben-{}", r.id)>
            <h3 class="mitteilung-titel">{r.betreff}</h3>
            <p class="mitteilung-kopf">{kopf}</p>
            <div class="vorformatiert">{r.text}</div>
        </li>
    }
}

/// The coordination's form: a preview first, then the send of exactly what was previewed.
#[component]
fn Schreiben(senden: ServerAction<RundschreibenSenden>) -> impl IntoView {
    let vorschau = ServerAction::<RundschreibenVorschau>::new();
    let themenfelder = Resource::new(|| (), |_| themenfelder_liste());
    let geprueft: Ergebnis<Vorschau> = Signal::derive(move || vorschau.value().get());
    let gesendet: Ergebnis<i64> = Signal::derive(move || senden.value().get());
    // Sent: the preview goes, so the same mail is not offered a second time.
    Effect::new(move || {
        if matches!(senden.value().get(), Some(Ok(_))) {
            vorschau.value().set(None);
        }
    });
    view! {
        <section aria-labelledby="rs-schreiben">
            <h2 id="rs-schreiben">"Rundschreiben schreiben"</h2>
            <Laden daten=themenfelder fehlertitel="Themenfelder" inhalt={move |tfs: Vec<(i64, String)>| view! { <Formular tfs vorschau /> }} />
            <FormularStatus ergebnis=geprueft erfolg="" />
            {move || vorschau.value().get().and_then(Result::ok).map(|v| view! { <Pruefen v senden /> })}
            <FormularStatus ergebnis=gesendet erfolg="Das Rundschreiben ist gesendet; die E-Mails gehen in den nächsten Minuten hinaus." />
        </section>
    }
}

#[component]
fn Formular(tfs: Vec<(i64, String)>, vorschau: ServerAction<RundschreibenVorschau>) -> impl IntoView {
    let geprueft: Ergebnis<Vorschau> = Signal::derive(move || vorschau.value().get());
    let f = move |feld| fehler_fuer(geprueft, feld);
    let mut optionen = vec![("alle".to_string(), "Alle Konten".to_string())];
    optionen.extend(tfs.into_iter().map(|(id, n)| (id.to_string(), format!("Wer dem Themenfeld {n} folgt"))));
    view! {
        <ActionForm action=vorschau attr:novalidate=true>
            <Wahl name="an" label="An" optionen wert="alle".into() fehler=f("an") />
            <Feld name="betreff" praefix="rs-" label="Betreff" fehler=f("betreff") pflicht=true hinweis=format!("Eine Zeile, höchstens {MAX_BETREFF} Zeichen.") />
            <Textfeld name="text" praefix="rs-" label="Text" wert=String::new() zeilen=10 pflicht=true fehler=f("text")
                hinweis="Einfacher Text; Absätze durch eine Leerzeile. Anrede und Abmeldelink fügt das Portal an." />
            <button type="submit" class="knopf">"Vorschau ansehen"</button>
        </ActionForm>
    }
}

/// The mail as it goes out, and the button that sends exactly this.
#[component]
fn Pruefen(v: Vorschau, senden: ServerAction<RundschreibenSenden>) -> impl IntoView {
    let knopf = match v.empfaenger {
        0 => "Senden (zurzeit an niemanden)".to_string(),
        1 => "Jetzt an 1 Konto senden".to_string(),
        n => format!("Jetzt an {n} Konten senden"),
    };
    view! {
        <section aria-labelledby="rs-vorschau" class="hinweis-kasten">
            <h3 id="rs-vorschau">"Vorschau"</h3>
            <p>{format!("An: {} ({} Konten, ohne wer Rundschreiben abbestellt hat).", v.an, v.empfaenger)}</p>
            <p><strong>"Betreff: "</strong>{v.betreff.clone()}</p>
            <div class="vorformatiert mail-vorschau">{v.text.clone()}</div>
            <ActionForm action=senden>
                <input type="hidden" name="an" value=v.eingabe.an.clone() />
                <input type="hidden" name="betreff" value=v.eingabe.betreff.clone() />
                <input type="hidden" name="text" value=v.eingabe.text.clone() />
                <input type="hidden" name="fingerabdruck" value=v.fingerabdruck.clone() />
                <button type="submit" class="knopf">{knopf}</button>
            </ActionForm>
        </section>
    }
}
