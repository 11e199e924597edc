import type { Command } from 'commander';
import { discoverEngine } from '../../runner/containers/discover-engine.js';
import { buildImages, type ImageProgress } from '../../runner/images/build-images.js';
import { assertSupportedSeries } from '../../runner/odoo/read-odoo-series.js';
import { ExitCode, type CliIo } from '../cli-io.js';
import type { CliCommand } from '../command.js';

interface BuildOptions {
  odoo: string;
  cacheDir: string;
  engine?: string;
  force?: boolean;
  verbose?: boolean;
}

function progressPrinter(io: CliIo, verbose: boolean): (progress: ImageProgress) => void {
  return (progress) => {
    switch (progress.event) {
      case 'cached':
        io.err(`${progress.image}: up to date\n`);
        break;
      case 'building':
        io.err(`${progress.image}: building (${progress.why})\n`);
        break;
      case 'line':
        if (verbose) io.err(`  ${progress.image}: ${progress.line}\n`);
        else if (io.isTty)
          io.err(
            `\r\x1b[K  ${`${progress.image}: ${progress.line}`.slice(0, (process.stderr.columns ?? 100) - 4)}`,
          );
        else if (
          /^STEP \d+\/\d+|^I: Unpacking the base|^I: Base system|^downloading|^COMMIT/.test(progress.line)
        )
          io.err(`  ${progress.image}: ${progress.line}\n`);
        break;
      case 'built':
        io.err(
          `${io.isTty && !verbose ? '\r\x1b[K' : ''}${progress.image}: built in ${progress.seconds.toFixed(0)} s\n`,
        );
        break;
    }
  };
}

export const imagesCommand: CliCommand = {
  name: 'images',
  register(program: Command, io: CliIo, setExit): void {
    const images = program
      .command('images')
      .description('Local container images (built from Debian packages, no registry needed)');
    images
      .command('build')
      .description('Build the Debian base, PostgreSQL and Odoo runtime images (idempotent, cached)')
      .option('--odoo <series>', 'Odoo series of the runtime image (comma-separated for several)', '18.0')
      .option(
        '--cache-dir <dir>',
        'where debootstrap tarballs and .deb files are kept',
        io.env.FORGE_CACHE_DIR ?? '/var/cache/odoo-forge',
      )
      .option('--engine <url>', 'container engine (default: $DOCKER_HOST, then the usual sockets)')
      .option('--force', 'rebuild even when up to date')
      .option('--verbose', 'print every line of the builds')
      .action(async (options: BuildOptions) => {
        const series = options.odoo.split(',').map((s) => s.trim());
        for (const one of series) assertSupportedSeries(one, '--odoo');
        const driver = await discoverEngine({ explicit: options.engine, env: io.env });
        const built = await buildImages({
          driver,
          series,
          cacheDir: options.cacheDir,
          env: io.env,
          force: options.force,
          onProgress: progressPrinter(io, options.verbose ?? false),
        });
        io.out(
          `${built.map((b) => `${b.image}\t${b.cached ? 'cached' : `built ${b.seconds.toFixed(0)} s`}`).join('\n')}\n`,
        );
        setExit(ExitCode.ok);
      });
  },
};
