// The portal as an office runs it: Caddy (TLS, HTTP/2) in front of two app servers on one
// PostgreSQL database, started from betrieb/ as it is (scripts/betrieb.sh).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http2 from 'node:http2';
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { Topologie, serverCookie } from './topologie.mjs';

const PASSWORT = process.env.E2E_PW_KOORDINATION;
let topo;
let browser;

before(async () => {
  topo = await new Topologie().starten();
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
      // Trust exactly the test certificate's key, nothing else.
      `--ignore-certificate-errors-spki-list=${process.env.BETRIEB_SPKI}`],
  });
});
after(async () => { await browser?.close(); await topo?.stoppen(); });

/** A browser context that the proxy sends to one app server (its `lb_policy cookie`). */
async function kontextBei(server) {
  const context = await browser.newContext();
  await context.addCookies([{ name: 'ozg_server', value: serverCookie(server.upstream), url: topo.basis }]);
  return context;
}

async function serverVon(context) {
  return (await context.cookies(topo.basis)).find((c) => c.name === 'ozg_server')?.value;
}

async function oeffnen(context, pfad) {
  const page = await context.newPage();
  page.fehler = [];
  page.on('pageerror', (e) => page.fehler.push(e.message));
  await page.goto(topo.basis + pfad);
  await page.waitForSelector('html[data-hydriert="ja"]', { timeout: 20000 });
  return page;
}

/** Logs in over HTTP through the proxy as the login form does; returns the session cookie. */
async function anmeldenHttp(email, passwort, kopf = {}) {
  return fetch(`${topo.basis}/api/anmelden`, {
    method: 'POST',
    headers: { origin: topo.basis, 'content-type': 'application/x-www-form-urlencoded', ...kopf },
    body: new URLSearchParams({ email, passwort }),
  });
}

function psql(sql) {
  return execFileSync('psql', [process.env.BETRIEB_DATENBANK, '-tAc', sql], { encoding: 'utf8' }).trim();
}

test('TLS mit HTTP/2, HSTS, sichere Cookies, Umleitung von http, keine Metriken nach außen', async () => {
  const ca = readFileSync(join(process.env.BETRIEB_TMP, 'ca.crt'));
  const sitzung = http2.connect(topo.basis, { ca });
  const kopf = await new Promise((fertig, fehler) => {
    const r = sitzung.request({ ':path': '/' });
    r.on('response', fertig);
    r.on('error', fehler);
    r.resume();
  });
  assert.equal(sitzung.alpnProtocol, 'h2');
  assert.equal(kopf[':status'], 200);
  assert.match(kopf['strict-transport-security'], /max-age=\d+/);
  sitzung.close();

  const r = await anmeldenHttp('koordination@e2e.test', PASSWORT);
  assert.equal(r.status, 200);
  const cookies = r.headers.getSetCookie();
  const sitzungscookie = cookies.find((c) => c.startsWith('ozg_sitzung='));
  assert.ok(sitzungscookie, cookies.join(' | '));
  assert.match(sitzungscookie, /; Secure/);
  assert.match(sitzungscookie, /HttpOnly/);
  const lb = cookies.find((c) => c.startsWith('ozg_server='));
  assert.match(lb, /; Secure; HttpOnly; SameSite=Lax/);

  const umleitung = await fetch(`http://localhost:${topo.http}/roadmap?zoom=jahr`, { redirect: 'manual' });
  assert.equal(umleitung.status, 308);
  assert.equal(umleitung.headers.get('location'), `${topo.basis}/roadmap?zoom=jahr`);
  assert.equal((await fetch(`${topo.basis}/metrics`)).status, 404);
});

test('Drosselung: gefälschte X-Forwarded-For-Adressen umgehen sie nicht, der Proxy nennt die echte', async () => {
  const status = [];
  for (let i = 1; i <= 6; i++) {
    const r = await anmeldenHttp('ziel@e2e.test', 'falsches Passwort 123', { 'x-forwarded-for': `198.51.100.${i}` });
    status.push(r.status);
  }
  // Five failures of this account from this client, whatever it claims to be; then the lock.
  assert.deepEqual(status, [401, 401, 401, 401, 401, 429]);
  const netze = psql("SELECT string_agg(DISTINCT schluessel, ',') FROM anmeldesperre WHERE schluessel LIKE 'paar:ziel@e2e.test|%'");
  assert.equal(netze, 'paar:ziel@e2e.test|127.0.0.1');
});

test('Chromium: eine Änderung über Server A erscheint ohne Neuladen bei einem Browser an Server B', async () => {
  const zuschauer = await kontextBei(topo.b);
  const andere = await oeffnen(zuschauer, '/roadmap/zeitachse?zoom=monat');
  await andere.getByText('Live: Änderungen erscheinen sofort.').waitFor();

  const context = await kontextBei(topo.a);
  const login = await oeffnen(context, '/anmelden?weiter=' + encodeURIComponent('/roadmap/zeitachse'));
  await login.getByLabel('E-Mail-Adresse').fill('koordination@e2e.test');
  await login.getByLabel('Passwort').fill(PASSWORT);
  await login.getByRole('button', { name: 'Anmelden' }).click();
  await login.waitForURL((u) => u.pathname === '/roadmap/zeitachse');
  await login.waitForSelector('html[data-hydriert="ja"]', { timeout: 20000 });
  const balken = (page) => page.locator('li.gantt-zeile', { has: page.getByRole('link', { name: 'Geringverdiener & Seniorenpass', exact: true }) })
    .locator('[data-phase="konzeption"]').first();
  await balken(login).focus();
  await login.keyboard.press('ArrowRight');
  await login.keyboard.press('Enter');
  await login.getByRole('status').filter({ hasText: 'Gespeichert – Konzeption: Februar 2021 bis Mai 2021.' }).waitFor();

  await andere.waitForFunction(() => [...document.querySelectorAll('li.gantt-zeile')]
    .filter((li) => li.querySelector('.gantt-name a')?.textContent === 'Geringverdiener & Seniorenpass')
    .some((li) => li.querySelector('[data-phase="konzeption"]')?.getAttribute('aria-label') === 'Konzeption: Februar 2021 bis Mai 2021'),
  null, { timeout: 5000 });
  // Each browser stayed on its server the whole time (the proxy rewrites the cookie otherwise).
  assert.equal(await serverVon(context), serverCookie(topo.a.upstream));
  assert.equal(await serverVon(zuschauer), serverCookie(topo.b.upstream));
  assert.deepEqual([...login.fehler, ...andere.fehler], []);
  await context.close();
  await zuschauer.close();
});

const MONATE = ['Januar', 'Februar', 'März', 'April', 'Mai', 'Juni', 'Juli', 'August', 'September', 'Oktober', 'November', 'Dezember'];

test('Rollender Neustart: A, dann B; jede Speicherung gelingt, der Browser holt per Last-Event-ID nach, ohne Neuladen', async () => {
  const [id, v0] = psql("SELECT id || ' ' || version FROM projekt WHERE name = 'Reitkennzeichen'").split(' ').map(Number);
  const zuschauer = await kontextBei(topo.a);
  const tabelle = await oeffnen(zuschauer, '/roadmap');
  await tabelle.getByText('Live: Änderungen erscheinen sofort.').waitFor();
  await tabelle.evaluate(() => { window.ohneNeuladen = true; });

  const anmeldung = await anmeldenHttp('koordination@e2e.test', PASSWORT);
  const cookie = anmeldung.headers.getSetCookie().find((c) => c.startsWith('ozg_sitzung=')).split(';')[0];
  let version = v0;
  let monat = 0;
  const ergebnisse = [];
  let weiter = true;
  const speichern = (async () => {
    while (weiter) {
      monat = (monat % 12) + 1;
      const form = { id, version, vorbereitung: '2020-01', konzeption: '2020-02', umsetzung: '2020-03', pilotierung: '',
        inbetriebnahme: `2021-${String(monat).padStart(2, '0')}`, rollout: '' };
      const start = Date.now();
      const r = await fetch(`${topo.basis}/api/projekt_speichern`, {
        method: 'POST',
        headers: { origin: topo.basis, cookie, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(form),
      });
      const text = await r.text();
      ergebnisse.push({ status: r.status, ms: Date.now() - start, text });
      if (r.status === 200) version = Number(text);
      await new Promise((w) => setTimeout(w, 1000));
    }
  })();

  await new Promise((w) => setTimeout(w, 2500));
  const endeA = await topo.a.beenden();
  await topo.a.starten();
  await new Promise((w) => setTimeout(w, 2500));
  const endeB = await topo.b.beenden();
  await topo.b.starten();
  await new Promise((w) => setTimeout(w, 2500));
  weiter = false;
  await speichern;

  const fehlgeschlagen = ergebnisse.filter((e) => e.status !== 200);
  console.log(`Neustart: ${ergebnisse.length} Speicherungen, ${fehlgeschlagen.length} fehlgeschlagen, längste ${Math.max(...ergebnisse.map((e) => e.ms))} ms; SIGTERM bis Ende A ${endeA.ms} ms, B ${endeB.ms} ms`);
  assert.deepEqual(fehlgeschlagen, []);
  assert.equal(endeA.code, 0, 'A ended by itself, not killed');
  assert.equal(endeB.code, 0);
  assert.ok(ergebnisse.length >= 8);
  // The browser shows the last save, caught up over its reconnects, and never reloaded.
  const erwartet = `${MONATE[monat - 1]} 2021`;
  await tabelle.locator('table.roadmap-tabelle tr', { hasText: 'Reitkennzeichen' }).getByText(erwartet).waitFor({ timeout: 10000 });
  assert.equal(await tabelle.evaluate(() => window.ohneNeuladen), true);
  assert.deepEqual(tabelle.fehler, []);
  await zuschauer.close();
});
