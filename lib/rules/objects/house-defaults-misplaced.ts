import { Rule } from '../types';

export const houseDefaultsMisplaced: Rule = {
  id: 'CKP847',
  name: 'house-defaults-misplaced',
  level: 'error',
  summary: '`HouseDefaults.set` is called once per scope, before any construct is added below it (checked at construction; manifests have no defaults).',
  why: 'Constructs read house defaults when they are built: defaults set on a scope that already has constructs would silently '
    + 'miss them, and a second call on one scope would leave unclear which of the two applies.',
  fix: 'Call `HouseDefaults.set(appOrChart, {...})` right after creating the App or Chart, once; put every default in that one call.',
  kinds: [],
  check: () => [],
};
