// The documentation page of the open API: no script runs and nothing is blocked by its policy;
// reached by keyboard, an example opens its JSON; axe-core at 1280 and 320 px.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { browserStarten, barrierefrei, BASE } from './helfer.mjs';

let browser;
before(async () => { browser = await browserStarten(); });
after(async () => { await browser?.close(); });

test('Schnittstelle: Dokumentation per Tastatur, Beispiel liefert JSON; axe', async () => {
  const kontext = await browser.newContext();
  const seite = await kontext.newPage();
  const fehler = [];
  seite.on('pageerror', (e) => fehler.push(e.message));
  seite.on('console', (m) => { if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) fehler.push(m.text()); });
  await seite.goto(`${BASE}/api/v1/doku`);
  await seite.getByRole('heading', { level: 1, name: /Offene Schnittstelle/ }).waitFor();
  await seite.getByRole('heading', { name: 'GET /api/v1/kommunen', exact: true }).waitFor();
  await seite.getByRole('table', { name: 'Parameter von /api/v1/kommunen' }).waitFor();
  await barrierefrei(seite, '/api/v1/doku');

  // Tab to the Kommunen example and follow it with Enter.
  const ziel = seite.getByRole('link', { name: '/api/v1/kommunen?sort=-einwohner&limit=10' });
  let gefunden = false;
  for (let i = 0; i < 200 && !gefunden; i++) {
    await seite.keyboard.press('Tab');
    gefunden = await ziel.evaluate((a) => a === document.activeElement);
  }
  assert.ok(gefunden, 'Beispiel per Tab erreichbar');
  await Promise.all([seite.waitForURL(/\/api\/v1\/kommunen\?/), seite.keyboard.press('Enter')]);
  const daten = JSON.parse(await seite.locator('body').innerText());
  assert.equal(daten.daten.length, 10);
  assert.equal(daten.daten[0].name, 'Köln, Stadt');
  assert.deepEqual(fehler, [], `Fehler der Seite: ${fehler.join('\n')}`);
  await kontext.close();
});
