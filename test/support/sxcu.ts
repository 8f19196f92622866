import { readSxcu } from '../../electron/core/uploaders/sxcu/read.js';
import type { SxcuSpec } from '../../electron/core/uploaders/sxcu/spec.js';
import type { NamePatternEnv } from '../../electron/core/uploaders/sxcu/name-patterns.js';

/** A .sxcu file as ShareX writes it: 2-space JSON, fields in ShareX's order. */
export function sharexJson(fields: Record<string, unknown>): string {
  return JSON.stringify(fields, null, 2);
}

/** The same, from a ShareX with the current syntax unless `Version` says otherwise. */
export function sxcuFile(fields: Record<string, unknown>): string {
  return sharexJson({ Version: '16.1.0', ...fields });
}

export function sxcuSpec(fields: Record<string, unknown>): SxcuSpec {
  return readSxcu(sxcuFile(fields)).spec;
}

/** A fixed clock (5 March 2024, 14:07:09 local) and a random source that always answers `random`. */
export function fixedEnv(random = 0): NamePatternEnv {
  return {
    now: () => new Date(2024, 2, 5, 14, 7, 9, 45),
    random: () => random,
    uuid: () => '0f0f0f0f-1111-2222-3333-444455556666',
    userName: 'ada',
    userDomain: 'LAB',
    machineName: 'box',
    locale: 'en-US',
  };
}
