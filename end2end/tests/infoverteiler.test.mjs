// The Infoverteiler in the browser: a Kommune's staff member follows "Bauen & Wohnen" by keyboard
// and chooses the daily mail; the coordination posts a news item there in its own browser; the
// member sees the count in the header, finds the item marked "Neu" under "Neu für mich", makes a
// personal feed address that a feed reader can fetch, and ends the subscription under
// "Meine Abonnements". axe-core at 1280 and 320 px on every page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { browserStarten, oeffnen, anmelden, barrierefrei, bereit, KONTEN } from './helfer.mjs';

let browser;
before(async () => { browser = await browserStarten(); });
after(async () => { await browser?.close(); });

test('Infoverteiler: folgen per Tastatur, Meldung erscheint unter „Neu für mich“ und im Feed, Abo beenden; axe', async () => {
  const kommune = await browser.newContext();
  const tf = await anmelden(kommune, KONTEN.kommune, '/themenfelder/bauen-wohnen');
  const folgen = tf.getByRole('button', { name: 'Folgen', exact: true });
  await folgen.focus();
  await tf.keyboard.press('Enter');
  const versand = tf.getByLabel('Benachrichtigung', { exact: true });
  await versand.waitFor();
  await versand.focus();
  await versand.selectOption({ label: 'täglich per E-Mail (Zusammenfassung)' });
  await tf.getByRole('button', { name: 'Übernehmen', exact: true }).focus();
  await tf.keyboard.press('Enter');
  await tf.getByText('Gespeichert: Neues dazu finden Sie unter „Neu für mich“.').waitFor();
  await barrierefrei(tf, 'Themenfeld mit Folgen');

  // The coordination writes a news item for the Themenfeld in its own browser.
  const kdn = await browser.newContext();
  const form = await anmelden(kdn, KONTEN.koordination, '/aktuelles/neu');
  const titel = `Neuer Referenzprozess Bauantrag ${Date.now()}`;
  await form.getByRole('textbox', { name: 'Titel', exact: true }).fill(titel);
  await form.getByLabel('Themenfeld', { exact: true }).selectOption({ label: 'Bauen & Wohnen' });
  await form.getByRole('textbox', { name: 'Text', exact: true }).fill('Der **Referenzprozess** liegt in der Bibliothek.');
  await form.getByRole('button', { name: 'Meldung speichern' }).click();
  await form.waitForURL(/\/aktuelles\/\d+$/);
  await kdn.close();

  // The member: the count in the header, then "Neu für mich" with the item marked new.
  const start = await oeffnen(kommune, '/');
  const kopf = start.getByRole('link', { name: /^Neu für mich: \d+ neue Mitteilung/ });
  await kopf.waitFor();
  await kopf.focus();
  await start.keyboard.press('Enter');
  await start.waitForURL(/\/neu$/);
  await bereit(start);
  await start.getByRole('heading', { name: 'Neu für mich', level: 1 }).waitFor();
  const gruppe = start.getByRole('region', { name: 'Themenfeld Bauen & Wohnen' });
  const eintrag = gruppe.locator('.mitteilung', { hasText: titel });
  await eintrag.locator('.marke-neu').waitFor();
  await eintrag.getByRole('link', { name: titel }).waitFor();
  await barrierefrei(start, '/neu');

  // Meine Abonnements: the daily mail is chosen; a personal feed address that a reader fetches.
  const abos = await oeffnen(kommune, '/konto/abonnements');
  const zeile = abos.getByRole('row', { name: /Themenfeld Bauen & Wohnen/ });
  await zeile.waitFor();
  const wahl = zeile.getByRole('combobox');
  assert.equal(await wahl.inputValue(), 'taeglich');
  await abos.getByRole('button', { name: 'Feed-Adresse erzeugen' }).click();
  const adresse = abos.getByRole('textbox', { name: 'Feed-Adresse' });
  await adresse.waitFor();
  const feed = await kommune.request.get(await adresse.inputValue(), { headers: { cookie: '' } });
  assert.equal(feed.status(), 200);
  assert.ok((await feed.text()).includes(titel), 'the feed holds the item');
  await barrierefrei(abos, '/konto/abonnements');

  // Ending the subscription by keyboard.
  const beenden = abos.getByRole('button', { name: 'Nicht mehr folgen: Themenfeld Bauen & Wohnen' });
  await beenden.focus();
  await abos.keyboard.press('Enter');
  await abos.getByText('Das Abonnement ist beendet.').waitFor();
  await abos.getByText('Sie folgen noch nichts.', { exact: false }).waitFor();
  assert.deepEqual([...tf.fehler, ...start.fehler, ...abos.fehler], []);
  await kommune.close();
});
