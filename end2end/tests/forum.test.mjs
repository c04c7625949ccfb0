// The forum in the browser: closed to the public (a login hint instead), a Kommune's staff
// member opens a thread by keyboard, the coordination has it open in a second browser and sees
// the reply arrive live, marked "Neu", announced without taking focus; axe-core at 1280 and
// 320 px on every page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { browserStarten, oeffnen, anmelden, barrierefrei, bereit, KONTEN } from './helfer.mjs';

let browser;
before(async () => { browser = await browserStarten(); });
after(async () => { await browser?.close(); });

test('Forum: öffentlich nur der Hinweis; Thema per Tastatur; Antwort erscheint live beim anderen; axe', async () => {
  const leser = await browser.newContext();
  const oeffentlich = await oeffnen(leser, '/forum');
  await oeffentlich.getByRole('link', { name: 'Zur Anmeldung' }).waitFor();
  await barrierefrei(oeffentlich, '/forum öffentlich');
  await leser.close();

  const kommune = await browser.newContext();
  const uebersicht = await anmelden(kommune, KONTEN.kommune, '/forum');
  await uebersicht.getByRole('link', { name: 'Allgemeines und Themenübergreifendes' }).click();
  await uebersicht.waitForURL(/\/forum\/allgemein$/);
  await bereit(uebersicht);
  await barrierefrei(uebersicht, '/forum/allgemein');
  const betreff = `Austausch zu Referenzimplementierungen ${Date.now()}`;
  const feld = uebersicht.getByRole('textbox', { name: 'Betreff', exact: true });
  await feld.focus();
  await uebersicht.keyboard.type(betreff);
  await uebersicht.keyboard.press('Tab');
  await uebersicht.keyboard.type('Wer pilotiert **schon**? Siehe [Roadmap](/roadmap).');
  await uebersicht.getByRole('button', { name: 'Thema eröffnen' }).focus();
  await uebersicht.keyboard.press('Enter');
  await uebersicht.waitForURL(/\/forum\/thema\/\d+$/);
  await bereit(uebersicht);
  const pfad = new URL(uebersicht.url()).pathname;
  await uebersicht.getByRole('heading', { name: betreff, level: 1 }).waitFor();
  await uebersicht.locator('.beitrag-text strong', { hasText: 'schon' }).waitFor();

  // The coordination has the thread open.
  const kdn = await browser.newContext();
  const kora = await anmelden(kdn, KONTEN.koordination, pfad);
  await kora.getByRole('heading', { name: betreff, level: 1 }).waitFor();
  await kora.locator('.live-offen').waitFor({ timeout: 15000 });
  assert.equal(await kora.locator('.beitrag .marke-neu').count(), 1, 'the first post is new for the coordination');

  // The Kommune replies by keyboard; the coordination's page shows it without a reload.
  const antwort = uebersicht.getByRole('textbox', { name: 'Ihre Antwort' });
  await antwort.focus();
  await uebersicht.keyboard.type('Ahaus pilotiert seit Mai.');
  await uebersicht.getByRole('button', { name: 'Antwort senden' }).focus();
  await uebersicht.keyboard.press('Enter');
  await uebersicht.getByText('Ihre Antwort ist veröffentlicht.').waitFor();
  // The form renders anew right after the confirmation.
  for (let i = 0; i < 50 && (await antwort.inputValue()) !== ''; i++) await uebersicht.waitForTimeout(100);
  assert.equal(await antwort.inputValue(), '', 'a fresh form after the reply');
  const neu = kora.locator('.beitrag', { hasText: 'Ahaus pilotiert seit Mai.' });
  await neu.waitFor({ timeout: 15000 });
  await neu.locator('.marke-neu').waitFor();
  await kora.getByText('Das Thema hat neue Beiträge', { exact: false }).waitFor({ state: 'attached' });
  assert.equal(await kora.evaluate(() => document.activeElement === document.body), true, 'focus stays where it was');
  await barrierefrei(kora, 'Thema mit Antwort');

  // Quoting adds the post to the reply field, behind what was typed, and moves the cursor there.
  const koraFeld = kora.getByRole('textbox', { name: 'Ihre Antwort' });
  await koraFeld.fill('Danke!');
  await neu.getByRole('button', { name: 'Zitieren' }).click();
  assert.equal(await koraFeld.inputValue(), 'Danke!\n\n> **Anna Ahaus** schrieb:\n>\n> Ahaus pilotiert seit Mai.\n\n');
  assert.equal(await kora.evaluate(() => document.activeElement?.id), 'text', 'the cursor is in the reply field');

  // The author edits her reply by keyboard; the earlier wording stays on the server.
  const eigener = uebersicht.locator('.beitrag', { hasText: 'Ahaus pilotiert seit Mai.' });
  await eigener.locator('summary', { hasText: 'Bearbeiten' }).focus();
  await uebersicht.keyboard.press('Enter');
  const bearbeiten = eigener.getByRole('textbox', { name: 'Ihr Beitrag' });
  await bearbeiten.fill('Ahaus pilotiert seit Juni.');
  await eigener.getByRole('button', { name: 'Änderung speichern' }).focus();
  await uebersicht.keyboard.press('Enter');
  await uebersicht.getByText('Ihre Änderung ist gespeichert', { exact: false }).waitFor();
  await uebersicht.locator('.beitrag', { hasText: 'Ahaus pilotiert seit Juni.' }).locator('.beitrag-kopf', { hasText: 'bearbeitet' }).waitFor();

  // The coordination reports the first post, sees it listed, and hides the reply with a reason.
  const erster = kora.locator('.beitrag').first();
  await erster.locator('summary', { hasText: 'Melden' }).click();
  await erster.getByRole('textbox', { name: 'Was ist an diesem Beitrag nicht in Ordnung?' }).fill('Nur ein Test der Meldung');
  await erster.getByRole('button', { name: 'An die Moderation melden' }).click();
  await erster.getByText('Danke – die Moderation sieht Ihre Meldung.').waitFor();
  const antwortK = kora.locator('.beitrag', { hasText: 'Ahaus pilotiert seit Juni.' });
  await antwortK.waitFor({ timeout: 15000 });
  await antwortK.locator('summary', { hasText: 'Verbergen' }).click();
  await antwortK.getByRole('textbox', { name: /^Grund/ }).fill('Doppelt gepostet');
  await antwortK.getByRole('button', { name: 'Beitrag verbergen' }).click();
  await kora.getByText('Gespeichert: Der Beitrag ist verborgen', { exact: false }).waitFor();
  // The author's open page follows live: the reason, and for her still the text.
  await uebersicht.getByText('Von der Moderation verborgen. Grund: Doppelt gepostet').waitFor({ timeout: 15000 });
  await barrierefrei(uebersicht, 'Thema mit verborgenem Beitrag');
  const liste = await oeffnen(kdn, '/forum');
  await liste.getByRole('heading', { name: 'Gemeldete Beiträge (1)' }).waitFor();
  await barrierefrei(liste, '/forum mit Meldungen');
  // Search by keyboard, folded: "REFERENZIMPLEMENTIERUNGEN" finds the thread, the result has an address.
  const suche = liste.getByRole('searchbox', { name: 'Im Forum suchen' });
  await suche.focus();
  await liste.keyboard.type('REFERENZIMPLEMENTIERUNGEN austausch');
  await liste.keyboard.press('Enter');
  await liste.waitForURL(/\/forum\?q=/);
  await bereit(liste);
  await liste.getByRole('heading', { name: 'Treffer für „REFERENZIMPLEMENTIERUNGEN austausch“' }).waitFor();
  // Scoped to the results: the same thread is also linked under "Gemeldete Beiträge".
  await liste.getByRole('region', { name: /^Treffer für/ }).getByRole('link', { name: betreff }).waitFor();
  await barrierefrei(liste, '/forum?q=… mit Treffern');
  assert.deepEqual([...uebersicht.fehler, ...kora.fehler, ...liste.fehler], []);
  await kommune.close();
  await kdn.close();
});

test('Forum: Thema per Tastatur mit einer OZG-Leistung verknüpfen, auf der Leistungsseite sehen, lösen; axe', async () => {
  const kommune = await browser.newContext();
  const katalog = await anmelden(kommune, KONTEN.kommune, '/leistungen');
  const leistung = katalog.locator('a[href^="/leistungen/"]').first();
  const href = await leistung.getAttribute('href');
  const name = (await leistung.textContent()).trim();
  const brett = await oeffnen(kommune, '/forum/allgemein');
  const betreff = `Pilot Online-Antrag ${Date.now()}`;
  await brett.getByRole('textbox', { name: 'Betreff', exact: true }).fill(betreff);
  await brett.getByRole('textbox', { name: 'Text', exact: true }).fill('Wer macht mit?');
  await brett.getByRole('button', { name: 'Thema eröffnen' }).click();
  await brett.waitForURL(/\/forum\/thema\/\d+$/);
  await bereit(brett);

  // The address as the browser shows it, pasted and sent by keyboard.
  const adresse = brett.getByRole('textbox', { name: 'Verknüpfen mit (Adresse der Seite)' });
  await adresse.focus();
  await brett.keyboard.type('/forum/thema/1');
  await brett.getByRole('button', { name: 'Verknüpfen', exact: true }).focus();
  await brett.keyboard.press('Enter');
  await brett.getByText('Bitte die Adresse einer OZG-Leistung', { exact: false }).waitFor();
  await adresse.fill('');
  await adresse.focus();
  await brett.keyboard.type(new URL(href, brett.url()).href);
  await brett.getByRole('button', { name: 'Verknüpfen', exact: true }).focus();
  await brett.keyboard.press('Enter');
  await brett.getByText('Verknüpft: Das Thema steht jetzt auch auf jener Seite.').waitFor();
  const bezuege = brett.getByRole('region', { name: 'Worum es geht' });
  await bezuege.getByRole('link', { name }).waitFor();
  await barrierefrei(brett, 'Thema mit Bezug');

  // The other side: the Leistung's page lists the thread.
  const seite = await oeffnen(kommune, href);
  const imForum = seite.getByRole('region', { name: 'Im Forum' });
  await imForum.getByRole('link', { name: betreff }).waitFor();
  await barrierefrei(seite, 'Leistung mit Forumsthema');

  // Removed by keyboard.
  await brett.getByRole('button', { name: `Bezug lösen: ${name}` }).focus();
  await brett.keyboard.press('Enter');
  await brett.getByText('Der Bezug ist gelöst.').waitFor();
  await bezuege.getByText('Noch nicht mit einer Leistung', { exact: false }).waitFor();
  assert.deepEqual([...katalog.fehler, ...brett.fehler, ...seite.fehler], []);
  await kommune.close();
});

test('Forum: die Koordination eröffnet ein Labor-Forum, der Admin schaltet es öffentlich und wieder zurück; axe', async () => {
  const kdn = await browser.newContext();
  const kora = await anmelden(kdn, KONTEN.koordination, '/forum');
  await kora.getByRole('heading', { name: 'Foren verwalten' }).waitFor();
  const wahl = kora.getByLabel('Digitalisierungslabor', { exact: true });
  await wahl.focus();
  await wahl.selectOption({ index: 1 });
  const labor = (await wahl.locator('option:checked').textContent()).trim();
  await kora.getByLabel('Beschreibung (optional)').fill('Austausch der Pilotkommunen (Testdaten)');
  await kora.getByRole('button', { name: 'Forum eröffnen' }).focus();
  await kora.keyboard.press('Enter');
  await kora.getByText('Das Forum ist eröffnet; es steht in der Liste oben.').waitFor();
  const titel = `Digitalisierungslabor: ${labor}`;
  await kora.getByRole('link', { name: titel, exact: true }).waitFor();
  assert.equal(await kora.getByRole('heading', { name: 'Öffentlich lesbare Foren' }).count(), 0, 'only the operator');
  await barrierefrei(kora, '/forum mit Verwaltung');

  const adm = await browser.newContext();
  const admin = await anmelden(adm, KONTEN.admin, '/forum');
  const schalten = admin.getByRole('button', { name: `${titel}: Öffentlich lesbar machen` });
  await schalten.focus();
  await admin.keyboard.press('Enter');
  await admin.getByRole('button', { name: `${titel}: Nur für Angemeldete` }).waitFor();
  await barrierefrei(admin, '/forum des Admins');

  const leser = await browser.newContext();
  const oeffentlich = await oeffnen(leser, '/forum');
  await oeffentlich.getByRole('link', { name: titel, exact: true }).waitFor();
  assert.equal(await oeffentlich.getByRole('link', { name: 'Zur Anmeldung' }).count(), 0);
  await barrierefrei(oeffentlich, '/forum mit öffentlichem Forum');

  const zurueck = admin.getByRole('button', { name: `${titel}: Nur für Angemeldete` });
  await zurueck.focus();
  await admin.keyboard.press('Enter');
  await admin.getByRole('button', { name: `${titel}: Öffentlich lesbar machen` }).waitFor();
  const wieder = await oeffnen(leser, '/forum');
  await wieder.getByRole('link', { name: 'Zur Anmeldung' }).waitFor();
  assert.deepEqual([...kora.fehler, ...admin.fehler, ...oeffentlich.fehler], []);
  await leser.close();
  await adm.close();
  await kdn.close();
});
