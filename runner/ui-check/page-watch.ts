import type { Page, Request } from 'playwright-core';
import { ERROR_DIALOG } from './error-dialog-message.js';

/** What the page showed once idle, read in the same round trip as the idle check itself. */
export interface SettledPage {
  /** An Odoo error or warning dialog is shown (ERROR_DIALOG). */
  errorDialog: boolean;
}

/**
 * Watches one page for what fails a browser check whatever the step: uncaught JavaScript errors,
 * `console.error` lines, and requests to Odoo (`/web/…`, `/json…`) answered with HTTP >= 400.
 * Also counts the page's requests in flight, so that a step can wait until the client is idle.
 */
export interface PageWatch {
  /** The problems seen since the last call, emptied. */
  take(): string[];
  /**
   * Resolves once the client is idle (at most `timeoutMs`): no fetch/XHR request in flight for
   * `quietMs`, and none started while the page rendered two animation frames and ran a task
   * after that (Owl renders in animation frames: what the last answer made the client do, a
   * render, the next request, an error dialog, has happened by then). No fixed wait. Resolves
   * with what the settled page shows (read by the same script, no round trip of its own), or
   * undefined when the timeout came first.
   */
  idle(timeoutMs: number, quietMs?: number): Promise<SettledPage | undefined>;
}

/** Console lines that repeat what the request listener reports better (with the URL). */
const DUPLICATE_CONSOLE = /^Failed to load resource/;

export function watchPage(page: Page): PageWatch {
  const problems: string[] = [];
  const inFlight = new Set<Request>();
  let lastChange = Date.now();
  const settle = (request: Request): void => {
    if (inFlight.delete(request)) lastChange = Date.now();
  };
  page.on('pageerror', (error) => problems.push(`JavaScript error: ${firstLine(error.message)}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && !DUPLICATE_CONSOLE.test(message.text())) {
      problems.push(`console error: ${firstLine(message.text())}`);
    }
  });
  page.on('response', (response) => {
    const url = new URL(response.url());
    if (response.status() >= 400 && /^\/(web\/|json)/.test(url.pathname)) {
      problems.push(`HTTP ${response.status()} from ${response.request().method()} ${url.pathname}`);
    }
  });
  page.on('request', (request) => {
    if (request.resourceType() === 'fetch' || request.resourceType() === 'xhr') {
      inFlight.add(request);
      lastChange = Date.now();
    }
  });
  page.on('requestfinished', settle);
  page.on('requestfailed', settle);
  return {
    take: () => problems.splice(0, problems.length),
    idle: async (timeoutMs, quietMs = 30) => {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        if (inFlight.size === 0 && Date.now() - lastChange >= quietMs) {
          const before = lastChange;
          const settled = await page.evaluate<SettledPage>(SETTLED).catch(() => undefined); // a page navigating away: look again
          if (settled && inFlight.size === 0 && lastChange === before) return settled;
          continue;
        }
        await new Promise((done) => setTimeout(done, 10));
      }
      return undefined;
    },
  };
}

/**
 * Two animation frames, then a task, then what the page shows (a script as text: tsx's helpers do
 * not exist in the page).
 */
const SETTLED = `new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(() =>
  done({ errorDialog: document.querySelector(${JSON.stringify(ERROR_DIALOG)}) !== null }), 0))))`;

function firstLine(text: string): string {
  return (text.split('\n').find((line) => line.trim() !== '') ?? text).trim().slice(0, 400);
}
