import type { ContainerDriver } from '../../../runner/containers/container-driver.js';
import { listStacks, type StackSummary } from '../../../runner/stack/list-stacks.js';

/** The stacks of main still on the engine: labelled with its `pid@host` owner, or among the ids it saved. */
export async function stacksOfMain(
  driver: ContainerDriver,
  owner: string,
  ids: readonly string[],
): Promise<StackSummary[]> {
  return (await listStacks(driver)).filter((s) => s.owner === owner || ids.includes(s.id));
}
