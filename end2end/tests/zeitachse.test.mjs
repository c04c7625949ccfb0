// Roadmap timeline: coordinators drag phases with the mouse or move them with the keyboard; every
// other open timeline, table and presenter view follows without reload; stale edits and order
// violations are refused with a message and change nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { browserStarten, oeffnen, anmelden, barrierefrei, KONTEN } from './helfer.mjs';

let browser;
before(async () => { browser = await browserStarten(); });
after(async () => { await browser?.close(); });

const balken = (page, projekt, phase) =>
  page.locator('li.gantt-zeile', { has: page.getByRole('link', { name: projekt, exact: true }) }).locator(`[data-phase="${phase}"]`).first();

/** Waits until the bar of a project's phase carries this accessible name (e.g. after a live update). */
async function warteAufLabel(page, projekt, phase, label) {
  await page.waitForFunction(
    ([projekt, phase, label]) =>
      [...document.querySelectorAll('li.gantt-zeile')]
        .filter((li) => li.querySelector('.gantt-name a')?.textContent === projekt)
        .some((li) => li.querySelector(`[data-phase="${phase}"]`)?.getAttribute('aria-label') === label),
    [projekt, phase, label],
    { timeout: 5000 },
  );
}

/** The cell of the roadmap table as the server renders it now (i.e. what is in the database). */
async function tabellenzelle(context, projekt, spalte) {
  const page = await context.newPage();
  await page.goto(`${process.env.BASE_URL}/roadmap`);
  const kopf = await page.$$eval('table.roadmap-tabelle thead th', (ths) => ths.map((t) => t.innerText.replace(/[▲▼]/g, '').trim()));
  const i = kopf.indexOf(spalte);
  assert.ok(i >= 0, `Spalte ${spalte} fehlt: ${kopf}`);
  const text = await page.locator('table.roadmap-tabelle tbody tr', { has: page.getByRole('link', { name: projekt, exact: true }) })
    .locator('th, td').nth(i).innerText();
  await page.close();
  return text.trim();
}

/** Drags the element by dx pixels as a user does: press, move in steps, release. */
async function ziehen(page, locator, dx, wo = 'mitte') {
  await locator.scrollIntoViewIfNeeded();
  const box = await locator.boundingBox();
  const x = wo === 'ende' ? box.x + box.width - 3 : box.x + box.width / 2;
  const y = box.y + box.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  for (let i = 1; i <= 8; i++) await page.mouse.move(x + (dx * i) / 8, y);
  return async () => page.mouse.up();
}

test('Maus: Phase ziehen speichert; andere Zeitachse, Tabelle und Präsentation folgen ohne Neuladen', async () => {
  const zuschauer = await browser.newContext();
  const andere = await oeffnen(zuschauer, '/roadmap/zeitachse?zoom=monat');
  const tabelle = await oeffnen(zuschauer, '/roadmap');
  const buehne = await oeffnen(zuschauer, '/roadmap/praesentation?zoom=jahr');
  await andere.getByText('Live: Änderungen erscheinen sofort.').waitFor();
  await buehne.getByText('Live: Änderungen erscheinen sofort.').waitFor();
  await tabelle.getByText('Live: Änderungen erscheinen sofort.').waitFor();
  assert.equal(await balken(andere, 'Reitkennzeichen', 'konzeption').getAttribute('role'), 'img', 'read-only without login');

  const context = await browser.newContext();
  const page = await anmelden(context, KONTEN.koordination, '/roadmap/zeitachse?zoom=monat');
  const bar = balken(page, 'Reitkennzeichen', 'konzeption');
  assert.equal(await bar.getAttribute('aria-label'), 'Konzeption: April 2020 bis Juli 2020');
  const loslassen = await ziehen(page, bar, 80); // 40 px per month
  // While dragging, the tooltip shows the dates the drop would save.
  await bar.getByRole('tooltip').filter({ hasText: 'Konzeption: Juni 2020 bis September 2020' }).waitFor();
  await loslassen();
  await page.getByRole('status').filter({ hasText: 'Gespeichert – Konzeption: Juni 2020 bis September 2020.' }).waitFor();

  assert.equal(await tabellenzelle(context, 'Reitkennzeichen', 'Konzeption'), 'Juni 2020');
  assert.equal(await tabellenzelle(context, 'Reitkennzeichen', 'Umsetzung'), 'September 2020');
  // The others, without reload.
  await warteAufLabel(andere, 'Reitkennzeichen', 'konzeption', 'Konzeption: Juni 2020 bis September 2020');
  await andere.getByRole('status').filter({ hasText: 'Erika Koordination hat „Reitkennzeichen“ geändert.' }).waitFor();
  await warteAufLabel(buehne, 'Reitkennzeichen', 'umsetzung', 'Umsetzung: September 2020 bis Juni 2021');
  await tabelle.locator('table.roadmap-tabelle tr', { hasText: 'Reitkennzeichen' }).getByText('Juni 2020').waitFor();
  for (const p of [page, andere, tabelle, buehne]) assert.deepEqual(p.fehler, []);
  await context.close();
  await zuschauer.close();
});

test('Tastatur: Pfeile verschieben, Umschalt+Pfeil nur das Ende, Eingabe speichert, Escape verwirft', async () => {
  const context = await browser.newContext();
  const page = await anmelden(context, KONTEN.koordination, '/roadmap/zeitachse');
  const bar = balken(page, 'Geringverdiener & Seniorenpass', 'konzeption');
  assert.equal(await bar.getAttribute('aria-label'), 'Konzeption: Januar 2021 bis April 2021');
  await bar.focus();
  await page.keyboard.press('ArrowRight');
  await page.getByRole('status').filter({ hasText: 'Konzeption: Februar 2021 bis Mai 2021 (nicht gespeichert).' }).waitFor();
  await page.keyboard.press('Escape');
  await page.getByRole('status').filter({ hasText: 'Verschiebung verworfen.' }).waitFor();
  assert.equal(await bar.getAttribute('aria-label'), 'Konzeption: Januar 2021 bis April 2021');

  await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press('Shift+ArrowRight');
  await page.getByRole('status').filter({ hasText: 'Konzeption: Januar 2021 bis Juni 2021 (nicht gespeichert).' }).waitFor();
  await page.keyboard.press('Enter');
  await page.getByRole('status').filter({ hasText: 'Gespeichert – Konzeption: Januar 2021 bis Juni 2021.' }).waitFor();
  assert.equal(await tabellenzelle(context, 'Geringverdiener & Seniorenpass', 'Konzeption'), 'Januar 2021');
  assert.equal(await tabellenzelle(context, 'Geringverdiener & Seniorenpass', 'Umsetzung'), 'Juni 2021');

  // Undo of one's own last change.
  await page.getByRole('button', { name: 'Letzte Änderung rückgängig machen' }).click();
  await page.getByRole('status').filter({ hasText: 'Rückgängig gemacht: „Geringverdiener & Seniorenpass“ hat wieder die vorherigen Monate.' }).waitFor();
  await warteAufLabel(page, 'Geringverdiener & Seniorenpass', 'konzeption', 'Konzeption: Januar 2021 bis April 2021');
  assert.equal(await tabellenzelle(context, 'Geringverdiener & Seniorenpass', 'Umsetzung'), 'April 2021');

  // Ctrl+arrow: the start alone (the previous phase ends with it); undone again.
  await bar.focus();
  await page.keyboard.press('Control+ArrowRight');
  await page.getByRole('status').filter({ hasText: 'Konzeption: Februar 2021 bis April 2021 (nicht gespeichert).' }).waitFor();
  await page.keyboard.press('Enter');
  await page.getByRole('status').filter({ hasText: 'Gespeichert – Konzeption: Februar 2021 bis April 2021.' }).waitFor();
  assert.equal(await tabellenzelle(context, 'Geringverdiener & Seniorenpass', 'Konzeption'), 'Februar 2021');
  assert.equal(await tabellenzelle(context, 'Geringverdiener & Seniorenpass', 'Umsetzung'), 'April 2021');
  await page.getByRole('button', { name: 'Letzte Änderung rückgängig machen' }).click();
  await warteAufLabel(page, 'Geringverdiener & Seniorenpass', 'konzeption', 'Konzeption: Januar 2021 bis April 2021');
  assert.deepEqual(page.fehler, []);
  await context.close();
});

/** Drags with a finger: Chromium's touch input (CDP), which the page receives as pointer events
 * of type "touch" – as on a phone or tablet. */
async function wischen(page, locator, dx) {
  await locator.scrollIntoViewIfNeeded();
  // A point where the finger really lands on the bar's body (not on a grip, not under the sticky
  // name column, inside a narrow viewport): the first such point from the bar's middle outwards.
  const { x, y } = await locator.evaluate((el) => {
    const r = el.getBoundingClientRect();
    const links = Math.max(r.left, 0);
    const rechts = Math.min(r.right, window.innerWidth);
    const y = r.top + r.height / 2;
    const mitte = (links + rechts) / 2;
    for (let d = 0; d < (rechts - links) / 2; d += 4) {
      for (const x of [mitte - d, mitte + d]) {
        if (document.elementFromPoint(x, y) === el) return { x, y };
      }
    }
    throw new Error(`Balken nicht erreichbar: ${JSON.stringify(r)}`);
  });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x, y }] });
  for (let i = 1; i <= 8; i++) {
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x: x + (dx * i) / 8, y }] });
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await cdp.detach();
}

for (const [geraet, viewport] of [['Telefon, 360 px', { width: 360, height: 740 }], ['Tablet', { width: 1024, height: 768 }]]) {
  test(`Touch (${geraet}): eine Phase mit dem Finger ziehen speichert; die Seite scrollt dabei nicht`, async () => {
    const context = await browser.newContext({ viewport, hasTouch: true, isMobile: geraet.startsWith('Telefon') });
    const page = await anmelden(context, KONTEN.koordination, '/roadmap/zeitachse?zoom=monat');
    const bar = balken(page, 'Reitkennzeichen', 'umsetzung');
    const vorher = await bar.getAttribute('aria-label');
    await bar.scrollIntoViewIfNeeded();
    // Where the page and every scrolling box around the bar stand.
    const lage = () => bar.evaluate((el) => {
      const l = [window.scrollX, window.scrollY];
      for (let e = el.parentElement; e; e = e.parentElement) l.push(e.scrollLeft, e.scrollTop);
      return l;
    });
    const scroll = await lage();
    await wischen(page, bar, 80); // 40 px per month: two months later
    const status = page.getByRole('status').filter({ hasText: /^Gespeichert – Umsetzung: / });
    await status.waitFor();
    const nachher = await bar.getAttribute('aria-label');
    assert.notEqual(nachher, vorher);
    assert.equal(await status.innerText(), `Gespeichert – ${nachher}.`);
    assert.deepEqual(await lage(), scroll, 'the finger moved the bar, not the page');
    await page.getByRole('button', { name: 'Letzte Änderung rückgängig machen' }).click();
    await warteAufLabel(page, 'Reitkennzeichen', 'umsetzung', vorher);
    assert.deepEqual(page.fehler, []);
    await context.close();
  });
}

test('Reihenfolge verletzt: abgewiesen mit Meldung, der Meilenstein springt zurück, nichts geändert', async () => {
  const context = await browser.newContext();
  const page = await anmelden(context, KONTEN.koordination, '/roadmap/zeitachse?zoom=monat');
  const ms = balken(page, 'Urkundenausgabe', 'inbetriebnahme');
  assert.equal(await ms.getAttribute('aria-label'), 'Inbetriebnahme NRW: Juni 2021');
  const loslassen = await ziehen(page, ms, -120);
  await loslassen();
  await page.getByRole('alert').filter({
    hasText: 'Nicht gespeichert: Inbetriebnahme NRW (März 2021) darf nicht vor Umsetzung (April 2021) beginnen.',
  }).waitFor();
  await warteAufLabel(page, 'Urkundenausgabe', 'inbetriebnahme', 'Inbetriebnahme NRW: Juni 2021');
  assert.equal(await tabellenzelle(context, 'Urkundenausgabe', 'Inbetriebnahme NRW'), 'Juni 2021');
  await context.close();
});

test('Veraltete Fassung: 409 mit Namen, die Zeitachse zeigt danach den aktuellen Stand', async () => {
  // A's page gets no live events (as if its connection had dropped), so it edits a stale version.
  const a = await browser.newContext();
  const seiteA = await anmelden(a, KONTEN.koordination, '/roadmap/zeitachse');
  await seiteA.route('**/live/ereignisse', (r) => r.abort());
  await seiteA.reload();
  await seiteA.waitForSelector('html[data-hydriert="ja"]');
  const b = await browser.newContext();
  const seiteB = await anmelden(b, KONTEN.koordination, '/roadmap/zeitachse');
  const barB = balken(seiteB, 'Altlasten & Bodenschutzkataster', 'umsetzung');
  await barB.focus();
  await seiteB.keyboard.press('ArrowRight');
  await seiteB.keyboard.press('Enter');
  await seiteB.getByRole('status').filter({ hasText: 'Gespeichert – Umsetzung: Februar 2021 bis August 2021.' }).waitFor();

  const barA = balken(seiteA, 'Altlasten & Bodenschutzkataster', 'umsetzung');
  assert.equal(await barA.getAttribute('aria-label'), 'Umsetzung: Januar 2021 bis Juli 2021', 'A still shows the old version');
  await barA.focus();
  await seiteA.keyboard.press('Shift+ArrowLeft');
  await seiteA.keyboard.press('Enter');
  await seiteA.getByRole('alert').filter({ hasText: /wurde inzwischen von Erika Koordination .* geändert/ }).waitFor();
  await warteAufLabel(seiteA, 'Altlasten & Bodenschutzkataster', 'umsetzung', 'Umsetzung: Februar 2021 bis August 2021');
  assert.equal(await tabellenzelle(a, 'Altlasten & Bodenschutzkataster', 'Inbetriebnahme NRW'), 'August 2021');
  await a.close();
  await b.close();
});

test('Barrierefreiheit: Zeitachse (öffentlich und bearbeitbar) und Präsentation', async () => {
  const anonym = await browser.newContext();
  await barrierefrei(await oeffnen(anonym, '/roadmap/zeitachse?gruppe=themenfeld'), 'Zeitachse, gruppiert');
  await barrierefrei(await oeffnen(anonym, '/roadmap/praesentation?tf=13&zoom=monat'), 'Präsentation');
  const context = await browser.newContext();
  const page = await anmelden(context, KONTEN.koordination, '/roadmap/zeitachse?zoom=jahr');
  await balken(page, 'Einbürgerung', 'umsetzung').focus();
  await page.keyboard.press('ArrowLeft');
  await barrierefrei(page, 'Zeitachse mit Entwurf');
  await page.keyboard.press('Escape');
  await anonym.close();
  await context.close();
});
