import type { CliCommand } from '../command.js';
import { backupCommand } from './backup.js';
import { checkCommand } from './check.js';
import { depsCommand } from './deps.js';
import { demoCommand } from './demo.js';
import { deployCommand } from './deploy.js';
import { envCommand } from './env.js';
import { generateCommand } from './generate.js';
import { imagesCommand } from './images.js';
import { initCommand } from './init.js';
import { mailsCommand } from './mails.js';
import { requestCommand } from './request.js';
import { schemaCommand } from './schema.js';
import { stackCommand } from './stack.js';
import { testCommand } from './test.js';
import { uiCheckCommand } from './ui-check.js';
import { upgradeCheckCommand } from './upgrade-check.js';
import { validateCommand } from './validate.js';

/** Every subcommand of odoo-forge: add an import and one entry per command. */
export const commands: CliCommand[] = [
  demoCommand,
  checkCommand,
  depsCommand,
  generateCommand,
  validateCommand,
  schemaCommand,
  testCommand,
  stackCommand,
  imagesCommand,
  initCommand,
  requestCommand,
  uiCheckCommand,
  backupCommand,
  mailsCommand,
  envCommand,
  deployCommand,
  upgradeCheckCommand,
];
