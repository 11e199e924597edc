import { hostname } from 'node:os';
import type { ContainerDriver } from '../containers/container-driver.js';
import { listStacks, type StackSummary } from './list-stacks.js';
import { removeStackObjects } from './remove-stack-objects.js';

export type ReapReason = 'expired' | 'owner-gone';

export interface ReapOptions {
  /** Epoch seconds (default: now). */
  now?: number;
  hostname?: string;
  /** Whether a pid of this host still runs (default: `kill(pid, 0)`). */
  isAlive?: (pid: number) => boolean;
  /** Report what would be removed, remove nothing. */
  dryRun?: boolean;
}

export interface ReapedStack {
  stack: StackSummary;
  reason: ReapReason;
}

export function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Why a stack may be removed: its expiry passed, or its owner (`pid@host`) is a process of this
 * host that no longer runs. Owners on other hosts are judged by expiry only.
 */
export function reapReason(
  stack: StackSummary,
  options: Required<Pick<ReapOptions, 'now' | 'hostname' | 'isAlive'>>,
): ReapReason | undefined {
  if (Number.isFinite(stack.expiresAt) && stack.expiresAt <= options.now) return 'expired';
  const match = /^(\d+)@(.+)$/.exec(stack.owner);
  if (match && match[2] === options.hostname && !options.isAlive(Number(match[1]))) return 'owner-gone';
  return undefined;
}

/** Removes every stack whose expiry passed or whose owner is gone (or lists them, on a dry run). */
export async function reapStacks(driver: ContainerDriver, options: ReapOptions = {}): Promise<ReapedStack[]> {
  const judge = {
    now: options.now ?? Math.floor(Date.now() / 1000),
    hostname: options.hostname ?? hostname(),
    isAlive: options.isAlive ?? processIsAlive,
  };
  const reaped: ReapedStack[] = [];
  for (const stack of await listStacks(driver)) {
    const reason = reapReason(stack, judge);
    if (!reason) continue;
    if (!options.dryRun)
      await removeStackObjects(
        driver,
        stack.id,
        stack.containers.map((c) => c.id),
      );
    reaped.push({ stack, reason });
  }
  return reaped;
}
