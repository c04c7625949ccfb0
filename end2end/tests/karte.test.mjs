import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { browserStarten, oeffnen, BASE } from './helfer.mjs';

let browser, context, schmal;
before(async () => {
  browser = await browserStarten();
  context = await browser.newContext();
  schmal = await browser.newContext({ viewport: { width: 320, height: 640 }, hasTouch: true });
});
after(async () => { await browser?.close(); });

const flaeche = (page, schluessel) => page.locator(`svg.karte-svg a[data-schluessel="${schluessel}"]`);

test('Karte: 53 Kreise; ein Klick auf den Kreis Borken öffnet seine Gemeinden, Ahaus die Kommunensicht', async () => {
  const page = await oeffnen(context, '/karte');
  assert.equal(await page.locator('svg.karte-svg a.einheit').count(), 53, '31 Kreise und 22 kreisfreie Städte');
  assert.match(await flaeche(page, '05554').getAttribute('aria-label'), /^Borken: \d+(,\d)? % \(\d+ von \d+\)$/);
  await flaeche(page, '05554').click();
  await page.waitForURL(BASE + '/karte?gebiet=05554');
  await page.getByRole('heading', { level: 2, name: /^Borken: Gemeinden/ }).waitFor();
  assert.equal(await page.locator('svg.karte-svg a.einheit').count(), 17, 'die 17 Gemeinden des Kreises Borken');
  // The Breadcrumbs lead back up.
  assert.deepEqual(await page.locator('.karten-ebenen a').allInnerTexts(), ['Nordrhein-Westfalen', 'Regierungsbezirk Münster', 'Borken']);
  await flaeche(page, '05554004').click();
  await page.waitForURL(BASE + '/kommunen/05554004');
  await page.getByRole('heading', { level: 1, name: /Ahaus/ }).waitFor();
  assert.deepEqual(page.fehler, []);
  await page.close();
});

test('Karte per Tastatur: Tab erreicht die Flächen mit sichtbarem Fokus, Enter öffnet; der Sprunglink führt zur Tabelle', async () => {
  const page = await oeffnen(context, '/karte');
  await page.locator('a.karte-ueberspringen').focus();
  await page.keyboard.press('Tab');
  const erste = await page.evaluate(() => document.activeElement?.getAttribute('data-schluessel'));
  assert.match(erste ?? '', /^05\d{3}$/, 'der Fokus steht auf einer Fläche der Karte');
  // The focused area is drawn with a thick dark border (an outline would mark its bounding box).
  const sichtbar = await page.evaluate(() => {
    const s = getComputedStyle(document.activeElement.querySelector('path'));
    return parseFloat(s.strokeWidth) >= 3 && s.stroke === 'rgb(0, 0, 0)';
  });
  assert.ok(sichtbar, 'der Fokus auf der Fläche ist sichtbar');
  await page.keyboard.press('Enter');
  await page.waitForURL(BASE + '/karte?gebiet=' + erste);
  await page.locator('svg.karte-svg a.einheit').first().waitFor();

  // The skip link: Enter moves to the table, whose rows hold the same values as the areas.
  await page.locator('a.karte-ueberspringen').focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => location.hash === '#karten-tabelle');
  const zeilen = await page.locator('#karten-tabelle tbody tr').count();
  assert.equal(zeilen, await page.locator('svg.karte-svg a.einheit').count(), 'eine Zeile je Fläche');
  await page.close();
});

test('Karte: Maß und Vergleich wählen (die Auswahl lädt die Karte ohne Neuladen), Tabelle sortieren', async () => {
  const page = await oeffnen(context, '/karte?gebiet=05554');
  await page.selectOption('#karte-mass', 'groessenklasse');
  await page.waitForURL(/mass=groessenklasse/);
  await page.getByRole('heading', { level: 2, name: 'Borken: Gemeinden – Größenklasse' }).waitFor();
  assert.match(await page.locator('.legende').innerText(), /Mittlere kreisangehörige Stadt/);
  assert.ok(await page.locator('svg.karte-svg pattern').count() > 0, 'Kategorien mit Mustern');

  await page.selectOption('#karte-mass', 'anteil');
  await page.waitForURL((u) => !u.search.includes('mass=groessenklasse'));
  await page.selectOption('#karte-klasse', 'mittel');
  await page.waitForURL(/klasse=mittel/);
  await page.locator('svg.karte-svg a.ausgegraut').first().waitFor();
  const grau = await page.locator('svg.karte-svg a.ausgegraut').count();
  const alle = await page.locator('svg.karte-svg a.einheit').count();
  assert.ok(grau > 0 && grau < alle, `${grau} von ${alle} Gemeinden ausgegraut`);
  assert.match(await page.locator('svg.karte-svg a.ausgegraut').first().getAttribute('aria-label'), /\(nicht im Vergleich\)$/);

  await page.locator('#karten-tabelle thead a', { hasText: 'Größenklasse' }).click();
  await page.waitForURL(/sort=klasse/);
  await page.locator('#karten-tabelle th[aria-sort="ascending"]', { hasText: 'Größenklasse' }).waitFor();
  const rang = await page.locator('#karten-tabelle tbody tr td:last-child').allInnerTexts();
  assert.ok(rang.includes('nicht im Vergleich'), 'die ausgegrauten Gemeinden haben keinen Rang');
  assert.deepEqual(page.fehler, []);
  await page.close();
});

test('Karte: „Kommune finden“ springt in den Kreis und markiert die Gemeinde, auch bei 320 px', async () => {
  const page = await oeffnen(schmal, '/karte');
  await page.getByLabel('Kommune finden').fill('Ahaus');
  await page.keyboard.press('Enter');
  await page.waitForURL(/finden=Ahaus/);
  await page.locator('p.hinweis', { hasText: 'Gefunden: Ahaus, Stadt.' }).waitFor();
  assert.equal(await page.locator('svg.karte-svg a.markiert').getAttribute('data-schluessel'), '05554004');
  assert.equal(await page.locator('#karten-tabelle tr.markiert th').innerText(), 'Ahaus, Stadt');
  const breite = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(breite <= 320, `die Karte ist bei 320 px ${breite} px breit`);
  // A tap on an area works as a click.
  await flaeche(page, '05554008').tap();
  await page.waitForURL(BASE + '/kommunen/05554008');

  await page.goto(BASE + '/karte?finden=Nirgendwo');
  await page.locator('p.hinweis', { hasText: 'Keine Gemeinde „Nirgendwo“ gefunden.' }).waitFor();
  await page.close();
});
