import type { ContainerDriver } from '../containers/container-driver.js';
import { ForgeLabel } from '../containers/forge-labels.js';

/** Removes containers, then networks, then volumes labelled with `stackId` (plus `knownNames`). */
export async function removeStackObjects(
  driver: ContainerDriver,
  stackId: string,
  knownNames: string[] = [],
): Promise<void> {
  const filter = { [ForgeLabel.stack]: stackId };
  const containers = new Set([...knownNames, ...(await driver.listContainers(filter)).map((c) => c.id)]);
  // The data is thrown away: SIGKILL first instead of waiting for a clean shutdown.
  await Promise.all(
    [...containers].map((c) => driver.killContainer(c).then(() => driver.removeContainer(c))),
  );
  for (const network of await driver.listNetworks(filter)) await driver.removeNetwork(network.id);
  await driver.removeNetwork(stackId);
  for (const volume of await driver.listVolumes(filter)) await driver.removeVolume(volume.name);
}
