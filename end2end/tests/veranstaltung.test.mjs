// Veranstaltungen in the browser: list and month calendar by keyboard, the coordination
// announces a workshop (field errors first), Kommune staff register and cancel by keyboard,
// the personal calendar feed, a workshop's results linked by keyboard; axe-core at 1280 and 320 px
// on every page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { browserStarten, oeffnen, anmelden, barrierefrei, bereit, dateiWaehlen, zeilen, KONTEN, BASE } from './helfer.mjs';

let browser;
before(async () => { browser = await browserStarten(); });
after(async () => { await browser?.close(); });

test('Liste: Termine der Folien, Quartal ohne erfundenen Tag, Filter vergangen, axe', async () => {
  const context = await browser.newContext();
  const page = await oeffnen(context, '/veranstaltungen?zeit=vergangen');
  const z = await zeilen(page);
  assert.ok(z.some((t) => t.includes('OZG-Informationsveranstaltung Bonn') && t.includes('18.10.2019')), z.join('\n'));
  assert.ok(z.some((t) => t.includes('Themenfeld-Workshop Bildung') && t.includes('Q4 2019') && t.includes('voraussichtlich 12.12.')), z.join('\n'));
  // A facet narrows by Art, and the state is in the address.
  const vorher = (await zeilen(page)).length;
  await page.locator('fieldset.facette', { has: page.locator('legend', { hasText: /^Art$/ }) })
    .getByLabel(/^Themenfeld-Workshop/).check();
  await page.waitForURL(/art=workshop/);
  await page.waitForFunction((n) => document.querySelectorAll('table.katalog-tabelle tbody tr').length < n, vorher);
  for (const t of await zeilen(page)) assert.match(t, /Themenfeld-Workshop/);
  await barrierefrei(page, '/veranstaltungen');
  assert.deepEqual(page.fehler, []);
  await context.close();
});

test('Monatskalender: Tage, „Tag noch nicht festgelegt“, Monatswechsel per Tastatur, axe', async () => {
  const context = await browser.newContext();
  const page = await oeffnen(context, '/veranstaltungen/kalender?monat=2019-12');
  await page.getByRole('heading', { name: 'Dezember 2019' }).waitFor();
  // The Mettmann workshop on its day; the Bildung workshop only with its quarter.
  const tag3 = page.locator('table.kalender td', { hasText: '03.12.2019' });
  await tag3.getByRole('link', { name: /Mobilität & Reisen/ }).waitFor();
  const ohne = page.locator('section.ohne-tag');
  await ohne.getByRole('link', { name: 'Themenfeld-Workshop Bildung' }).waitFor();
  assert.equal(await page.locator('table.kalender td', { hasText: 'Bildung' }).count(), 0, 'no invented day');
  await barrierefrei(page, '/veranstaltungen/kalender');
  if (process.env.E2E_BILDER) await page.screenshot({ path: `${process.env.E2E_BILDER}/kalender.png`, fullPage: true });
  // By keyboard to the next month.
  const weiter = page.getByRole('link', { name: /Januar 2020/ });
  await weiter.focus();
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Januar 2020' }).waitFor();
  await page.locator('section.ohne-tag').getByText('Q1 2020').waitFor();
  assert.deepEqual(page.fehler, []);
  await context.close();
});

test('Koordination kündigt einen Workshop an; Kommune meldet sich per Tastatur an und ab; Kalender-Abo', async () => {
  const kora = await browser.newContext();
  const form = await anmelden(kora, KONTEN.koordination, '/veranstaltungen/neu');
  const titel = `Themenfeld-Workshop Bildung ${Date.now()}`;
  // Errors at their fields first.
  await form.getByRole('textbox', { name: 'Termin', exact: true }).fill('Q5 2039');
  await form.getByRole('button', { name: 'Veranstaltung anlegen' }).click();
  await form.getByText('Ein Quartal ist Q1, Q2, Q3 oder Q4.').waitFor();
  await form.getByText('Bitte einen Titel angeben.').waitFor();
  assert.equal(await form.getByRole('textbox', { name: 'Termin', exact: true }).getAttribute('aria-invalid'), 'true');
  await barrierefrei(form, '/veranstaltungen/neu mit Fehlern');
  await form.getByRole('textbox', { name: 'Titel', exact: true }).fill(titel);
  await form.getByRole('textbox', { name: 'Termin', exact: true }).fill('03.12.2039 10:00–16:00');
  await form.getByLabel('Art', { exact: true }).selectOption({ label: 'Themenfeld-Workshop' });
  await form.getByLabel('Themenfeld', { exact: true }).selectOption({ label: 'Bildung' });
  await form.getByLabel('Link zur Online-Teilnahme').fill('https://konferenz.example.org/e2e');
  await form.getByLabel('Plätze').fill('1');
  await form.getByLabel('Agenda').fill('Begrüßung\nErgebnisse der Labore');
  await form.getByRole('button', { name: 'Veranstaltung anlegen' }).click();
  await form.waitForURL(/\/veranstaltungen\/\d+$/);
  const pfad = new URL(form.url()).pathname;
  await form.getByRole('heading', { name: titel }).waitFor();
  if (process.env.E2E_BILDER) await form.screenshot({ path: `${process.env.E2E_BILDER}/veranstaltung.png`, fullPage: true });
  await form.getByText('1 von 1 Plätzen frei').waitFor();

  const kommune = await browser.newContext();
  const seite = await anmelden(kommune, KONTEN.kommune, pfad);
  if (process.env.E2E_BILDER) await seite.screenshot({ path: `${process.env.E2E_BILDER}/kommune.png`, fullPage: true });
  await seite.getByText('Den Link erhalten Sie mit einem Platz').waitFor();
  const an = seite.getByRole('button', { name: 'Jetzt anmelden' });
  await an.focus();
  await seite.keyboard.press('Enter');
  await seite.getByText('Sie sind angemeldet.').waitFor();
  await seite.getByRole('link', { name: 'https://konferenz.example.org/e2e' }).waitFor();
  await barrierefrei(seite, 'Veranstaltung, angemeldet');
  // The coordination's open page follows live: no seat left, the name in the list.
  await form.getByText('ausgebucht, 0 auf der Warteliste').waitFor();
  await form.locator('section', { hasText: 'Teilnehmende' }).getByText('ahaus@e2e.test').waitFor();
  await barrierefrei(form, 'Veranstaltung, Sicht der Koordination');

  const ab = seite.getByRole('button', { name: 'Teilnahme absagen' });
  await ab.focus();
  await seite.keyboard.press('Enter');
  await seite.getByText('Sie sind nicht angemeldet.').waitFor();
  assert.equal(await seite.getByRole('link', { name: 'https://konferenz.example.org/e2e' }).count(), 0);

  // Registered again, then the personal calendar feed.
  await seite.getByRole('button', { name: 'Jetzt anmelden' }).click();
  await seite.getByText('Sie sind angemeldet.').waitFor();
  const meine = await oeffnen(kommune, '/veranstaltungen/meine');
  await meine.getByRole('link', { name: titel }).waitFor();
  await meine.getByRole('button', { name: 'Abo-Adresse erzeugen' }).click();
  const adresse = await meine.getByLabel('Abo-Adresse').inputValue();
  assert.match(adresse, new RegExp(`^${BASE}/kalender/persoenlich-[0-9a-f]{64}\\.ics$`));
  const ics = await meine.request.get(adresse);
  assert.equal(ics.status(), 200);
  const text = await ics.text();
  assert.ok(text.includes(`SUMMARY:${titel.slice(0, 30)}`) && text.includes('konferenz.example.org/e2e'), text);
  await barrierefrei(meine, '/veranstaltungen/meine');
  assert.deepEqual([...form.fehler, ...seite.fehler, ...meine.fehler], []);
  await kora.close();
  await kommune.close();
});

test('Workshop-Ergebnisse per Tastatur verknüpfen und lösen; Präsentation und Unterlagen; axe', async () => {
  const kora = await browser.newContext();
  const form = await anmelden(kora, KONTEN.koordination, '/veranstaltungen/neu');
  const titel = `Themenfeld-Workshop Umwelt ${Date.now()}`;
  await form.getByRole('textbox', { name: 'Titel', exact: true }).fill(titel);
  await form.getByRole('textbox', { name: 'Termin', exact: true }).fill('12.12.2039');
  await form.getByLabel('Art', { exact: true }).selectOption({ label: 'Themenfeld-Workshop' });
  await form.getByLabel('Themenfeld', { exact: true }).selectOption({ label: 'Umwelt' });
  await form.getByRole('button', { name: 'Veranstaltung anlegen' }).click();
  await form.waitForURL(/\/veranstaltungen\/\d+$/);
  await bereit(form);
  const pfad = new URL(form.url()).pathname;
  const bereich = form.locator('section', { has: form.getByRole('heading', { name: 'Ergebnisse', level: 2 }) });
  await bereich.getByRole('link', { name: 'Präsentation der Roadmap „Umwelt“ öffnen' }).waitFor();
  await bereich.getByText('Noch keine Ergebnisse verknüpft.').waitFor();
  // By keyboard: the select, Tab to the button, Enter.
  const auswahl = form.getByLabel('Ergebnis verknüpfen');
  await auswahl.focus();
  const erstes = (await auswahl.locator('option').first().textContent()).trim();
  await form.keyboard.press('Tab');
  await form.keyboard.press('Enter');
  await bereich.getByRole('link', { name: erstes, exact: true }).waitFor();
  await barrierefrei(form, 'Workshop mit Ergebnis');
  const unterlagen = form.locator('section', { has: form.getByRole('heading', { name: 'Unterlagen' }) });
  assert.match(await unterlagen.getByRole('link', { name: 'Dokument hinzufügen' }).getAttribute('href'), /\/dokumente\/neu\?veranstaltung=\d+/);

  // The public sees the result and the presenter view, not the controls.
  const leser = await browser.newContext();
  const oeffentlich = await oeffnen(leser, pfad);
  const oeffentlicherBereich = oeffentlich.locator('section', { has: oeffentlich.getByRole('heading', { name: 'Ergebnisse', level: 2 }) });
  await oeffentlicherBereich.getByRole('link', { name: erstes, exact: true }).waitFor();
  assert.equal(await oeffentlich.getByLabel('Ergebnis verknüpfen').count(), 0);
  assert.equal(await oeffentlich.getByRole('button', { name: /lösen/ }).count(), 0);
  await barrierefrei(oeffentlich, 'Workshop öffentlich');

  const loesen = bereich.getByRole('button', { name: `Verknüpfung mit „${erstes}“ lösen` });
  await loesen.focus();
  await form.keyboard.press('Enter');
  await bereich.getByText('Noch keine Ergebnisse verknüpft.').waitFor();

  // The slides land in the library, linked to the workshop from its page.
  await unterlagen.getByRole('link', { name: 'Dokument hinzufügen' }).click();
  await form.waitForURL(/\/dokumente\/neu\?veranstaltung=/);
  await bereit(form);
  assert.match(await form.getByLabel('Veranstaltung (z. B. Workshop)').locator('option:checked').textContent(), new RegExp(titel));
  await form.getByRole('textbox', { name: 'Titel', exact: true }).fill('Folien des Workshops');
  await form.getByLabel('Art', { exact: true }).selectOption({ label: 'Präsentation' });
  await form.getByRole('textbox', { name: 'Quelle', exact: true }).fill('KDN (Beispiel für den Test)');
  await form.getByRole('button', { name: 'Dokument anlegen' }).click();
  await form.waitForURL(/\/dokumente\/\d+$/);
  await bereit(form);
  await dateiWaehlen(form, { name: 'folien.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n% Beispiel\n%%EOF\n') });
  await form.getByRole('textbox', { name: 'Stand', exact: true }).fill('12.12.2039');
  await form.getByRole('button', { name: 'Fassung hochladen' }).click();
  await form.getByText('Die Datei ist als neue Fassung gespeichert.').waitFor();
  await form.getByRole('link', { name: titel }).click();
  await form.waitForURL((u) => u.pathname === pfad);
  await bereit(form);
  const liste = form.locator('section', { has: form.getByRole('heading', { name: 'Unterlagen' }) });
  await liste.getByRole('link', { name: 'Folien des Workshops' }).waitFor();
  await liste.getByRole('link', { name: /folien\.pdf \(PDF/ }).waitFor();
  assert.deepEqual([...form.fehler, ...oeffentlich.fehler], []);
  await kora.close();
  await leser.close();
});
