import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The Debian mirror apt uses on this machine (first `deb` URI of /etc/apt/sources.list and
 * sources.list.d/*.list|*.sources that is not a security or updates archive), so debootstrap
 * fetches from the same place as apt. `FORGE_DEBIAN_MIRROR` overrides it.
 */
export function debianMirror(env: NodeJS.ProcessEnv = process.env, etcApt = '/etc/apt'): string {
  if (env.FORGE_DEBIAN_MIRROR) return env.FORGE_DEBIAN_MIRROR;
  const files: string[] = [];
  if (existsSync(join(etcApt, 'sources.list'))) files.push(join(etcApt, 'sources.list'));
  const dir = join(etcApt, 'sources.list.d');
  if (existsSync(dir))
    files.push(
      ...readdirSync(dir)
        .filter((f) => /\.(list|sources)$/.test(f))
        .sort()
        .map((f) => join(dir, f)),
    );
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const uris = [
      ...[...text.matchAll(/^\s*deb\s+(?:\[[^\]]*\]\s+)?(\S+)\s+(\S+)/gm)].map((m) => ({
        uri: m[1] ?? '',
        suite: m[2] ?? '',
      })),
      ...text
        .split(/\n\s*\n/)
        .filter((stanza) => /^Types:.*\bdeb\b/m.test(stanza))
        .map((stanza) => ({
          uri: /^URIs:\s*(\S+)/m.exec(stanza)?.[1] ?? '',
          suite: /^Suites:\s*(\S+)/m.exec(stanza)?.[1] ?? '',
        })),
    ];
    const found = uris.find(
      (u) => u.uri && /debian/.test(u.uri) && !/security/.test(u.uri + u.suite) && !/-updates$/.test(u.suite),
    );
    if (found) return found.uri;
  }
  return 'http://deb.debian.org/debian';
}
