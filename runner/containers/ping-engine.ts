import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { EngineInfo } from './container-driver.js';
import type { EngineEndpoint } from './engine-endpoint.js';

export type EngineKind = EngineInfo['kind'];

/** Podman's Docker API says who it is in every answer's headers; Docker sends none of these. */
export function engineKindOf(headers: IncomingHttpHeaders): EngineKind {
  const server = String(headers.server ?? '');
  return headers['libpod-api-version'] !== undefined || /libpod|podman/i.test(server) ? 'podman' : 'docker';
}

/**
 * `GET /_ping` at the endpoint: resolves with the kind of engine that answered (from the
 * headers, so no slow `/version` call), rejects with the connection error or the HTTP status.
 */
export function pingEngine(endpoint: EngineEndpoint, timeoutMs: number): Promise<EngineKind> {
  const request = endpoint.protocol === 'https' ? httpsRequest : httpRequest;
  const target =
    endpoint.socketPath !== undefined
      ? { socketPath: endpoint.socketPath }
      : { host: endpoint.host, port: endpoint.port };
  return new Promise<EngineKind>((resolve, reject) => {
    const req = request({ ...target, path: '/_ping', method: 'GET', timeout: timeoutMs }, (res) => {
      res.resume();
      if (res.statusCode === 200) resolve(engineKindOf(res.headers));
      else reject(new Error(`/_ping answered HTTP ${res.statusCode ?? '?'}`));
    });
    req.on('timeout', () => req.destroy(new Error(`no answer to /_ping within ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end();
  });
}
