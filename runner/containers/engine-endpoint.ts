import { ForgeError } from '../../core/errors/forge-error.js';

/** Where a container engine listens, parsed from a DOCKER_HOST-style URL. */
export interface EngineEndpoint {
  url: string;
  socketPath?: string;
  host?: string;
  port?: number;
  protocol?: 'http' | 'https';
  /** Per-request timeout; undefined waits as long as the engine needs (image builds, waits). */
  timeoutMs?: number;
}

/** `unix:///run/x.sock`, `/run/x.sock`, `tcp://host:2375`, `http://host:2375`. */
export function parseEngineUrl(url: string, source: string): EngineEndpoint {
  if (url.startsWith('/')) return { url: `unix://${url}`, socketPath: url };
  const match = /^(unix|tcp|http|https):\/\/(.*)$/.exec(url);
  if (!match) {
    throw new ForgeError('input.engine-url', `${source} is "${url}": not an engine address.`, {
      hint: 'Use unix:///path/to/socket or tcp://host:port.',
    });
  }
  const scheme = match[1] ?? '';
  const rest = match[2] ?? '';
  if (scheme === 'unix') return { url, socketPath: rest };
  const [host = '', portText] = rest.replace(/\/.*$/, '').split(':');
  const port = portText ? Number.parseInt(portText, 10) : scheme === 'https' ? 2376 : 2375;
  return { url, host, port, protocol: scheme === 'https' ? 'https' : 'http' };
}
