import { ForgeError } from '../../core/errors/forge-error.js';
import type { BrowserCheckSeries } from './browser-check-types.js';
import { authenticate, type OdooSession } from './odoo-session.js';

export interface WarmWebAssetsOptions {
  /** The running Odoo, e.g. `http://127.0.0.1:8069`. */
  baseUrl: string;
  database: string;
  series: BrowserCheckSeries;
  /** Default `admin` / `admin`. */
  admin?: { login: string; password: string };
  /** For the whole warm-up. Default 240 s (the first build of the bundles is slow). */
  timeoutMs?: number;
  /** The admin's session, when the caller has logged in already (no login of its own). */
  session?: Promise<OdooSession>;
  /**
   * Resolve once every bundle has answered its status, its body left unread (cancelled): Odoo
   * builds a bundle before it answers, so the status says it is built. Default false: each body
   * read to its end. The browser check sets it (its pages fetch the bundles again anyway).
   */
  statusOnly?: boolean;
}

export interface WarmedAssets {
  /** The bundle URLs requested, e.g. `/web/assets/1a2b3c4/web.assets_web.min.js`. */
  bundles: string[];
  durationMs: number;
}

/** `<script src>` and `<link href>` of Odoo's asset bundles in a page (16.0 to 18.0). */
const BUNDLE_URL = /(?:src|href)="(\/web\/assets\/[^"]+\.(?:js|css))"/g;

/**
 * Makes Odoo build the web client's asset bundles (the backend's JavaScript and stylesheets,
 * stored as `ir.attachment` rows and filestore files) by loading the web client's page as the
 * admin and requesting every bundle it names, the way a browser's first visit does. Run once on
 * a template database, every clone serves the bundles at once instead of compiling them at the
 * first page of each run. A stylesheet that does not compile (the reduced trees' SCSS) is saved
 * by Odoo with its error message, so it is built once too. Throws when a bundle answers >= 400.
 */
export async function warmWebAssets(options: WarmWebAssetsOptions): Promise<WarmedAssets> {
  const started = Date.now();
  const timeoutMs = options.timeoutMs ?? 240_000;
  const signal = AbortSignal.timeout(timeoutMs);
  const admin = options.admin ?? { login: 'admin', password: 'admin' };
  const { cookie } = await (options.session ?? authenticate({ ...options, ...admin, signal }));
  const client = options.series === '18.0' ? '/odoo' : '/web';
  const page = await fetch(`${options.baseUrl}${client}`, { headers: { cookie }, signal });
  if (!page.ok) {
    throw new ForgeError(
      'ui-check.assets',
      `the web client ${options.baseUrl}${client} answered HTTP ${page.status} while warming its assets`,
      { hint: 'read the Odoo server log: the web client does not load for the admin' },
    );
  }
  const html = await page.text();
  const bundles = [...new Set([...html.matchAll(BUNDLE_URL)].map((match) => match[1] ?? ''))];
  const answers = await Promise.all(
    bundles.map(async (url) => {
      const response = await fetch(`${options.baseUrl}${url}`, { headers: { cookie }, signal });
      if (options.statusOnly) await response.body?.cancel();
      else await response.arrayBuffer();
      return { url, status: response.status };
    }),
  );
  const failed = answers.filter((answer) => answer.status >= 400);
  if (failed.length > 0) {
    throw new ForgeError(
      'ui-check.assets',
      `asset bundle(s) of ${options.baseUrl} failed to build: ${failed.map((f) => `${f.url} (HTTP ${f.status})`).join(', ')}`,
      {
        hint: 'read the Odoo server log; on 17.0 and later an addon of another series on the addons path breaks every bundle',
      },
    );
  }
  return { bundles, durationMs: Date.now() - started };
}
