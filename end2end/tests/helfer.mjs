// Shared setup: Debian chromium through playwright-core, axe-core for accessibility checks.
import { chromium } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import assert from 'node:assert/strict';

export const BASE = process.env.BASE_URL ?? 'http://127.0.0.1:3000';
const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export async function browserStarten() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-gpu', '--no-first-run'],
  });
}

/** Accounts created by scripts/e2e.sh with random passwords (never stored in the repository). */
export const KONTEN = {
  koordination: { email: 'koordination@e2e.test', passwort: process.env.E2E_PW_KOORDINATION },
  kommune: { email: 'ahaus@e2e.test', passwort: process.env.E2E_PW_KOMMUNE },
  admin: { email: 'admin@e2e.test', passwort: process.env.E2E_PW_ADMIN },
};

/** Opens a page and waits until the WASM app has hydrated it. */
export async function oeffnen(context, pfad) {
  const page = await context.newPage();
  const fehler = [];
  page.on('pageerror', (e) => fehler.push(e.message));
  // A script or style blocked by the Content-Security-Policy is an error of the page.
  // Which documents the page loaded (address, status, policy): a violation names them.
  const dokumente = [];
  page.on('response', (r) => {
    if (r.request().resourceType() === 'document') dokumente.push(`${r.status()} ${r.url()} ${JSON.stringify(r.headers())} ${JSON.stringify(r.request().headers())}`);
  });
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) fehler.push(`${m.text()} (Dokumente: ${dokumente.join(' | ')}; Ort: ${JSON.stringify(m.location())})`);
  });
  page.fehler = fehler;
  await page.goto(BASE + pfad);
  await bereit(page);
  return page;
}

/** Waits until every island of the page works; on timeout the page's errors say why. */
export async function bereit(page) {
  try {
    await page.waitForSelector('html[data-hydriert="ja"]', { timeout: 20000 });
  } catch (e) {
    throw new Error(`${page.url()} wurde nicht interaktiv: ${e.message}\nFehler der Seite: ${(page.fehler ?? []).join('\n')}`);
  }
}

/**
 * Runs axe-core with the WCAG 2.1 A/AA rules and fails with a readable list of violations – at
 * the page's width and again at 320 CSS px (WCAG 1.4.10 Reflow), where the page must not scroll
 * sideways as a whole.
 */
export async function barrierefrei(page, wo) {
  await axePruefen(page, wo);
  const vorher = page.viewportSize();
  if (vorher && vorher.width > 320) {
    await page.setViewportSize({ width: 320, height: 640 });
    const breite = await page.evaluate(() => new Promise((fertig) =>
      requestAnimationFrame(() => fertig(document.documentElement.scrollWidth))));
    assert.ok(breite <= 320, `${wo} ist bei 320 px ${breite} px breit`);
    await axePruefen(page, `${wo} (320 px)`);
    await page.setViewportSize(vorher);
  }
}

async function axePruefen(page, wo) {
  // Through the DevTools protocol, not a <script> tag: the page's CSP rightly blocks inline scripts.
  if (!(await page.evaluate(() => typeof window.axe !== 'undefined'))) await page.evaluate(AXE);
  const ergebnis = await page.evaluate(async () =>
    // eslint-disable-next-line no-undef
    axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }),
  );
  const liste = ergebnis.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('\n    ')}`,
  );
  assert.deepEqual(liste, [], `axe-core findet auf ${wo}:\n  ${liste.join('\n  ')}`);
}

/** Texts of the catalog table's rows. */
export async function zeilen(page) {
  return page.$$eval('table.katalog-tabelle tbody tr', (trs) => trs.map((tr) => tr.innerText.replace(/\s+/g, ' ').trim()));
}

export async function trefferzahl(page) {
  const text = await page.textContent('.treffer');
  return Number(text.replace(/[^\d]/g, ''));
}

/** Logs in through the login page as a user would, and returns to `weiter`. */
export async function anmelden(context, konto, weiter = '/') {
  assert.ok(konto.passwort, `Passwort für ${konto.email} fehlt (E2E_PW_* aus scripts/e2e.sh)`);
  const page = await oeffnen(context, '/anmelden?weiter=' + encodeURIComponent(weiter));
  await page.getByLabel('E-Mail-Adresse').fill(konto.email);
  await page.getByLabel('Passwort').fill(konto.passwort);
  await page.getByRole('button', { name: 'Anmelden' }).click();
  await page.waitForURL((u) => u.pathname === weiter.split('?')[0]);
  await page.waitForSelector('html[data-hydriert="ja"]', { timeout: 20000 });
  await page.getByText('Angemeldet:').waitFor();
  return page;
}

/**
 * Opens the file chooser of the field „Datei“ by keyboard (Space, else Enter), as a keyboard
 * user does. Once more if the page re-rendered the field between focus and key (a live reload).
 */
export async function dateiWaehlen(page, datei) {
  const feld = page.getByLabel('Datei', { exact: true });
  for (const taste of ['Space', 'Enter', 'Space']) {
    await feld.focus();
    const waehler = page.waitForEvent('filechooser', { timeout: 5000 }).catch(() => null);
    await page.keyboard.press(taste);
    const w = await waehler;
    if (w) {
      await w.setFiles(datei);
      return;
    }
  }
  throw new Error('Die Dateiauswahl öffnete sich per Tastatur nicht.');
}
