/**
 * The line Odoo 16.0-18.0 logs once `Registry.new` has installed the modules and committed them,
 * just before the post-install tests (odoo/service/server.py, `preload_registries`).
 */
export const POST_TESTS_LINE = 'Starting post tests';

/**
 * Starts the Odoo server of the browser checks while the test run finishes: fed the test run's
 * log, it calls `start` once the modules are committed (`POST_TESTS_LINE`), so the server imports
 * Odoo and loads its registry during the post-install tests and the test run's shutdown instead
 * of after them. The caller waits for the server to answer only once the test run has exited.
 */
export class EarlyOdooServer {
  private tail = '';
  private starting: Promise<string> | undefined;

  constructor(private readonly start: () => Promise<string>) {}

  /** Takes the test run's log as it comes (lines may be split across chunks). */
  readonly onLog = (text: string): void => {
    if (this.starting) return;
    const seen = this.tail + text;
    if (!seen.includes(POST_TESTS_LINE)) {
      this.tail = seen.slice(-POST_TESTS_LINE.length);
      return;
    }
    this.starting = this.start();
    // Awaited by `url` or `settled`; never an unhandled rejection meanwhile.
    this.starting.catch(() => undefined);
  };

  /** The server's URL once created; undefined when its start never began (the line did not show). */
  get url(): Promise<string> | undefined {
    return this.starting;
  }

  /** Resolves once a start that began has settled, so that removing the stack does not race it. */
  async settled(): Promise<void> {
    await this.starting?.catch(() => undefined);
  }
}
