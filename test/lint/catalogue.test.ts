import * as path from 'path';
import { readmeRulesTable, rulesMarkdown, syncCatalogue } from '../../lib/lint/catalogue';
import { RULES } from '../../lib/rules/index';

const ROOT = path.join(__dirname, '..', '..');

describe('the generated catalogue', () => {
  test('RULES.md and the README rules table are up to date (run `npm run rules:md` if this fails)', () => {
    expect(syncCatalogue(ROOT, RULES, false)).toEqual([]);
  });

  test('RULES.md has every rule, in id order, with level, twin, why and fix', () => {
    const md = rulesMarkdown(RULES);
    const headings = [...md.matchAll(/^## (CKP\d{3}) /gm)].map(m => m[1]);
    expect(headings).toEqual(RULES.map(r => r.id).sort());
    expect(md).toContain('| [CKP701](#ckp701-host-network) | host-network | error | Polaris `hostNetworkSet`<br>checkov `CKV_K8S_19`<br>kube-linter `host-network` |');
    expect(md).toContain('| [CKP103](#ckp103-image-digest-missing) | image-digest-missing | warning (profile strict) | checkov `CKV_K8S_43` |');
    expect(md).toMatch(/## CKP102 registry-credentials-in-secret\n\n\*\*error\*\* · applies to: Secret\n\n.+\n\n\*\*Why:\*\* A `\.dockerconfigjson` in a manifest/);
  });

  test('the README table links each rule to its RULES.md section', () => {
    expect(readmeRulesTable(RULES)).toContain('| [CKP910](RULES.md#ckp910-shell-as-pid1) | shell-as-pid1 | warning |');
  });
});
