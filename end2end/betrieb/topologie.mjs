// The production topology for the tests: Caddy with betrieb/Caddyfile in front of two app servers
// started as betrieb/systemd/ozg-atlas@.service describes them. Only what a machine provides
// differs: the binary's and the site's paths, the ports, the certificate (set up by
// scripts/betrieb.sh).
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync, openSync } from 'node:fs';
import { createServer } from 'node:net';
import { createHmac } from 'node:crypto';
import { join } from 'node:path';

const REPO = new URL('../..', import.meta.url).pathname;
const TMP = process.env.BETRIEB_TMP;

function freierPort() {
  return new Promise((fertig) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => fertig(port)); });
  });
}

const warten = (ms) => new Promise((r) => setTimeout(r, ms));

/** `KEY=VALUE` lines as systemd reads an EnvironmentFile (comments and blank lines skipped). */
export function umgebungsdatei(text) {
  return Object.fromEntries(text.split('\n').map((z) => z.trim()).filter((z) => z && !z.startsWith('#'))
    .map((z) => { const i = z.indexOf('='); return [z.slice(0, i), z.slice(i + 1).replace(/^"(.*)"$/, '$1')]; }));
}

/** Environment and command line of the unit for instance `instanz`, in systemd's order. */
export function unitLesen(instanz, umgebungsdateien) {
  const text = readFileSync(join(REPO, 'betrieb/systemd/ozg-atlas@.service'), 'utf8').replaceAll('%i', String(instanz));
  let env = {};
  let befehl = null;
  for (const zeile of text.split('\n')) {
    const [schluessel, ...rest] = zeile.split('=');
    const wert = rest.join('=').trim();
    if (schluessel === 'EnvironmentFile') env = { ...env, ...umgebungsdateien[wert] };
    if (schluessel === 'Environment') { const i = wert.indexOf('='); env[wert.slice(0, i)] = wert.slice(i + 1); }
    if (schluessel === 'ExecStart') befehl = wert.split(/\s+/);
  }
  return { env, befehl };
}

/** The value Caddy's `lb_policy cookie` gives a browser that it sends to `upstream`. */
export const serverCookie = (upstream) => createHmac('sha256', '').update(upstream).digest('hex');

class AppServer {
  constructor(name, port, umgebung) { Object.assign(this, { name, port, umgebung }); }
  get upstream() { return `127.0.0.1:${this.port}`; }

  async starten() {
    const { env, befehl } = unitLesen(this.port, { '/etc/ozg-atlas/umgebung': this.umgebung });
    // The machine's paths instead of /opt/ozg-atlas.
    env.LEPTOS_SITE_ROOT = process.env.BETRIEB_SITE;
    const log = openSync(join(TMP, `server-${this.name}.log`), 'a');
    this.prozess = spawn(process.env.BETRIEB_BIN, befehl.slice(1), {
      env: { PATH: process.env.PATH, ...env }, cwd: REPO, stdio: ['ignore', log, log],
    });
    this.ende = new Promise((fertig) => this.prozess.on('exit', (code, signal) => fertig({ code, signal })));
    for (let i = 0; i < 120; i++) {
      try { if ((await fetch(`http://${this.upstream}/bereit`)).status === 200) return; } catch { /* not yet */ }
      await warten(250);
    }
    throw new Error(`Server ${this.name} nicht bereit:\n${readFileSync(join(TMP, `server-${this.name}.log`), 'utf8').slice(-2000)}`);
  }

  /** SIGTERM as systemd sends it; resolves with the exit and how long it took. */
  async beenden() {
    const start = Date.now();
    this.prozess.kill('SIGTERM');
    const ende = await this.ende;
    return { ...ende, ms: Date.now() - start };
  }

  log() { return readFileSync(join(TMP, `server-${this.name}.log`), 'utf8'); }
}

export class Topologie {
  async starten() {
    this.https = await freierPort();
    this.http = await freierPort();
    this.basis = `https://localhost:${this.https}`;
    // What /etc/ozg-atlas/umgebung holds on a real machine (README, "Betrieb").
    const umgebung = `# /etc/ozg-atlas/umgebung\nDATABASE_URL=${process.env.BETRIEB_DATENBANK}\nOZG_OEFFENTLICHE_URL=${this.basis}\n`;
    writeFileSync(join(TMP, 'umgebung'), umgebung);
    const werte = umgebungsdatei(umgebung);
    this.a = new AppServer('a', await freierPort(), werte);
    this.b = new AppServer('b', await freierPort(), werte);
    await this.a.starten();
    await this.b.starten();
    const log = openSync(join(TMP, 'caddy.log'), 'a');
    this.caddy = spawn('caddy', ['run', '--config', join(REPO, 'betrieb/Caddyfile'), '--adapter', 'caddyfile'], {
      env: {
        PATH: process.env.PATH, HOME: TMP, XDG_DATA_HOME: TMP, XDG_CONFIG_HOME: TMP,
        OZG_DOMAIN: 'localhost', OZG_HTTPS_PORT: String(this.https), OZG_HTTP_PORT: String(this.http),
        OZG_TLS_ZERTIFIKAT: join(TMP, 'server.crt'), OZG_TLS_SCHLUESSEL: join(TMP, 'server.key'),
        OZG_SERVER_A: this.a.upstream, OZG_SERVER_B: this.b.upstream,
      },
      stdio: ['ignore', log, log],
    });
    for (let i = 0; i < 80; i++) {
      try { if ((await fetch(`${this.basis}/bereit`)).status === 200) return this; } catch { /* not yet */ }
      await warten(250);
    }
    throw new Error(`Caddy nicht bereit:\n${readFileSync(join(TMP, 'caddy.log'), 'utf8').slice(-2000)}`);
  }

  async stoppen() {
    this.caddy?.kill('SIGTERM');
    for (const s of [this.a, this.b]) if (s?.prozess && s.prozess.exitCode === null) await s.beenden();
  }
}
