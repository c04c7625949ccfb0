// Steckbrief "OZG-Dienst zur Übertragung": Kommune staff submit one, a wrong LeiKa key is named at
// its field, the fixed form is listed; the coordination publishes it into the Lösungsdatenbank.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { browserStarten, oeffnen, anmelden, barrierefrei, KONTEN } from './helfer.mjs';

let browser;
before(async () => { browser = await browserStarten(); });
after(async () => { await browser?.close(); });

const DIENST = `Hundeanmeldung online ${Date.now()}`;

test('Falscher Schlüssel am Feld, korrigiert eingereicht, in der Liste; Koordination veröffentlicht', async () => {
  const kommune = await browser.newContext();
  const page = await anmelden(kommune, KONTEN.kommune, '/steckbriefe/neu');
  assert.equal(await page.getByLabel('Ihr Name / Ihre Organisation').inputValue(), 'Ahaus, Stadt', 'vorbelegt mit der Kommune');
  await page.getByText('Vollständigkeit: 1 von 10 Angaben').waitFor();
  await page.getByLabel('Name des Online-Dienstes').fill(DIENST);
  await page.getByLabel('Dienste-URL').fill('https://www.ahaus.de/hund');
  await page.getByLabel('LeiKa-Schlüssel').fill('99110009104000, 99110009999999');
  await page.getByRole('radio', { name: 'ja', exact: true }).check();
  await page.getByText('Vollständigkeit: 5 von 10 Angaben').waitFor();
  await page.getByRole('button', { name: 'Steckbrief einreichen' }).click();

  const feld = page.getByLabel('LeiKa-Schlüssel');
  await page.waitForFunction(() => document.getElementById('leika')?.getAttribute('aria-invalid') === 'true');
  const meldung = await page.locator('#leika-meldung').innerText();
  assert.match(meldung, /„99110009999999“ ist nicht im LeiKa-Katalog/);
  assert.equal(await feld.inputValue(), '99110009104000, 99110009999999', 'Eingabe bleibt erhalten');
  await page.getByRole('alert').filter({ hasText: 'Bitte prüfen Sie die markierten Felder' }).waitFor();
  await barrierefrei(page, 'dem Steckbrief-Formular mit Fehler');

  await feld.fill('99110009104000, 99110009070000');
  await page.getByRole('button', { name: 'Steckbrief einreichen' }).click();
  await page.waitForURL(/\/steckbriefe\/\d+$/);
  await page.getByRole('heading', { level: 1, name: DIENST }).waitFor();
  assert.match(await page.locator('main').innerText(), /eingereicht, in Prüfung/);
  assert.match(await page.locator('main').innerText(), /Hundehaltung Abmeldung/);
  await barrierefrei(page, 'einem eingereichten Steckbrief');

  await page.getByRole('link', { name: 'Steckbriefe', exact: true }).click();
  await page.waitForURL(/\/steckbriefe$/);
  const zeile = page.locator('table tbody tr', { hasText: DIENST });
  await zeile.waitFor();
  assert.match(await zeile.innerText(), /eingereicht, in Prüfung/);
  assert.equal(await page.getByRole('button', { name: 'Veröffentlichen' }).count(), 0);
  await barrierefrei(page, 'der Liste der Steckbriefe');
  assert.deepEqual(page.fehler, []);
  // In review it is listed on its Themenfeld page for the Kommune (not yet for the public).
  const tfVorher = await oeffnen(kommune, '/themenfelder/engagement-hobby');
  const pruefung = tfVorher.locator('h3', { hasText: 'Eingereichte Steckbriefe in Prüfung' });
  await pruefung.waitFor();
  await tfVorher.locator('h3:has-text("Eingereichte Steckbriefe in Prüfung") ~ ul li', { hasText: DIENST }).waitFor();
  await barrierefrei(tfVorher, 'der Themenfeldseite mit Steckbriefen in Prüfung');
  const oeffentlich = await browser.newContext();
  const anonym = await oeffnen(oeffentlich, '/themenfelder/engagement-hobby');
  await anonym.locator('h2#loesungen').waitFor();
  assert.equal(await anonym.getByText(DIENST).count(), 0, 'nicht öffentlich vor der Veröffentlichung');
  await oeffentlich.close();

  // The coordination publishes it: it appears in the Lösungsdatenbank and on the Themenfeld page.
  const koordination = await browser.newContext();
  const k = await anmelden(koordination, KONTEN.koordination, '/steckbriefe');
  await k.getByRole('link', { name: DIENST }).click();
  await k.getByRole('button', { name: 'Veröffentlichen' }).click();
  await k.getByRole('link', { name: 'In der Lösungsdatenbank ansehen' }).waitFor();
  assert.match(await k.locator('main').innerText(), /veröffentlicht/);
  await k.getByRole('link', { name: 'In der Lösungsdatenbank ansehen' }).click();
  await k.getByRole('heading', { level: 1, name: DIENST }).waitFor();
  assert.match(await k.locator('main').innerText(), /Ahaus, Stadt/);
  await k.getByRole('link', { name: 'Lösungsdatenbank', exact: true }).first().click();
  await k.waitForURL(/\/loesungen$/);
  await k.getByLabel('Online-Dienste durchsuchen').fill('hundeanmeldung');
  await k.getByLabel('Online-Dienste durchsuchen').press('Enter');
  await k.locator('table.katalog-tabelle tbody tr', { hasText: DIENST }).waitFor();
  const tf = await oeffnen(kommune, '/themenfelder/engagement-hobby');
  await tf.locator('#loesungen ~ ul li', { hasText: DIENST }).waitFor().catch(async () => {
    assert.fail(`Themenfeldseite ohne den Steckbrief: ${await tf.locator('main').innerText()}`);
  });
  assert.deepEqual(k.fehler, []);
  await kommune.close();
  await koordination.close();
});

test('Zurückgegebener Steckbrief: Hinweis mit Kommentar, Formular vorbelegt, überarbeitet wieder in Prüfung', async () => {
  const name = `Gewerbeanzeige online ${Date.now()}`;
  const kommune = await browser.newContext();
  const page = await anmelden(kommune, KONTEN.kommune, '/steckbriefe/neu');
  await page.getByLabel('Name des Online-Dienstes').fill(name);
  await page.getByLabel('Dienste-URL').fill('https://www.ahaus.de/gewerbe');
  await page.getByLabel('LeiKa-Schlüssel').fill('99110009104000');
  await page.getByRole('radio', { name: 'nein', exact: true }).check();
  await page.getByRole('button', { name: 'Steckbrief einreichen' }).click();
  await page.waitForURL(/\/steckbriefe\/\d+$/);
  const adresse = page.url();

  const koordination = await browser.newContext();
  const k = await anmelden(koordination, KONTEN.koordination, new URL(adresse).pathname);
  await k.getByRole('heading', { level: 1, name }).waitFor();
  // Returning without a reason is refused at the comment field.
  await k.getByRole('button', { name: 'Zur Überarbeitung zurückgeben' }).click();
  await k.waitForFunction(() => document.getElementById('kommentar')?.getAttribute('aria-invalid') === 'true');
  await k.getByLabel('Kommentar (bei Rückgabe Pflicht)').fill('Bitte den zweiten Schlüssel ergänzen.');
  await k.getByRole('button', { name: 'Zur Überarbeitung zurückgeben' }).click();
  await k.getByText('zurückgegeben', { exact: true }).first().waitFor();

  // The submitter sees why and revises: the form holds the stored values.
  await page.reload();
  await page.getByText('Die Koordination hat den Steckbrief zur Überarbeitung zurückgegeben.').waitFor();
  assert.match(await page.locator('main').innerText(), /Bitte den zweiten Schlüssel ergänzen\./);
  await page.getByRole('link', { name: 'Überarbeiten und erneut einreichen' }).click();
  await page.waitForURL(/\/ueberarbeiten$/);
  const feld = page.getByLabel('LeiKa-Schlüssel');
  await feld.waitFor();
  assert.equal(await page.getByLabel('Name des Online-Dienstes').inputValue(), name);
  assert.equal(await feld.inputValue(), '99110009104000');
  assert.equal(await page.getByRole('radio', { name: 'nein', exact: true }).isChecked(), true, 'Auswahl vorbelegt');
  await page.getByText('Vollständigkeit: 5 von 10 Angaben').waitFor();
  await barrierefrei(page, 'dem Formular zum Überarbeiten');
  await feld.fill('99110009104000 99110009070000 12345');
  await page.getByRole('button', { name: 'Überarbeitet erneut einreichen' }).click();
  await page.waitForFunction(() => document.getElementById('leika')?.getAttribute('aria-invalid') === 'true');
  assert.match(await page.locator('#leika-meldung').innerText(), /„12345“ ist kein 14-stelliger LeiKa-Schlüssel/);
  await feld.fill('99110009104000 99110009070000');
  await page.getByRole('button', { name: 'Überarbeitet erneut einreichen' }).click();
  await page.waitForURL(adresse);
  await page.getByText('Hundehaltung Abmeldung').waitFor();
  const text = await page.locator('main').innerText();
  assert.match(text, /eingereicht, in Prüfung/);
  assert.match(text, /Zuletzt zurückgegeben/);
  assert.doesNotMatch(text, /zur Überarbeitung zurückgegeben\./, 'kein Rückgabehinweis mehr');
  await barrierefrei(page, 'einem überarbeiteten Steckbrief');

  // The coordination, still on the returned version, gets to decide again after a reload.
  await k.reload();
  await k.getByRole('button', { name: 'Veröffentlichen' }).waitFor();
  assert.deepEqual(page.fehler, []);
  assert.deepEqual(k.fehler, []);
  await kommune.close();
  await koordination.close();
});
