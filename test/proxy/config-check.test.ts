import * as net from 'net';
import { Testing } from 'cdk8s';
import { buildApp } from '../../apps/main';
import { ProxySidecar } from '../../lib/pod/proxy/proxy-sidecar';
import { proxyConfigInvalid } from '../../lib/rules/proxy/proxy-config-invalid';
import { proxyTimeoutMissing } from '../../lib/rules/proxy/proxy-timeout-missing';
import { checkConfig, checkConfigs, describeWithHaproxy, freePorts, haproxyVersion } from './haproxy-harness';
import { generatedPropSets } from './prop-sets';

/**
 * Every HAProxy config the library generates passes HAProxy's own check (`haproxy -c`) with no alert
 * and no warning, except that a host name cannot be resolved on this machine (no cluster DNS, no
 * network): HAProxy starts that server disabled and its resolver enables it once the name resolves.
 */
function unexpected(problems: readonly string[]): string[] {
  return problems.filter(p => !/\[WARNING\].*could not resolve address '[a-z0-9.-]+\.[a-z]+', disabling server/.test(p));
}

describeWithHaproxy(`haproxy -c accepts every generated config (${haproxyVersion() ?? 'haproxy absent'})`, () => {
  test('the configs of the apps in dist/', () => {
    const configs = buildApp().charts.flatMap(chart => Testing.synth(chart))
      .filter(o => o.kind === 'ConfigMap' && typeof o.data?.['haproxy.cfg'] === 'string')
      .map(o => ({ name: o.metadata.name as string, config: o.data['haproxy.cfg'] as string }));
    expect(configs.map(c => c.name).sort()).toEqual(['frontend-proxy-config', 'ratelimited-ratelimit-config']);
    checkConfigs(configs.map(c => c.config)).forEach((r, i) => {
      expect({ name: configs[i].name, status: r.status, problems: unexpected(r.problems) }).toEqual({ name: configs[i].name, status: 0, problems: [] });
    });
  });

  test('the configs of 24 generated prop sets', () => {
    const sets = generatedPropSets(24);
    const configs = sets.map((props, i) => new ProxySidecar(Testing.chart(), `Proxy${i}`, props).config);
    expect(new Set(configs).size).toBe(sets.length);
    const checks = checkConfigs(configs);
    configs.forEach((config, i) => {
      const r = checks[i];
      expect({ set: i, status: r.status, problems: unexpected(r.problems) }).toEqual({ set: i, status: 0, problems: [] });
      // ... and our own rules agree.
      const cm = { kind: 'ConfigMap', data: { 'haproxy.cfg': config } };
      expect([...proxyTimeoutMissing.check(cm, { objects: [] }), ...proxyConfigInvalid.check(cm, { objects: [] })]).toEqual([]);
    });
  });

  test('the check can fail: a missing timeout draws a warning (and CKP310), a bad count an error (and CKP311)', () => {
    const config = new ProxySidecar(Testing.chart(), 'Proxy', { breakers: [{ name: 'w', host: '127.0.0.1', port: 80, listenPort: 9000 }] }).config;
    const noClientTimeout = config.replace(/^ {4}timeout client 30000ms\n/m, '');
    const badCount = config.replace('error-limit 1', 'error-limit 0');
    const [withoutTimeout, withBadCount] = checkConfigs([noClientTimeout, badCount]);
    expect(unexpected(withoutTimeout.problems).join('\n')).toMatch(/missing timeouts for frontend 'health'/);
    expect(proxyTimeoutMissing.check({ kind: 'ConfigMap', data: { 'haproxy.cfg': noClientTimeout } }, { objects: [] }).map(f => f.message)).toEqual([
      expect.stringMatching(/frontend 'health' has no `timeout client`/),
      expect.stringMatching(/frontend 'breaker-w' has no `timeout client`/),
    ]);
    expect(withBadCount.status).not.toBe(0);
    // One config at a time gives the same (but for HAProxy's pid and the scratch file's name).
    const normal = (r: { status: number | null; problems: string[] }) => ({ status: r.status, problems: r.problems.map(p => p.replace(/\(\d+\)/, '(pid)').replace(/haproxy-\d+\.cfg/g, 'haproxy-N.cfg')) });
    expect(normal(checkConfig(badCount))).toEqual(normal(withBadCount));
    expect(proxyConfigInvalid.check({ kind: 'ConfigMap', data: { 'haproxy.cfg': badCount } }, { objects: [] })).toHaveLength(1);
  });
});

// The harness' ports: one call gives distinct ones. Asked for one at a time, two listeners once got the same,
// and 64 such ports repeat one in a third of runs on this machine (256: nearly always).
test('freePorts gives distinct ports on 127.0.0.1, each free to bind', async () => {
  const ports = await freePorts(256);
  expect(new Set(ports).size).toBe(256);
  // Closed again: each can be bound (as HAProxy binds them).
  const servers = ports.map(() => net.createServer());
  await Promise.all(servers.map((s, i) => new Promise<void>((resolve, reject) => s.once('error', reject).listen(ports[i], '127.0.0.1', resolve))));
  await Promise.all(servers.map(s => new Promise<void>(resolve => s.close(() => resolve()))));
});
