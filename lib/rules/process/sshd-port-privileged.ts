import { Rule } from '../types';

export const sshdPortPrivileged: Rule = {
  id: 'CKP906',
  name: 'sshd-port-privileged',
  level: 'error',
  summary: 'A non-root sshd listens on a port from 1024 up (checked at construction of a DevContainer).',
  why: 'The restricted profile runs as a non-root UID with every capability dropped: sshd cannot bind a port below 1024 (such as 22), '
    + 'exits, and the box crash-loops; a non-root sshd can also only log in its own user.',
  fix: 'Use DevSecurity.sshdAsRoot() for sshd on port 22, or set sshPort to 2222 (or another port from 1024) with the restricted profile.',
  kinds: [],
  check: () => [],
};
