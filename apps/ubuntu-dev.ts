import { Chart, Size } from 'cdk8s';
import { Construct } from 'constructs';
import { DevContainer, DevSecurity, kplus } from '../lib';

/**
 * Seed 003: `kubectl run my-dev -i --tty --image ubuntu -- bash`, as a Deployment. The tag is
 * pinned (plain `ubuntu` is whatever `latest` is today); stdin and a terminal keep bash in the
 * foreground (`kubectl attach -it deploy/my-dev`); `C.UTF-8` replaces the POSIX locale without
 * installing `locales`; root with the runtime's capabilities lets `apt install` work as in the seed.
 */
export class UbuntuDevChart extends Chart {
  public readonly box: DevContainer;

  constructor(scope: Construct, id = 'ubuntu-dev') {
    super(scope, id, { namespace: 'dev' });
    this.box = new DevContainer(this, 'my-dev', {
      image: 'ubuntu:22.04',
      interactive: true,
      security: DevSecurity.rootShell(),
      lang: 'C.UTF-8',
      resources: {
        requests: { cpu: kplus.Cpu.millis(100), memory: Size.mebibytes(256) },
        limits: { cpu: kplus.Cpu.units(1), memory: Size.gibibytes(1) },
      },
      partOf: 'dev-environments',
    });
  }
}
