// "Daten liefern": Kommune staff choose a CSV file, the check names every bad row, nothing is
// stored until the file is correct; the taken-over delivery is listed and downloadable.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { browserStarten, anmelden, barrierefrei, KONTEN } from './helfer.mjs';

let browser;
before(async () => { browser = await browserStarten(); });
after(async () => { await browser?.close(); });

const datei = (name, text) => ({ name, mimeType: 'text/csv', buffer: Buffer.from(text, 'utf8') });

test('Fehlerhafte Zeilen mit Nummer, dann korrigiert übernommen und heruntergeladen', async () => {
  const context = await browser.newContext({ acceptDownloads: true });
  const page = await anmelden(context, KONTEN.kommune, '/kommunen/05554004');
  const bereich = page.locator('section', { has: page.getByRole('heading', { name: 'Gelieferte Serviceseiten' }) });

  await page.getByLabel('Datei', { exact: true }).setInputFiles(
    datei('seiten.csv', 'url;leika\nhttps://www.ahaus.de/hund;99110009104000\nwww.ahaus.de/abbruch;99012001000000\nhttps://www.ahaus.de/x;123\n'),
  );
  await page.getByRole('button', { name: 'Datei prüfen' }).click();
  const tabelle = page.locator('table', { has: page.locator('caption', { hasText: 'Fehlerhafte Zeilen' }) });
  await tabelle.waitFor();
  const zeilen = await tabelle.locator('tbody tr').allInnerTexts();
  assert.equal(zeilen.length, 2);
  assert.match(zeilen[0], /^3\s.*keine gültige Webadresse/s);
  assert.match(zeilen[1], /^4\s.*kein gültiger LeiKa-Schlüssel/s);
  assert.equal(await page.getByRole('button', { name: /Lieferung übernehmen/ }).count(), 0, 'nicht übernehmbar');
  await barrierefrei(page, 'der Prüfung einer fehlerhaften Lieferung');

  await page.getByLabel('Datei', { exact: true }).setInputFiles(
    datei('seiten.csv', 'url;leika\nhttps://www.ahaus.de/hund;99110009104000 99110009070000\nhttps://www.ahaus.de/abbruch;99012001000000\n'),
  );
  await page.getByRole('button', { name: 'Datei prüfen' }).click();
  await page.getByText('2 Zeilen fehlerfrei, 0 mit Fehlern – 2 Seiten, 3 Zuordnungen').waitFor();
  await page.getByRole('button', { name: /Lieferung übernehmen/ }).click();
  await page.getByText('Übernommen: 2 Seiten mit 3 LeiKa-Zuordnungen').waitFor();
  await bereich.getByRole('link', { name: 'https://www.ahaus.de/abbruch' }).waitFor();
  assert.match(await bereich.innerText(), /Abbruchgenehmigung|99012001000000/);

  const [download] = await Promise.all([page.waitForEvent('download'), bereich.getByRole('link', { name: 'CSV' }).click()]);
  const csv = readFileSync(await download.path(), 'utf8').replace(/^\uFEFF/, '').trim().split('\n');
  assert.deepEqual(csv, ['url;leika', 'https://www.ahaus.de/hund;99110009070000 99110009104000', 'https://www.ahaus.de/abbruch;99012001000000']);
  await barrierefrei(page, 'der Kommunenseite mit Lieferung');
  assert.deepEqual(page.fehler, []);
  await context.close();
});
