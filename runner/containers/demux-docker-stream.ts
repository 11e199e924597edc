/**
 * Turns the Docker Engine's multiplexed log/attach format (8-byte frame headers: stream type,
 * 3 zero bytes, big-endian length) into text. A buffer without valid headers (a TTY container,
 * or an engine that sends raw text) is returned as is.
 */
export function demuxDockerBuffer(buffer: Buffer): { stdout: string; stderr: string; all: string } {
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  const all: Buffer[] = [];
  let offset = 0;
  while (offset + 8 <= buffer.length) {
    const type = buffer[offset];
    const header = buffer.subarray(offset, offset + 8);
    const zeroes = header[1] === 0 && header[2] === 0 && header[3] === 0;
    if ((type !== 0 && type !== 1 && type !== 2) || !zeroes) break;
    const length = header.readUInt32BE(4);
    const frame = buffer.subarray(offset + 8, offset + 8 + length);
    (type === 2 ? err : out).push(frame);
    all.push(frame);
    offset += 8 + length;
  }
  if (offset === 0 && buffer.length > 0) {
    const text = buffer.toString('utf8');
    return { stdout: text, stderr: '', all: text };
  }
  return {
    stdout: Buffer.concat(out).toString('utf8'),
    stderr: Buffer.concat(err).toString('utf8'),
    all: Buffer.concat(all).toString('utf8'),
  };
}

/** Incremental version for followed streams: feed chunks, get text frames back. */
export class DockerStreamDemuxer {
  private pending: Buffer = Buffer.alloc(0);
  private raw = false;

  push(chunk: Buffer): string {
    if (this.raw) return chunk.toString('utf8');
    this.pending = Buffer.concat([this.pending, chunk]);
    let text = '';
    while (this.pending.length >= 8) {
      const type = this.pending[0];
      if ((type !== 0 && type !== 1 && type !== 2) || this.pending[1] !== 0 || this.pending[2] !== 0) {
        this.raw = true;
        text += this.pending.toString('utf8');
        this.pending = Buffer.alloc(0);
        return text;
      }
      const length = this.pending.readUInt32BE(4);
      if (this.pending.length < 8 + length) break;
      text += this.pending.subarray(8, 8 + length).toString('utf8');
      this.pending = this.pending.subarray(8 + length);
    }
    return text;
  }
}
