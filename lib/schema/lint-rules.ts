import { RULES } from '../rules/index';
import { Rule } from '../rules/types';
import { schemaInvalid } from './schema-invalid';

/** The lint options for `--schema`: the registry plus CKP800, or nothing (the default rules). */
export function withSchemaRule(schema: boolean): { rules?: readonly Rule[] } {
  return schema ? { rules: [...RULES, schemaInvalid] } : {};
}
