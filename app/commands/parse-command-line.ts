/** A `/name args` line found in a comment. */
export interface CommandLine {
  name: string;
  args: string;
}

/**
 * Finds the command of a comment: the first line that starts with `/word`, outside quotes
 * (`> /approve` in a reply is not a command) and code blocks. Returns undefined for ordinary
 * discussion.
 */
export function parseCommandLine(body: string): CommandLine | undefined {
  let inFence = false;
  for (const raw of body.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.trim();
    if (/^(`{3,}|~{3,})/.test(line)) inFence = !inFence;
    if (inFence) continue;
    const match = /^\/([a-z][a-z0-9-]*)(?:\s+(.*))?$/i.exec(line);
    if (match?.[1]) return { name: match[1].toLowerCase(), args: (match[2] ?? '').trim() };
  }
  return undefined;
}
