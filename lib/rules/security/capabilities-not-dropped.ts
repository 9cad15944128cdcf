import { containerViolations, isLinuxPod, isObject, listOf, POD_KINDS } from '../k8s';
import { Rule } from '../types';

export const capabilitiesNotDropped: Rule = {
  id: 'CKP708',
  name: 'capabilities-not-dropped',
  level: 'warning',
  summary: 'Every container drops all Linux capabilities (`capabilities.drop: [ALL]`) and adds back only what it needs.',
  why: 'A container gets the runtime\'s default capabilities unless it drops them: NET_RAW (forge packets, ARP and DNS spoofing on '
    + 'the node\'s network), CHOWN, DAC_OVERRIDE, FOWNER, SETUID/SETGID, MKNOD and more. An app that needs none of them keeps them '
    + 'for an attacker; dropping ALL is what the restricted Pod Security Standard requires.',
  fix: 'Set `securityContext.capabilities.drop: [ALL]` on every container and init container, and `add` back only a capability '
    + 'the program needs (NET_BIND_SERVICE to bind a port below 1024).',
  polaris: 'insecureCapabilities',
  checkov: ['CKV_K8S_37', 'CKV_K8S_28'],
  kubeLinter: ['drop-net-raw-capability'],
  kinds: POD_KINDS,
  appliesTo: isLinuxPod,
  check(obj) {
    return containerViolations(obj, (c, _pod, sc) => {
      const caps = isObject(sc.capabilities) ? sc.capabilities : {};
      const drop = listOf(caps.drop);
      if (drop.some(d => typeof d === 'string' && d.toUpperCase() === 'ALL')) return undefined;
      return {
        field: `${c.path}.securityContext.capabilities.drop`,
        value: caps.drop,
        container: c.name,
        message: drop.length === 0
          ? 'drops no capabilities, so it keeps the runtime\'s defaults (NET_RAW, CHOWN, DAC_OVERRIDE, SETUID, …)'
          : `drops ${drop.map(d => JSON.stringify(d)).join(', ')} but not ALL, so it keeps the runtime's other defaults`,
      };
    });
  },
};
