import { randomBytes } from 'node:crypto';

/** The names of a stack's objects: unique per stack, so stacks run side by side. */
export interface StackNames {
  network: string;
  db: string;
  odoo: string;
  run: string;
  seed: string;
  data: string;
}

export function stackNames(id: string): StackNames {
  return {
    network: id,
    db: `${id}-db`,
    odoo: `${id}-odoo`,
    run: `${id}-run`,
    seed: `${id}-seed`,
    data: `${id}-data`,
  };
}

export function newStackId(): string {
  return `forge-${randomBytes(4).toString('hex')}`;
}
