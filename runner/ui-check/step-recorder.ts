import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import type { BrowserCheckPage, BrowserCheckSeries, BrowserCheckStep } from './browser-check-types.js';
import { closeDialogs, readErrorDialog } from './error-dialog-message.js';
import type { UserSession } from './browser-session.js';

/** What a step's body reports: a note, or that the refusal it met is what the rights call for. */
export interface StepOutcome {
  note?: string;
  /** The body itself found the UI wrong (a create button the rights forbid, a field left invalid). */
  problem?: string;
  expected?: boolean;
}

export interface StepSettings {
  series: BrowserCheckSeries;
  stepTimeoutMs: number;
  screenshotDir?: string;
  /** Numbers the PNGs of every user's recorder in one sequence (the users run at once). */
  shots?: { taken: number };
}

/**
 * Runs the steps of the pages of one user and records them: a step fails on an exception of its
 * body, an Odoo error dialog (its cause, read per series), a console error or a failed request
 * seen meanwhile. An access error dialog is a pass when `refusalExpected` says the user's rights
 * forbid the step. Each page ends with a PNG of it.
 */
export class StepRecorder {
  readonly pages: BrowserCheckPage[] = [];
  readonly steps: BrowserCheckStep[] = [];

  private readonly shots: { taken: number };
  /** The PNGs still being written (the next step does not wait for the disk). */
  private readonly writes: Promise<unknown>[] = [];
  private readonly cdp = new WeakMap<Page, Promise<CDPSession | undefined>>();

  constructor(private readonly settings: StepSettings) {
    this.shots = settings.shots ?? { taken: 0 };
  }

  get series(): BrowserCheckSeries {
    return this.settings.series;
  }

  get stepTimeoutMs(): number {
    return this.settings.stepTimeoutMs;
  }

  async step(
    session: UserSession,
    user: string,
    page: string,
    step: string,
    body: () => Promise<StepOutcome | void>,
    refusalExpected = false,
  ): Promise<BrowserCheckStep> {
    session.watch.take();
    const started = Date.now();
    let outcome: StepOutcome = {};
    let thrown: string | undefined;
    try {
      outcome = (await body()) ?? {};
    } catch (error) {
      thrown = squash((error as Error).message);
    }
    // The idle check reads whether an error dialog is shown: the dialog's own reads only when it is
    // (or when the page never settled).
    const settled = await session.watch.idle(this.settings.stepTimeoutMs);
    const dialog =
      settled?.errorDialog === false ? undefined : await readErrorDialog(session.page, this.settings.series);
    if (dialog) await closeDialogs(session.page);
    const problems = session.watch.take();
    const base = { page, user, step, durationMs: Date.now() - started };
    let recorded: BrowserCheckStep;
    if (dialog && dialog.accessError && refusalExpected) {
      recorded = {
        ...base,
        ok: true,
        expected: true,
        message: `refused as the access rights say: ${dialog.message}`,
      };
    } else if (dialog) {
      recorded = { ...base, ok: false, message: `${dialog.title}: ${dialog.message}` };
    } else if (outcome.problem || thrown) {
      recorded = { ...base, ok: false, message: outcome.problem ?? thrown ?? '' };
    } else if (problems.length > 0) {
      recorded = { ...base, ok: false, message: problems.join('; ').slice(0, 600) };
    } else {
      recorded = {
        ...base,
        ok: true,
        ...(outcome.expected ? { expected: true } : {}),
        ...(outcome.note ? { message: outcome.note } : {}),
      };
    }
    // What a failed step left on the page (a half-rendered view, a wizard) must not carry over.
    if (!recorded.ok) session.reload = true;
    this.steps.push(recorded);
    return recorded;
  }

  /** Records the page, with its PNG when a screenshot folder is given. */
  async page(page: Page, user: string, name: string): Promise<void> {
    const dir = this.settings.screenshotDir;
    if (!dir) {
      this.pages.push({ name, user });
      return;
    }
    this.shots.taken += 1;
    const file = join(
      dir,
      `${String(this.shots.taken).padStart(3, '0')}-${name.replace(/[^\w-]+/g, '_').slice(0, 80)}.png`,
    );
    const png = await this.capture(page);
    const taken = png !== undefined;
    if (png) this.writes.push(writeFile(file, png).catch(() => undefined));
    this.pages.push({ name, user, ...(taken ? { screenshot: file } : {}) });
  }

  /** Resolves once every PNG is on disk. */
  async flush(): Promise<void> {
    await Promise.all(this.writes.splice(0, this.writes.length));
  }

  /**
   * The viewport as PNG straight from Chromium: `Page.captureScreenshot` with `optimizeForSpeed`
   * (its fast zlib level), one round trip. Playwright's `page.screenshot` also injects and removes
   * a style hiding the caret and waits for fonts, several round trips each time. Playwright's
   * screenshot when no DevTools session can be had; undefined when neither works.
   */
  private async capture(page: Page): Promise<Buffer | undefined> {
    let session = this.cdp.get(page);
    if (!session) {
      session = page
        .context()
        .newCDPSession(page)
        .catch(() => undefined);
      this.cdp.set(page, session);
    }
    const cdp = await session;
    if (cdp) {
      const shot = await cdp
        .send('Page.captureScreenshot', { format: 'png', optimizeForSpeed: true } as { format: 'png' })
        .catch(() => undefined);
      if (shot) return Buffer.from(shot.data, 'base64');
    }
    return page.screenshot({ timeout: this.settings.stepTimeoutMs }).catch(() => undefined);
  }
}

function squash(text: string): string {
  return text.replace(/\s+/g, ' ').trim().slice(0, 400);
}
