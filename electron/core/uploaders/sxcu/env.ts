import { randomUUID } from 'node:crypto';
import { hostname, userInfo } from 'node:os';
import type { NamePatternEnv } from './name-patterns.js';

function userName(): string {
  try {
    return userInfo().username;
  } catch {
    return '';
  }
}

/** The machine's answers to `%un`, `%cn` …, with the core's clock; composed once at start-up. */
export function systemNamePatternEnv(now: () => number): NamePatternEnv {
  const machine = hostname();
  return {
    now: () => new Date(now()),
    random: Math.random,
    uuid: randomUUID,
    userName: userName(),
    // .NET's UserDomainName is the machine's name outside a Windows domain.
    userDomain: process.env.USERDOMAIN ?? machine,
    machineName: machine,
  };
}
