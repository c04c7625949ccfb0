// Roadmap: the table of the slide with filters in the URL; a coordinator resolves the
// data-quality warning through the date form (the non-drag way to change phases).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { browserStarten, oeffnen, anmelden, barrierefrei, KONTEN } from './helfer.mjs';

let browser;
before(async () => { browser = await browserStarten(); });
after(async () => { await browser?.close(); });

const zeilen = (page) => page.$$eval('table.roadmap-tabelle tbody th[scope="row"]', (ths) => ths.map((t) => t.textContent.trim()));

test('Tabelle: Filter nach Themenfeld und Status stehen in der URL', async () => {
  const context = await browser.newContext();
  const page = await oeffnen(context, '/roadmap');
  assert.equal((await zeilen(page)).length, 7);
  await page.getByRole('navigation', { name: 'Nach Themenfeld filtern' }).getByRole('link', { name: /^Umwelt/ }).click();
  await page.waitForURL(/tf=13/);
  await page.waitForFunction(() => document.querySelectorAll('table.roadmap-tabelle tbody tr').length === 2);
  assert.deepEqual(await zeilen(page), ['Altlasten & Bodenschutzkataster', 'Sprengstofferlaubnis']);
  await page.locator('table.roadmap-tabelle thead').getByRole('link', { name: 'Umsetzung', exact: true }).click();
  await page.waitForURL(/sort=umsetzung/);
  // The URL changes before the table is rendered again: wait for the header's new state.
  await page.locator('th[aria-sort="ascending"]', { hasText: /^Umsetzung ▲$/ }).waitFor();
  assert.equal(await page.locator('th[aria-sort="ascending"]').count(), 1);
  await page.getByText('Umsetzung beginnt (Dezember 2021) nach Inbetriebnahme NRW (Juni 2021).').waitFor();
  assert.deepEqual(page.fehler, []);
  await context.close();
});

test('Koordination behebt den Datenfehler über das Datumsformular; Protokoll zeigt alt und neu', async () => {
  const context = await browser.newContext();
  const page = await anmelden(context, KONTEN.koordination, '/roadmap');
  await page.getByRole('link', { name: 'Sprengstofferlaubnis' }).click();
  await page.getByRole('heading', { name: 'Startmonate der Phasen ändern' }).waitFor();
  await page.waitForSelector('html[data-hydriert="ja"]');
  await barrierefrei(page, 'Projektseite mit Datumsformular');

  // As on the slide: refused with the reason at the field.
  await page.getByRole('button', { name: 'Phasen speichern' }).click();
  await page.getByText('Inbetriebnahme NRW (Juni 2021) darf nicht vor Umsetzung (Dezember 2021) beginnen.').last().waitFor();
  assert.equal(await page.getByLabel('Inbetriebnahme NRW').getAttribute('aria-invalid'), 'true');

  await page.getByLabel('Inbetriebnahme NRW').fill('2022-06');
  await page.getByRole('button', { name: 'Phasen speichern' }).click();
  await page.getByRole('status').filter({ hasText: 'Die Phasen wurden gespeichert.' }).waitFor();
  await page.locator('dl.steckbrief').getByText('Juni 2022').waitFor();
  assert.equal(await page.getByRole('heading', { name: 'Datenqualität' }).count(), 0);
  const zeile = page.locator('table.protokoll tbody tr', { hasText: 'inbetriebnahme' });
  await zeile.waitFor();
  assert.match(await zeile.innerText(), /2021-06[\s\S]*2022-06/);
  assert.deepEqual(page.fehler, []);
  await context.close();
});

test('Koordination legt ein Projekt an: Feldfehler, dann neu in jeder offenen Zeitachse', async () => {
  const zuschauer = await browser.newContext();
  const zeitachse = await oeffnen(zuschauer, '/roadmap/zeitachse?tf=13');
  await zeitachse.getByText('Live: Änderungen erscheinen sofort.').waitFor();

  const context = await browser.newContext();
  const page = await anmelden(context, KONTEN.koordination, '/roadmap');
  await page.getByRole('link', { name: 'Neues Umsetzungsprojekt' }).click();
  await page.getByRole('heading', { name: 'Neues Umsetzungsprojekt' }).waitFor();
  await page.waitForSelector('html[data-hydriert="ja"]');
  await page.getByRole('button', { name: 'Projekt anlegen' }).click();
  await page.getByText('Bitte einen Namen angeben.').waitFor();
  await page.getByText('Bitte mindestens ein Themenfeld wählen.').waitFor();
  assert.equal(await page.getByRole('textbox', { name: 'Name', exact: true }).getAttribute('aria-invalid'), 'true');
  await barrierefrei(page, 'Neues Projekt mit Feldfehlern');

  await page.getByRole('textbox', { name: 'Name', exact: true }).fill('Abfallgebühren online');
  await page.getByRole('group', { name: /Themenfelder/ }).getByLabel('Umwelt').check();
  await page.getByLabel('OZG-Leistungen (OZG-IDs)').fill('10480, 99999');
  await page.getByRole('button', { name: 'Projekt anlegen' }).click();
  await page.getByText('Keine OZG-Leistung mit der ID 99999 im Katalog.').waitFor();
  await page.getByLabel('OZG-Leistungen (OZG-IDs)').fill('10480');
  await page.getByRole('button', { name: 'Projekt anlegen' }).click();
  await page.getByRole('heading', { name: 'Abfallgebühren online', level: 1 }).waitFor();
  await page.locator('dl.steckbrief').getByText('Geplant', { exact: true }).waitFor();

  // The open timeline of Umwelt gets the new row without reload.
  await zeitachse.locator('li.gantt-zeile').getByRole('link', { name: 'Abfallgebühren online' }).waitFor({ timeout: 5000 });
  assert.deepEqual(page.fehler, []);
  assert.deepEqual(zeitachse.fehler, []);
  await context.close();
  await zuschauer.close();
});

test('Archivieren mit Rückgängig per Tastatur: das Projekt verlässt die offene Zeitachse live und kehrt zurück', async () => {
  const zuschauer = await browser.newContext();
  const zeitachse = await oeffnen(zuschauer, '/roadmap/zeitachse');
  await zeitachse.getByText('Live: Änderungen erscheinen sofort.').waitFor();
  const zeile = zeitachse.locator('li.gantt-zeile').getByRole('link', { name: 'Urkundenausgabe', exact: true });
  await zeile.waitFor();

  const context = await browser.newContext();
  const page = await anmelden(context, KONTEN.koordination, '/roadmap');
  await page.getByRole('link', { name: 'Urkundenausgabe', exact: true }).click();
  await page.getByRole('heading', { name: 'Urkundenausgabe', level: 1 }).waitFor();
  await page.waitForSelector('html[data-hydriert="ja"]');
  await page.getByRole('button', { name: 'Projekt archivieren' }).focus();
  await page.keyboard.press('Enter');
  await page.getByText('Das Projekt ist archiviert. „Wiederherstellen“ macht das rückgängig.').waitFor();
  await page.getByText('Dieses Umsetzungsprojekt ist archiviert').waitFor();
  // The open timeline drops the row without reload; the table lists it apart.
  await zeile.waitFor({ state: 'detached', timeout: 5000 });
  await zeitachse.getByRole('status').filter({ hasText: 'hat „Urkundenausgabe“ archiviert.' }).waitFor();
  await barrierefrei(page, 'archiviertes Projekt');
  const tabelle = await oeffnen(zuschauer, '/roadmap');
  assert.ok(!(await zeilen(tabelle)).includes('Urkundenausgabe'));
  await tabelle.getByText('Archivierte Umsetzungsprojekte (1)').click();
  await tabelle.locator('.roadmap-archiv').getByRole('link', { name: 'Urkundenausgabe' }).waitFor();

  // The undo, by keyboard too.
  await page.getByRole('button', { name: 'Wiederherstellen' }).focus();
  await page.keyboard.press('Enter');
  await page.getByText('Das Projekt ist wiederhergestellt und wieder in Roadmap und Zeitachse.').waitFor();
  await zeile.waitFor({ timeout: 5000 });
  assert.deepEqual(page.fehler, []);
  assert.deepEqual(zeitachse.fehler, []);
  await context.close();
  await zuschauer.close();
});
