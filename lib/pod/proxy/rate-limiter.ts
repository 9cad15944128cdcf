import { Duration } from 'cdk8s';
import { RuleGuard } from '../../guard';
import { checkTime, checkWhole } from './checks';
import { haproxyTime, HaproxySection } from './haproxy-config';

/**
 * A rate limiter in front of the app (seed 004, "sidecar for rate and connection control"): clients
 * reach the proxy on `port`, which forwards to the app on 127.0.0.1:`appPort`. Each client (source
 * address) may make `requests` requests per `per`, measured over a sliding window, and hold
 * `connectionsPerClient` connections; beyond either it gets `status` at once and the app is not called.
 */
export interface RateLimitProps {
  /** The port clients reach the proxy on: declared on the sidecar, the one the Service targets. */
  readonly port: number;
  /**
   * The name of that port, for the Service's targetPort.
   * @default 'proxy'
   */
  readonly portName?: string;
  /** The port the app listens on, on 127.0.0.1. */
  readonly appPort: number;
  /**
   * Requests each client may make per `per`. Rejected requests count too, so a client that keeps
   * sending over the limit stays rejected until it slows down.
   */
  readonly requests: number;
  /**
   * The window `requests` is counted over: `requests: 5, per: 5s` allows bursts of 5 and 1/s on average.
   * @default Duration.seconds(1)
   */
  readonly per?: Duration;
  /**
   * Connections each client may hold open at once.
   * @default 10
   */
  readonly connectionsPerClient?: number;
  /**
   * The status of a rejected request.
   * @default 429
   */
  readonly status?: number;
  /**
   * The longest the proxy waits for the app's answer.
   * @default Duration.seconds(30)
   */
  readonly timeout?: Duration;
}

/** Fails (CKP310/CKP311) on limits HAProxy would refuse or misread. */
export function checkRateLimit(guard: RuleGuard, field: string, r: RateLimitProps): void {
  checkWhole(guard, `${field}.port`, r.port, 1024, 65535, 'a port a non-root proxy can bind');
  checkWhole(guard, `${field}.appPort`, r.appPort, 1, 65535, 'a TCP port');
  checkWhole(guard, `${field}.requests`, r.requests, 1, 1_000_000, 'requests per window');
  checkTime(guard, `${field}.per`, r.per ?? Duration.seconds(1));
  checkWhole(guard, `${field}.connectionsPerClient`, r.connectionsPerClient ?? 10, 1, 100_000, 'connections per client');
  checkWhole(guard, `${field}.status`, r.status ?? 429, 400, 599, 'an HTTP error status HAProxy can deny with');
  checkTime(guard, `${field}.timeout`, r.timeout ?? Duration.seconds(30));
}

/** The frontend clients reach and the backend that forwards to the app. */
export function rateLimiterSections(r: RateLimitProps): HaproxySection[] {
  const per = r.per ?? Duration.seconds(1);
  const status = r.status ?? 429;
  return [
    {
      heading: 'frontend ratelimit',
      comment: `Rate limiter: clients reach :${r.port}, the app listens on 127.0.0.1:${r.appPort}.`,
      lines: [
        `bind *:${r.port}`,
        // An entry lives two windows: the rate is estimated from the current and the previous window.
        `stick-table type ipv6 size 100k expire ${haproxyTime(Duration.millis(2 * per.toMilliseconds()))} store http_req_rate(${haproxyTime(per)}),conn_cur`,
        'tcp-request connection track-sc0 src',
        `http-request deny deny_status ${status} if { sc_conn_cur(0) gt ${r.connectionsPerClient ?? 10} }`,
        `http-request deny deny_status ${status} if { sc_http_req_rate(0) gt ${r.requests} }`,
        'default_backend app',
      ],
    },
    {
      heading: 'backend app',
      lines: [
        'timeout connect 1000ms',
        `timeout server ${haproxyTime(r.timeout ?? Duration.seconds(30))}`,
        `server app 127.0.0.1:${r.appPort}`,
      ],
    },
  ];
}
