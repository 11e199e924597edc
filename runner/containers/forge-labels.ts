import { hostname } from 'node:os';
import type { Labels } from './container-driver.js';

/** The labels every Forge object carries, so a reaper can find what a dead run left behind. */
export const ForgeLabel = {
  stack: 'forge.stack',
  /** `pid@hostname` of the process that owns the object. */
  owner: 'forge.owner',
  /** Epoch seconds after which the object may be removed whatever its owner. */
  expires: 'forge.expires',
  repository: 'forge.repository',
  /** The role of the object in its stack (`db`, `odoo`, `network`, `data`). */
  role: 'forge.role',
  /** Marks a template-database volume and holds its key. */
  template: 'forge.template',
} as const;

export function ownerLabel(pid: number = process.pid, host: string = hostname()): string {
  return `${pid}@${host}`;
}

export interface StackLabelInput {
  stackId: string;
  owner: string;
  expiresAt: number;
  repository?: string;
}

export function stackLabels(input: StackLabelInput, role: string): Labels {
  return {
    [ForgeLabel.stack]: input.stackId,
    [ForgeLabel.owner]: input.owner,
    [ForgeLabel.expires]: String(input.expiresAt),
    [ForgeLabel.repository]: input.repository ?? '',
    [ForgeLabel.role]: role,
  };
}
