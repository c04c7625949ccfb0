// "Unsere Fragen an Sie" in the browser: a reader without an account opens the second question on
// the Themenfeld page by keyboard, sends it empty (messages at the fields), then completely and
// gets a receipt number; the coordination finds the request in its inbox via the header link and
// sets its status by keyboard; the third question opens a prefilled Steckbrief. axe-core at 1280
// and 320 px on every page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { browserStarten, oeffnen, anmelden, barrierefrei, bereit, KONTEN } from './helfer.mjs';

let browser;
before(async () => { browser = await browserStarten(); });
after(async () => { await browser?.close(); });

test('Unsere Fragen an Sie: ohne Konto senden, Eingang der Koordination, Steckbrief vorausgefüllt; axe', async () => {
  const leser = await browser.newContext();
  const tf = await oeffnen(leser, '/themenfelder/bauen-wohnen');
  await tf.getByRole('heading', { name: 'Unsere Fragen an Sie' }).waitFor();
  const frage = tf.locator('summary', { hasText: '2. Haben Sie Interesse' });
  await frage.focus();
  await tf.keyboard.press('Enter');
  const senden = tf.getByRole('button', { name: 'Senden', exact: true });
  await senden.waitFor();
  await barrierefrei(tf, 'Themenfeld mit offener Frage');

  // Empty: every missing field says so, nothing is sent.
  await senden.focus();
  await tf.keyboard.press('Enter');
  await tf.getByText('Bitte prüfen Sie die markierten Felder. Es wurde nichts gesendet.').waitFor();
  await tf.getByText('Bitte „Ihr Name“ angeben.').waitFor();
  await tf.getByText('Bitte bestätigen Sie, dass die Koordination Ihre Angaben dafür speichern darf.').waitFor();
  await barrierefrei(tf, 'Frage mit Fehlermeldungen');

  const name = `Paula Leserin ${Date.now()} (Testdaten)`;
  const beteiligen = tf.getByRole('radio', { name: /Ich möchte mich beteiligen/ });
  await beteiligen.focus();
  await tf.keyboard.press('Space');
  await tf.locator('#beteiligen-name').fill(name);
  await tf.locator('#beteiligen-organisation').fill('Stadt Beispielhausen (Testdaten)');
  await tf.locator('#beteiligen-email').fill('paula@beispiel.test');
  await tf.locator('#beteiligen-nachricht').fill('Ich komme gern zum nächsten Workshop.');
  await tf.locator('#beteiligen-einwilligung').focus();
  await tf.keyboard.press('Space');
  await senden.focus();
  await tf.keyboard.press('Enter');
  const quittung = tf.getByText(/Ihre Nachricht ist unter der Nummer \d+ bei der Koordination eingegangen/);
  await quittung.waitFor();
  const nummer = (await quittung.textContent()).match(/Nummer (\d+)/)[1];
  // Sent forms are emptied, so a second press does not send again.
  assert.equal(await tf.locator('#beteiligen-name').inputValue(), '');

  // The coordination: the header link, the request with the sender, the status by keyboard.
  const kdn = await browser.newContext();
  const start = await anmelden(kdn, KONTEN.koordination, '/');
  await start.getByRole('link', { name: 'Eingang', exact: true }).click();
  await start.waitForURL(/\/anliegen$/);
  await bereit(start);
  const eintrag = start.locator('.mitteilung', { hasText: `Nr. ${nummer} – möchte sich beteiligen` });
  await eintrag.getByText(name, { exact: false }).waitFor();
  await eintrag.getByText('Ich komme gern zum nächsten Workshop.').waitFor();
  await barrierefrei(start, '/anliegen');
  const status = eintrag.getByLabel('Status', { exact: true });
  await status.focus();
  await status.selectOption({ label: 'in Bearbeitung' });
  await eintrag.getByRole('button', { name: `Status von Nr. ${nummer} speichern` }).focus();
  await start.keyboard.press('Enter');
  await start.getByText('Der Status wurde gespeichert.').waitFor();
  await start.getByRole('link', { name: /^in Bearbeitung \(\d+\)$/ }).click();
  await start.waitForURL(/status=in_bearbeitung/);
  await bereit(start);
  await start.locator('.mitteilung', { hasText: `Nr. ${nummer}` }).waitFor();

  // Question 3 opens the Steckbrief form with what was typed.
  const seite = await oeffnen(kdn, '/themenfelder/bauen-wohnen');
  await seite.locator('summary', { hasText: '3. Kennen Sie gute kommunale Online-Dienste' }).click();
  await seite.getByLabel('Name des Online-Dienstes').fill('Digitaler Bauantrag Beispielhausen (Testdaten)');
  await seite.getByLabel('Adresse des Online-Dienstes (URL)').fill('https://bauantrag.beispiel.test/');
  await seite.getByRole('button', { name: 'Steckbrief ausfüllen' }).click();
  await seite.waitForURL(/\/steckbriefe\/neu\?/);
  await bereit(seite);
  const dienst = seite.locator('#dienst_name');
  await dienst.waitFor();
  assert.equal(await dienst.inputValue(), 'Digitaler Bauantrag Beispielhausen (Testdaten)');
  assert.equal(await seite.locator('#url').inputValue(), 'https://bauantrag.beispiel.test/');
  assert.deepEqual([...tf.fehler, ...start.fehler, ...seite.fehler], []);
  await leser.close();
  await kdn.close();
});
