import { StringDecoder } from 'node:string_decoder';
import { Writable } from 'node:stream';

/** docker-modem's `demuxStream`: splits the engine's multiplexed frames into stdout and stderr. */
export type DemuxStream = (
  stream: NodeJS.ReadableStream,
  stdout: NodeJS.WritableStream,
  stderr: NodeJS.WritableStream,
) => void;

export interface DemuxedText {
  stdout: string;
  stderr: string;
  /** stdout and stderr interleaved in the order the frames came. */
  all: string;
}

export interface DemuxTextOptions {
  /** Gets each piece of decoded text as it arrives (followed logs). */
  onText?: (text: string) => void;
  /** Stops reading: the stream is destroyed and the text so far is the result. */
  signal?: AbortSignal;
}

/**
 * Reads a multiplexed log or exec stream to its end as text, through docker-modem's
 * `demuxStream` (a TTY stream without frame headers passes through as stdout). Each stream has
 * its own UTF-8 decoder, so a character split across two frames or two chunks stays whole.
 */
export function demuxText(
  demux: DemuxStream,
  stream: NodeJS.ReadableStream,
  options: DemuxTextOptions = {},
): Promise<DemuxedText> {
  const { onText, signal } = options;
  const text: DemuxedText = { stdout: '', stderr: '', all: '' };
  const sink = (key: 'stdout' | 'stderr'): { writable: Writable; flush: () => void } => {
    const decoder = new StringDecoder('utf8');
    const take = (piece: string): void => {
      if (!piece) return;
      text[key] += piece;
      text.all += piece;
      onText?.(piece);
    };
    const writable = new Writable({
      write(chunk: Buffer, _encoding, done) {
        take(decoder.write(chunk));
        done();
      },
    });
    return { writable, flush: () => take(decoder.end()) };
  };
  const stdout = sink('stdout');
  const stderr = sink('stderr');
  return new Promise<DemuxedText>((resolve, reject) => {
    let settled = false;
    const finish = (error?: Error): void => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', stop);
      stdout.flush();
      stderr.flush();
      if (error) reject(error);
      else resolve(text);
    };
    const stop = (): void => {
      finish();
      (stream as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
    };
    signal?.addEventListener('abort', stop, { once: true });
    if (signal?.aborted) return stop();
    demux(stream, stdout.writable, stderr.writable);
    stream.on('end', () => finish());
    stream.on('close', () => finish());
    stream.on('error', (error: Error) => finish(error));
  });
}
