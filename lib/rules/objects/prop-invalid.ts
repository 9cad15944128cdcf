import { Rule } from '../types';

export const propInvalid: Rule = {
  id: 'CKP830',
  name: 'prop-invalid',
  level: 'error',
  summary: 'Construct props have the type and form their documentation gives (checked at construction; manifests have no props).',
  why: 'A prop of the wrong JavaScript type (from plain JavaScript, or props read from YAML or JSON), a missing required prop or a '
    + 'value no Kubernetes field can hold would otherwise surface as a raw `TypeError` deep in synth, or as a manifest the API server '
    + 'rejects. Refused at construction, the error names the prop, the value and the fix.',
  fix: 'Pass the prop as documented on the construct\'s props interface: the type, the unit (Duration, Size, Cpu) and the range.',
  kinds: [],
  check: () => [],
};
