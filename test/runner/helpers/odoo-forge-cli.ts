// Runs the odoo-forge CLI from the sources (no build needed): node --import tsx test/runner/helpers/odoo-forge-cli.ts ARGS
import { main } from '../../../cli/main.js';

process.exitCode = await main(process.argv.slice(2));
