import { test, before, after } from 'node:test';
import { browserStarten, oeffnen, barrierefrei } from './helfer.mjs';

let browser, context;
before(async () => { browser = await browserStarten(); context = await browser.newContext(); });
after(async () => { await browser?.close(); });

const SEITEN = [
  '/',
  '/landkarte',
  '/landkarte?mass=leika',
  '/landkarte?mass=online',
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
  '/gibt-es-nicht',
];

for (const pfad of SEITEN) {
  test(`axe-core: keine WCAG-2.1-AA-Verstöße auf ${pfad}`, async () => {
    const page = await oeffnen(context, pfad);
    await barrierefrei(page, pfad);
    await page.close();
  });
}
