// Impressum, Datenschutz, Barrierefreiheit: reached from every page's footer, the feedback form
// used by keyboard alone, axe-core at desktop and at 320 px width.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { browserStarten, oeffnen, barrierefrei } from './helfer.mjs';

let browser, context, schmal;
before(async () => {
  browser = await browserStarten();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  schmal = await browser.newContext({ viewport: { width: 320, height: 640 } });
});
after(async () => { await browser?.close(); });

test('Fußlinks führen zu den drei Pflichtseiten; fehlende Betreiberangaben sind benannt', async () => {
  const page = await oeffnen(context, '/leistungen');
  const fuss = page.getByRole('navigation', { name: 'Rechtliches' });
  await fuss.getByRole('link', { name: 'Impressum' }).click();
  await page.waitForURL((u) => u.pathname === '/impressum');
  await page.getByRole('heading', { level: 1, name: 'Impressum' }).waitFor();
  await page.getByRole('note').filter({ hasText: 'Noch nicht vollständig' }).waitFor();
  await fuss.getByRole('link', { name: 'Datenschutz' }).click();
  await page.getByRole('heading', { level: 1, name: 'Datenschutzerklärung' }).waitFor();
  assert.match(await page.textContent('main'), /ozg_sitzung/);
  assert.deepEqual(page.fehler, []);
  await page.close();
});

test('Barriere melden: nur per Tastatur, Fehler am Feld, dann Eingangsbestätigung mit Nummer', async () => {
  const page = await oeffnen(context, '/barrierefreiheit');
  const senden = page.getByRole('button', { name: 'Rückmeldung senden' });
  await senden.focus();
  await page.keyboard.press('Enter');
  const nachricht = page.getByLabel('Was ist nicht zugänglich?');
  await page.getByText('Bitte beschreiben Sie, was nicht zugänglich ist.').waitFor();
  assert.equal(await nachricht.getAttribute('aria-invalid'), 'true');
  await nachricht.focus();
  await page.keyboard.type('Der Kontrast der Fußzeile ist mir zu gering.');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Rita Test');
  await page.keyboard.press('Tab');
  await page.keyboard.type('rita@beispiel.test');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  const status = page.getByRole('status').filter({ hasText: 'unter der Nummer' });
  await status.waitFor();
  assert.match(await status.textContent(), /Nummer \d+ eingegangen/);
  await barrierefrei(page, 'der Barrierefreiheitsseite nach dem Senden');
  await page.close();
});

for (const pfad of ['/impressum', '/datenschutz', '/barrierefreiheit']) {
  test(`axe-core bei 1280 und 320 px: ${pfad}`, async () => {
    for (const ctx of [context, schmal]) {
      const page = await oeffnen(ctx, pfad);
      await barrierefrei(page, `${pfad} (${page.viewportSize().width} px)`);
      const breite = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(breite <= page.viewportSize().width, `${pfad} ist ${breite} px breit`);
      await page.close();
    }
  });
}
