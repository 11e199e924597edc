import type { Browser } from 'playwright-core';
import type { Logger } from '../logger.js';

/** The Odoo series whose web client the browser check knows. */
export type BrowserCheckSeries = '16.0' | '17.0' | '18.0';

/** True for the series the browser check (and `warmWebAssets`) knows. */
export function isBrowserCheckSeries(series: string): series is BrowserCheckSeries {
  return series === '16.0' || series === '17.0' || series === '18.0';
}

export interface BrowserCheckOptions {
  /** The running Odoo, e.g. `http://127.0.0.1:8069`. */
  baseUrl: string;
  database: string;
  series: BrowserCheckSeries;
  /** Installed modules whose menus, actions and groups are checked. */
  modules: readonly string[];
  /** Default `admin` / `admin`. */
  admin?: { login: string; password: string };
  /** A PNG of every page is written here (created when missing). */
  screenshotDir?: string;
  /** Also check as a user of each group the modules define (created in the database). Default true. */
  groupUsers?: boolean;
  /** Default: `CHROMIUM_PATH`, else Debian's `/usr/bin/chromium`. */
  executablePath?: string;
  /**
   * A Chromium being started already (`launchChromium`), e.g. while Odoo starts, instead of one
   * started by the check; the check closes it.
   */
  chromium?: Promise<Browser>;
  /** Per step. Default 20 s. */
  stepTimeoutMs?: number;
  /** For building the web asset bundles when the database lacks them (warmWebAssets). Default 240 s. */
  loginTimeoutMs?: number;
  logger?: Logger;
}

/** A page: one view of one action (or a menu) as one user. Its steps share its screenshot. */
export interface BrowserCheckPage {
  /** e.g. `admin: Library / Books (list)`. */
  name: string;
  user: string;
  screenshot?: string;
}

export interface BrowserCheckStep {
  page: string;
  user: string;
  /** e.g. `open`, `filter Available`, `group by State`, `create`, `button Make available`, `menu`. */
  step: string;
  ok: boolean;
  /** The step met a refusal that the user's access rights call for (no create button, an access error). */
  expected?: boolean;
  /** Why it failed (the Odoo dialog's cause, the console error, the failed request), or a note. */
  message?: string;
  durationMs: number;
}

export interface BrowserCheckResult {
  ok: boolean;
  series: BrowserCheckSeries;
  /** Logins checked, admin first. */
  users: string[];
  pages: BrowserCheckPage[];
  steps: BrowserCheckStep[];
  failures: BrowserCheckStep[];
  durationMs: number;
  /** Where `durationMs` went (the phases overlap where they run at once). */
  timings: BrowserCheckTimings;
}

/** The phases of one browser check, in ms from its start. */
export interface BrowserCheckTimings {
  /** Chromium started (at once with the asset warm-up). */
  launchMs: number;
  /** The web asset bundles answered (warmWebAssets). */
  assetsMs: number;
  /** The admin logged in, the inventory read and the group users created (the admin's pass starts before). */
  setupMs: number;
  /** Each user's pass (they run at once), from its login on. */
  users: { login: string; steps: number; durationMs: number }[];
  /** The contexts and Chromium closed. */
  closeMs: number;
}
