import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { browserStarten, oeffnen, BASE } from './helfer.mjs';

let browser, context;
before(async () => { browser = await browserStarten(); context = await browser.newContext(); });
after(async () => { await browser?.close(); });

test('Landkarte zeigt die Themenfelder als Kacheln; ein Klick öffnet das Themenfeld', async () => {
  const page = await oeffnen(context, '/landkarte');
  const kacheln = page.locator('ul.landkarte > li.kachel a');
  assert.equal(await kacheln.count(), 14, '14 Themenfelder mit Leistungen; Basisdienste steht darunter');
  await page.locator('ul.landkarte a[data-themenfeld="bauen-wohnen"]').click();
  await page.waitForURL(BASE + '/themenfelder/bauen-wohnen');
  // The URL can change before the new page is rendered: wait for its heading.
  await page.getByRole('heading', { level: 1, name: 'Bauen & Wohnen', exact: true }).waitFor();
  assert.equal(await page.textContent('h1'), 'Bauen & Wohnen');
  assert.match(await page.textContent('.steckbrief'), /Burkhard Saftig/);
  assert.ok(await page.locator('table.lebenslagen tbody tr').count() > 0, 'Lebenslagen mit Leistungen');
  assert.deepEqual(page.fehler, []);
  await page.close();
});

test('Landkarte ist per Tastatur bedienbar: Tab auf die Kachel, Enter öffnet sie', async () => {
  const page = await oeffnen(context, '/landkarte');
  // The last link of the measure picker, then Tab moves into the map: the largest tile comes first.
  await page.locator('.masswahl a').last().focus();
  await page.keyboard.press('Tab');
  const fokus = await page.evaluate(() => document.activeElement?.getAttribute('data-themenfeld'));
  assert.ok(fokus, 'der Fokus steht auf einer Kachel');
  const sichtbar = await page.evaluate(() => {
    const s = getComputedStyle(document.activeElement);
    return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;
  });
  assert.ok(sichtbar, 'der Fokus ist sichtbar');
  await page.keyboard.press('Enter');
  await page.waitForURL(BASE + '/themenfelder/' + fokus);
  assert.ok((await page.textContent('h1')).length > 0);
  await page.close();
});

test('Das Maß der Landkarte ist wählbar und steht in der URL', async () => {
  const page = await oeffnen(context, '/landkarte');
  const vorher = await page.locator('ul.landkarte a[data-themenfeld="bauen-wohnen"]').getAttribute('style') ??
    await page.locator('ul.landkarte li:has(a[data-themenfeld="bauen-wohnen"])').getAttribute('style');
  await page.getByRole('link', { name: 'Anzahl LeiKa-Leistungen' }).click();
  await page.waitForURL(BASE + '/landkarte?mass=leika');
  const text = await page.locator('ul.landkarte a[data-themenfeld="bauen-wohnen"]').innerText();
  assert.match(text, /LeiKa-Leistungen/);
  const nachher = await page.locator('ul.landkarte li:has(a[data-themenfeld="bauen-wohnen"])').getAttribute('style');
  assert.notEqual(nachher, vorher, 'die Kachel hat eine neue Größe');
  assert.equal(await page.locator('.masswahl a[aria-current="true"]').innerText(), 'Anzahl LeiKa-Leistungen');
  await page.close();
});
