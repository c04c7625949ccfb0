// Rundschreiben in the browser: the coordination writes one by keyboard, first sent empty (the
// messages stand at the fields), then sees the preview with the number of recipients and sends
// exactly that; the archive shows it. A Kommune's staff member finds it from "Meine
// Abonnements", switches Rundschreiben by mail off and on again. axe-core at 1280 and 320 px.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { browserStarten, oeffnen, anmelden, barrierefrei, bereit, KONTEN } from './helfer.mjs';

let browser;
before(async () => { browser = await browserStarten(); });
after(async () => { await browser?.close(); });

test('Rundschreiben: schreiben, Vorschau, einmal senden, lesen und abbestellen; axe', async () => {
  const kdn = await browser.newContext();
  const seite = await anmelden(kdn, KONTEN.koordination, '/rundschreiben');
  await seite.getByRole('heading', { name: 'Rundschreiben schreiben' }).waitFor();
  await barrierefrei(seite, '/rundschreiben (Koordination)');

  const vorschau = seite.getByRole('button', { name: 'Vorschau ansehen' });
  await vorschau.focus();
  await seite.keyboard.press('Enter');
  await seite.getByText('Bitte „Betreff“ angeben.').waitFor();
  await seite.getByText('Bitte „Text“ angeben.').waitFor();
  await barrierefrei(seite, 'Rundschreiben mit Fehlermeldungen');

  const betreff = `Workshop Bauen ${Date.now()} (Testdaten)`;
  await seite.getByLabel('An', { exact: true }).selectOption({ label: 'Wer dem Themenfeld Bauen & Wohnen folgt' });
  await seite.getByLabel('Betreff').focus();
  await seite.keyboard.type(betreff);
  await seite.getByLabel('Text').focus();
  await seite.keyboard.type('Liebe Kommunen,');
  await seite.keyboard.press('Enter');
  await seite.keyboard.press('Enter');
  await seite.keyboard.type('der Workshop findet am 3. März statt.');
  await vorschau.focus();
  await seite.keyboard.press('Enter');
  const kasten = seite.getByRole('region', { name: 'Vorschau' });
  await kasten.getByText(`Betreff: [OZG-Atlas NRW] Rundschreiben: ${betreff}`).waitFor();
  await kasten.getByText(/Guten Tag .*,\s+Liebe Kommunen,\s+der Workshop findet am 3\. März statt\./).waitFor();
  await kasten.getByText(/An: alle, die dem Themenfeld Bauen & Wohnen folgen \(\d+ Konten/).waitFor();
  await barrierefrei(seite, 'Rundschreiben-Vorschau');
  const senden = kasten.getByRole('button', { name: /^(Jetzt an \d+ Kont(o|en) senden|Senden \(zurzeit an niemanden\))$/ });
  await senden.focus();
  await seite.keyboard.press('Enter');
  await seite.getByText('Das Rundschreiben ist gesendet; die E-Mails gehen in den nächsten Minuten hinaus.').waitFor();
  // The preview is gone, so the same mail cannot be sent twice from here.
  assert.equal(await seite.getByRole('region', { name: 'Vorschau' }).count(), 0);
  const eintrag = seite.locator('li.mitteilung', { hasText: betreff });
  await eintrag.getByText(/an alle, die dem Themenfeld Bauen & Wohnen folgen .* · an \d+ Konten gesendet/).waitFor();

  // A Kommune: from "Meine Abonnements" to the archive; off and on again.
  const kommune = await browser.newContext();
  const abos = await anmelden(kommune, KONTEN.kommune, '/konto/abonnements');
  await abos.getByRole('link', { name: 'Rundschreiben lesen oder per E-Mail abbestellen' }).click();
  await abos.waitForURL(/\/rundschreiben$/);
  await bereit(abos);
  await abos.locator('li.mitteilung', { hasText: betreff }).getByText('der Workshop findet am 3. März statt.', { exact: false }).waitFor();
  assert.equal(await abos.getByRole('heading', { name: 'Rundschreiben schreiben' }).count(), 0, 'only the coordination writes');
  assert.equal(await abos.getByText(/Konten gesendet/).count(), 0, 'the numbers are the coordination’s');
  await barrierefrei(abos, '/rundschreiben (Kommune)');
  const aus = abos.getByRole('button', { name: 'Rundschreiben abbestellen' });
  await aus.focus();
  await abos.keyboard.press('Enter');
  await abos.getByText('Sie haben Rundschreiben per E-Mail abbestellt; hier können Sie sie weiter lesen.').waitFor();
  const an = abos.getByRole('button', { name: 'Rundschreiben wieder per E-Mail erhalten' });
  await an.focus();
  await abos.keyboard.press('Enter');
  await abos.getByText('Sie erhalten Rundschreiben per E-Mail.').waitFor();
  assert.deepEqual([...seite.fehler, ...abos.fehler], []);
  await kommune.close();
  await kdn.close();
});

test('Rundschreiben: ohne Anmeldung nur der Hinweis', async () => {
  const leser = await browser.newContext();
  const seite = await oeffnen(leser, '/rundschreiben');
  await seite.getByRole('heading', { name: 'Rundschreiben', exact: true }).waitFor();
  assert.equal(await seite.locator('li.mitteilung').count(), 0);
  assert.equal(await seite.getByRole('button', { name: 'Vorschau ansehen' }).count(), 0);
  await leser.close();
});
