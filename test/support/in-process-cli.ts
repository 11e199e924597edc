import type { CliIo } from '../../cli/cli-io.js';
import { main } from '../../cli/main.js';

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

/** Runs the `odoo-forge` CLI in this process with `env` (default: this process's), capturing its output. */
export async function cli(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<CliRun> {
  let out = '';
  let err = '';
  const io: CliIo = { out: (s) => (out += s), err: (s) => (err += s), isTty: false, cwd: process.cwd(), env };
  const code = await main(args, io);
  return { code, out, err };
}
