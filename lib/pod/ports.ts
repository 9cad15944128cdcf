import { RuleGuard } from '../guard';
import * as kplus from '../plus';
import { portNameProblem, portNumberProblem } from './prop-checks';

/** A named TCP port the app serves besides its main one: metrics, admin, gRPC. */
export interface ExtraPort {
  /** The port name (at most 15 lowercase letters, digits and '-'; rule CKP821), e.g. `metrics`. Probes may target it by name. */
  readonly name: string;
  /** The port number (1–65535). */
  readonly port: number;
  /**
   * Also a port of the Service (same number), for clients that reach it through the Service.
   * @default false: reached on the pod IP (as Prometheus scrapes)
   */
  readonly service?: boolean;
  /**
   * Who may connect to it (a NetworkPolicy ingress rule); an empty list admits nobody.
   * @default - the same peers as the served port (`ingressFrom`)
   */
  readonly ingressFrom?: kplus.INetworkPolicyPeer[];
}

/** Props of a workload that serves several ports. */
export interface ExtraPortsProps {
  /**
   * Named ports besides the main one, on the app container; each optionally on the Service, and admitted by the NetworkPolicy.
   * @default - none
   */
  readonly ports?: ExtraPort[];
}

/**
 * Fails through `guard` on extra ports the API server rejects (CKP821: name, CKP827: number) or that
 * clash with the main port or each other (CKP806).
 */
export function checkExtraPorts(guard: RuleGuard, main: { name: string; port: number; servicePort?: number }, ports: readonly ExtraPort[] = []): void {
  const names = new Map<string, string>([[main.name, 'the main port']]);
  const numbers = new Map<number, string>([[main.port, 'the main port']]);
  ports.forEach((p, i) => {
    const field = `ports[${i}]`;
    const nameProblem = portNameProblem(p.name);
    if (nameProblem) guard.fail({ field: `${field}.name`, value: `'${p.name}'`, ruleId: 'CKP821', problem: `port name '${p.name}' ${nameProblem}`, fix: 'name the port after what it serves, e.g. \'metrics\' or \'admin\'.' });
    const numberProblem = portNumberProblem(p.port);
    if (numberProblem) guard.fail({ field: `${field}.port`, value: String(p.port), ruleId: 'CKP827', problem: `port ${p.port} ${numberProblem}`, fix: 'use the port number the app listens on.' });
    const byName = names.get(p.name);
    if (byName) guard.fail({ field: `${field}.name`, value: `'${p.name}'`, ruleId: 'CKP806', problem: `port name '${p.name}' is already used by ${byName}`, fix: 'give each port its own name.' });
    const byNumber = numbers.get(p.port);
    if (byNumber) guard.fail({ field: `${field}.port`, value: String(p.port), ruleId: 'CKP806', problem: `port ${p.port} is already declared by ${byNumber}`, fix: 'give each port its own number.' });
    if (p.service && p.port === main.servicePort) guard.fail({ field: `${field}.port`, value: String(p.port), ruleId: 'CKP806', problem: `port ${p.port} would be a second Service port ${p.port} beside servicePort`, fix: 'give the extra port its own number, or change servicePort.' });
    names.set(p.name, field);
    numbers.set(p.port, field);
  });
}

/** The container ports for the extra ports. */
export function extraContainerPorts(ports: readonly ExtraPort[] = []): kplus.ContainerPort[] {
  return ports.map(p => ({ number: p.port, name: p.name }));
}

/** The extra ports the NetworkPolicy admits from the served port's peers. */
export function sharedPolicyPorts(ports: readonly ExtraPort[] = []): number[] {
  return ports.filter(p => p.ingressFrom === undefined).map(p => p.port);
}

/** Binds the extra ports marked `service` on the Service, and admits ports with their own peers in the NetworkPolicy. */
export function exposeExtraPorts(service: kplus.Service, networkPolicy: kplus.NetworkPolicy, ports: readonly ExtraPort[] = []): void {
  for (const p of ports) {
    if (p.service) service.bind(p.port, { name: p.name, targetPort: p.port });
    for (const peer of p.ingressFrom ?? []) networkPolicy.addIngressRule(peer, [kplus.NetworkPolicyPort.tcp(p.port)]);
  }
}
