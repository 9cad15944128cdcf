import { Rule } from '../types';
import { DNS1035_LABEL, DNS1123_LABEL, DNS1123_SUBDOMAIN } from './names';

/** What `path.IsValidPathSegmentName` accepts: anything but `.`, `..` and names with `/` or `%`. */
const PATH_SEGMENT = /^(?!\.{1,2}$)[^/%]+$/;

interface NameRule { readonly re: RegExp; readonly max: number; readonly what: string }

// RBAC names are path segments (ValidateRBACName): `system:aggregated-metrics-reader` is valid.
const RBAC_NAME: NameRule = { re: PATH_SEGMENT, max: Infinity, what: 'a path segment (not \'.\' or \'..\', no \'/\' or \'%\')' };
const SERVICE_NAME: NameRule = { re: DNS1035_LABEL, max: 63, what: 'a DNS-1035 label (lowercase letters, digits and \'-\', starting with a letter)' };
const NAMESPACE_NAME: NameRule = { re: DNS1123_LABEL, max: 63, what: 'a DNS-1123 label (lowercase letters, digits and \'-\')' };
const CRONJOB_NAME: NameRule = { re: DNS1123_SUBDOMAIN, max: 52, what: 'a DNS-1123 subdomain of at most 52 characters (the controller appends a suffix to Job names)' };
const OBJECT_NAME: NameRule = { re: DNS1123_SUBDOMAIN, max: 253, what: 'a DNS-1123 subdomain (lowercase letters, digits, \'-\' and \'.\')' };

/** What the API server requires of `metadata.name`, by kind (constants: this runs for every object). */
function nameRule(kind: string): NameRule {
  switch (kind) {
    case 'Role': case 'ClusterRole': case 'RoleBinding': case 'ClusterRoleBinding': return RBAC_NAME;
    case 'Service': return SERVICE_NAME;
    case 'Namespace': return NAMESPACE_NAME;
    case 'CronJob': return CRONJOB_NAME;
    default: return OBJECT_NAME;
  }
}

export const objectNameInvalid: Rule = {
  id: 'CKP801',
  name: 'object-name-invalid',
  level: 'error',
  summary: 'Every object has a name the API server accepts for its kind.',
  why: 'The API server rejects an object whose name is not a DNS name of the kind\'s form (a Service name also becomes a DNS '
    + 'label in the cluster), so the whole apply fails.',
  fix: 'Use lowercase letters, digits and \'-\', starting and ending with a letter or digit (a letter first for a Service).',
  kinds: ['*'],
  check(obj) {
    const name = obj.metadata?.name;
    // A name the API server generates from `generateName` (kubectl create, Jobs run by hand): nothing to check here.
    if (name === undefined && typeof obj.metadata?.generateName === 'string' && obj.metadata.generateName !== '') return [];
    const rule = nameRule(String(obj.kind));
    if (typeof name === 'string' && name.length <= rule.max && rule.re.test(name)) return [];
    return [{
      field: 'metadata.name',
      value: name,
      message: typeof name !== 'string' || name === ''
        ? 'has no metadata.name'
        : `name '${name}' is not ${rule.what}${name.length > rule.max ? `: it is ${name.length} characters long (at most ${rule.max})` : ''}`,
    }];
  },
};
