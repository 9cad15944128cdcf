import { Chart, Size } from 'cdk8s';
import { Construct } from 'constructs';
import { DevContainer, DevSecurity, kplus } from '../lib';

/**
 * Seed 000: the fedora-dev-tini box on kind, done right. The image (ENTRYPOINT ["/tini", "--"],
 * user `admin`, GID 505, sudo) comes from the local registry pinned to its build; `args` replace only
 * its CMD, so tini stays PID 1 and supervises `/bin/sh -c 'set -e; /usr/sbin/crond; exec
 * /usr/sbin/sshd -D -e'`: sshd in the foreground instead of the bare `bash` that crash-looped.
 */
export class FedoraDevChart extends Chart {
  public readonly box: DevContainer;

  constructor(scope: Construct, id = 'fedora-dev') {
    super(scope, id, { namespace: 'dev' });
    this.box = new DevContainer(this, 'fedora-dev-tini', {
      image: 'localhost:5001/fedora-dev-tini:2023.01.28',
      security: DevSecurity.sshdAsRoot({ sudo: true }),
      // cronie's crond forks into the background and returns: a startup step, not the main process.
      startup: ['/usr/sbin/crond'],
      ports: [{ number: 22, name: 'ssh' }, { number: 80, name: 'http' }, { number: 443, name: 'https' }],
      workspace: { size: Size.gibibytes(20), mountPath: '/home/admin/work', ownerGroup: 505 },
      timezone: 'Asia/Shanghai',
      resources: {
        requests: { cpu: kplus.Cpu.millis(500), memory: Size.gibibytes(1) },
        limits: { cpu: kplus.Cpu.units(4), memory: Size.gibibytes(4) },
      },
      partOf: 'dev-environments',
    });
  }
}
