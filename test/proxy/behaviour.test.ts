import { Duration, Testing } from 'cdk8s';
import { ProxySidecar } from '../../lib/pod/proxy/proxy-sidecar';
import { Answer, describeWithHaproxy, freePorts, get, Haproxy, sleep, Upstream } from './haproxy-harness';

/**
 * The generated config, run by the real HAProxy in front of tiny local upstreams. Short durations
 * keep it fast: 200 ms timeout, 3 failures trip, 2 s trip duration; 5 requests per second per client.
 * The three scenarios (breaker, rate limiter, connection limit) use their own ports and upstreams and
 * run side by side from beforeAll, since they mostly wait on HAProxy's timers: the steps of one
 * scenario run in order, each recording what it saw, and each test asserts on one step's record.
 */
const TIMEOUT_MS = 200;
const TRIP_MS = 2000;
const FAILURES = 3;
const FALLBACK = 'weather unavailable: "circuit open" $0\n';
/** Slack for a loaded 2-core machine; the bounds stay far below the 30 s the seed's users waited. */
const SLACK_MS = 300;

/** `p`, marked handled: a step that fails fails the tests that await it, not the whole file. */
function step<T>(p: Promise<T>): Promise<T> {
  p.catch(() => undefined);
  return p;
}

describeWithHaproxy('HAProxy runs the generated circuit breaker, rate limiter and connection limit', () => {
  const weather = new Upstream();
  const app = new Upstream('hello, sidecar!\n');
  const heldApp = new Upstream('hello, sidecar!\n');
  const proxies: Haproxy[] = [];
  const measured: Record<string, string> = {};

  let breaker: ReturnType<typeof breakerScenario>;
  let limiter: ReturnType<typeof limiterScenario>;
  let connections: ReturnType<typeof connectionScenario>;

  beforeAll(async () => {
    await Promise.all([weather.start(), app.start(), heldApp.start()]);
    const [breakerPort, limiterPort, healthPort, heldLimiter, heldHealth, heldBreaker] = await freePorts(6);
    const ports = { breaker: breakerPort, limiter: limiterPort, health: healthPort };
    const held = { limiter: heldLimiter, health: heldHealth, breaker: heldBreaker };
    const sidecar = new ProxySidecar(Testing.chart(), 'Proxy', {
      healthPort: ports.health,
      breakers: [{
        name: 'weather', host: '127.0.0.1', port: weather.port, listenPort: ports.breaker,
        timeout: Duration.millis(TIMEOUT_MS), failures: FAILURES, tripDuration: Duration.millis(TRIP_MS),
        fallback: { status: 503, body: FALLBACK },
      }],
      rateLimit: { port: ports.limiter, appPort: app.port, requests: 5, per: Duration.seconds(1) },
    });
    const limited = new ProxySidecar(Testing.chart(), 'Proxy', {
      healthPort: held.health,
      // .invalid never resolves (RFC 2606).
      breakers: [{ name: 'nowhere', host: 'dependency.invalid', port: 80, listenPort: held.breaker, timeout: Duration.millis(TIMEOUT_MS), tripDuration: Duration.millis(TRIP_MS) }],
      rateLimit: { port: held.limiter, appPort: heldApp.port, requests: 1000, connectionsPerClient: 2, timeout: Duration.seconds(1) },
    });
    // The sidecar's rate limiter binds every address (the Service reaches it); here loopback only.
    const loopback = (config: string) => config.replace(/bind \*:/g, 'bind 127.0.0.1:');
    const [first, second] = [new Haproxy(loopback(sidecar.config)), new Haproxy(loopback(limited.config))];
    proxies.push(first, second);
    await Promise.all([first.start(ports.health), second.start(held.health)]);
    breaker = breakerScenario(ports.breaker);
    limiter = limiterScenario(ports.limiter);
    connections = connectionScenario(held);
  });

  afterAll(async () => {
    // Every scenario ends before its proxy stops.
    await Promise.allSettled([breaker, limiter, connections].flatMap(s => (s ? Object.values(s) : [])));
    await Promise.all(proxies.map(p => p.stop()));
    await Promise.all([weather.stop(), app.stop(), heldApp.stop()]);
    process.stdout.write(`[test/proxy] measured: ${Object.entries(measured).map(([k, v]) => `${k} ${v}`).join('; ')}\n`);
  });

  /** The breaker's life: closed, tripped by a hanging upstream, open, closed again, tripped by 500s. */
  function breakerScenario(port: number) {
    const healthy = step((async () => ({ answer: await get(port), hits: weather.hits }))());
    const hanging = step(healthy.then(async () => {
      weather.mode = 'hang';
      const slow: Answer[] = [];
      for (let i = 0; i < FAILURES; i++) slow.push(await get(port));
      const hitsAfterSlow = weather.hits;
      const open: Answer[] = [];
      for (let i = 0; i < 10; i++) open.push(await get(port));
      return { slow, hitsAfterSlow, open, hitsAfterOpen: weather.hits };
    }));
    const staysOpen = step(hanging.then(async () => {
      const before = { checks: weather.checks, hits: weather.hits };
      const open: Answer[] = [];
      const until = Date.now() + TRIP_MS + 500;
      while (Date.now() < until) {
        open.push(await get(port));
        await sleep(100);
      }
      return { open, hits: weather.hits - before.hits, checks: weather.checks - before.checks };
    }));
    const recovers = step(staysOpen.then(async () => {
      weather.mode = 'ok';
      const recovered = Date.now();
      let answer = await get(port);
      while (answer.status !== 200 && Date.now() - recovered < TRIP_MS + TIMEOUT_MS + SLACK_MS + 1000) {
        await sleep(25);
        answer = await get(port);
      }
      return { answer, closedAfter: Date.now() - recovered };
    }));
    const failsFast = step(recovers.then(async () => {
      weather.mode = 'fail';
      const hitsBefore = weather.hits;
      const answers: Answer[] = [];
      for (let i = 0; i < FAILURES + 3; i++) answers.push(await get(port));
      weather.mode = 'ok';
      return { answers, hits: weather.hits - hitsBefore };
    }));
    return { healthy, hanging, staysOpen, recovers, failsFast };
  }

  /** One client below the rate, then another above it. */
  function limiterScenario(port: number) {
    const below = step((async () => {
      const answers: Answer[] = [];
      // 3 requests per second for 2 s, against a limit of 5 per second.
      for (let i = 0; i < 6; i++) {
        answers.push(await get(port));
        await sleep(333);
      }
      return { answers, hits: app.hits };
    })());
    const above = step(below.then(async () => {
      // Another client (the rate is counted per client address), which has made no request yet.
      const hitsBefore = app.hits;
      const answers = await Promise.all(Array.from({ length: 10 }, () => get(port, '/', '127.0.0.2')));
      return { answers, hits: app.hits - hitsBefore };
    }));
    return { below, above };
  }

  /** A client holding its connections to a hanging app; then a breaker to a name that does not resolve. */
  function connectionScenario(ports: { limiter: number; breaker: number }) {
    const third = step((async () => {
      heldApp.mode = 'hang';
      const held = [get(ports.limiter), get(ports.limiter)];
      while (heldApp.hits < 2) await sleep(20);
      const answer = await get(ports.limiter);
      const hits = heldApp.hits;
      // The held calls end with HAProxy's 504 when the 1 s timeout expires; then a call goes through again.
      const heldAnswers = await Promise.all(held);
      heldApp.mode = 'ok';
      return { answer, hits, held: heldAnswers, after: await get(ports.limiter) };
    })());
    const unresolvable = step(third.then(async () => {
      const answers: Answer[] = [];
      for (let i = 0; i < 3; i++) answers.push(await get(ports.breaker));
      return answers;
    }));
    return { third, unresolvable };
  }

  describe('the circuit breaker', () => {
    test('a healthy upstream is called through the breaker', async () => {
      const { answer, hits } = await breaker.healthy;
      expect(answer).toMatchObject({ status: 200, body: 'sunny\n' });
      expect(hits).toBe(1);
    });

    test('a hanging upstream costs each caller about the timeout, and the breaker then opens', async () => {
      const { slow, hitsAfterSlow, open, hitsAfterOpen } = await breaker.hanging;
      // HAProxy answers 504 when the server timeout expires.
      expect(slow.map(r => r.status)).toEqual(Array(FAILURES).fill(504));
      for (const r of slow) {
        expect(r.ms).toBeGreaterThanOrEqual(TIMEOUT_MS - 20);
        expect(r.ms).toBeLessThan(TIMEOUT_MS + SLACK_MS);
      }
      measured['hanging upstream answered in'] = `${Math.round(Math.max(...slow.map(r => r.ms)))} ms (timeout ${TIMEOUT_MS} ms)`;
      expect(hitsAfterSlow).toBe(1 + FAILURES);
      for (const r of open) expect(r).toMatchObject({ status: 503, body: FALLBACK });
      expect(Math.max(...open.map(r => r.ms))).toBeLessThan(SLACK_MS);
      // Answered by the proxy: the upstream saw none of them.
      expect(hitsAfterOpen).toBe(1 + FAILURES);
      measured['fallback answered in'] = `${Math.round(Math.max(...open.map(r => r.ms)))} ms`;
    });

    test('it stays open past the trip duration while the upstream still hangs; only health checks reach it', async () => {
      const { open, hits, checks } = await breaker.staysOpen;
      for (const r of open) expect(r).toMatchObject({ status: 503, body: FALLBACK });
      expect(hits).toBe(0);
      expect(checks).toBeGreaterThan(0);
      measured['upstream hits while open'] = `${hits} of ${open.length} calls (health checks: ${checks})`;
    });

    test('it closes again within the trip duration once the upstream recovers', async () => {
      const { answer, closedAfter } = await breaker.recovers;
      expect(answer).toMatchObject({ status: 200, body: 'sunny\n' });
      expect(closedAfter).toBeLessThan(TRIP_MS + TIMEOUT_MS + SLACK_MS);
      measured['closed after the upstream recovered in'] = `${closedAfter} ms (trip duration ${TRIP_MS} ms)`;
    });

    test('an upstream that fails fast (500) trips it too, after the same number of failures', async () => {
      const { answers, hits } = await breaker.failsFast;
      expect(answers.map(a => a.status)).toEqual([...Array(FAILURES).fill(500), 503, 503, 503]);
      expect(hits).toBe(FAILURES);
    });

    test('an unresolvable dependency is an open breaker: the fallback at once, not a hang', async () => {
      const answers = await connections.unresolvable;
      for (const a of answers) expect(a).toMatchObject({ status: 503, body: 'nowhere unavailable (circuit open)' });
      expect(Math.max(...answers.map(a => a.ms))).toBeLessThan(SLACK_MS);
    });
  });

  describe('the rate limiter', () => {
    test('it admits a client below its rate', async () => {
      const { answers, hits } = await limiter.below;
      expect(answers.map(a => a.status)).toEqual(Array(6).fill(200));
      expect(answers[0].body).toBe('hello, sidecar!\n');
      expect(hits).toBe(6);
    });

    test('it rejects a client above its rate without calling the app', async () => {
      const { answers, hits } = await limiter.above;
      const statuses = answers.map(a => a.status).sort();
      expect(statuses).toEqual([...Array(5).fill(200), ...Array(5).fill(429)]);
      expect(hits).toBe(5);
      measured['rate limit 5/s, 10 at once'] = `${statuses.filter(s => s === 200).length} admitted, ${statuses.filter(s => s === 429).length} rejected (429)`;
    });

    test('a client holding its 2 connections gets 429 on a third, without the app being called', async () => {
      const { answer, hits, held, after } = await connections.third;
      expect(answer.status).toBe(429);
      expect(hits).toBe(2);
      expect(held.map(a => a.status)).toEqual([504, 504]);
      expect(after).toMatchObject({ status: 200, body: 'hello, sidecar!\n' });
    });
  });
});
