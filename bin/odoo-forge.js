#!/usr/bin/env node
// Entry point of the odoo-forge CLI. The compiled code lives in dist/ (npm run build).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const compiled = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));
if (!existsSync(compiled)) {
  process.stderr.write('odoo-forge: dist/ is missing. Run `npm run build` in the odoo-forge checkout first.\n');
  process.exit(70);
}
const { main } = await import(compiled);
process.exitCode = await main(process.argv.slice(2));
