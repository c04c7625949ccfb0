// Aktuelles in the browser: the coordination writes a Meldung by keyboard (field errors first,
// Markdown preview), an open list follows live, the public reads it on the list, its page and the
// start page, with the feed announced; axe-core at 1280 and 320 px on every page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { browserStarten, oeffnen, anmelden, barrierefrei, KONTEN } from './helfer.mjs';

let browser;
before(async () => { browser = await browserStarten(); });
after(async () => { await browser?.close(); });

test('Koordination schreibt eine Meldung per Tastatur mit Vorschau; die offene Liste folgt live; axe', async () => {
  const leser = await browser.newContext();
  const liste = await oeffnen(leser, '/aktuelles');
  await liste.getByRole('heading', { name: 'Aktuelles', level: 1 }).waitFor();
  await barrierefrei(liste, '/aktuelles');

  const kora = await browser.newContext();
  const form = await anmelden(kora, KONTEN.koordination, '/aktuelles/neu');
  const titel = `Neue Steckbriefe im Themenfeld Bildung ${Date.now()}`;
  // Errors at their fields first.
  const titelFeld = form.getByRole('textbox', { name: 'Titel', exact: true });
  await titelFeld.waitFor();
  await form.getByRole('button', { name: 'Meldung speichern' }).click();
  await form.getByText('Bitte „Titel“ angeben.').waitFor();
  await form.getByText('Bitte „Text“ angeben.').waitFor();
  assert.equal(await titelFeld.getAttribute('aria-invalid'), 'true');
  await barrierefrei(form, '/aktuelles/neu mit Fehlern');

  // By keyboard: title, Themenfeld, text, preview.
  await titelFeld.focus();
  await form.keyboard.type(titel);
  await form.getByLabel('Themenfeld', { exact: true }).selectOption({ label: 'Bildung' });
  const text = form.getByRole('textbox', { name: 'Text', exact: true });
  await text.focus();
  await form.keyboard.type('Drei **neue Steckbriefe** sind geprüft.\n\n- [Steckbriefe](/steckbriefe)\n- <script>alert(1)</script>');
  const vorschau = form.getByRole('button', { name: 'Vorschau zeigen' });
  await vorschau.focus();
  await form.keyboard.press('Enter');
  const region = form.getByRole('region', { name: 'Vorschau' });
  await region.locator('strong', { hasText: 'neue Steckbriefe' }).waitFor();
  assert.equal(await region.locator('script').count(), 0, 'the preview went through the sanitiser');
  await barrierefrei(form, '/aktuelles/neu mit Vorschau');
  const speichern = form.getByRole('button', { name: 'Meldung speichern' });
  await speichern.focus();
  await form.keyboard.press('Enter');
  await form.waitForURL(/\/aktuelles\/\d+$/);
  const pfad = new URL(form.url()).pathname;
  await form.getByRole('heading', { name: titel, level: 1 }).waitFor();
  await form.getByRole('link', { name: 'Meldung bearbeiten' }).waitFor();

  // The reader's open list shows it without a reload.
  await liste.getByRole('link', { name: titel }).waitFor({ timeout: 15000 });
  assert.deepEqual(liste.fehler, []);

  // The public: its page, the start page, the Themenfeld's feed.
  const seite = await oeffnen(leser, pfad);
  await seite.locator('.meldung-text strong', { hasText: 'neue Steckbriefe' }).waitFor();
  assert.equal(await seite.locator('.meldung-text script').count(), 0);
  await seite.getByRole('link', { name: 'Bildung' }).first().waitFor();
  assert.equal(await seite.getByRole('link', { name: 'Meldung bearbeiten' }).count(), 0);
  await barrierefrei(seite, 'Meldung');
  const start = await oeffnen(leser, '/');
  await start.locator('section', { has: start.getByRole('heading', { name: 'Aktuelles' }) }).getByRole('link', { name: titel }).waitFor();
  const feed = await start.locator('link[rel="alternate"][type="application/atom+xml"]').getAttribute('href');
  const antwort = await start.request.get(new URL(feed, start.url()).href);
  assert.equal(antwort.status(), 200);
  assert.match(antwort.headers()['content-type'], /application\/atom\+xml/);
  assert.ok((await antwort.text()).includes(titel));
  assert.deepEqual([...form.fehler, ...seite.fehler, ...start.fehler], []);
  await kora.close();
  await leser.close();
});

test('Veranstaltung bearbeiten: Formular per Tastatur, Feldfehler, Absage; axe bei 1280 und 320 px', async () => {
  const kora = await browser.newContext();
  const neu = await anmelden(kora, KONTEN.koordination, '/veranstaltungen/neu');
  const titel = `Webinar Bearbeiten ${Date.now()}`;
  await neu.getByRole('textbox', { name: 'Titel', exact: true }).fill(titel);
  await neu.getByRole('textbox', { name: 'Termin', exact: true }).fill('Q2 2039');
  await neu.getByLabel('Art', { exact: true }).selectOption({ label: 'Webinar' });
  await neu.getByRole('button', { name: 'Veranstaltung anlegen' }).click();
  await neu.waitForURL(/\/veranstaltungen\/\d+$/);
  const id = new URL(neu.url()).pathname.split('/').pop();

  const form = await oeffnen(kora, `/veranstaltungen/${id}/bearbeiten`);
  const termin = form.getByRole('textbox', { name: 'Termin', exact: true });
  await termin.waitFor();
  assert.equal(await termin.inputValue(), 'Q2 2039');
  await barrierefrei(form, '/veranstaltungen/{id}/bearbeiten');
  // A wrong date by keyboard: the message at the field, nothing saved.
  await termin.focus();
  await form.keyboard.press('Control+A');
  await form.keyboard.type('31.02.2039');
  await form.getByRole('button', { name: 'Speichern' }).click();
  await form.locator('#termin-meldung').waitFor();
  assert.equal(await termin.getAttribute('aria-invalid'), 'true');
  // Corrected, and cancelled by keyboard (space toggles the checkbox).
  await termin.fill('12.05.2039 14:00–15:30');
  const abgesagt = form.getByRole('checkbox', { name: 'Veranstaltung abgesagt' });
  await abgesagt.focus();
  await form.keyboard.press('Space');
  assert.ok(await abgesagt.isChecked());
  const speichern = form.getByRole('button', { name: 'Speichern' });
  await speichern.focus();
  await form.keyboard.press('Enter');
  await form.getByText('Gespeichert.', { exact: false }).waitFor();
  const seite = await oeffnen(kora, `/veranstaltungen/${id}`);
  await seite.getByText('Diese Veranstaltung ist abgesagt.').waitFor();
  await seite.getByText('12.05.2039').first().waitFor();
  assert.deepEqual([...neu.fehler, ...form.fehler, ...seite.fehler], []);
  await kora.close();
});
