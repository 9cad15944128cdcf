import { Testing } from 'cdk8s';
import { FedoraDevChart } from '../../apps/fedora-dev';
import { mainProcessExit } from '../../lib';

describe('apps/fedora-dev (seed 000)', () => {
  const chart = new FedoraDevChart(Testing.app());
  const out = Testing.synth(chart);
  const d = out.find(o => o.kind === 'Deployment');
  const c = d.spec.template.spec.containers[0];

  test('tini stays: args only, ending in sshd in the foreground after crond', () => {
    expect(c.image).toBe('localhost:5001/fedora-dev-tini:2023.01.28');
    expect(c).not.toHaveProperty('command');
    expect(c.args).toEqual(['/bin/sh', '-c', 'set -e\n/usr/sbin/crond\nexec /usr/sbin/sshd -D -e']);
    expect(mainProcessExit(c.args)).toBeUndefined();
  });

  test('ssh, http and https served; only ssh probed', () => {
    expect(c.ports.map((p: any) => `${p.name}/${p.containerPort}`)).toEqual(['ssh/22', 'http/80', 'https/443']);
    expect([c.readinessProbe, c.livenessProbe, c.startupProbe].map(p => p.tcpSocket.port)).toEqual([22, 22, 22]);
    expect(out.find(o => o.kind === 'Service').spec.ports.map((p: any) => p.port)).toEqual([22, 80, 443]);
  });

  test('the workspace survives restarts and belongs to admin\'s group', () => {
    expect(out.find(o => o.kind === 'PersistentVolumeClaim').spec.resources.requests.storage).toBe('20Gi');
    expect(c.volumeMounts).toEqual([{ mountPath: '/home/admin/work', name: 'workspace' }]);
    expect(d.spec.template.spec.securityContext.fsGroup).toBe(505);
  });

  test('only reasoned suppressions', () => {
    expect(chart.box.rules.findings().filter(f => !f.suppressed)).toEqual([]);
  });

  test('snapshot', () => {
    expect(out).toMatchSnapshot();
  });
});
