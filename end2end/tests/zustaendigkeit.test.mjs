// Zuständigkeit je Größenklasse: the public reads the table; the coordination keeps the
// Abbruchgenehmigung for two Größenklassen by keyboard alone, Ahaus (a mittlere kreisangehörige
// Stadt) no longer lists it, and the row is reset at the end. Test values, not real ones.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { browserStarten, oeffnen, anmelden, barrierefrei, bereit, KONTEN } from './helfer.mjs';

let browser;
before(async () => { browser = await browserStarten(); });
after(async () => { await browser?.close(); });

const QUELLE = 'Testquelle der Browser-Tests (keine echte Angabe)';

const ahausListet = async (page) => {
  await page.goto(page.url().replace(/^(https?:\/\/[^/]+).*$/, '$1/kommunen/05554004'));
  const tabelle = page.locator('table', { has: page.locator('caption', { hasText: 'OZG-Leistungen für Größenklasse' }) });
  await tabelle.waitFor();
  return (await tabelle.locator('tbody tr', { hasText: 'Abbruchgenehmigung' }).count()) > 0;
};

const zurFormularseite = async (page) => {
  await page.goto(page.url().replace(/^(https?:\/\/[^/]+).*$/, '$1/leistungen/10513'));
  await page.getByRole('link', { name: 'Alle Leistungen des Themenfelds' }).click();
  await page.waitForURL(/\/themenfelder\/[^/]+\/zustaendigkeit$/);
  await bereit(page);
  await page.getByRole('button', { name: 'Zuständigkeit speichern' }).waitFor();
};

test('Öffentlich: die Tabelle je Themenfeld, barrierefrei bei 1280 und 320 px', async () => {
  const context = await browser.newContext();
  const page = await oeffnen(context, '/leistungen/10513');
  assert.match(await page.locator('#groessenklassen').innerText(), /nicht gepflegt – allgemeine Regel: für Kommunen relevant/);
  await page.getByRole('link', { name: 'Alle Leistungen des Themenfelds' }).click();
  await page.getByRole('heading', { name: 'Zuständigkeit je Größenklasse: Bauen & Wohnen' }).waitFor();
  const zeile = page.locator('tbody tr', { hasText: 'Abbruchgenehmigung' });
  assert.match(await zeile.innerText(), /nicht gepflegt – allgemeine Regel: relevant/);
  assert.equal(await page.getByRole('checkbox').count(), 0, 'no form for the public');
  assert.match(await page.locator('#pflegestand').innerText(), /noch für keine der 557 OZG-Leistungen gepflegt/);
  await barrierefrei(page, 'der Zuständigkeit je Größenklasse (öffentlich)');
  assert.deepEqual(page.fehler, []);
  await context.close();
});

test('Koordination pflegt die Zuständigkeit per Tastatur; die Kommunensicht folgt', async () => {
  const context = await browser.newContext();
  const page = await anmelden(context, KONTEN.koordination, '/leistungen/10513');
  assert.ok(await ahausListet(page), 'Ahaus lists it by the general rule');
  await zurFormularseite(page);

  // Two boxes by keyboard, no source yet: the message stands at the row's source field.
  await page.getByRole('checkbox', { name: 'Abbruchgenehmigung Kreisfreie Stadt' }).focus();
  await page.keyboard.press('Space');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Space');
  assert.ok(await page.getByRole('checkbox', { name: 'Abbruchgenehmigung Große kreisangehörige Stadt' }).isChecked());
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  const quelle = page.getByRole('textbox', { name: 'Quelle Abbruchgenehmigung' });
  assert.ok(await quelle.evaluate((e) => e === document.activeElement), 'Tab reaches the row\'s source');
  await page.keyboard.press('Enter');
  await page.getByText('Bitte geben Sie die Quelle an').waitFor();
  assert.equal(await quelle.getAttribute('aria-invalid'), 'true');
  await page.getByText('Bitte prüfen Sie die markierten Felder. Es wurde nichts gespeichert.').waitFor();
  await barrierefrei(page, 'dem Formular mit Feldfehler');

  await quelle.focus();
  await page.keyboard.type(QUELLE);
  await page.keyboard.press('Enter');
  await page.getByText('Die Zuständigkeit wurde gespeichert.').waitFor();
  await page.getByText(/In diesem Themenfeld gepflegt: 1 von/).waitFor();
  assert.ok(await page.getByRole('checkbox', { name: 'Abbruchgenehmigung Kreisfreie Stadt' }).isChecked());
  await barrierefrei(page, 'dem Formular der Zuständigkeit je Größenklasse');

  assert.equal(await ahausListet(page), false, 'Ahaus (mittlere kreisangehörige Stadt) no longer lists it');
  await page.getByText(/für 1 von 557 OZG-Leistungen gepflegt/).first().waitFor();
  await page.goto(page.url().replace(/\/kommunen\/.*$/, '/leistungen/10513'));
  assert.match(await page.locator('#groessenklassen').innerText(), /Kreisfreie Stadt, Große kreisangehörige Stadt/);

  // Reset by keyboard: boxes off, source emptied → the general rule again.
  await zurFormularseite(page);
  for (const gk of ['Kreisfreie Stadt', 'Große kreisangehörige Stadt']) {
    await page.getByRole('checkbox', { name: `Abbruchgenehmigung ${gk}` }).focus();
    await page.keyboard.press('Space');
  }
  await quelle.focus();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.press('Enter');
  await page.getByText('Die Zuständigkeit wurde gespeichert.').waitFor();
  await page.getByText(/In diesem Themenfeld gepflegt: 0 von/).waitFor();
  assert.ok(await ahausListet(page), 'Ahaus lists it again');
  assert.deepEqual(page.fehler, []);
  await context.close();
});
