import { Duration, Testing } from 'cdk8s';
import { ProxySidecar } from '../../lib/pod/proxy/proxy-sidecar';
import { Answer, describeWithHaproxy, freePort, get, Haproxy, sleep, Upstream } from './haproxy-harness';

/**
 * The generated config, run by the real HAProxy in front of a tiny local upstream. Short durations
 * keep it fast: 200 ms timeout, 3 failures trip, 2 s trip duration; 5 requests per second per client.
 */
const TIMEOUT_MS = 200;
const TRIP_MS = 2000;
const FAILURES = 3;
const FALLBACK = 'weather unavailable: "circuit open" $0\n';
/** Slack for a loaded 2-core machine; the bounds stay far below the 30 s the seed's users waited. */
const SLACK_MS = 300;

describeWithHaproxy('HAProxy runs the generated circuit breaker and rate limiter', () => {
  const weather = new Upstream();
  const app = new Upstream('hello, sidecar!\n');
  let proxy: Haproxy;
  let ports: { breaker: number; limiter: number; health: number };
  const measured: Record<string, string> = {};

  beforeAll(async () => {
    await weather.start();
    await app.start();
    ports = { breaker: await freePort(), limiter: await freePort(), health: await freePort() };
    const sidecar = new ProxySidecar(Testing.chart(), 'Proxy', {
      healthPort: ports.health,
      breakers: [{
        name: 'weather', host: '127.0.0.1', port: weather.port, listenPort: ports.breaker,
        timeout: Duration.millis(TIMEOUT_MS), failures: FAILURES, tripDuration: Duration.millis(TRIP_MS),
        fallback: { status: 503, body: FALLBACK },
      }],
      rateLimit: { port: ports.limiter, appPort: app.port, requests: 5, per: Duration.seconds(1) },
    });
    // The sidecar's rate limiter binds every address (the Service reaches it); here loopback only.
    proxy = await new Haproxy(sidecar.config.replace(`bind *:${ports.limiter}`, `bind 127.0.0.1:${ports.limiter}`).replace(`bind *:${ports.health}`, `bind 127.0.0.1:${ports.health}`)).start(ports.health);
  });

  afterAll(async () => {
    await proxy?.stop();
    await weather.stop();
    await app.stop();
    process.stdout.write(`[test/proxy] measured: ${Object.entries(measured).map(([k, v]) => `${k} ${v}`).join('; ')}\n`);
  });

  test('a healthy upstream is called through the breaker', async () => {
    const r = await get(ports.breaker);
    expect(r).toMatchObject({ status: 200, body: 'sunny\n' });
    expect(weather.hits).toBe(1);
  });

  test('a hanging upstream costs each caller about the timeout, and the breaker then opens', async () => {
    weather.mode = 'hang';
    const slow: Answer[] = [];
    for (let i = 0; i < FAILURES; i++) slow.push(await get(ports.breaker));
    // HAProxy answers 504 when the server timeout expires.
    expect(slow.map(r => r.status)).toEqual(Array(FAILURES).fill(504));
    for (const r of slow) {
      expect(r.ms).toBeGreaterThanOrEqual(TIMEOUT_MS - 20);
      expect(r.ms).toBeLessThan(TIMEOUT_MS + SLACK_MS);
    }
    measured['hanging upstream answered in'] = `${Math.round(Math.max(...slow.map(r => r.ms)))} ms (timeout ${TIMEOUT_MS} ms)`;
    expect(weather.hits).toBe(1 + FAILURES);

    const open: Answer[] = [];
    for (let i = 0; i < 10; i++) open.push(await get(ports.breaker));
    for (const r of open) expect(r).toMatchObject({ status: 503, body: FALLBACK });
    expect(Math.max(...open.map(r => r.ms))).toBeLessThan(SLACK_MS);
    // Answered by the proxy: the upstream saw none of them.
    expect(weather.hits).toBe(1 + FAILURES);
    measured['fallback answered in'] = `${Math.round(Math.max(...open.map(r => r.ms)))} ms`;
  });

  test('it stays open past the trip duration while the upstream still hangs; only health checks reach it', async () => {
    const checksBefore = weather.checks;
    const hitsBefore = weather.hits;
    const open: Answer[] = [];
    const until = Date.now() + TRIP_MS + 500;
    while (Date.now() < until) {
      open.push(await get(ports.breaker));
      await sleep(100);
    }
    for (const r of open) expect(r).toMatchObject({ status: 503, body: FALLBACK });
    expect(weather.hits).toBe(hitsBefore);
    expect(weather.checks).toBeGreaterThan(checksBefore);
    measured['upstream hits while open'] = `${weather.hits - hitsBefore} of ${open.length} calls (health checks: ${weather.checks - checksBefore})`;
  });

  test('it closes again within the trip duration once the upstream recovers', async () => {
    weather.mode = 'ok';
    const recovered = Date.now();
    let r = await get(ports.breaker);
    while (r.status !== 200 && Date.now() - recovered < TRIP_MS + TIMEOUT_MS + SLACK_MS + 1000) {
      await sleep(25);
      r = await get(ports.breaker);
    }
    const closedAfter = Date.now() - recovered;
    expect(r).toMatchObject({ status: 200, body: 'sunny\n' });
    expect(closedAfter).toBeLessThan(TRIP_MS + TIMEOUT_MS + SLACK_MS);
    measured['closed after the upstream recovered in'] = `${closedAfter} ms (trip duration ${TRIP_MS} ms)`;
  });

  test('an upstream that fails fast (500) trips it too, after the same number of failures', async () => {
    weather.mode = 'fail';
    const hitsBefore = weather.hits;
    const answers: Answer[] = [];
    for (let i = 0; i < FAILURES + 3; i++) answers.push(await get(ports.breaker));
    expect(answers.map(a => a.status)).toEqual([...Array(FAILURES).fill(500), 503, 503, 503]);
    expect(weather.hits - hitsBefore).toBe(FAILURES);
    weather.mode = 'ok';
  });

  test('the rate limiter admits a client below its rate', async () => {
    const answers: Answer[] = [];
    // 3 requests per second for 2 s, against a limit of 5 per second.
    for (let i = 0; i < 6; i++) {
      answers.push(await get(ports.limiter));
      await sleep(333);
    }
    expect(answers.map(a => a.status)).toEqual(Array(6).fill(200));
    expect(answers[0].body).toBe('hello, sidecar!\n');
    expect(app.hits).toBe(6);
  });

  test('the rate limiter rejects a client above its rate without calling the app', async () => {
    // Another client (the rate is counted per client address), which has made no request yet.
    const hitsBefore = app.hits;
    const answers = await Promise.all(Array.from({ length: 10 }, () => get(ports.limiter, '/', '127.0.0.2')));
    const statuses = answers.map(a => a.status).sort();
    expect(statuses).toEqual([...Array(5).fill(200), ...Array(5).fill(429)]);
    expect(app.hits - hitsBefore).toBe(5);
    measured['rate limit 5/s, 10 at once'] = `${statuses.filter(s => s === 200).length} admitted, ${statuses.filter(s => s === 429).length} rejected (429)`;
  });
});

describeWithHaproxy('HAProxy runs the generated connection limit, and a breaker to a name that does not resolve', () => {
  const app = new Upstream('hello, sidecar!\n');
  let proxy: Haproxy;
  let ports: { limiter: number; health: number; breaker: number };

  beforeAll(async () => {
    await app.start();
    ports = { limiter: await freePort(), health: await freePort(), breaker: await freePort() };
    const sidecar = new ProxySidecar(Testing.chart(), 'Proxy', {
      healthPort: ports.health,
      // .invalid never resolves (RFC 2606).
      breakers: [{ name: 'nowhere', host: 'dependency.invalid', port: 80, listenPort: ports.breaker, timeout: Duration.millis(TIMEOUT_MS), tripDuration: Duration.millis(TRIP_MS) }],
      rateLimit: { port: ports.limiter, appPort: app.port, requests: 1000, connectionsPerClient: 2, timeout: Duration.seconds(1) },
    });
    proxy = await new Haproxy(sidecar.config.replace(/bind \*:/g, 'bind 127.0.0.1:')).start(ports.health);
  });

  afterAll(async () => {
    await proxy?.stop();
    await app.stop();
  });

  test('a client holding its 2 connections gets 429 on a third, without the app being called', async () => {
    app.mode = 'hang';
    const held = [get(ports.limiter), get(ports.limiter)];
    while (app.hits < 2) await sleep(20);
    const third = await get(ports.limiter);
    expect(third.status).toBe(429);
    expect(app.hits).toBe(2);
    // The held calls end with HAProxy's 504 when the 1 s timeout expires; then a call goes through again.
    expect((await Promise.all(held)).map(a => a.status)).toEqual([504, 504]);
    app.mode = 'ok';
    expect(await get(ports.limiter)).toMatchObject({ status: 200, body: 'hello, sidecar!\n' });
  });

  test('an unresolvable dependency is an open breaker: the fallback at once, not a hang', async () => {
    const answers: Answer[] = [];
    for (let i = 0; i < 3; i++) answers.push(await get(ports.breaker));
    for (const a of answers) expect(a).toMatchObject({ status: 503, body: 'nowhere unavailable (circuit open)' });
    expect(Math.max(...answers.map(a => a.ms))).toBeLessThan(SLACK_MS);
  });
});
