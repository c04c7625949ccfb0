// Workshop-Modus with three browsers at once: the facilitator (coordination, 1280 px) starts a
// session from the Themenfeld-Workshop Bildung, the projector shows code, QR code and results,
// a guest joins on a 360 px phone with the code, answers the Priorität by keyboard, follows the
// facilitator to the map, looks around and comes back with F. The decision goes into the
// catalog, a phase moves on the timeline as the projector watches (both set back at the end);
// axe-core on every screen. Guest names are test values.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { browserStarten, oeffnen, anmelden, barrierefrei, bereit, BASE, KONTEN } from './helfer.mjs';

let browser;
before(async () => { browser = await browserStarten(); });
after(async () => { await browser?.close(); });

const LIVE = { timeout: 15000 };

test('Leitung, Projektor und Gast auf dem Telefon: beitreten, folgen, abstimmen, beschließen', async () => {
  const leitungKontext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const leitung = await anmelden(leitungKontext, KONTEN.koordination, '/veranstaltungen');
  leitung.on('pageerror', (e) => console.log('PAGEERROR leitung', leitung.url(), e.stack));
  leitung.on('console', (m) => m.type() === 'error' && console.log('CONSOLE leitung', m.text()));
  await leitung.goto(BASE + '/veranstaltungen?art=workshop');
  await leitung.getByRole('link', { name: 'Themenfeld-Workshop Bildung', exact: true }).first().click();
  await bereit(leitung);
  await leitung.getByRole('button', { name: 'Workshop-Sitzung starten' }).click();
  await leitung.waitForURL(/\/workshop\/[A-Z0-9]{6}$/);
  await bereit(leitung);
  const code = new URL(leitung.url()).pathname.split('/')[2];
  await leitung.getByRole('heading', { name: 'Leitung' }).waitFor();
  await leitung.getByRole('complementary', { name: 'Workshop' }).waitFor();
  await barrierefrei(leitung, 'der Workshop-Sitzung (Leitung)');

  // The projector: chosen once, then it shows the session without the site's frame.
  const projektorKontext = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const projektor = await oeffnen(projektorKontext, `/workshop/${code}/projektor`);
  projektor.on('pageerror', (e) => console.log('PAGEERROR projektor', projektor.url(), e.stack));
  await projektor.getByRole('button', { name: 'Diesen Bildschirm als Projektor verwenden' }).click();
  await projektor.locator('.workshop-projektor-leiste').waitFor(LIVE);
  await bereit(projektor);
  assert.equal(await projektor.locator('header.kopf').count(), 0, 'no site header on the projector');
  const qr = projektor.getByRole('img', { name: /QR-Code zum Beitreten/ });
  assert.ok(await qr.evaluate((i) => i.complete && i.naturalWidth > 0), 'the QR code is drawn');
  assert.match(await projektor.locator('.workshop-code-gross').innerText(), new RegExp(`${code.slice(0, 3)} ${code.slice(3)}`));
  await barrierefrei(projektor, 'dem Projektor');

  // A guest on a phone types the code (lower case, with a space) and joins by keyboard.
  const gastKontext = await browser.newContext({ viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true });
  const gast = await oeffnen(gastKontext, '/workshop');
  gast.on('pageerror', (e) => console.log('PAGEERROR gast', gast.url(), e.stack));
  await gast.getByLabel('Code').fill(`${code.slice(0, 3).toLowerCase()} ${code.slice(3)}`);
  await gast.keyboard.press('Enter');
  await gast.waitForURL(new RegExp(`/workshop/${code}$`));
  await bereit(gast);
  await gast.getByLabel('Ihr Name').fill('Testgast Browser');
  await gast.getByLabel('Ihre Kommune oder Organisation').fill('Testkommune');
  await gast.getByLabel('Ihre Kommune oder Organisation').press('Enter');
  await gast.getByText('Sie nehmen teil als Testgast Browser (Gast).').waitFor(LIVE);
  await gast.getByText('Sie folgen der Leitung.').waitFor(LIVE);
  await barrierefrei(gast, 'der Workshop-Sitzung (Gast, 360 px)');

  // The facilitator asks the Priorität from its template; every screen shows the question.
  await leitung.getByRole('button', { name: /^Priorität der Leistungen \(1–3\): „Welche Priorität/ }).click();
  const frage = 'Welche Priorität hat die Umsetzung für die Kommunen in NRW?';
  await projektor.getByRole('heading', { name: frage }).waitFor(LIVE);
  await gast.getByRole('heading', { name: frage }).waitFor(LIVE);
  await bereit(gast);
  const erste = gast.locator('.workshop-prio select').first();
  await erste.focus();
  await gast.keyboard.press('ArrowDown');
  assert.match(await erste.inputValue(), /^\d+:1$/, 'keyboard chose Priorität 1');
  const ozg = (await erste.inputValue()).split(':')[0];
  await gast.getByRole('button', { name: 'Antwort senden' }).focus();
  await gast.keyboard.press('Enter');
  await gast.getByText('Ihre Antwort ist gezählt.').waitFor(LIVE);
  await projektor.getByText('1 Teilnehmende haben geantwortet.').waitFor(LIVE);
  await barrierefrei(projektor, 'dem Projektor mit Ergebnis');

  // The decision: the voted Priorität into the catalog, the votes in the audit log.
  const zeile = leitung.locator(`#leistung-${ozg}`);
  await zeile.waitFor(LIVE);
  const bisher = (await zeile.locator('td').nth(1).innerText()).trim();
  await zeile.getByRole('button', { name: 'Übernehmen' }).click();
  await leitung.getByText('Übernommen und im Änderungsprotokoll vermerkt.').waitFor(LIVE);
  await gast.getByRole('heading', { name: 'Beschlüsse' }).waitFor(LIVE);
  assert.match(await gast.locator('section', { has: gast.getByRole('heading', { name: 'Beschlüsse' }) }).innerText(), /Priorität 1 – höchste/);

  // Follow me: the facilitator opens the map; projector and phone follow.
  await leitung.goto(BASE + '/karte');
  await bereit(leitung);
  await gast.waitForURL(/\/karte$/, LIVE);
  await projektor.waitForURL(/\/karte$/, LIVE);
  await bereit(projektor);
  // Screen-reader users hear the change politely (the bar's status region).
  await gast.locator('.workshop-meldung', { hasText: 'Die Leitung zeigt jetzt: NRW-Karte' }).waitFor(LIVE);
  assert.equal(await projektor.locator('header.kopf').count(), 0, 'the projector shows the map without the site frame');
  await projektor.locator('.workshop-projektor-leiste').waitFor();
  // The guest looks around on their own and comes back with one key.
  await gast.goto(BASE + '/leistungen');
  await bereit(gast);
  await gast.getByText('Sie schauen sich selbst um.').waitFor(LIVE);
  await gast.locator('body').press('f');
  await gast.waitForURL(/\/karte$/, LIVE);
  await bereit(gast);
  await gast.getByText('Sie folgen der Leitung.').waitFor(LIVE);

  // The facilitator by keyboard alone: ? lists the shortcuts, Escape closes them; M marks the
  // table row's table with the focus for everyone, and the guest hears what was marked.
  await leitung.locator('#karten-tabelle tbody a').first().focus();
  await leitung.keyboard.press('?');
  await leitung.getByRole('heading', { name: 'Tastenkürzel im Workshop' }).waitFor();
  await barrierefrei(leitung, 'der Karte mit den Tastenkürzeln');
  await leitung.keyboard.press('Escape');
  await leitung.getByRole('heading', { name: 'Tastenkürzel im Workshop' }).waitFor({ state: 'hidden' });
  await leitung.keyboard.press('m');
  await leitung.getByText('Für alle markiert.').waitFor(LIVE);
  await gast.locator('#karten-tabelle.workshop-markiert').waitFor(LIVE);
  await projektor.locator('#karten-tabelle.workshop-markiert').waitFor(LIVE);
  await gast.locator('.workshop-meldung', { hasText: 'Die Leitung markiert:' }).waitFor(LIVE);

  // Deciding on the timeline while the room watches: the facilitator moves a phase by keyboard,
  // the projector's timeline follows live, the session lists it as the workshop's decision.
  await leitung.goto(BASE + '/roadmap/zeitachse');
  await bereit(leitung);
  await projektor.waitForURL(/\/roadmap\/zeitachse$/, LIVE);
  await bereit(projektor);
  const phase = (page) => page.locator('li.gantt-zeile', { has: page.getByRole('link', { name: 'Einbürgerung', exact: true }) })
    .locator('[data-phase="umsetzung"]').first();
  const vorher = await phase(leitung).getAttribute('aria-label');
  await phase(leitung).focus();
  await leitung.keyboard.press('ArrowRight');
  await leitung.keyboard.press('Enter');
  await leitung.getByRole('status').filter({ hasText: 'Gespeichert – Umsetzung' }).waitFor(LIVE);
  const nachher = await phase(leitung).getAttribute('aria-label');
  assert.notEqual(nachher, vorher);
  await projektor.waitForFunction(
    (label) => [...document.querySelectorAll('li.gantt-zeile')]
      .some((li) => li.querySelector('.gantt-name a')?.textContent === 'Einbürgerung'
        && li.querySelector('[data-phase="umsetzung"]')?.getAttribute('aria-label') === label),
    nachher, LIVE);

  // Set the catalog back (the test's vote is not a real decision), then end the session.
  await leitung.goto(BASE + `/workshop/${code}`);
  await bereit(leitung);
  const beschluesse = leitung.locator('section', { has: leitung.getByRole('heading', { name: 'Beschlüsse' }) });
  await beschluesse.getByText(/Einbürgerung: Zeitplan Umsetzung/).waitFor(LIVE);
  if (/^[23]$/.test(bisher)) {
    await zeile.getByRole('combobox').selectOption(bisher);
    await zeile.getByRole('button', { name: 'Übernehmen' }).click();
    await leitung.getByText('Übernommen und im Änderungsprotokoll vermerkt.').waitFor(LIVE);
  }
  await leitung.getByRole('button', { name: 'Sitzung beenden' }).click();
  // The bar says it where the guest is; a page loaded after the end says it itself.
  await gast.getByText(/Workshop-Sitzung ist beendet/).first().waitFor(LIVE);
  // The moved phase back, now an ordinary change.
  await leitung.goto(BASE + '/roadmap/zeitachse');
  await bereit(leitung);
  await phase(leitung).focus();
  await leitung.keyboard.press('ArrowLeft');
  await leitung.keyboard.press('Enter');
  await leitung.getByRole('status').filter({ hasText: `Gespeichert – ${vorher}.` }).waitFor(LIVE);
  await leitung.goto(BASE + `/workshop/${code}`);
  await bereit(leitung);
  // The protocol is in the library, linked from the session.
  await leitung.getByRole('link', { name: 'Protokoll in der Dokumentenbibliothek' }).click();
  await leitung.getByRole('heading', { name: /^Protokoll: Themenfeld-Workshop Bildung/ }).waitFor(LIVE);
  await bereit(leitung);
  await barrierefrei(leitung, 'dem Protokoll in der Bibliothek');
  for (const [name, p] of Object.entries({ leitung, projektor, gast })) assert.deepEqual(p.fehler, [], name);
  await Promise.all([leitungKontext.close(), projektorKontext.close(), gastKontext.close()]);
});
