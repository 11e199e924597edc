import assert from 'node:assert/strict';
import { PassThrough, Readable } from 'node:stream';
import { test } from 'node:test';
import Docker from 'dockerode';
import { demuxText, type DemuxStream } from '../../../runner/containers/demux-text.js';

// docker-modem's own demultiplexer, as the driver uses it (no engine is contacted).
const modem = new Docker({ socketPath: '/nonexistent/forge-test.sock' }).modem;
const demux: DemuxStream = (stream, stdout, stderr) => modem.demuxStream(stream, stdout, stderr);

const frame = (type: number, payload: Buffer | string): Buffer => {
  const body = Buffer.isBuffer(payload) ? payload : Buffer.from(payload);
  const header = Buffer.alloc(8);
  header[0] = type;
  header.writeUInt32BE(body.length, 4);
  return Buffer.concat([header, body]);
};

test('frames are split into stdout and stderr, and interleaved in order in all', async () => {
  const both = Buffer.concat([frame(1, 'out1\n'), frame(2, 'err\n'), frame(1, 'out2\n')]);
  assert.deepEqual(await demuxText(demux, Readable.from([both])), {
    stdout: 'out1\nout2\n',
    stderr: 'err\n',
    all: 'out1\nerr\nout2\n',
  });
});

test('frames cut into arbitrary chunks give the same text', async () => {
  const both = Buffer.concat([frame(1, 'out1\n'), frame(2, 'err\n'), frame(1, 'out2\n')]);
  const chunks = [both.subarray(0, 5), both.subarray(5, 14), both.subarray(14)];
  const pieces: string[] = [];
  const text = await demuxText(demux, Readable.from(chunks), { onText: (piece) => pieces.push(piece) });
  assert.equal(text.all, 'out1\nerr\nout2\n');
  assert.equal(pieces.join(''), 'out1\nerr\nout2\n');
});

test('a UTF-8 character split across two frames stays whole', async () => {
  const euro = Buffer.from('prix: 5 € — réglé\n');
  const cut = euro.indexOf(0xe2) + 1; // inside the three bytes of "€"
  const stream = Readable.from([frame(1, euro.subarray(0, cut)), frame(1, euro.subarray(cut))]);
  const pieces: string[] = [];
  const text = await demuxText(demux, stream, { onText: (piece) => pieces.push(piece) });
  assert.equal(text.stdout, 'prix: 5 € — réglé\n');
  assert.ok(
    pieces.every((piece) => !piece.includes('\uFFFD')),
    `no replacement character in ${JSON.stringify(pieces)}`,
  );
});

test('a multi-byte character split across stdout frames with a stderr frame between stays whole', async () => {
  const word = Buffer.from('Grüße');
  const cut = word.indexOf(0xc3) + 1;
  const stream = Readable.from([
    frame(1, word.subarray(0, cut)),
    frame(2, 'warn\n'),
    frame(1, word.subarray(cut)),
  ]);
  const text = await demuxText(demux, stream);
  assert.equal(text.stdout, 'Grüße');
  assert.equal(text.stderr, 'warn\n');
});

test('a stream without frame headers (a TTY) passes through as stdout', async () => {
  const text = await demuxText(demux, Readable.from([Buffer.from('plain text')]));
  assert.equal(text.all, 'plain text');
  assert.equal(text.stdout, 'plain text');
});

test('an abort ends a followed stream with the text read so far', async () => {
  const stream = new PassThrough();
  const stop = new AbortController();
  const reading = demuxText(demux, stream, {
    signal: stop.signal,
    onText: (piece) => {
      if (piece.includes('ready')) stop.abort();
    },
  });
  stream.write(frame(1, 'starting\n'));
  stream.write(frame(1, 'ready\n'));
  const text = await reading;
  assert.equal(text.all, 'starting\nready\n');
  assert.equal(stream.destroyed, true);
});
