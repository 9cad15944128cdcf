// Jest test order: jest's own (failed first, then slowest first by its timing cache, then largest
// file), except that the suites which mostly wait (real HAProxy timers) start first even without a
// timing cache, as in a fresh clone on CI: started last, they would add their ~5 s of waiting to
// the end of the run instead of overlapping the other worker's CPU-bound suites.
'use strict';
const Sequencer = require('@jest/test-sequencer').default;

const WAITING = /[\\/]test[\\/]proxy[\\/]behaviour\.test\.ts$/;

class WaitingFirst extends Sequencer {
  sort(tests) {
    const sorted = super.sort(tests);
    return [...sorted.filter(t => WAITING.test(t.path)), ...sorted.filter(t => !WAITING.test(t.path))];
  }
}

module.exports = WaitingFirst;
