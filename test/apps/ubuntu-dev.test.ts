import { Testing } from 'cdk8s';
import { UbuntuDevChart } from '../../apps/ubuntu-dev';
import { mainProcessExit } from '../../lib';

describe('apps/ubuntu-dev (seed 003)', () => {
  const chart = new UbuntuDevChart(Testing.app());
  const out = Testing.synth(chart);
  const d = out.find(o => o.kind === 'Deployment');
  const c = d.spec.template.spec.containers[0];

  test('kubectl run my-dev -i --tty --image ubuntu -- bash, with a pinned tag', () => {
    expect(d.metadata.name).toBe('my-dev');
    expect(c.image).toBe('ubuntu:22.04');
    expect(c).toMatchObject({ args: ['/bin/bash'], stdin: true, tty: true, stdinOnce: false });
    expect(mainProcessExit(c.args, c)).toBeUndefined();
  });

  test('a UTF-8 locale instead of POSIX', () => {
    expect(c.env).toContainEqual({ name: 'LANG', value: 'C.UTF-8' });
  });

  test('only reasoned suppressions', () => {
    expect(chart.box.rules.findings().filter(f => !f.suppressed)).toEqual([]);
  });

  test('snapshot', () => {
    expect(out).toMatchSnapshot();
  });
});
