// The Lösungsdatenbank as a visitor uses it: a value in a row becomes a filter, "ist nicht gleich"
// turns it into an exclusion, a row opens the Steckbrief of the service.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { browserStarten, oeffnen, zeilen, trefferzahl, barrierefrei } from './helfer.mjs';

let browser, context;
before(async () => { browser = await browserStarten(); context = await browser.newContext({ acceptDownloads: true }); });
after(async () => { await browser?.close(); });

const anzahlIst = (page, n) =>
  page.waitForFunction((n) => Number(document.querySelector('.treffer').textContent.replace(/[^\d]/g, '')) === n, n);

test('Wert in der Zeile filtert, „ist nicht gleich“ schließt ihn aus, Export folgt dem Filter', async () => {
  const page = await oeffnen(context, '/loesungen');
  const alle = await trefferzahl(page);
  assert.equal(alle, 84, 'die 84 Dienste des Wirtschafts-Service-Portals');
  await barrierefrei(page, 'der Lösungsdatenbank');

  // The first Themenfeld shown in any row, clicked there.
  const link = page.locator('table.katalog-tabelle tbody td ul.werte-liste a.filterwert').first();
  const name = (await link.innerText()).replace(/\s*– als Filter setzen\s*$/, '').trim();
  await link.click();
  await page.waitForURL(/[?&]tf=\d+/);
  await page.waitForFunction(() => Number(document.querySelector('.treffer').textContent.replace(/[^\d]/g, '')) < 84);
  const mit = await trefferzahl(page);
  assert.ok(mit > 0, `${name}: ${mit}`);
  for (const z of await zeilen(page)) assert.ok(z.includes(name), `Zeile ohne ${name}: ${z}`);
  assert.match(await page.locator('.aktive-filter').innerText(), new RegExp(`Themenfeld ist ${name.replace(/[&-]/g, '.')}`));

  await page.getByLabel('Bedingung für Themenfeld').selectOption({ label: 'ist nicht gleich' });
  await page.waitForURL(/nicht_tf=1/);
  await anzahlIst(page, 84 - mit);
  for (const z of await zeilen(page)) assert.ok(!z.includes(name), `ausgeschlossen, aber da: ${z}`);
  assert.match(await page.locator('.aktive-filter').innerText(), /Themenfeld ist nicht/);

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'CSV' }).click()]);
  assert.equal(download.suggestedFilename(), 'ozg-atlas-loesungen.csv');
  const csv = readFileSync(await download.path(), 'utf8').replace(/^\uFEFF/, '').trim().split('\n');
  assert.equal(csv.length - 1, 84 - mit);
  await barrierefrei(page, 'der gefilterten Lösungsdatenbank');
  assert.deepEqual(page.fehler, []);
  await page.close();
});

test('Eine Zeile öffnet den Steckbrief des Dienstes mit seinen LeiKa-Schlüsseln', async () => {
  const page = await oeffnen(context, '/loesungen?q=versteiger');
  await anzahlIst(page, 1);
  await page.getByRole('link', { name: '§34b GewO Versteigerergewerbe' }).click();
  await page.waitForURL(/\/loesungen\/\d+$/);
  await page.getByRole('heading', { level: 1, name: '§34b GewO Versteigerergewerbe' }).waitFor();
  assert.match(await page.locator('main').innerText(), /99050036005000/);
  assert.match(await page.locator('main').innerText(), /Wirtschafts-Service-Portal\.NRW/);
  await barrierefrei(page, 'dem Steckbrief eines Online-Dienstes');
  assert.deepEqual(page.fehler, []);
  await page.close();
});
