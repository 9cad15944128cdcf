import { Construct } from 'constructs';
import { RuleGuard } from '../guard';
import * as kplus from '../plus';
import { checkAnnotations, checkReferenceName, ingressHostProblem } from './prop-checks';

/** One path routed to the Service. */
export interface IngressPath {
  /** Starts with '/'. */
  readonly path: string;
  /**
   * How the path matches.
   * @default kplus.HttpIngressPathType.PREFIX
   */
  readonly pathType?: kplus.HttpIngressPathType;
}

/** A `networking.k8s.io/v1` Ingress in front of the app's Service. */
export interface IngressProps {
  /** The host names routed to the app (DNS names, optionally `*.` wildcards; rule CKP841). At least one. */
  readonly hosts: string[];
  /**
   * The paths routed on every host.
   * @default [{ path: '/', pathType: PREFIX }]
   */
  readonly paths?: IngressPath[];
  /**
   * The name of an existing `kubernetes.io/tls` Secret for every host (cert-manager or the platform
   * creates it). Without it the Ingress fails rule CKP842 unless CKP842 is suppressed with the reason
   * (e.g. TLS ends at an outer load balancer).
   * @default - no TLS
   */
  readonly tlsSecret?: string;
  /**
   * The IngressClass (which controller serves it).
   * @default - the cluster's default IngressClass
   */
  readonly className?: string;
  /**
   * Annotations on the Ingress only (controller settings, cert-manager issuer).
   * @default - none
   */
  readonly annotations?: Record<string, string>;
  /**
   * Where the ingress controller's pods run, admitted by the NetworkPolicy to the served port when
   * `ingressFrom` restricts who may connect (without `ingressFrom` anyone may, the controller included).
   * @default - every pod in the namespace `ingress-nginx` (ingress-nginx's own), by its `kubernetes.io/metadata.name` label
   */
  readonly controllerFrom?: kplus.INetworkPolicyPeer[];
}

/** Props of a workload reachable through an Ingress. */
export interface IngressWorkloadProps {
  /**
   * An Ingress routing hosts and paths to the Service.
   * @default - none: the Service is reached inside the cluster (or as its serviceType exposes it)
   */
  readonly ingress?: IngressProps;
}

/** Fails through `guard` on an Ingress the API server would reject (CKP841, CKP826, CKP840) or without TLS (CKP842). */
export function checkIngress(guard: RuleGuard, props: IngressProps): void {
  if (props.hosts.length === 0) guard.fail({ field: 'ingress.hosts', value: '[]', ruleId: 'CKP841', problem: 'ingress.hosts is empty: the Ingress would take every host the controller serves', fix: 'list the app\'s host names, e.g. [\'shop.example.com\'].' });
  const seen = new Set<string>();
  props.hosts.forEach((h, i) => {
    const problem = ingressHostProblem(h);
    if (problem) guard.fail({ field: `ingress.hosts[${i}]`, value: `'${h}'`, ruleId: 'CKP841', problem: `ingress host '${h}' ${problem}`, fix: 'use a lowercase DNS name such as shop.example.com.' });
    if (seen.has(h)) guard.fail({ field: `ingress.hosts[${i}]`, value: `'${h}'`, ruleId: 'CKP841', problem: `ingress host '${h}' is listed twice`, fix: 'list each host once.' });
    seen.add(h);
  });
  if (props.paths?.length === 0) guard.fail({ field: 'ingress.paths', value: '[]', ruleId: 'CKP841', problem: 'ingress.paths is empty: the Ingress would route nothing to the app', fix: 'list the paths to route, or leave paths out to route \'/\'.' });
  const paths = new Set<string>();
  (props.paths ?? []).forEach((p, i) => {
    if (!p.path.startsWith('/')) guard.fail({ field: `ingress.paths[${i}].path`, value: `'${p.path}'`, ruleId: 'CKP841', problem: `ingress path '${p.path}' does not start with '/'`, fix: `write it as '/${p.path}'.` });
    if (paths.has(p.path)) guard.fail({ field: `ingress.paths[${i}].path`, value: `'${p.path}'`, ruleId: 'CKP841', problem: `ingress path '${p.path}' is listed twice: one host routes a path once`, fix: 'list each path once.' });
    paths.add(p.path);
  });
  if (props.tlsSecret !== undefined) checkReferenceName(guard, 'ingress.tlsSecret', 'Secret', props.tlsSecret);
  else guard.fail({ field: 'ingress.tlsSecret', ruleId: 'CKP842', problem: 'ingress has no tlsSecret: the hosts would be served over plain HTTP', fix: 'name the TLS Secret (e.g. one cert-manager issues), or suppress CKP842 with the reason (e.g. TLS ends at an outer load balancer).' });
  if (props.className !== undefined) checkReferenceName(guard, 'ingress.className', 'IngressClass', props.className);
  checkAnnotations(guard, 'ingress.annotations', props.annotations);
}

/** Adds the Ingress (named `name`) routing every host and path to `service` on `port`. */
export function addIngress(scope: Construct, name: string, service: kplus.Service, port: number, props: IngressProps): kplus.Ingress {
  const ingress = new kplus.Ingress(scope, 'Ingress', {
    metadata: { name, annotations: props.annotations },
    className: props.className,
    tls: props.tlsSecret !== undefined ? [{ hosts: [...props.hosts], secret: kplus.Secret.fromSecretName(scope, 'TlsSecret', props.tlsSecret) }] : undefined,
  });
  const backend = kplus.IngressBackend.fromService(service, { port });
  const paths = props.paths ?? [{ path: '/' }];
  for (const host of props.hosts) {
    for (const p of paths) ingress.addHostRule(host, p.path, backend, p.pathType ?? kplus.HttpIngressPathType.PREFIX);
  }
  return ingress;
}

/**
 * Admits the ingress controller to `port` in `policy` when `ingressFrom` restricts who may connect
 * (without it the policy already admits anyone), or when `controllerFrom` is given.
 */
export function admitIngressController(scope: Construct, policy: kplus.NetworkPolicy, port: number, ingressFrom: readonly kplus.INetworkPolicyPeer[] | undefined, props: IngressProps): void {
  // Given peers are always written (never silently dropped); the default only where it adds something.
  if (ingressFrom === undefined && props.controllerFrom === undefined) return;
  const peers = props.controllerFrom ?? [kplus.Pods.all(scope, 'IngressController', { namespaces: kplus.Namespaces.select(scope, 'IngressControllerNamespace', { names: ['ingress-nginx'] }) })];
  for (const peer of peers) policy.addIngressRule(peer, [kplus.NetworkPolicyPort.tcp(port)]);
}
