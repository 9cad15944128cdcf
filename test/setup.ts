import { setFindingReporter } from '../lib/guard';

// Warnings go to stderr in real synths; tests assert on findings instead of reading noise.
setFindingReporter(() => undefined);
