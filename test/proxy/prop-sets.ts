import { Duration } from 'cdk8s';
import { CircuitBreakerProps } from '../../lib/pod/proxy/circuit-breaker';
import { ProxySidecarProps } from '../../lib/pod/proxy/proxy-sidecar';

/** A small deterministic PRNG (mulberry32), so the generated prop sets are the same on every run. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const BODIES = ['', 'weather unavailable', 'quote " backslash \\ dollar $HOME # hash', 'line one\nline two\r\n\ttabbed', '{"error":"open"}', 'ünïcødé ☂'];
const HOSTS = ['127.0.0.1', '10.96.0.10', 'fd00::1', 'weather.mail-frontend.svc.cluster.local', 'api.example.com'];

/** Prop sets covering every prop of the breakers and the rate limiter, within their valid ranges. */
export function generatedPropSets(count: number): ProxySidecarProps[] {
  const rnd = prng(13);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const int = (lo: number, hi: number): number => lo + Math.floor(rnd() * (hi - lo + 1));
  return Array.from({ length: count }, (_, i) => {
    const breakers: CircuitBreakerProps[] = Array.from({ length: i % 4 }, (__, j) => {
      const timeout = int(1, 5000);
      return {
        name: `dep-${j}`,
        host: pick(HOSTS),
        port: int(1, 65535),
        listenPort: 9000 + j,
        timeout: rnd() < 0.2 ? undefined : Duration.millis(timeout),
        failures: rnd() < 0.2 ? undefined : int(1, 20),
        tripDuration: rnd() < 0.2 ? undefined : Duration.millis(timeout + int(1, 120_000)),
        checkPath: rnd() < 0.5 ? undefined : pick(['/', '/healthz', '/api/v1/status?probe=1']),
        fallback: rnd() < 0.2 ? undefined : { status: int(200, 599), body: pick(BODIES), contentType: pick([undefined, 'application/json', 'text/html; charset=utf-8']) },
      };
    });
    const limited = i % 4 === 0 || rnd() < 0.5;
    return {
      breakers,
      healthPort: 8404,
      maxConnections: rnd() < 0.5 ? undefined : int(1, 50_000),
      drainTimeout: rnd() < 0.5 ? undefined : Duration.seconds(int(1, 60)),
      rateLimit: limited ? {
        port: 8080,
        appPort: int(1, 65535),
        requests: int(1, 10_000),
        per: rnd() < 0.3 ? undefined : Duration.millis(int(1, 3_600_000)),
        connectionsPerClient: rnd() < 0.3 ? undefined : int(1, 1000),
        status: rnd() < 0.5 ? undefined : pick([429, 503, 403]),
        timeout: rnd() < 0.5 ? undefined : Duration.millis(int(1, 300_000)),
      } : undefined,
    };
  });
}
