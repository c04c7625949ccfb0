// Linkprüfung in the browser: the coordination delivers a service page for Heek whose address
// answers 404 (a server of this test on this machine), the checker runs twice (a first failure
// counts only when confirmed), and the header link "Linkprüfung" leads to the list of broken
// addresses: Heek, the address, HTTP 404. The history opens by keyboard, with both checks. The
// Lösungsdatenbank has the facet "Adresse erreichbar". The public gets no list. axe-core at 1280
// and 320 px.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import http from 'node:http';
import { browserStarten, oeffnen, anmelden, barrierefrei, bereit, trefferzahl, KONTEN } from './helfer.mjs';

let browser;
let ziel;
before(async () => {
  browser = await browserStarten();
  ziel = http.createServer((_, res) => { res.statusCode = 404; res.end('gibt es nicht'); });
  await new Promise((fertig) => ziel.listen(0, '127.0.0.1', fertig));
});
after(async () => { await browser?.close(); ziel?.close(); });

const datei = (name, text) => ({ name, mimeType: 'text/csv', buffer: Buffer.from(text, 'utf8') });

// Asynchronously: a synchronous call would block this process's own test server, and the check
// would see a time-out instead of the 404.
async function pruefen(url) {
  assert.ok(process.env.E2E_BIN && process.env.E2E_DB, 'E2E_BIN und E2E_DB aus scripts/e2e.sh');
  const { stdout } = await promisify(execFile)(process.env.E2E_BIN,
    ['--database-url', process.env.E2E_DB, 'links-pruefen', '--adresse', url, '--lokal-erlauben']);
  assert.match(stdout, /status: Some\(404\)/, stdout);
}

test('Linkprüfung: nicht erreichbare Seite einer Kommune, Verlauf per Tastatur, Facette; axe', async () => {
  const url = `http://127.0.0.1:${ziel.address().port}/serviceseite-testdaten`;
  const kdn = await browser.newContext();
  const page = await anmelden(kdn, KONTEN.koordination, '/kommunen/05554024');
  await page.getByLabel('Datei', { exact: true }).setInputFiles(datei('seiten.csv', `url;leika\n${url};99110009104000\n`));
  await page.getByRole('button', { name: 'Datei prüfen' }).click();
  await page.getByRole('button', { name: /Lieferung übernehmen/ }).click();
  await page.getByText(/^Übernommen: 1 Seite/).waitFor();
  await pruefen(url);
  await pruefen(url);

  await page.getByRole('link', { name: 'Linkprüfung', exact: true }).click();
  await page.waitForURL(/\/loesungen\/linkpruefung$/);
  await bereit(page);
  await page.getByRole('heading', { name: 'Linkprüfung: nicht erreichbare Adressen', level: 1 }).waitFor();
  const zeile = page.locator('tr', { hasText: url });
  await zeile.getByText('HTTP 404').waitFor();
  await zeile.getByRole('link', { name: 'Heek', exact: true }).waitFor();
  await barrierefrei(page, '/loesungen/linkpruefung');

  const verlauf = zeile.getByRole('link', { name: `Verlauf der Prüfungen von ${url}` });
  await verlauf.focus();
  await page.keyboard.press('Enter');
  await page.waitForURL(/verlauf=/);
  await bereit(page);
  const tabelle = page.locator('table', { has: page.locator('caption', { hasText: 'Die letzten Prüfungen' }) });
  await tabelle.waitFor();
  const pruefungen = await tabelle.locator('tbody tr').allInnerTexts();
  assert.equal(pruefungen.length, 2);
  assert.ok(pruefungen.every((z) => z.includes('nicht erreichbar (HTTP 404)')), pruefungen.join('\n'));
  await barrierefrei(page, 'Verlauf einer Adresse');
  assert.deepEqual(page.fehler, []);
  await kdn.close();

  // The public: the facet in the Lösungsdatenbank, by keyboard; the list only after login.
  const leser = await browser.newContext();
  const loesungen = await oeffnen(leser, '/loesungen');
  const facette = loesungen.locator('fieldset.facette', { has: loesungen.locator('legend', { hasText: 'Adresse erreichbar' }) });
  const offen = facette.getByRole('checkbox', { name: /noch nicht geprüft/ });
  await offen.focus();
  await loesungen.keyboard.press('Space');
  await loesungen.waitForURL(/[?&]erreichbar=offen/);
  assert.ok((await trefferzahl(loesungen)) > 0);
  await barrierefrei(loesungen, 'der Lösungsdatenbank nach Erreichbarkeit');
  const liste = await oeffnen(leser, '/loesungen/linkpruefung');
  await liste.getByText('Bitte melden Sie sich an').first().waitFor();
  assert.equal(await liste.locator('tr', { hasText: url }).count(), 0);
  await leser.close();
});
