// "Was betrifft meine Kommune?": a visitor opens Ahaus and sees the relevant OZG-Leistungen;
// Ahaus' staff report a service in operation and the progress figure follows.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { browserStarten, oeffnen, anmelden, barrierefrei, KONTEN } from './helfer.mjs';

let browser;
before(async () => { browser = await browserStarten(); });
after(async () => { await browser?.close(); });

// [online, relevant, of those with a service the Kommune reported itself]
const fortschritt = async (page) => {
  const t = await page.locator('#fortschritt-text').innerText();
  const [, online, gesamt] = t.match(/(\d+) von (\d+) relevanten/);
  const [, gemeldet] = t.match(/(\d+) davon mit einem Dienst, den die Kommune gemeldet hat/);
  return [Number(online), Number(gesamt), Number(gemeldet)];
};

test('Kommune öffnen: relevante Leistungen, Reiter in der URL, barrierefrei', async () => {
  const context = await browser.newContext();
  const page = await oeffnen(context, '/kommunen/05554004');
  await page.getByRole('heading', { name: 'Was betrifft Ahaus, Stadt?' }).waitFor();
  const tabelle = page.locator('table', { has: page.locator('caption', { hasText: 'OZG-Leistungen für Größenklasse Mittlere kreisangehörige Stadt' }) });
  const zeile = tabelle.locator('tbody tr', { hasText: 'Abbruchgenehmigung' });
  assert.match(await zeile.innerText(), /10513\s+Kommunal\s+Bauen & Immobilien\s+Bauen & Wohnen\s+1 – höchste/);
  const [, gesamt] = await fortschritt(page);
  assert.equal(await tabelle.locator('tbody tr').count(), gesamt);
  await barrierefrei(page, 'der Kommunensicht');

  await page.getByRole('navigation', { name: 'Ansicht wählen' }).getByRole('link', { name: 'LeiKa-Leistungen' }).click();
  await page.waitForURL(/ansicht=leika/);
  await page.getByText(/LeiKa-Leistungen dieser OZG-Leistungen können von Kommunen vollzogen werden/).waitFor();
  assert.equal(await page.locator('[aria-current="page"]', { hasText: 'LeiKa-Leistungen' }).count(), 1);
  assert.deepEqual(page.fehler, []);
  await context.close();
});

test('Kommune meldet einen Dienst in Betrieb; der Fortschritt zählt ihn', async () => {
  const context = await browser.newContext();
  const page = await anmelden(context, KONTEN.kommune, '/kommunen/05554004');
  const [vorher, , gemeldetVorher] = await fortschritt(page);

  await page.goto(page.url().replace(/\/kommunen\/.*$/, '/loesungen?q=versteiger'));
  await page.waitForSelector('html[data-hydriert="ja"]');
  await page.getByRole('link', { name: '§34b GewO Versteigerergewerbe' }).click();
  await page.getByRole('heading', { name: 'Nutzung durch Ahaus, Stadt' }).waitFor();
  await page.getByLabel('In Betrieb seit').fill('2025-06');
  await page.getByLabel('Kommentar').fill('über das Wirtschafts-Service-Portal');
  await page.getByRole('button', { name: 'Nutzung speichern' }).click();
  await page.getByText('Die Nutzung wurde gespeichert.').waitFor();
  await page.locator('table', { has: page.locator('caption', { hasText: 'Kommunen, die den Dienst nutzen' }) }).getByRole('link', { name: 'Ahaus, Stadt' }).waitFor();
  await barrierefrei(page, 'dem Online-Dienst mit Nutzungsformular');

  await page.getByRole('link', { name: 'Ahaus, Stadt' }).first().click();
  await page.waitForURL(/\/kommunen\/05554004/);
  await page.getByRole('heading', { name: 'Was betrifft Ahaus, Stadt?' }).waitFor();
  const [nachher, , gemeldetNachher] = await fortschritt(page);
  // The service is Land-wide (the WSP): it counted before; now it counts as reported, too.
  assert.ok(gemeldetNachher > gemeldetVorher, `${gemeldetVorher} → ${gemeldetNachher}`);
  assert.ok(nachher >= vorher && nachher >= gemeldetNachher, `${vorher} → ${nachher}`);
  await page.getByText('in Betrieb (gemeldet)').first().waitFor();
  await page.getByRole('navigation', { name: 'Ansicht wählen' }).getByRole('link', { name: 'Online-Dienste' }).click();
  await page.waitForURL(/ansicht=dienste/);
  assert.match(await page.locator('table', { has: page.locator('caption', { hasText: 'Online-Dienste, die die Kommune' }) }).innerText(), /Versteigerergewerbe.*06\/2025/s);
  assert.deepEqual(page.fehler, []);
  await context.close();
});

test('Koordination meldet die Nutzung für eine gewählte Kommune; die Wahl steht in der Adresse', async () => {
  const context = await browser.newContext();
  const page = await anmelden(context, KONTEN.koordination, '/loesungen?q=bewacher');
  await page.locator('table.katalog-tabelle tbody tr a').first().click();
  await page.getByRole('heading', { name: 'Nutzung für eine Kommune erfassen' }).waitFor();
  const dienst = (await page.locator('h1').innerText()).trim();
  assert.equal(await page.getByRole('heading', { name: /^Nutzung durch/ }).count(), 0, 'erst eine Kommune wählen');
  // Keyboard only: focus the choice, pick by label, submit with Enter.
  await page.getByLabel('Kommune', { exact: true }).focus();
  await page.getByLabel('Kommune', { exact: true }).selectOption({ label: 'Bocholt, Stadt' });
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await page.waitForURL(/\?fuer=05554008$/);
  await page.getByRole('heading', { name: 'Nutzung durch Bocholt, Stadt' }).waitFor();
  await page.getByLabel('Anschluss geplant ab').fill('2027-01');
  await page.getByRole('button', { name: 'Nutzung speichern' }).click();
  await page.getByText('Die Nutzung wurde gespeichert.').waitFor();
  const kommunen = page.locator('table', { has: page.locator('caption', { hasText: 'Kommunen, die den Dienst nutzen' }) });
  await kommunen.getByRole('link', { name: 'Bocholt, Stadt' }).waitFor();
  assert.match(await kommunen.innerText(), /Bocholt, Stadt\s+01\/2027/);
  await barrierefrei(page, 'dem Online-Dienst mit Kommunenwahl der Koordination');

  // A reload keeps the choice and shows the stored values; Bocholt's view lists the service.
  await page.reload();
  await page.waitForSelector('html[data-hydriert="ja"]');
  assert.equal(await page.getByLabel('Anschluss geplant ab').inputValue(), '2027-01');
  assert.equal(await page.getByRole('button', { name: 'Nutzung entfernen' }).count(), 1);
  const bocholt = await oeffnen(context, '/kommunen/05554008?ansicht=dienste');
  await bocholt.getByRole('heading', { name: 'Was betrifft Bocholt, Stadt?' }).waitFor();
  assert.ok((await bocholt.locator('main').innerText()).includes(dienst), `${dienst} fehlt in der Sicht von Bocholt`);
  // The public sees neither the choice nor a form.
  const oeffentlich = await browser.newContext();
  const anonym = await oeffnen(oeffentlich, new URL(page.url()).pathname + '?fuer=05554008');
  await anonym.locator('h1').waitFor();
  assert.equal(await anonym.getByRole('heading', { name: 'Nutzung für eine Kommune erfassen' }).count(), 0);
  assert.equal(await anonym.getByRole('button', { name: 'Nutzung speichern' }).count(), 0);
  assert.deepEqual(page.fehler, []);
  await oeffentlich.close();
  await context.close();
});

test('Themen zuordnen: Person anlegen, Themenfeld zuordnen, Öffentlichkeit sieht nur die Zahl', async () => {
  const context = await browser.newContext();
  const page = await anmelden(context, KONTEN.kommune, '/kommunen/05554004');
  const name = `Tina Thema ${Date.now()}`;
  await page.getByText('Ansprechperson hinzufügen').click();
  await page.locator('#neu-name').fill(name);
  await page.getByRole('button', { name: 'Hinzufügen' }).click();
  await page.locator('li.person', { hasText: name }).waitFor();

  const bereich = page.locator('section', { has: page.getByRole('heading', { name: 'Themen zuordnen' }) });
  const auswahl = bereich.getByRole('combobox', { name: 'Bildung' });
  await auswahl.selectOption({ label: name });
  await bereich.getByRole('button', { name: 'Zuordnung speichern' }).click();
  await bereich.getByText('Die Zuordnung wurde gespeichert.').waitFor();
  await page.waitForFunction(() => /1 von 15 Themenfeldern|[2-9] von 15 Themenfeldern/.test(document.querySelector('main').innerText));
  assert.equal(await bereich.getByRole('combobox', { name: 'Bildung' }).locator('option:checked').innerText(), name);
  await barrierefrei(page, 'der Themenzuordnung');

  const oeffentlich = await oeffnen(await browser.newContext(), '/kommunen/05554004');
  const text = await oeffentlich.locator('section', { has: oeffentlich.getByRole('heading', { name: 'Themen zuordnen' }) }).innerText();
  assert.match(text, /von 15 Themenfeldern haben eine verantwortliche Person/);
  assert.ok(!text.includes(name), 'keine Namen für die Öffentlichkeit');
  assert.deepEqual(page.fehler, []);
  await context.close();
});
