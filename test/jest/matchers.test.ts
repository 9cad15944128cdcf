import { App, Chart, Testing } from 'cdk8s';
import { matchers } from '../../lib/jest';
import { container, deployment, job, LABELS } from '../rules/fixtures';
import { HttpServerChart } from '../../apps/httpserver';

// lib/jest registers itself on import (as setupFilesAfterEnv loads it); registering again is harmless.
expect.extend(matchers);

/** The failure message jest would print, or undefined when the assertion holds. */
function failure(assertion: () => void): string {
  try {
    assertion();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('the assertion passed');
}

const noProbe = deployment({ containers: [container({ readinessProbe: undefined })] });

describe('cdk8s-patterns/jest', () => {
  test('importing the entry registers the matchers on the global expect', () => {
    jest.isolateModules(() => {
      const extend = jest.spyOn(expect, 'extend');
      require('../../lib/jest');
      expect(extend).toHaveBeenCalledWith(expect.objectContaining({ toPassRulePack: expect.any(Function), toBeValidKubernetes: expect.any(Function) }));
      extend.mockRestore();
    });
  });

  describe('toPassRulePack', () => {
    const app = new HttpServerChart(Testing.app());

    test('passes on a Chart, its Testing.synth output, an App and YAML text', () => {
      expect(app).toPassRulePack();
      expect(Testing.synth(app)).toPassRulePack({ level: 'info' });
      expect(app.node.root).toPassRulePack();
      expect('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {a: b}\n').toPassRulePack();
    });

    test('fails listing each finding as the CLI does: object, field, container, rule id, level, message, fix', () => {
      const message = failure(() => expect([noProbe]).toPassRulePack());
      expect(message).toContain('expected no rule-pack findings at level error or above, found 1 on 1 object:');
      expect(message).toMatch(/^ {2}Deployment\/web spec\.template\.spec\.containers\[0\]\.readinessProbe \[app\] CKP201 error: .+\. Fix: .+$/m);
    });

    test('level: warnings fail only when asked', () => {
      const barePod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', labels: LABELS }, spec: { containers: [container()] } };
      expect([barePod]).toPassRulePack();
      expect(failure(() => expect([barePod]).toPassRulePack({ level: 'warning' }))).toMatch(/^ {2}Pod\/web (\S+ )?CKP\d+ warning: /m);
    });

    test('skip leaves a rule out; an unknown id is an error, not a silent pass', () => {
      expect([noProbe]).toPassRulePack({ skip: ['CKP201'] });
      expect(() => expect([noProbe]).toPassRulePack({ skip: ['CKP999'] })).toThrow('skip: unknown rule id CKP999');
    });

    test('.not: the message says there were none', () => {
      expect([noProbe]).not.toPassRulePack();
      expect(failure(() => expect(app).not.toPassRulePack())).toContain('expected rule-pack findings at level error or above, but the 5 objects have none');
    });

    test('schema: also runs CKP800', () => {
      const typo = deployment({}, { replica: 2 });
      expect([typo]).toPassRulePack();
      expect(failure(() => expect([typo]).toPassRulePack({ schema: true }))).toMatch(/Deployment\/web spec\.replica CKP800 error: spec\.replica: unknown field "replica"/);
    });

    test('a suppressed finding does not fail', () => {
      const suppressed = deployment({}, {}, { annotations: { 'cdk8s-patterns/suppress.CKP201': 'probed by the mesh sidecar instead' } });
      suppressed.spec.template.spec.containers[0].readinessProbe = undefined;
      expect([suppressed]).toPassRulePack();
    });

    test('what is not a chart is a TypeError naming what was received', () => {
      expect(() => expect(42).toPassRulePack()).toThrow('expected a cdk8s Chart or App, the objects of Testing.synth(chart), an object or YAML text; received number 42');
    });
  });

  describe('toHaveFinding', () => {
    test('finds a rule\'s finding, by level and object', () => {
      expect([noProbe, job()]).toHaveFinding('CKP201');
      expect([noProbe]).toHaveFinding('CKP201', { level: 'error', object: 'Deployment/web' });
      expect([noProbe]).toHaveFinding('CKP201', { object: 'web' });
      expect([noProbe]).not.toHaveFinding('CKP201', { object: 'other' });
      expect([noProbe]).not.toHaveFinding('CKP201', { level: 'warning' });
    });

    test('fails naming the rule and listing the findings it did see', () => {
      expect(failure(() => expect([deployment()]).toHaveFinding('CKP201'))).toBe('expected a CKP201 (readiness-probe-missing) finding, found none (1 object checked)');
      const message = failure(() => expect([noProbe]).toHaveFinding('CKP201', { object: 'api' }));
      expect(message).toMatch(/^expected a CKP201 \(readiness-probe-missing\) finding on api, found none; its findings:\n {2}Deployment\/web spec\.template\.spec\.containers\[0\]\.readinessProbe \[app\] CKP201 error: /);
    });

    test('.not fails listing the findings', () => {
      expect(failure(() => expect([noProbe]).not.toHaveFinding('CKP201'))).toMatch(/^expected no CKP201 \(readiness-probe-missing\) finding, found 1:\n {2}Deployment\/web .* CKP201 error: /);
    });

    test('CKP800, the schema rule, can be asked for', () => {
      expect([deployment({}, { replica: 2 })]).toHaveFinding('CKP800', { object: 'web' });
    });

    test('an unknown rule id is an error', () => {
      expect(() => expect([noProbe]).toHaveFinding('CKP9999')).toThrow("toHaveFinding: no rule 'CKP9999'");
    });
  });

  describe('toHaveQosClass', () => {
    const burstable = deployment({ containers: [container({ resources: { requests: { cpu: '100m', memory: '64Mi' } } })] }, {}, { name: 'api' });

    test('every pod-carrying object, or the one named', () => {
      expect([deployment(), job()]).toHaveQosClass('Guaranteed');
      expect([deployment(), burstable]).toHaveQosClass('Burstable', { name: 'api' });
      expect([deployment(), burstable]).toHaveQosClass('Guaranteed', { name: 'Deployment/web' });
      expect([deployment(), burstable]).not.toHaveQosClass('Guaranteed');
    });

    test('fails listing each pod\'s class', () => {
      expect(failure(() => expect([deployment(), burstable]).toHaveQosClass('Guaranteed'))).toBe(
        'expected every pod-carrying object to be Guaranteed:\n  Deployment/web: Guaranteed\n  Deployment/api: Burstable');
      expect(failure(() => expect([deployment()]).not.toHaveQosClass('Guaranteed'))).toBe(
        'expected a pod-carrying object whose QoS class is not Guaranteed, but all are:\n  Deployment/web: Guaranteed');
    });

    test('no pods is a failure, not a vacuous pass', () => {
      expect(failure(() => expect([deployment()]).toHaveQosClass('Guaranteed', { name: 'db' }))).toBe(
        'expected pods of QoS class Guaranteed, but there is no pod-carrying object named db');
    });

    test('on a chart: the construct\'s declared class is what Kubernetes computes', () => {
      expect(new HttpServerChart(Testing.app())).toHaveQosClass('Guaranteed', { name: 'httpserver' });
    });
  });

  describe('toBeValidKubernetes', () => {
    test('passes on our apps', () => {
      expect(new HttpServerChart(Testing.app())).toBeValidKubernetes();
    });

    test('fails naming object, path and what the API server would answer', () => {
      const bad = deployment({ containers: [container({ imagePullPolcy: 'Always', name: 'App' })] }, { replicas: 'two' });
      const message = failure(() => expect([bad, deployment()]).toBeValidKubernetes());
      expect(message).toBe([
        'expected valid Kubernetes 1.27 objects; the API server would reject 1 object of 2:',
        '  Deployment/web spec.replicas: must be integer',
        '      the API server would answer: The Deployment "web" is invalid: spec.replicas: Invalid value: must be integer',
        '  Deployment/web spec.template.spec.containers[0].imagePullPolcy: unknown field "imagePullPolcy"',
        '      the API server would answer: Error from server (BadRequest): Deployment in version "v1" cannot be handled as a Deployment: '
          + 'strict decoding error: unknown field "spec.template.spec.containers[0].imagePullPolcy"',
        '  Deployment/web spec.template.spec.containers[0].name: container name "App" must consist of lowercase letters, digits and \'-\', and start and end with a letter or digit',
        '      the API server would answer: The Deployment "web" is invalid: spec.template.spec.containers[0].name: Invalid value: "App": '
          + 'container name "App" must consist of lowercase letters, digits and \'-\', and start and end with a letter or digit',
      ].join('\n'));
    });

    test('custom resources: invalid unless allowUnknownKinds', () => {
      const cr = { apiVersion: 'monitoring.coreos.com/v1', kind: 'ServiceMonitor', metadata: { name: 'web' }, spec: {} };
      expect(failure(() => expect([cr]).toBeValidKubernetes())).toContain('ServiceMonitor/web apiVersion: no schema known for apiVersion "monitoring.coreos.com/v1" kind "ServiceMonitor"');
      expect([cr]).toBeValidKubernetes({ allowUnknownKinds: true });
    });

    test('.not', () => {
      expect([deployment({}, { replica: 1 })]).not.toBeValidKubernetes();
      expect(failure(() => expect([deployment()]).not.toBeValidKubernetes())).toBe('expected an object the Kubernetes 1.27 API server rejects, but all 1 object are valid');
    });

    test('an App: every chart', () => {
      const app = new App();
      const c = new Chart(app, 'c');
      void c;
      expect(app).toBeValidKubernetes();
    });
  });
});
