import type { BackupEntry } from '../../../runner/backup/backup-manifest.js';
import type { DeployBrowserCheck } from '../../../runner/deploy/deploy-browser-check.js';
import type { UpdatePlan } from '../../../runner/deploy/plan-update.js';

/** What one task of actions/deploy ended with: the deployment status and the job summary come from it. */
export interface TaskOutcome {
  /** The `outcome` output. */
  outcome: 'deployed' | 'restored' | 'rolled-back' | 'copied' | 'failed';
  /** success: the environment runs what was asked; otherwise the deployment status is failure. */
  ok: boolean;
  /** The URL Odoo serves on (the environment's own `url:` wins for the status). */
  url: string;
  /** One line for the deployment status (cut to 140 characters when posted). */
  description: string;
  /** Why it failed, one entry per problem (empty on success). */
  problems: string[];
  /** The backup taken before the change (deploy, copy) or restored (rollback), as stored. */
  backup?: BackupEntry;
  /** deploy: the backup's id even when its manifest could not be read back. */
  backupId?: string;
  plan?: UpdatePlan;
  /** An unfinished (killed) deploy rolled back first. */
  recovered?: { deployId: string; phase: string; restoredBackup?: string };
  /** The last lines of the update's log. */
  logTail?: string;
  /** The health's browser check of the addons' menus (deploy; absent when it did not run or is off). */
  browserCheck?: DeployBrowserCheck;
  /** How many mails the environment's mail catcher holds (deploy). */
  mailsCaught?: number;
  seconds: number;
}
