/** One `File "...", line N, in fn` frame of a Python traceback. */
export interface TracebackFrame {
  file: string;
  line: number;
  function?: string;
}

export interface ParsedTraceback {
  frames: TracebackFrame[];
  /** The exception text after the last frame (`KeyError: 'qty'`), possibly several lines. */
  exception: string;
}

const FRAME = /^\s*File "([^"]+)", line (\d+)(?:, in (.+))?$/;
const CHAIN = /^(During handling of the above exception|The above exception was the direct cause)/;

/** Reads frames and the final exception of a Python traceback (the last one of a chain). */
export function parsePythonTraceback(text: string): ParsedTraceback {
  const lines = text.split('\n');
  let frames: TracebackFrame[] = [];
  let lastFrameIndex = -1;
  lines.forEach((line, index) => {
    if (CHAIN.test(line)) {
      frames = [];
      return;
    }
    const match = FRAME.exec(line);
    if (!match) return;
    const [, file = '', lineNo = '0', fn] = match;
    frames.push(
      fn === undefined ? { file, line: Number(lineNo) } : { file, line: Number(lineNo), function: fn },
    );
    lastFrameIndex = index;
  });
  if (lastFrameIndex < 0) return { frames, exception: text.trim() };
  // After the last frame: its source line(s) and caret markers are indented; the exception is not.
  let start = lastFrameIndex + 1;
  while (start < lines.length && /^\s+\S/.test(lines[start] ?? '')) start += 1;
  const exception = lines.slice(start).join('\n').trim();
  return { frames, exception };
}

/**
 * The path of `file` from the module folder on (`library_loans/models/book.py`) when it lies
 * inside one of `modules`, else undefined.
 */
export function pathInModule(
  file: string,
  modules: readonly string[],
): { module: string; path: string } | undefined {
  const parts = file.split('/');
  for (let i = parts.length - 2; i >= 0; i -= 1) {
    const part = parts[i] ?? '';
    if (modules.includes(part)) return { module: part, path: parts.slice(i).join('/') };
  }
  return undefined;
}

/** The deepest frame inside one of `modules`, else the deepest frame. */
export function deepestFrame(
  frames: readonly TracebackFrame[],
  modules: readonly string[],
): { file: string; line: number; module?: string } | undefined {
  for (let i = frames.length - 1; i >= 0; i -= 1) {
    const frame = frames[i];
    if (!frame) continue;
    const inModule = pathInModule(frame.file, modules);
    if (inModule) return { file: inModule.path, line: frame.line, module: inModule.module };
  }
  const last = frames[frames.length - 1];
  return last ? { file: last.file, line: last.line } : undefined;
}
