import { browserStarten } from './tests/helfer.mjs';
const BASE='http://127.0.0.1:3999';
const b = await browserStarten(); const c = await b.newContext();
const p = await c.newPage();
p.on('console', m => console.log('CONSOLE', m.type(), m.text()));
p.on('pageerror', e => console.log('PAGEERROR', e.message));
await p.goto(BASE + '/anmelden?weiter=' + encodeURIComponent(process.argv[4] ?? '/konto'));
await p.waitForSelector('html[data-hydriert="ja"]', { timeout: 10000 }).catch(e=>console.log('no hydr 1'));
await p.getByLabel('E-Mail-Adresse').fill(process.argv[2] ?? 'koordination@e2e.test');
await p.getByLabel('Passwort').fill('Geheim-Passwort-123');
await p.getByRole('button', { name: 'Anmelden' }).click();
await p.waitForURL(u => u.pathname === (process.argv[4] ?? '/konto').split('?')[0]);
await p.waitForSelector('html[data-hydriert="ja"]', { timeout: 10000 }).catch(e=>console.log('no hydr 2'));
console.log(p.url());
for (const pfad of (process.argv[3] ?? '').split(',').filter(Boolean)) {
  await p.goto(BASE + pfad);
  await p.waitForSelector('html[data-hydriert="ja"]', { timeout: 10000 }).catch(e=>console.log('no hydr', pfad));
}
await b.close();
