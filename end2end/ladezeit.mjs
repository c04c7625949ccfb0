// `make bench`: what a first visit costs in the browser – bytes of WASM/JS actually transferred
// (compressed, as the server sends them), number of requests, and the time until the page is
// interactive (html[data-hydriert]) – in Debian chromium over an emulated office line
// (LADE_MBIT Mbit/s down, LADE_RTT ms round trip; defaults 16 Mbit/s, 40 ms), empty cache.
// Usage: node ladezeit.mjs BASE_URL path...   Prints one Markdown row per path (median of 5).
import { chromium } from 'playwright-core';

const [basis, ...pfade] = process.argv.slice(2);
const MBIT = Number(process.env.LADE_MBIT ?? 16);
const RTT = Number(process.env.LADE_RTT ?? 40);
const RUNDEN = Number(process.env.LADE_RUNDEN ?? 5);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-gpu', '--no-first-run'],
});

async function einmal(pfad) {
  // LADE_UNSICHER=1: the bench's Caddy with its throwaway CA (scripts/tls-test.sh).
  const context = await browser.newContext({ ignoreHTTPSErrors: process.env.LADE_UNSICHER === '1' });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: RTT,
    downloadThroughput: (MBIT * 1024 * 1024) / 8,
    uploadThroughput: (MBIT * 1024 * 1024) / 16,
  });
  // Encoded (on-the-wire) body sizes per request, from the DevTools protocol.
  const typ = new Map();
  let wasm = 0, js = 0, anfragen = 0;
  cdp.on('Network.responseReceived', (e) => typ.set(e.requestId, e.response.url));
  cdp.on('Network.loadingFinished', (e) => {
    const url = typ.get(e.requestId) ?? '';
    anfragen += 1;
    if (url.endsWith('.wasm')) wasm += e.encodedDataLength;
    else if (url.endsWith('.js')) js += e.encodedDataLength;
  });
  const start = Date.now();
  await page.goto(basis + pfad);
  await page.waitForSelector('html[data-hydriert="ja"]', { timeout: 60000 });
  const ms = Date.now() - start;
  await context.close();
  return { ms, wasm, js, anfragen };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
for (const pfad of pfade) {
  const laeufe = [];
  for (let i = 0; i < RUNDEN; i++) laeufe.push(await einmal(pfad));
  const kib = (n) => `${Math.round(n / 1024)} KiB`;
  console.log(
    `| ${pfad.padEnd(28)} | ${String(median(laeufe.map((l) => l.ms))).padStart(6)} ms | ${kib(median(laeufe.map((l) => l.wasm))).padStart(9)} | ${kib(median(laeufe.map((l) => l.js))).padStart(8)} | ${String(median(laeufe.map((l) => l.anfragen))).padStart(8)} |`,
  );
}
await browser.close();
