import { containersOf, LONG_RUNNING_KINDS } from '../k8s';
import { Rule, Violation } from '../types';
import { INITS } from './main-process';
import { programName } from './shell';

export const commandOverridesEntrypoint: Rule = {
  id: 'CKP901',
  name: 'command-overrides-entrypoint',
  level: 'warning',
  summary: 'A long-running container sets `args`, not `command`, so the image\'s ENTRYPOINT (its init, such as tini) still runs.',
  why: '`command` replaces the image\'s ENTRYPOINT and `args` its CMD. Setting `command` throws away the init the image was built '
    + 'around (tini or dumb-init: signal forwarding and zombie reaping) and its entrypoint script, so the pod no longer runs the '
    + 'image as built. In seed 000 a crash-looping fedora-dev-tini pod "worked" once `command: [/bin/bash, -ec]` was set, but only '
    + 'because tini and /entrypoint.sh no longer ran at all: the test proved nothing about the image, while overriding `args` alone '
    + 'kept tini and found the real fault.',
  fix: 'Set only `args` (they replace the image\'s CMD and keep its ENTRYPOINT). Set `command` only to replace the image\'s init '
    + 'on purpose, and suppress CKP901 with the reason.',
  kinds: LONG_RUNNING_KINDS,
  check(obj) {
    const out: Violation[] = [];
    for (const c of containersOf(obj, { init: false })) {
      const command = c.container.command;
      if (!Array.isArray(command) || command.length === 0) continue;
      // Replacing the entrypoint with an init still runs an init.
      if (INITS.has(programName(String(command[0])))) continue;
      out.push({
        field: `${c.path}.command`,
        value: command,
        container: c.name,
        message: `sets command ${JSON.stringify(command)}, which replaces the image's ENTRYPOINT: its init (such as tini) and entrypoint script do not run`,
      });
    }
    return out;
  },
};
