//! Provenance of every data set the portal shows, with the corrections applied on import.

use crate::components::tabelle::Tabellenrahmen;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn Quellen() -> impl IntoView {
    view! {
        <Title text="Datenquellen" />
        <h1>"Datenquellen"</h1>
        <p class="lead">"Alle angezeigten Daten stammen aus öffentlichen Quellen. Nichts ist erfunden; fehlende Angaben erscheinen als „nicht erfasst“."</p>
        <Tabellenrahmen titel="Datenquellen">
            <table class="katalog-tabelle">
                <caption>"Datensätze und ihre Herkunft"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Daten"</th>
                        <th scope="col">"Quelle"</th>
                        <th scope="col">"Lizenz / Stand"</th>
                    </tr>
                </thead>
                <tbody>
                    <tr>
                        <td>"14 Themenfelder, 55 Lebenslagen, 557 OZG-Leistungen, 5.251 LeiKa-Leistungen, 32 IT-Dienstleister"</td>
                        <td>"KDN OZG-Datenbank NRW, Entwicklungsstand 2021"</td>
                        <td>"MIT-Lizenz"</td>
                    </tr>
                    <tr>
                        <td>"396 Gemeinden und 53 Kreise/kreisfreie Städte mit Fläche, Einwohnern, Koordinaten"</td>
                        <td>"Statistisches Bundesamt (Destatis), Gemeindeverzeichnis"</td>
                        <td>"Datenlizenz Deutschland – Namensnennung – Version 2.0; Stand 31.12.2021"</td>
                    </tr>
                    <tr>
                        <td>"Größenklasse je Gemeinde"</td>
                        <td>"Verordnung nach § 4 Gemeindeordnung NRW"</td>
                        <td>"Stand 01.01.2025"</td>
                    </tr>
                    <tr>
                        <td>"Zuordnung von Kreisen und Städten zu IT-Dienstleistern"</td>
                        <td>"Öffentliche Seiten der Dienstleister und Presseberichte; die Quelle steht an jeder Zuordnung"</td>
                        <td>"teils veraltet; Stand je Zuordnung angegeben"</td>
                    </tr>
                    <tr>
                        <td>"Themenfeld-Koordination, Workshops, Digitalisierungslabore; Zuständigkeit, Priorität und EfA einzelner Leistungen; „Online-Dienst in NRW vorhanden“"</td>
                        <td>"Öffentliche Folien: „Kommunale Umsetzung des OZG in NRW“ (13.11.2019) und „In 5 Steps zum OZG“ (April 2021)"</td>
                        <td>"Die Folie ist an jeder Angabe genannt"</td>
                    </tr>
                </tbody>
            </table>
        </Tabellenrahmen>
        <h2>"Korrekturen beim Import"</h2>
        <ul>
            <li>"KDN-Liste der IT-Dienstleister: offensichtliche Tippfehler in drei Webadressen korrigiert (jkreis-mettmann.de, emscheid.de, jstadt.wuppertal.de); die vertauschten Anschriften von LWL und LWV Hessen getauscht. Die Korrektur steht am jeweiligen Eintrag."</li>
            <li>"LeiKa: 436 Zeilen tragen „nicht im LeiKa“ statt eines Schlüssels, zwei weitere einen Schlüssel falscher Länge, 26 haben keine OZG-ID. Sie sind importiert und im Katalog markiert, nicht verworfen."</li>
            <li>"Zuständigkeit, Priorität und EfA sind im KDN-Katalog nicht enthalten; wo die Folien sie nennen, sind sie übernommen, sonst steht „nicht erfasst“."</li>
        </ul>
    }
}
