import { request } from 'node:http';
import { ForgeError } from '../../core/errors/forge-error.js';

/**
 * Where a named volume lives on this host (`Mountpoint` of the engine's `GET /volumes/NAME`), so
 * that host tools (the backup's filestore tar) read and write it. Needs a local engine socket.
 */
export async function volumeMountpoint(endpoint: string, volume: string): Promise<string> {
  const socketPath = endpoint.startsWith('unix://') ? endpoint.slice('unix://'.length) : undefined;
  if (!socketPath) {
    throw new ForgeError(
      'environment.remote-engine',
      `the container engine at ${endpoint} is not a local socket: the filestore in volume ${volume} cannot be read from this host`,
      { hint: 'run environments on the host of the engine (DOCKER_HOST=unix:///...)' },
    );
  }
  const body = await new Promise<string>((done, fail) => {
    const call = request(
      { socketPath, path: `/volumes/${encodeURIComponent(volume)}`, method: 'GET' },
      (answer) => {
        let text = '';
        answer.setEncoding('utf8');
        answer.on('data', (chunk: string) => (text += chunk));
        answer.on('end', () =>
          answer.statusCode === 200
            ? done(text)
            : fail(
                new ForgeError(
                  'environment.volume-missing',
                  `volume ${volume} is not known to the engine at ${endpoint} (HTTP ${answer.statusCode})`,
                  { hint: 'run `odoo-forge env up NAME` first' },
                ),
              ),
        );
      },
    );
    call.on('error', fail);
    call.end();
  });
  const mountpoint = (JSON.parse(body) as { Mountpoint?: unknown }).Mountpoint;
  if (typeof mountpoint !== 'string' || mountpoint === '')
    throw new ForgeError('environment.volume-missing', `volume ${volume} has no mount point on this host`);
  return mountpoint;
}
