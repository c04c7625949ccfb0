// Dokumente und Links in the browser: the public library with the links of the slides (an open
// list follows new documents live); the coordination starts a document from a Leistung's page
// (linked already), fills the form by keyboard, chooses files by keyboard – a disguised executable is refused at the field, a PDF
// becomes the current Fassung –, and the public finds it on the Leistung's page and downloads it.
// axe-core at 1280 and 320 px on every page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { browserStarten, oeffnen, anmelden, barrierefrei, bereit, dateiWaehlen, KONTEN } from './helfer.mjs';

let browser;
before(async () => { browser = await browserStarten(); });
after(async () => { await browser?.close(); });

// Example files made for this test (not real documents).
const PDF = (text) => ({ name: 'Folien Workshop.pdf', mimeType: 'application/pdf', buffer: Buffer.from(`%PDF-1.4\n% Beispiel ${text}\n%%EOF\n`) });
const EXE = { name: 'folien.pdf', mimeType: 'application/pdf', buffer: Buffer.from([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0]) };


test('Bibliothek öffentlich mit den Links der Folien; Suche; axe', async () => {
  const leser = await browser.newContext();
  const page = await oeffnen(leser, '/dokumente');
  await page.getByRole('heading', { name: 'Dokumente und Links', level: 1 }).waitFor();
  await page.getByRole('link', { name: 'OZG-Informationsplattform', exact: true }).waitFor();
  await page.getByRole('link', { name: 'http://www.ozg-kommunal.de' }).waitFor();
  assert.equal(await page.getByRole('link', { name: 'Neues Dokument' }).count(), 0, 'nur für die Koordination');
  await barrierefrei(page, '/dokumente');
  const seite = await oeffnen(leser, '/dokumente?q=forum+kommunal');
  await seite.getByRole('link', { name: 'Forum „OZG kommunal“' }).click();
  await seite.waitForURL(/\/dokumente\/\d+$/);
  await bereit(seite);
  await seite.getByRole('heading', { name: 'Forum „OZG kommunal“', level: 1 }).waitFor();
  await seite.getByText('Nutzen Sie die Informationsplattformen zum OZG.', { exact: false }).waitFor();
  await barrierefrei(seite, 'Link-Eintrag');
  assert.deepEqual([...page.fehler, ...seite.fehler], []);
  await leser.close();
});

test('Koordination: Dokument von der Leistung aus anlegen, Dateien per Tastatur, Fassung; öffentlich abrufbar', async () => {
  // A reader has the library open meanwhile: it follows live.
  const zuschauer = await browser.newContext();
  const offeneListe = await oeffnen(zuschauer, '/dokumente');
  const kora = await browser.newContext();
  const leistung = await anmelden(kora, KONTEN.koordination, '/leistungen/10513');
  const titel = `Präsentation Abbruchgenehmigung ${Date.now()}`;
  await leistung.getByRole('link', { name: 'Dokument hinzufügen' }).click();
  await leistung.waitForURL(/\/dokumente\/neu\?/);
  await bereit(leistung);
  const form = leistung;
  const titelFeld = form.getByRole('textbox', { name: 'Titel', exact: true });
  await titelFeld.waitFor();
  assert.equal(await form.getByRole('textbox', { name: 'OZG-Leistungen (OZG-IDs)' }).inputValue(), '10513', 'vorbelegt');
  // Errors at their fields, then by keyboard.
  await form.getByRole('button', { name: 'Dokument anlegen' }).click();
  await form.getByText('Bitte „Titel“ angeben.').waitFor();
  await barrierefrei(form, '/dokumente/neu mit Fehlern');
  await titelFeld.focus();
  await form.keyboard.type(titel);
  await form.getByLabel('Art', { exact: true }).selectOption({ label: 'Präsentation' });
  await form.getByRole('textbox', { name: 'Quelle', exact: true }).focus();
  await form.keyboard.type('KDN (Beispiel für den Test)');
  await form.keyboard.press('Enter');
  await form.waitForURL(/\/dokumente\/\d+$/);
  await bereit(form);
  const pfad = new URL(form.url()).pathname;
  await form.getByRole('heading', { name: titel, level: 1 }).waitFor();
  await form.getByText('Noch keine Datei hochgeladen.').waitFor();
  await offeneListe.getByRole('link', { name: titel }).waitFor({ timeout: 15000 });
  assert.deepEqual(offeneListe.fehler, []);
  await zuschauer.close();

  // A Windows program calling itself .pdf: refused at the file field, nothing stored.
  await dateiWaehlen(form, EXE);
  await form.getByRole('textbox', { name: 'Stand', exact: true }).fill('11.03.2019');
  const knopf = form.getByRole('button', { name: 'Fassung hochladen' });
  await knopf.focus();
  await form.keyboard.press('Enter');
  await form.getByText('Dieses Dateiformat wird nicht angenommen', { exact: false }).waitFor();
  assert.equal(await form.getByLabel('Datei', { exact: true }).getAttribute('aria-invalid'), 'true');
  await barrierefrei(form, 'Dokument mit Dateifehler');

  // The PDF becomes the current Fassung; its name is cleaned.
  await dateiWaehlen(form, PDF('eins'));
  await knopf.focus();
  await form.keyboard.press('Enter');
  await form.getByText('Die Datei ist als neue Fassung gespeichert.').waitFor();
  const tabelle = form.locator('table', { has: form.locator('caption', { hasText: 'Alle Fassungen' }) });
  await tabelle.getByRole('link', { name: 'Folien_Workshop.pdf' }).waitFor();
  assert.match(await tabelle.locator('tbody tr').first().innerText(), /11\.03\.2019.*aktuelle Fassung/s);
  await barrierefrei(form, 'Dokument mit Fassung');
  assert.deepEqual(form.fehler, []);
  await kora.close();

  // The public: the Leistung lists it; the file downloads as uploaded.
  const leser = await browser.newContext();
  const oeffentlich = await oeffnen(leser, '/leistungen/10513');
  const bereich = oeffentlich.locator('section', { has: oeffentlich.getByRole('heading', { name: 'Dokumente und Links' }) });
  await bereich.getByRole('link', { name: titel }).waitFor();
  assert.equal(await bereich.getByRole('link', { name: 'Dokument hinzufügen' }).count(), 0);
  const href = await bereich.getByRole('link', { name: /Folien_Workshop\.pdf/ }).getAttribute('href');
  const antwort = await oeffentlich.request.get(new URL(href, oeffentlich.url()).href);
  assert.equal(antwort.status(), 200);
  assert.equal(antwort.headers()['content-type'], 'application/pdf');
  assert.equal(antwort.headers()['x-content-type-options'], 'nosniff');
  assert.match((await antwort.body()).toString(), /Beispiel eins/);
  await barrierefrei(oeffentlich, 'Leistung mit Dokument');
  const dok = await oeffnen(leser, pfad);
  await dok.getByRole('heading', { name: titel, level: 1 }).waitFor();
  assert.equal(await dok.getByRole('button', { name: 'Fassung hochladen' }).count(), 0);
  assert.deepEqual([...oeffentlich.fehler, ...dok.fehler], []);
  await leser.close();
});

// A real 1×1 PNG, made for this test.
const PNG = {
  name: 'pinnwand.png',
  mimeType: 'image/png',
  buffer: Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64'),
};

test('Impression aus einem Labor: Alternativtext Pflicht, nur Bilder, Galerie auf dem Themenfeld; axe', async () => {
  const kora = await browser.newContext();
  const form = await anmelden(kora, KONTEN.koordination, '/dokumente/neu');
  const titel = `Labor Umwelt: Ergebnisse ${Date.now()}`;
  await form.getByRole('textbox', { name: 'Titel', exact: true }).fill(titel);
  await form.getByLabel('Art', { exact: true }).selectOption({ label: 'Impression aus einem Labor (Bild)' });
  await form.getByRole('textbox', { name: 'Quelle', exact: true }).fill('KDN (Beispiel für den Test)');
  await form.getByLabel('Themenfeld', { exact: true }).selectOption({ label: 'Umwelt' });
  await form.getByRole('button', { name: 'Dokument anlegen' }).click();
  const alt = form.getByRole('textbox', { name: 'Alternativtext (bei Bildern)' });
  await form.getByText('Bitte beschreiben Sie, was das Bild zeigt', { exact: false }).waitFor();
  assert.equal(await alt.getAttribute('aria-invalid'), 'true');
  await alt.focus();
  await form.keyboard.type('Pinnwand mit Karten zum Antragsweg im Labor Umwelt');
  await form.keyboard.press('Enter');
  await form.waitForURL(/\/dokumente\/\d+$/);
  await bereit(form);
  await form.getByText('Angenommen (am Inhalt erkannt, nicht am Namen): PNG, JPEG.').waitFor();
  await dateiWaehlen(form, PNG);
  await form.getByRole('textbox', { name: 'Stand', exact: true }).fill('12.12.2019');
  await form.getByRole('button', { name: 'Fassung hochladen' }).click();
  await form.getByText('Die Datei ist als neue Fassung gespeichert.').waitFor();
  await form.getByRole('img', { name: 'Pinnwand mit Karten zum Antragsweg im Labor Umwelt' }).waitFor();
  await barrierefrei(form, 'Impression');
  assert.deepEqual(form.fehler, []);
  await kora.close();

  const leser = await browser.newContext();
  const tf = await oeffnen(leser, '/themenfelder/umwelt');
  const bild = tf.getByRole('img', { name: 'Pinnwand mit Karten zum Antragsweg im Labor Umwelt' });
  await bild.waitFor();
  assert.ok(await bild.evaluate((b) => b.complete && b.naturalWidth === 1), 'the picture loads under the CSP');
  await tf.getByRole('link', { name: titel }).waitFor();
  await barrierefrei(tf, 'Themenfeld mit Galerie');
  assert.deepEqual(tf.fehler, []);
  await leser.close();
});
