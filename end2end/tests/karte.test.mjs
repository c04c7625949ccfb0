import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { browserStarten, oeffnen, barrierefrei, BASE } from './helfer.mjs';

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

const rahmen = async (page) => (await page.locator('svg.karte-svg').getAttribute('viewBox')).split(' ').map(Number);
// Switches the measure to "Online-Dienste in Betrieb" through the choice (the view is swapped in
// without a reload).
const zuDiensten = async (page) => {
  await page.selectOption('#karte-mass', 'dienste');
  await page.waitForURL(/mass=dienste/);
  await page.getByRole('heading', { level: 2, name: /Online-Dienste in Betrieb/ }).waitFor();
};
// A point in the map's visible part: the map scrolled to the top of the window.
const kartenMitte = async (page) => {
  await page.evaluate(() => document.querySelector('svg.karte-svg').scrollIntoView({ block: 'start' }));
  const box = await page.locator('svg.karte-svg').boundingBox();
  const hoehe = page.viewportSize().height;
  return { x: box.x + box.width / 2, y: box.y + Math.min(box.height, hoehe - box.y) / 2 };
};
const voll = async (page) => (await page.locator('svg.karte-svg').getAttribute('data-rahmen')).split(' ').map(Number);

test('Karte zoomen und verschieben per Tastatur und Knöpfen; der Tooltip zeigt Name und Wert des Fokus', async () => {
  const page = await oeffnen(context, '/karte?gebiet=05554');
  const ganz = await voll(page);
  assert.deepEqual(await rahmen(page), ganz);
  // Buttons: in and out around the middle, the level announced in the status.
  await page.getByRole('button', { name: 'Karte vergrößern' }).click();
  const rein = await rahmen(page);
  assert.ok(Math.abs(rein[2] - ganz[2] / 1.5) < 0.05, `${rein} aus ${ganz}`);
  assert.equal(await page.locator('.karte-stufe').innerText(), 'Vergrößerung: 150 %');
  await page.getByRole('button', { name: 'Karte verkleinern' }).click();
  assert.deepEqual(await rahmen(page), ganz);

  // Keyboard on the map: Tab to an area; its tooltip shows its accessible name.
  await page.locator('a.karte-ueberspringen').focus();
  await page.keyboard.press('Tab');
  const fokus = page.locator('svg.karte-svg a.einheit:focus');
  const name = await fokus.getAttribute('aria-label');
  const tipp = page.locator('figure.karte .karten-tipp');
  await tipp.waitFor();
  assert.equal(await tipp.innerText(), name);
  assert.equal(await tipp.getAttribute('aria-hidden'), 'true', 'Screenreader hören den Namen des Links');
  // At full size the arrows are the page's (nothing to move); + zooms, arrows move, 0 resets.
  await page.keyboard.press('ArrowRight');
  assert.deepEqual(await rahmen(page), ganz);
  await page.keyboard.press('+');
  await page.keyboard.press('+');
  const zwei = await rahmen(page);
  assert.ok(Math.abs(zwei[2] - ganz[2] / 2.25) < 0.05, `${zwei}`);
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowUp');
  const bewegt = await rahmen(page);
  assert.ok(bewegt[0] < zwei[0] && bewegt[1] < zwei[1], `${zwei} → ${bewegt}`);
  // Tab through all areas: each focused one is brought into the zoomed view.
  for (let i = 0; i < 16; i++) {
    await page.keyboard.press('Tab');
    const drin = await page.evaluate(() => {
      const a = document.activeElement;
      if (!a?.matches('a.einheit')) return true;
      const svg = a.closest('svg').getBoundingClientRect();
      const r = a.getBoundingClientRect();
      const x = r.left + r.width / 2, y = r.top + r.height / 2;
      return x >= svg.left - 1 && x <= svg.right + 1 && y >= svg.top - 1 && y <= svg.bottom + 1;
    });
    assert.ok(drin, `Fläche ${i + 2} liegt im Ausschnitt`);
  }
  await page.locator('svg.karte-svg a.einheit').first().focus();
  await page.keyboard.press('0');
  assert.deepEqual(await rahmen(page), ganz);
  await page.keyboard.press('Escape');
  await tipp.waitFor({ state: 'hidden' });
  assert.equal(page.url(), BASE + '/karte?gebiet=05554', 'keine Taste hat eine Fläche geöffnet');
  await barrierefrei(page, 'der gezoomten Karte');
  assert.deepEqual(page.fehler, []);
  await page.close();
});

test('Karte mit der Maus: Strg + Rad zoomt am Zeiger, Ziehen verschiebt ohne die Fläche zu öffnen; auch nach dem Wechsel des Maßes', async () => {
  const page = await oeffnen(context, '/karte');
  await zuDiensten(page);
  const ganz = await voll(page);
  const mitte = await kartenMitte(page);
  await page.mouse.move(mitte.x, mitte.y);
  await page.keyboard.down('Control');
  await page.mouse.wheel(0, -400);
  await page.keyboard.up('Control');
  await page.waitForFunction((b) => document.querySelector('svg.karte-svg').getAttribute('viewBox') !== b, ganz.join(' '));
  const gezoomt = await rahmen(page);
  assert.ok(gezoomt[2] < ganz[2], `${gezoomt}`);
  assert.ok(await page.locator('figure.karte.gezoomt').count() === 1);
  // Without Ctrl the wheel scrolls the page, the map stays.
  await page.mouse.wheel(0, 100);
  assert.deepEqual(await rahmen(page), gezoomt);
  // Drag from an area: the view moves, the area does not open.
  const adresse = page.url();
  const start = await kartenMitte(page);
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  await page.mouse.move(start.x + 60, start.y + 30, { steps: 6 });
  await page.mouse.up();
  const gezogen = await rahmen(page);
  assert.ok(gezogen[0] < gezoomt[0] || gezogen[1] < gezoomt[1], `${gezoomt} → ${gezogen}`);
  assert.equal(page.url(), adresse, 'das Ziehen hat keine Fläche geöffnet');
  // A plain click still opens the area.
  await page.locator('.karte-zoom button[data-karte="ganz"]').click();
  assert.deepEqual(await rahmen(page), ganz);
  await flaeche(page, '05554').click();
  await page.waitForURL(/gebiet=05554/);
  assert.deepEqual(page.fehler, []);
  await page.close();
});

test('Karte auf dem Telefon (360 px, Touch): zwei Finger zoomen, einer verschiebt die gezoomte Karte', async () => {
  const telefon = await browser.newContext({ viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true });
  const page = await oeffnen(telefon, '/karte?gebiet=05554');
  const ganz = await voll(page);
  const cdp = await telefon.newCDPSession(page);
  const m = await kartenMitte(page);
  const beruehren = (type, punkte) => cdp.send('Input.dispatchTouchEvent', { type, touchPoints: punkte.map(([x, y], id) => ({ x, y, id })) });
  await beruehren('touchStart', [[m.x - 20, m.y], [m.x + 20, m.y]]);
  for (let d = 30; d <= 80; d += 10) await beruehren('touchMove', [[m.x - d, m.y], [m.x + d, m.y]]);
  await beruehren('touchEnd', []);
  const gezoomt = await rahmen(page);
  assert.ok(gezoomt[2] < ganz[2] / 2, `zwei Finger auseinander: ${ganz} → ${gezoomt}`);
  await beruehren('touchStart', [[m.x, m.y]]);
  for (let d = 10; d <= 60; d += 10) await beruehren('touchMove', [[m.x - d, m.y]]);
  await beruehren('touchEnd', []);
  const verschoben = await rahmen(page);
  assert.ok(verschoben[0] > gezoomt[0], `ein Finger nach links: ${gezoomt} → ${verschoben}`);
  assert.equal(page.url(), BASE + '/karte?gebiet=05554');
  assert.deepEqual(page.fehler, []);
  await telefon.close();
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

/** The bytes of a download. */
const inhalt = async (download) => readFile(await download.path());

test('Karte für eine Folie, nur per Tastatur: Borken öffnen, mit den mittleren Städten vergleichen, als PNG, SVG und CSV laden', async () => {
  const page = await oeffnen(context, '/karte');
  assert.equal(await page.locator('#karte-mass').inputValue(), 'anteil', 'Anteil mit Online-Dienst ist voreingestellt');
  // Tab from the skip link through the Kreise to Borken, Enter opens it.
  await page.locator('a.karte-ueberspringen').focus();
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(() => document.activeElement?.getAttribute('data-schluessel')) === '05554') break;
  }
  await page.keyboard.press('Enter');
  await page.waitForURL(BASE + '/karte?gebiet=05554');
  // The comparison by type-ahead on the focused select: the view swaps without reload.
  await page.locator('#karte-klasse').focus();
  await page.keyboard.type('Mi');
  await page.waitForURL(/gebiet=05554&klasse=mittel/);
  await page.locator('svg.karte-svg a.ausgegraut').first().waitFor();

  // SVG: a link; the file is a well-formed SVG with the view's areas, legend and attribution.
  const svgLink = page.getByRole('link', { name: 'Karte als SVG' });
  await svgLink.focus();
  const [svgDatei] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  assert.equal(svgDatei.suggestedFilename(), 'ozg-atlas-karte-gebiet-05554-klasse-mittel.svg');
  const svg = (await inhalt(svgDatei)).toString('utf8');
  const geprueft = await page.evaluate((text) => {
    const d = new DOMParser().parseFromString(text, 'image/svg+xml');
    return { fehler: d.querySelector('parsererror') !== null, flaechen: d.querySelectorAll('path > title').length, text: d.documentElement.textContent };
  }, svg);
  assert.equal(geprueft.fehler, false, 'das SVG ist wohlgeformt');
  assert.equal(geprueft.flaechen, 17);
  assert.match(geprueft.text, /Nur gleiche Größenklasse verglichen: Mittlere kreisangehörige Stadt/);
  assert.match(geprueft.text, /© GeoBasis-DE \/ BKG 2016/);

  // PNG: the next stop in the tab order, drawn in the browser at twice the SVG's size.
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.textContent?.trim()), 'Karte als PNG');
  const [pngDatei] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  assert.equal(pngDatei.suggestedFilename(), 'ozg-atlas-karte-gebiet-05554-klasse-mittel.png');
  const png = await inhalt(pngDatei);
  assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'eine PNG-Datei');
  assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [3200, 2000], 'Breite und Höhe');
  assert.ok(png.length > 30_000, `das PNG hat Inhalt (${png.length} Bytes)`);
  await page.locator('p.png-meldung', { hasText: 'wurde erstellt' }).waitFor();

  // CSV: the numbers of the same view, with the attribution below.
  await page.keyboard.press('Tab');
  const [csvDatei] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  const csv = (await inhalt(csvDatei)).toString('utf8');
  assert.match(csv, /^\uFEFFAGS;Gemeinde;Kreis;Größenklasse;/);
  assert.match(csv, /\n05554004;Ahaus, Stadt;Borken;Mittlere kreisangehörige Stadt;/);
  assert.match(csv, /© GeoBasis-DE \/ BKG/);
  assert.deepEqual(page.fehler, []);
  await page.close();
});

test('Karte herunterladen mit der Maus, auch nach dem Wechsel der Ansicht ohne Neuladen', async () => {
  const page = await oeffnen(context, '/karte?mass=dienstleister');
  await zuDiensten(page);
  const [png] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Karte als PNG' }).click()]);
  assert.equal(png.suggestedFilename(), 'ozg-atlas-karte-mass-dienste.png');
  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Zahlen als CSV' }).click()]);
  const zeilen = (await inhalt(csv)).toString('utf8').split('\n').filter((z) => /^05\d{3};/.test(z));
  assert.equal(zeilen.length, 53, 'eine Zeile je Kreis');
  assert.deepEqual(page.fehler, []);
  await page.close();
});

test('Kommunenseite: die Karte ihres Kreises, die Kommune hervorgehoben, der Weg zur NRW-Karte', async () => {
  const page = await oeffnen(schmal, '/kommunen/05554004');
  const karte = page.locator('section.kommune-karte');
  await karte.locator('svg.karte-svg').waitFor();
  assert.equal(await karte.locator('a.einheit').count(), 17);
  assert.equal(await karte.locator('a.markiert').getAttribute('data-schluessel'), '05554004');
  assert.match(await karte.locator('.legende').innerText(), /Wie gezählt wird/);
  const breite = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(breite <= 320, `die Seite ist bei 320 px ${breite} px breit`);
  await karte.getByRole('link', { name: /Auf der NRW-Karte öffnen/ }).tap();
  await page.waitForURL(BASE + '/karte?gebiet=05554&markiert=05554004');
  await page.locator('#karten-tabelle tr.markiert').waitFor();
  assert.deepEqual(page.fehler, []);
  await page.close();
});

test('Seite eines Online-Dienstes: die Karte, wo er in Betrieb ist, weiter zu den Gemeinden; axe bei 1280 und 320 px', async () => {
  // The real data's services are the Land's (WSP.NRW, reach "Land", live): in every Gemeinde.
  const antwort = await (await fetch(BASE + '/api/v1/onlinedienste?limit=100')).json();
  const dienst = antwort.daten.find((d) => d.status === 'live');
  assert.ok(dienst, 'ein Dienst in den Daten');
  for (const ctx of [context, schmal]) {
    const page = await oeffnen(ctx, `/loesungen/${dienst.id}`);
    const karte = page.locator('section.dienst-karte');
    await karte.locator('svg.karte-svg').waitFor();
    assert.equal(await karte.locator('a.einheit').count(), 53);
    assert.match(await karte.locator('a[data-schluessel="05554"]').getAttribute('aria-label'), /^Borken: 17 von 17 Gemeinden in Betrieb$/);
    assert.match(await karte.locator('p.hinweis').innerText(), /gilt in allen Gemeinden/);
    await barrierefrei(page, `Dienstseite ${dienst.id}`);
    await page.close();
  }
  const page = await oeffnen(context, `/loesungen/${dienst.id}`);
  await page.locator('section.dienst-karte').getByRole('link', { name: /Die Gemeinden auf der NRW-Karte/ }).click();
  await page.waitForURL(`${BASE}/karte?dienst=${dienst.id}&teilung=gemeinden`);
  assert.equal(await page.locator('svg.karte-svg a.einheit').count(), 396);
  assert.equal(await page.locator('#karte-mass').inputValue(), 'nutzung');
  // Choosing another measure leaves the service's map without reload.
  await page.selectOption('#karte-mass', 'dienste');
  await page.waitForURL((u) => u.search.includes('mass=dienste') && !u.search.includes('dienst='));
  assert.deepEqual(page.fehler, []);
  await page.close();
});
