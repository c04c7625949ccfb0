import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { browserStarten, oeffnen, zeilen, trefferzahl, BASE } from './helfer.mjs';

let browser, context;
before(async () => { browser = await browserStarten(); context = await browser.newContext({ acceptDownloads: true }); });
after(async () => { await browser?.close(); });

const themenfeld = (page, name) =>
  page.locator('fieldset.facette', { has: page.locator('legend', { hasText: /^Themenfeld$/ }) }).getByLabel(new RegExp('^' + name));

test('Facette und Suche filtern; die URL reproduziert die Ansicht; Zurück stellt sie wieder her', async () => {
  const page = await oeffnen(context, '/leistungen');
  assert.equal(await trefferzahl(page), 557);

  await themenfeld(page, 'Bauen & Wohnen').check();
  await page.waitForURL(/[?&]tf=2(&|$)/);
  assert.equal(new URL(page.url()).search, '?tf=2', 'kurze, kanonische URL');
  await page.waitForFunction(() => Number(document.querySelector('.treffer').textContent.replace(/[^\d]/g, '')) < 557);
  const bauen = await trefferzahl(page);
  assert.ok(bauen > 0 && bauen < 557, `gefiltert: ${bauen}`);
  for (const z of await zeilen(page)) assert.match(z, /Bauen & Wohnen/);

  await page.getByLabel('Leistungen durchsuchen').fill('abbruch');
  await page.getByLabel('Leistungen durchsuchen').press('Enter');
  await page.waitForURL(/q=abbruch/);
  await page.waitForFunction((n) => Number(document.querySelector('.treffer').textContent.replace(/[^\d]/g, '')) < n, bauen);
  const gefiltert = await zeilen(page);
  assert.ok(gefiltert.length > 0);
  // Name hits rank first; the rest match through their LeiKa-Leistungen.
  assert.match(gefiltert[0], /^10513 Abbruchgenehmigung/);
  for (const z of gefiltert) assert.match(z, /Bauen & Wohnen/);

  // A copied link shows the same rows, in a fresh tab.
  const url = page.url();
  const zweite = await oeffnen(context, url.replace(BASE, ''));
  assert.deepEqual(await zeilen(zweite), gefiltert);
  assert.equal(await zweite.getByLabel('Leistungen durchsuchen').inputValue(), 'abbruch');
  assert.ok(await themenfeld(zweite, 'Bauen & Wohnen').isChecked());
  await zweite.close();

  // Back: the Themenfeld filter alone.
  await page.goBack();
  // History navigation stays in the page (no load event): wait on the location itself.
  await page.waitForFunction(() => !location.search.includes('q=') && location.search.includes('tf=2'));
  await page.waitForFunction((n) => Number(document.querySelector('.treffer').textContent.replace(/[^\d]/g, '')) === n, bauen);
  assert.equal(await page.getByLabel('Leistungen durchsuchen').inputValue(), '');
  assert.deepEqual(page.fehler, []);
  await page.close();
});

test('„ist nicht gleich“ schließt das Themenfeld aus', async () => {
  const page = await oeffnen(context, '/leistungen?tf=2');
  const bauen = await trefferzahl(page);
  await page.getByLabel('Bedingung für Themenfeld').selectOption({ label: 'ist nicht gleich' });
  await page.waitForURL(/nicht_tf=1/);
  await page.waitForFunction((n) => Number(document.querySelector('.treffer').textContent.replace(/[^\d]/g, '')) === 557 - n, bauen);
  for (const z of await zeilen(page)) assert.doesNotMatch(z, /Bauen & Wohnen/);
  await page.close();
});

test('CSV-Export enthält genau die gefilterten Zeilen', async () => {
  const page = await oeffnen(context, '/leistungen?tf=9&sort=ozg_id');
  const anzahl = await trefferzahl(page);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'CSV' }).click()]);
  assert.equal(download.suggestedFilename(), 'ozg-atlas-leistungen.csv');
  const text = readFileSync(await download.path(), 'utf8').replace(/^\uFEFF/, '');
  const csv = text.trim().split('\n');
  assert.equal(csv[0], 'ozg_id;name;themenfeld;lebenslage;zustaendigkeit;prioritaet;efa;leika_anzahl;groessenklassen');
  assert.equal(csv.length - 1, anzahl);
  for (const z of csv.slice(1)) assert.match(z, /;Mobilität & Reisen;/);
  // Same order as on the page.
  const ersteSeite = (await zeilen(page)).map((z) => z.split(' ')[0]);
  assert.deepEqual(csv.slice(1, 1 + ersteSeite.length).map((z) => z.split(';')[0]), ersteSeite);
  await page.close();
});

test('Sortieren per Spaltenkopf und Blättern', async () => {
  const page = await oeffnen(context, '/leistungen');
  await page.getByRole('link', { name: 'OZG-ID' }).click();
  await page.waitForURL(/sort=ozg_id/);
  await page.waitForSelector('th[aria-sort="ascending"]');
  // The header reflects the URL at once; the rows follow when the new page of data arrives.
  await page.waitForFunction(() => {
    const ids = [...document.querySelectorAll('table.katalog-tabelle tbody tr')].map((tr) => Number(tr.innerText.trim().split(/\s/)[0]));
    return ids.length === 50 && ids.every((v, i) => i === 0 || ids[i - 1] < v);
  });
  const ids = (await zeilen(page)).map((z) => Number(z.split(' ')[0]));
  assert.deepEqual(ids, [...ids].sort((a, b) => a - b));
  await page.getByRole('link', { name: 'Nächste Seite ›' }).click();
  await page.waitForURL(/seite=2/);
  await page.waitForFunction((erste) => !document.querySelector('table.katalog-tabelle tbody tr')?.innerText.startsWith(String(erste)), ids[0]);
  const ids2 = (await zeilen(page)).map((z) => Number(z.split(' ')[0]));
  assert.ok(ids2[0] > ids[ids.length - 1]);
  await page.close();
});

test('Lesen geht ohne JavaScript: Filter per Absenden-Knopf', async () => {
  const ohneJs = await browser.newContext({ javaScriptEnabled: false });
  const page = await ohneJs.newPage();
  await page.goto(BASE + '/leistungen');
  await themenfeld(page, 'Mobilität & Reisen').check();
  await page.getByRole('button', { name: 'Filter anwenden' }).click();
  await page.waitForURL(/tf=9/);
  for (const z of await zeilen(page)) assert.match(z, /Mobilität & Reisen/);
  await page.goto(BASE + '/kommunen?kreis=05554');
  assert.equal(await trefferzahl(page), 17);
  await ohneJs.close();
});
