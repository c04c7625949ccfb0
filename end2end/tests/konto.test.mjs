// Accounts and roles in the browser: login, editing with field errors and the audit log,
// logout; the Kommune edits its contact persons; the admin creates an account.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { browserStarten, oeffnen, anmelden, barrierefrei, KONTEN } from './helfer.mjs';

let browser;
before(async () => { browser = await browserStarten(); });
after(async () => { await browser?.close(); });

test('Falsches Passwort: Meldung verrät nicht, ob das Konto existiert', async () => {
  const context = await browser.newContext();
  const page = await oeffnen(context, '/anmelden');
  await page.getByLabel('E-Mail-Adresse').fill('niemand@e2e.test');
  await page.getByLabel('Passwort').fill('ganz sicher falsch');
  await page.getByRole('button', { name: 'Anmelden' }).click();
  await page.getByRole('alert').filter({ hasText: 'E-Mail-Adresse oder Passwort ist falsch.' }).waitFor();
  // Empty fields: the message is at the field, and the field says so to screen readers.
  await page.getByLabel('E-Mail-Adresse').fill('');
  await page.getByLabel('Passwort').fill('');
  await page.getByRole('button', { name: 'Anmelden' }).click();
  await page.getByText('Bitte geben Sie Ihre E-Mail-Adresse ein.').waitFor();
  assert.equal(await page.getByLabel('E-Mail-Adresse').getAttribute('aria-invalid'), 'true');
  await barrierefrei(page, '/anmelden mit Fehlermeldungen');
  assert.deepEqual(page.fehler, []);
  await context.close();
});

test('Koordination: anmelden, Feld bearbeiten, Fehler am Feld, Eintrag im Protokoll, abmelden', async () => {
  const context = await browser.newContext();
  const page = await anmelden(context, KONTEN.koordination, '/themenfelder/bildung');
  // Logged in, the coordinator's contact data is visible.
  await page.getByText('Wiebke.Borchert@kdn.de').first().waitFor();

  await page.getByRole('button', { name: 'Koordination bearbeiten' }).click();
  const koordination = page.getByLabel('Themenfeld-Koordination');
  await koordination.waitFor();
  await page.getByText('Labore bearbeiten').click();
  await page.getByRole('button', { name: 'Labor anlegen' }).waitFor();
  await barrierefrei(page, 'Themenfeld mit offenen Bearbeitungsformularen');

  // Too long: German message at the field, nothing saved.
  await page.getByLabel('Themenfeld-Koordination').fill('x'.repeat(201));
  await page.getByRole('button', { name: 'Speichern', exact: true }).click();
  await page.getByText('Themenfeld-Koordination: höchstens 200 Zeichen.').waitFor();
  assert.equal(await page.getByLabel('Themenfeld-Koordination').getAttribute('aria-invalid'), 'true');

  const vertretung = `Wiebke Borchert (Vertretung ${Date.now()})`;
  await koordination.fill(vertretung);
  await page.getByRole('button', { name: 'Speichern', exact: true }).click();
  await page.getByRole('status').filter({ hasText: 'Änderungen gespeichert.' }).waitFor();
  await page.locator('dl.steckbrief').getByText(vertretung, { exact: false }).waitFor();
  // The audit log of the record shows who changed what, old and new.
  const zeile = page.locator('table.protokoll tbody tr', { hasText: vertretung });
  await zeile.waitFor();
  assert.match(await zeile.innerText(), /koordination@e2e\.test[\s\S]*koordination/);

  // The whole log too.
  const log = await oeffnen(context, '/protokoll?art=themenfeld');
  await log.locator('table.protokoll tbody tr', { hasText: vertretung }).first().waitFor();
  await barrierefrei(log, '/protokoll');

  // Back to the name of the slides (other tests show her contact data by it).
  await page.bringToFront();
  await page.getByRole('button', { name: 'Koordination bearbeiten' }).click();
  await page.getByLabel('Themenfeld-Koordination').fill('Wiebke Borchert');
  await page.getByRole('button', { name: 'Speichern', exact: true }).click();
  await page.waitForFunction(() => !document.querySelector('dl.steckbrief').innerText.includes('Vertretung'));

  // Logout: the edit control is gone, contact data too.
  await page.bringToFront();
  await page.getByRole('button', { name: 'Abmelden' }).click();
  await page.getByRole('link', { name: 'Anmelden' }).waitFor();
  await page.waitForSelector('html[data-hydriert="ja"]');
  assert.equal(await page.getByRole('button', { name: 'Koordination bearbeiten' }).count(), 0);
  assert.equal(await page.getByText('Wiebke.Borchert@kdn.de').count(), 0);
  assert.equal(await page.locator('table.protokoll').count(), 0);
  // And the audit log is closed to the public.
  const zu = await oeffnen(context, '/protokoll');
  await zu.getByText('Bitte melden Sie sich an').waitFor();
  assert.deepEqual([...page.fehler, ...log.fehler], []);
  await context.close();
});

test('Kommune: Ansprechperson mit falscher Telefonnummer, korrigieren, erscheint in der Liste', async () => {
  const context = await browser.newContext();
  const page = await anmelden(context, KONTEN.kommune, '/kommunen/05554004');
  await page.getByText('Ansprechperson hinzufügen').click();
  const name = `Anna Muster ${Date.now()}`;
  await page.locator('#neu-name').fill(name);
  await page.locator('#neu-funktion').fill('OZG-Koordination');
  await page.locator('#neu-telefon').fill('ruf mich an');
  await page.getByRole('button', { name: 'Hinzufügen' }).click();
  await page.getByText('„ruf mich an“ ist keine Telefonnummer').waitFor();
  assert.equal(await page.locator('#neu-telefon').getAttribute('aria-invalid'), 'true');
  await page.locator('#neu-telefon').fill('02561 72-0');
  await page.getByRole('button', { name: 'Hinzufügen' }).click();
  await page.locator('li.person', { hasText: name }).waitFor();
  assert.match(await page.locator('li.person', { hasText: name }).innerText(), /02561 72-0/);
  await barrierefrei(page, '/kommunen/05554004 angemeldet');

  // Another Kommune's page offers no edit controls to Ahaus' staff.
  const bocholt = await oeffnen(context, '/kommunen/05554008');
  await bocholt.getByRole('heading', { name: 'Ansprechpersonen' }).waitFor();
  assert.equal(await bocholt.getByText('Ansprechperson hinzufügen').count(), 0);
  assert.deepEqual(page.fehler, []);
  await context.close();
});

test('Administration: Konto anlegen mit Fehler am Feld, dann in der Liste', async () => {
  const context = await browser.newContext();
  const page = await anmelden(context, KONTEN.admin, '/verwaltung/benutzer');
  const email = `neu${Date.now()}@e2e.test`;
  await page.locator('#neu-email').fill(email);
  await page.locator('#neu-name').fill('Neue Person');
  await page.locator('#neu-rolle').selectOption('kommune');
  await page.locator('#neu-kommune').fill('');
  await page.locator('#neu-passwort').fill('zu kurz');
  await page.getByRole('button', { name: 'Konto anlegen' }).click();
  await page.getByText('Das Passwort muss mindestens 12 Zeichen lang sein.').waitFor();
  await page.getByText('braucht den Gemeindeschlüssel').waitFor();
  await page.locator('#neu-kommune').fill('05554008');
  await page.locator('#neu-passwort').fill('ein ausreichend langes Passwort');
  await page.getByRole('button', { name: 'Konto anlegen' }).click();
  await page.locator('li.konto', { hasText: email }).waitFor();
  assert.match(await page.locator('li.konto', { hasText: email }).innerText(), /Bocholt/);
  await barrierefrei(page, '/verwaltung/benutzer');
  const konto = await oeffnen(context, '/konto');
  await konto.getByRole('heading', { name: 'Passwort ändern' }).waitFor();
  await barrierefrei(konto, '/konto');
  assert.deepEqual([...page.fehler, ...konto.fehler], []);
  await context.close();
});
