/**
 * Why a domain written as Python text does not look like a list, or undefined when it does:
 * it must start with `[`, end with `]`, and its brackets and quotes must balance.
 */
export function domainShapeProblem(domain: string): string | undefined {
  const text = domain.trim();
  if (!text.startsWith('[') || !text.endsWith(']')) {
    return `expected a domain written as a Python list, such as "[('state', '=', 'done')]", got ${JSON.stringify(domain)}`;
  }
  const closers: Record<string, string> = { '(': ')', '[': ']', '{': '}' };
  const stack: string[] = [];
  let quote: string | undefined;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i] as string;
    if (quote !== undefined) {
      if (char === '\\') i += 1;
      else if (char === quote) quote = undefined;
      continue;
    }
    if (char === "'" || char === '"') quote = char;
    else if (closers[char] !== undefined) stack.push(closers[char]);
    else if (char === ')' || char === ']' || char === '}') {
      if (stack.pop() !== char) return `unbalanced ${char} at character ${i + 1} of the domain`;
    }
  }
  if (quote !== undefined) return `unclosed ${quote} in the domain`;
  if (stack.length > 0) return `missing ${stack.reverse().join('')} at the end of the domain`;
  return undefined;
}

/** The first segment of each leaf's field path: `('partner_id.name', '=', x)` → partner_id. */
export function domainLeafFields(domain: string): string[] {
  const leaf = /\(\s*(['"])([A-Za-z_][A-Za-z0-9_]*)(?:\.[A-Za-z0-9_.]*)?\1\s*,/g;
  return [...new Set([...domain.matchAll(leaf)].map((match) => match[2] as string))];
}
