import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { browserStarten, oeffnen, barrierefrei } from './helfer.mjs';

let browser, context, schmal;
before(async () => {
  browser = await browserStarten();
  context = await browser.newContext();
  // WCAG 1.4.10 Reflow: 320 CSS px wide, as a 1280 px screen at 400 % zoom.
  schmal = await browser.newContext({ viewport: { width: 320, height: 640 } });
});
after(async () => { await browser?.close(); });

const SEITEN = [
  '/',
  '/landkarte',
  '/landkarte?mass=leika',
  '/landkarte?mass=online',
  '/karte',
  '/karte?mass=dienstleister&teilung=gemeinden',
  '/karte?gebiet=05554&klasse=mittel&markiert=05554004',
  '/themenfelder/bauen-wohnen',
  '/themenfelder/basisdienste',
  '/leistungen',
  '/leistungen?tf=2&q=bau&nicht_prio=1&prio=3',
  '/leistungen/10513',
  '/leika',
  '/leika?sg=fehlt',
  '/kommunen',
  '/kommunen/05554004',
  '/kommunen/05554004?ansicht=dienste',
  '/loesungen',
  '/loesungen?tf=5&nicht_tf=1&reife=-',
  '/loesungen/kennzahlen',
  '/steckbriefe',
  '/kreise',
  '/kreise/05554',
  '/dienstleister',
  '/quellen',
  '/roadmap',
  '/roadmap?tf=13&sort=umsetzung&ab=1',
  '/roadmap/zeitachse',
  '/impressum',
  '/datenschutz',
  '/barrierefreiheit',
  '/gibt-es-nicht',
];

for (const pfad of SEITEN) {
  test(`axe-core: keine WCAG-2.1-AA-Verstöße auf ${pfad}`, async () => {
    const page = await oeffnen(context, pfad);
    await barrierefrei(page, pfad);
    await page.close();
  });
}

for (const pfad of SEITEN) {
  test(`320 px: ${pfad} ohne seitliches Scrollen, axe-core ohne Verstöße`, async () => {
    const page = await oeffnen(schmal, pfad);
    const breite = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(breite <= 320, `${pfad} ist bei 320 px ${breite} px breit`);
    await barrierefrei(page, `${pfad} bei 320 px`);
    await page.close();
  });
}
