import { ChildProcess, spawn, spawnSync } from 'child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import * as http from 'http';
import * as net from 'net';
import { tmpdir } from 'os';
import { join } from 'path';
import { BREAKER_CHECK_USER_AGENT } from '../../lib/pod/proxy/circuit-breaker';

/**
 * Helpers that run the real HAProxy (Debian package `haproxy`, installed by .ci/run) on loopback
 * only: every server listens on 127.0.0.1, on a port the kernel picked, and stops by itself.
 */

/** The haproxy binary's version line, or undefined when it is not installed. */
export function haproxyVersion(): string | undefined {
  if (version === null) {
    const r = spawnSync('haproxy', ['-v'], { encoding: 'utf8' });
    version = r.status === 0 ? r.stdout.split('\n')[0] : undefined;
  }
  return version;
}
let version: string | undefined | null = null;

/**
 * `describe` when haproxy is installed; otherwise `describe.skip` with a message saying why, unless
 * REQUIRE_HAPROXY is set (CI sets it), where a missing binary fails the run.
 */
export function describeWithHaproxy(name: string, fn: () => void): void {
  if (haproxyVersion()) {
    describe(name, fn);
    return;
  }
  if (process.env.REQUIRE_HAPROXY) {
    describe(name, () => test('haproxy is installed', () => { throw new Error('REQUIRE_HAPROXY is set but `haproxy` is not on PATH: apt-get install -y haproxy'); }));
    return;
  }
  process.stderr.write(`[test/proxy] SKIPPED '${name}': the haproxy binary is not installed (apt-get install -y --no-install-recommends haproxy)\n`);
  describe.skip(name, fn);
}

const scratch = mkdtempSync(join(tmpdir(), 'cdk8s-patterns-haproxy-'));
let files = 0;
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Writes a config into a scratch file. */
function writeConfig(config: string): string {
  const path = join(scratch, `haproxy-${files++}.cfg`);
  writeFileSync(path, config);
  return path;
}

/** What `haproxy -c` said about a config. */
export interface ConfigCheck {
  readonly status: number | null;
  /** Its warnings and alerts, one per entry, without the NOTICE lines. */
  readonly problems: string[];
}

/** Runs HAProxy's own configuration check (`haproxy -c -f`). */
export function checkConfig(config: string): ConfigCheck {
  return checkConfigs([config])[0];
}

/** What the shell prints after each config's check: its exit status. */
const STATUS = '@@cdk8s-patterns haproxy -c status';

/**
 * `checkConfig` for several configs, each checked on its own (`haproxy -c -f`), by one shell that runs
 * them in turn: the jest worker (a few hundred MB) forks once and the small shell forks the checks.
 * A fork of the worker costs ~20–55 ms on this machine, and pages it writes afterwards fault once
 * (copy-on-write). 24 configs in band: 1.48–1.59 s, one spawn each 1.72–1.74 s.
 */
export function checkConfigs(configs: readonly string[]): ConfigCheck[] {
  const script = `for f; do haproxy -c -f "$f" 2>&1; echo "${STATUS} $?"; done`;
  const r = spawnSync('sh', ['-c', script, 'sh', ...configs.map(writeConfig)], { encoding: 'utf8', timeout: 10_000 * configs.length });
  const out: ConfigCheck[] = [];
  let problems: string[] = [];
  for (const line of r.stdout.split('\n')) {
    if (line.startsWith(`${STATUS} `)) {
      out.push({ status: Number(line.slice(STATUS.length + 1)), problems });
      problems = [];
    } else if (/\[(WARNING|ALERT)\]/.test(line)) {
      problems.push(line);
    }
  }
  if (out.length !== configs.length) throw new Error(`haproxy -c: ${out.length} of ${configs.length} configs checked (status ${r.status}, signal ${r.signal}): ${r.stderr}`);
  return out;
}

/**
 * `count` distinct ports on 127.0.0.1 that were free a moment ago. All are held open until each has
 * one: ports asked for one at a time can repeat (the kernel may hand a just-closed port out again;
 * it did, and a sidecar got one port for two listeners).
 */
export async function freePorts(count: number): Promise<number[]> {
  const servers = Array.from({ length: count }, () => net.createServer());
  try {
    return await Promise.all(servers.map(s => new Promise<number>((resolve, reject) => {
      s.once('error', reject);
      s.listen(0, '127.0.0.1', () => resolve((s.address() as net.AddressInfo).port));
    })));
  } finally {
    await Promise.all(servers.map(s => new Promise<void>(resolve => (s.listening ? s.close(() => resolve()) : resolve()))));
  }
}

/** How the tiny upstream answers. */
export type UpstreamMode = 'ok' | 'fail' | 'hang';

/** A tiny HTTP upstream on 127.0.0.1 that can be told to answer, fail fast (500) or hang. */
export class Upstream {
  public mode: UpstreamMode = 'ok';
  /** Calls that are not the breaker's health checks. */
  public hits = 0;
  /** The breaker's health checks (User-Agent haproxy-circuit-breaker). */
  public checks = 0;
  public port = 0;
  private readonly server: http.Server;
  private readonly hanging = new Set<http.ServerResponse>();

  constructor(private readonly body = 'sunny\n') {
    this.server = http.createServer((req, res) => {
      if (req.headers['user-agent'] === BREAKER_CHECK_USER_AGENT) this.checks++;
      else this.hits++;
      if (this.mode === 'hang') {
        this.hanging.add(res);
        return;
      }
      res.statusCode = this.mode === 'ok' ? 200 : 500;
      res.end(this.mode === 'ok' ? this.body : 'boom\n');
    });
  }

  public async start(): Promise<this> {
    await new Promise<void>(resolve => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as net.AddressInfo).port;
    // Stops by itself even if a test forgets to.
    setTimeout(() => void this.stop(), 120_000).unref();
    return this;
  }

  public async stop(): Promise<void> {
    for (const res of this.hanging) res.destroy();
    this.hanging.clear();
    this.server.closeAllConnections();
    await new Promise<void>(resolve => this.server.close(() => resolve()));
  }
}

/** An HAProxy process running a generated config, in the foreground, killed by {@link stop}. */
export class Haproxy {
  private proc?: ChildProcess;
  public output = '';

  constructor(private readonly config: string) {}

  /** Starts it and waits until `http://127.0.0.1:<healthPort>/healthz` answers 200 (at most 5 s). */
  public async start(healthPort: number): Promise<this> {
    this.proc = spawn('haproxy', ['-db', '-f', writeConfig(this.config)], { stdio: ['ignore', 'pipe', 'pipe'] });
    this.proc.stdout!.on('data', d => { this.output += d; });
    this.proc.stderr!.on('data', d => { this.output += d; });
    // Never outlives the test file, whatever happens to it.
    const guard = setTimeout(() => this.proc?.kill('SIGKILL'), 120_000);
    guard.unref();
    this.proc.on('exit', () => clearTimeout(guard));
    const deadline = Date.now() + 5000;
    while (Date.now() < deadline) {
      const r = await get(healthPort, '/healthz').catch(() => undefined);
      if (r?.status === 200) return this;
      await sleep(50);
    }
    throw new Error(`haproxy did not become ready on ${healthPort}:\n${this.output}`);
  }

  public async stop(): Promise<void> {
    const p = this.proc;
    if (!p || p.exitCode !== null) return;
    await new Promise<void>(resolve => {
      p.once('exit', () => resolve());
      p.kill('SIGKILL');
    });
  }
}

/** One answer, and how long it took. */
export interface Answer {
  readonly status: number;
  readonly body: string;
  readonly ms: number;
}

/**
 * A GET to 127.0.0.1:<port>, on a fresh connection, given up after 5 s; `from` is the client's address
 * (any 127.x.y.z is this machine's loopback).
 */
export function get(port: number, path = '/', from = '127.0.0.1'): Promise<Answer> {
  const start = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path, agent: false, timeout: 5000, localAddress: from }, res => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', d => { body += d; });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, ms: Number(process.hrtime.bigint() - start) / 1e6 }));
    });
    req.on('timeout', () => req.destroy(new Error(`GET 127.0.0.1:${port}${path} took over 5 s`)));
    req.on('error', reject);
  });
}

export function sleep(ms: number): Promise<void> {
  return new Promise(resolve => setTimeout(resolve, ms));
}
