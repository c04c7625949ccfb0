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
