import { Duration } from 'cdk8s';
import { RuleGuard } from '../../guard';
import { dnsLabelProblem } from '../../rules/objects/names';
import { checkTime, checkWhole, checkWord, PROXY_CONFIG_RULE, PROXY_TIMEOUT_RULE } from './checks';
import { haproxyQuote, haproxyTime, HaproxySection } from './haproxy-config';

/** What the breaker answers, without calling the dependency, while it is open. */
export interface CircuitBreakerFallback {
  /**
   * The HTTP status, 200–599.
   * @default 503
   */
  readonly status?: number;
  /**
   * The body, any text.
   * @default - `<name> unavailable (circuit open)`
   */
  readonly body?: string;
  /**
   * The Content-Type of the body.
   * @default 'text/plain; charset=utf-8'
   */
  readonly contentType?: string;
}

/**
 * A circuit breaker in front of one edge dependency (seed 004): the app calls
 * `http://127.0.0.1:<listenPort>` instead of the dependency. Calls time out after `timeout`; after
 * `failures` consecutive failed calls the breaker opens (trips) and answers `fallback` at once, without
 * calling the dependency, until a health check of the dependency passes; checks run every `tripDuration`.
 */
export interface CircuitBreakerProps {
  /** Names the breaker in the proxy's config and logs: a DNS-1123 label, unique in the proxy. */
  readonly name: string;
  /**
   * The dependency's host: an IP address or a fully qualified name
   * (`weather.<namespace>.svc.cluster.local`). HAProxy re-resolves it every 10s through the pod's
   * nameservers but does not apply the resolv.conf search list, so a bare Service name never resolves.
   */
  readonly host: string;
  /** The dependency's port. */
  readonly port: number;
  /** The port the app calls, on 127.0.0.1 only (it is not reachable from outside the pod). */
  readonly listenPort: number;
  /**
   * The longest a call may wait to connect, and then for each read of the answer; HAProxy makes no
   * retry (`retries 0`), so a hanging dependency costs the caller about `timeout`.
   * @default Duration.seconds(1) - the seed's `requests.get(..., timeout=1)`
   */
  readonly timeout?: Duration;
  /**
   * Consecutive failed calls (a timeout, a refused or reset connection, a 5xx answer other than 501
   * and 505) or failed health checks that trip the breaker.
   * @default 1 - the seed trips on the first failure; raise it for a dependency with occasional errors
   */
  readonly failures?: number;
  /**
   * The interval of the health checks that close the breaker: after a trip the first check comes
   * within `tripDuration`, and the breaker stays open until one passes.
   * @default Duration.seconds(30) - the seed's `timedelta(0, 30)`
   */
  readonly tripDuration?: Duration;
  /**
   * The path the health check GETs (with `User-Agent: haproxy-circuit-breaker`); 2xx and 3xx within
   * `timeout` pass. Use a path that is as slow as real calls when the dependency degrades.
   * @default '/'
   */
  readonly checkPath?: string;
  /**
   * The answer while the breaker is open.
   * @default - 503, `<name> unavailable (circuit open)`, text/plain
   */
  readonly fallback?: CircuitBreakerFallback;
}

/** The default `timeout` of a circuit breaker. */
export const DEFAULT_BREAKER_TIMEOUT = Duration.seconds(1);
/** The default `tripDuration` of a circuit breaker. */
export const DEFAULT_TRIP_DURATION = Duration.seconds(30);
/** The User-Agent of the breaker's health checks, so the dependency can tell them from real calls. */
export const BREAKER_CHECK_USER_AGENT = 'haproxy-circuit-breaker';
/** The name of the resolvers section breakers use for host names. */
export const RESOLVERS_NAME = 'pod-dns';

/** Fails (CKP310/CKP311) on a breaker HAProxy would refuse or run wrongly. */
export function checkCircuitBreaker(guard: RuleGuard, field: string, b: CircuitBreakerProps): void {
  const nameProblem = dnsLabelProblem(b.name);
  if (nameProblem) {
    guard.fail({ field: `${field}.name`, value: `'${b.name}'`, ruleId: PROXY_CONFIG_RULE, problem: `breaker name '${b.name}' ${nameProblem}`, fix: 'name the breaker after its dependency, e.g. \'weather\'.' });
  }
  checkWord(guard, `${field}.host`, b.host, '\'weather.mail.svc.cluster.local\'');
  if (!isIpAddress(b.host) && !b.host.includes('.')) {
    guard.fail({ field: `${field}.host`, value: `'${b.host}'`, ruleId: PROXY_CONFIG_RULE, problem: `host '${b.host}' is a bare name: HAProxy's resolver does not apply the pod's DNS search list, so it would never resolve`, fix: `write the fully qualified name, e.g. '${b.host}.<namespace>.svc.cluster.local'.` });
  }
  checkWhole(guard, `${field}.port`, b.port, 1, 65535, 'a TCP port');
  checkWhole(guard, `${field}.listenPort`, b.listenPort, 1024, 65535, 'a port a non-root proxy can bind');
  const timeout = b.timeout ?? DEFAULT_BREAKER_TIMEOUT;
  const trip = b.tripDuration ?? DEFAULT_TRIP_DURATION;
  checkTime(guard, `${field}.timeout`, timeout);
  checkTime(guard, `${field}.tripDuration`, trip);
  if (trip.toMilliseconds() <= timeout.toMilliseconds()) {
    guard.fail({ field: `${field}.tripDuration`, value: `${trip.toMilliseconds()}ms`, ruleId: PROXY_TIMEOUT_RULE, problem: `tripDuration (${trip.toMilliseconds()}ms) must be longer than timeout (${timeout.toMilliseconds()}ms): each health check may take the whole timeout`, fix: 'make tripDuration several times the timeout (the seed: 1s timeout, 30s trip).' });
  }
  checkWhole(guard, `${field}.failures`, b.failures ?? 1, 1, 1000, 'consecutive failures that trip the breaker');
  const path = b.checkPath ?? '/';
  if (!path.startsWith('/')) {
    guard.fail({ field: `${field}.checkPath`, value: JSON.stringify(path), ruleId: PROXY_CONFIG_RULE, problem: `checkPath ${JSON.stringify(path)} must start with '/'`, fix: 'write an absolute path, e.g. \'/\'.' });
  }
  checkWord(guard, `${field}.checkPath`, path, '\'/healthz\'');
  checkWhole(guard, `${field}.fallback.status`, b.fallback?.status ?? 503, 200, 599, 'an HTTP status HAProxy can return');
  const contentType = b.fallback?.contentType ?? 'text/plain; charset=utf-8';
  // Quoted in the config, so only an empty value or a line break (a second header) can go wrong.
  if (contentType === '' || /[\x00-\x1f\x7f]/.test(contentType)) {
    guard.fail({ field: `${field}.fallback.contentType`, value: JSON.stringify(contentType), ruleId: PROXY_CONFIG_RULE, problem: `fallback.contentType ${JSON.stringify(contentType)} must be non-empty, on one line`, fix: 'write a media type, e.g. \'text/html; charset=utf-8\'.' });
  }
}

/** The frontend the app calls and the backend that reaches the dependency, for one breaker. */
export function circuitBreakerSections(b: CircuitBreakerProps): HaproxySection[] {
  const timeout = haproxyTime(b.timeout ?? DEFAULT_BREAKER_TIMEOUT);
  const trip = haproxyTime(b.tripDuration ?? DEFAULT_TRIP_DURATION);
  const failures = b.failures ?? 1;
  const fallback = b.fallback ?? {};
  const proxy = `breaker-${b.name}`;
  const body = fallback.body ?? `${b.name} unavailable (circuit open)`;
  // HAProxy refuses an empty `string`: an empty body is no payload at all.
  const payload = body === '' ? '' : ` content-type ${haproxyQuote(fallback.contentType ?? 'text/plain; charset=utf-8')} string ${haproxyQuote(body)}`;
  const host = b.host.includes(':') ? `[${b.host}]` : b.host;
  const hostHeader = b.port === 80 ? host : `${host}:${b.port}`;
  const resolve = isIpAddress(b.host) ? [] : [`resolvers ${RESOLVERS_NAME}`, 'init-addr libc,none'];
  return [
    {
      heading: `frontend ${proxy}`,
      comment: `Circuit breaker '${b.name}': the app calls 127.0.0.1:${b.listenPort} instead of ${b.host}:${b.port}.`,
      lines: [
        `bind 127.0.0.1:${b.listenPort}`,
        // Open = no usable server: answered here, the dependency is not called.
        `http-request return status ${fallback.status ?? 503}${payload} if { nbsrv(${proxy}) lt 1 }`,
        `default_backend ${proxy}`,
      ],
    },
    {
      heading: `backend ${proxy}`,
      lines: [
        // A retry would cost the caller another timeout.
        'retries 0',
        `timeout connect ${timeout}`,
        `timeout server ${timeout}`,
        `timeout check ${timeout}`,
        `http-request set-header Host ${hostHeader}`,
        'option httpchk',
        `http-check send meth GET uri ${b.checkPath ?? '/'} ver HTTP/1.1 hdr Host ${hostHeader} hdr User-Agent ${BREAKER_CHECK_USER_AGENT}`,
        // observe layer7 counts failed calls; error-limit of them in a row marks the server down (the
        // trip); checks every tripDuration (also while down) bring it back up after one passes.
        [
          `server ${b.name} ${host}:${b.port}`,
          `check inter ${trip} fastinter ${trip} downinter ${trip} rise 1 fall ${failures}`,
          `observe layer7 error-limit ${failures} on-error mark-down`,
          ...resolve,
        ].join(' '),
      ],
    },
  ];
}

/** True for a literal IPv4 or IPv6 address (no DNS needed). */
export function isIpAddress(host: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(host) || (host.includes(':') && /^[0-9a-fA-F:.]+$/.test(host));
}
