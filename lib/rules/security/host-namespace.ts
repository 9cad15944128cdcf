import { podSpecOf, POD_KINDS } from '../k8s';
import { Rule } from '../types';

/** What differs between the three host-namespace rules. */
export interface HostNamespaceRuleProps extends Pick<Rule, 'id' | 'name' | 'why' | 'polaris' | 'checkov' | 'kubeLinter'> {
  /** The pod spec field: `hostNetwork`, `hostPID` or `hostIPC`. */
  readonly field: 'hostNetwork' | 'hostPID' | 'hostIPC';
  /** What the pod shares with the node, for the message. */
  readonly shares: string;
  readonly fix: string;
}

/** A rule that fails pods sharing one of the node's namespaces. */
export function hostNamespaceRule(props: HostNamespaceRuleProps): Rule {
  return {
    id: props.id,
    name: props.name,
    level: 'error',
    summary: `Pods do not set \`${props.field}: true\`.`,
    why: props.why,
    fix: props.fix,
    polaris: props.polaris,
    checkov: props.checkov,
    kubeLinter: props.kubeLinter,
    kinds: POD_KINDS,
    check(obj) {
      const pod = podSpecOf(obj);
      if (pod?.spec[props.field] !== true) return [];
      return [{ field: `${pod.path}.${props.field}`, value: true, message: `sets ${props.field}: true, so the pod shares the node's ${props.shares}` }];
    },
  };
}
