/** A workflow-command annotation an action printed (`::error file=a,line=3::message`). */
export interface WorkflowAnnotation {
  level: 'error' | 'warning' | 'notice';
  message: string;
  properties: Record<string, string>;
}

function unescapeData(value: string): string {
  return value.replace(/%0A/g, '\n').replace(/%0D/g, '\r').replace(/%25/g, '%');
}

function unescapeProperty(value: string): string {
  return unescapeData(value.replace(/%3A/g, ':').replace(/%2C/g, ','));
}

/** The annotations among an action's stdout lines, as the runner reads them. */
export function parseWorkflowAnnotations(stdout: string): WorkflowAnnotation[] {
  const out: WorkflowAnnotation[] = [];
  for (const line of stdout.split('\n')) {
    const match = /^::(error|warning|notice)(?: ([^:]*))?::(.*)$/.exec(line.replace(/\r$/, ''));
    if (!match) continue;
    const properties: Record<string, string> = {};
    for (const pair of (match[2] ?? '').split(',').filter(Boolean)) {
      const eq = pair.indexOf('=');
      properties[pair.slice(0, eq)] = unescapeProperty(pair.slice(eq + 1));
    }
    out.push({
      level: match[1] as WorkflowAnnotation['level'],
      message: unescapeData(match[3] ?? ''),
      properties,
    });
  }
  return out;
}

/**
 * Reads a file command file (GITHUB_OUTPUT, GITHUB_STATE) as the runner does: `name=value`
 * lines and `name<<DELIMITER` … `DELIMITER` blocks.
 */
export function parseFileCommand(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i] ?? '';
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const [, name, delimiter] = heredoc as unknown as [string, string, string];
      const body: string[] = [];
      i += 1;
      while (i < lines.length && lines[i] !== delimiter) body.push(lines[i++] ?? '');
      if (i >= lines.length) throw new Error(`file command ${name}: no closing delimiter ${delimiter}`);
      values[name] = body.join('\n');
    } else if (line.includes('=')) {
      values[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1);
    }
  }
  return values;
}
