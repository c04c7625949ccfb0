// One client, one connection, requests one after another: the time of a single request, directly
// to an app server (HTTP/1.1, keep-alive) or through Caddy (HTTP/2 over TLS). Used by
// `make bench`; prints "anzahl p50 p99" in milliseconds.
//   node messung/proxy.mjs direkt http://127.0.0.1:3001 /leistungen 2000
//   node messung/proxy.mjs proxy https://localhost:8443 /leistungen 2000 ca.crt
import http from 'node:http';
import http2 from 'node:http2';
import { readFileSync } from 'node:fs';

const [art, basis, pfad, anzahlText = '1000', caDatei] = process.argv.slice(2);
const anzahl = Number(anzahlText);

function direkt() {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  return () => new Promise((fertig, fehler) => {
    http.get(basis + pfad, { agent, headers: { 'accept-encoding': 'gzip' } }, (r) => {
      r.resume();
      r.on('end', () => (r.statusCode === 200 ? fertig() : fehler(new Error(`Status ${r.statusCode}`))));
    }).on('error', fehler);
  });
}

function ueberProxy() {
  const sitzung = http2.connect(basis, { ca: readFileSync(caDatei) });
  return () => new Promise((fertig, fehler) => {
    const r = sitzung.request({ ':path': pfad, 'accept-encoding': 'gzip' });
    let status = 0;
    r.on('response', (h) => { status = h[':status']; });
    r.on('data', () => {});
    r.on('end', () => (status === 200 ? fertig() : fehler(new Error(`Status ${status}`))));
    r.on('error', fehler);
    r.end();
  });
}

const anfrage = art === 'proxy' ? ueberProxy() : direkt();
for (let i = 0; i < 20; i++) await anfrage(); // warm-up: connection, TLS, caches
const zeiten = [];
for (let i = 0; i < anzahl; i++) {
  const start = process.hrtime.bigint();
  await anfrage();
  zeiten.push(Number(process.hrtime.bigint() - start) / 1e6);
}
zeiten.sort((a, b) => a - b);
const q = (p) => zeiten[Math.min(zeiten.length - 1, Math.floor(p * zeiten.length))].toFixed(2);
console.log(`${anzahl} ${q(0.5)} ${q(0.99)}`);
process.exit(0);
