import type { ContainerDriver, ContainerInfo, Labels } from '../containers/container-driver.js';
import { ForgeLabel } from '../containers/forge-labels.js';

export interface StackSummary {
  id: string;
  owner: string;
  /** Epoch seconds; NaN when the label is missing or unreadable. */
  expiresAt: number;
  repository: string;
  containers: ContainerInfo[];
  networks: string[];
  volumes: string[];
}

/** Every Forge stack the engine knows, found by the `forge.stack` label on any object. */
export async function listStacks(driver: ContainerDriver): Promise<StackSummary[]> {
  const filter = { [ForgeLabel.stack]: true as const };
  const [containers, networks, volumes] = await Promise.all([
    driver.listContainers(filter),
    driver.listNetworks(filter),
    driver.listVolumes(filter),
  ]);
  const stacks = new Map<string, StackSummary>();
  const entry = (labels: Labels): StackSummary => {
    const id = labels[ForgeLabel.stack] ?? '';
    let stack = stacks.get(id);
    if (!stack) {
      stack = {
        id,
        owner: '',
        expiresAt: Number.NaN,
        repository: '',
        containers: [],
        networks: [],
        volumes: [],
      };
      stacks.set(id, stack);
    }
    stack.owner ||= labels[ForgeLabel.owner] ?? '';
    stack.repository ||= labels[ForgeLabel.repository] ?? '';
    const expires = Number.parseInt(labels[ForgeLabel.expires] ?? '', 10);
    if (Number.isFinite(expires))
      stack.expiresAt = Number.isNaN(stack.expiresAt) ? expires : Math.min(stack.expiresAt, expires);
    return stack;
  };
  for (const c of containers) entry(c.labels).containers.push(c);
  for (const n of networks) entry(n.labels).networks.push(n.name);
  for (const v of volumes) entry(v.labels).volumes.push(v.name);
  return [...stacks.values()].sort((a, b) => a.id.localeCompare(b.id));
}
