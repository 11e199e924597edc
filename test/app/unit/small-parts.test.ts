import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseCommandLine } from '../../../app/commands/parse-command-line.js';
import { placeAddonFiles } from '../../../app/git/addon-paths.js';
import { WorkQueue } from '../../../app/work/work-queue.js';

describe('parseCommandLine', () => {
  it('finds the first /command line, lowercases it, keeps its arguments', () => {
    assert.deepEqual(parseCommandLine('Thanks!\n/Revise add a due date\n/approve'), {
      name: 'revise',
      args: 'add a due date',
    });
  });
  it('ignores quoted replies, code blocks and prose', () => {
    assert.equal(parseCommandLine('> /approve\n```\n/approve\n```\nI will /approve later'), undefined);
  });
});

describe('placeAddonFiles', () => {
  it('puts files under <addons_path>/<module>/', () => {
    assert.deepEqual(
      [...placeAddonFiles(new Map([['models/a.py', 'x']]), 'addons', 'lib').keys()],
      ['addons/lib/models/a.py'],
    );
    assert.deepEqual([...placeAddonFiles(new Map([['a.py', 'x']]), '.', 'lib').keys()], ['lib/a.py']);
  });
  for (const path of [
    '../escape.py',
    '/etc/passwd',
    'a/../../b',
    '.github/workflows/x.yml',
    'a\\b',
    'a//b',
  ]) {
    it(`refuses ${JSON.stringify(path)}`, () => {
      assert.throws(() => placeAddonFiles(new Map([[path, 'x']]), 'addons', 'lib'), {
        code: 'generate.unsafe-path',
      });
    });
  }
  it('refuses a module name that is not a technical name', () => {
    assert.throws(() => placeAddonFiles(new Map(), '.', '../lib'), { code: 'input.module-name' });
  });
});

describe('WorkQueue', () => {
  it('runs work of one key in order, other keys concurrently, and logs failures', async () => {
    const errors: string[] = [];
    const queue = new WorkQueue({ error: (_d, message) => errors.push(message) });
    const order: string[] = [];
    const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
    queue.enqueue('a', 'a1', async () => {
      await wait(30);
      order.push('a1');
    });
    queue.enqueue('a', 'a2', async () => {
      order.push('a2');
    });
    queue.enqueue('b', 'b1', async () => {
      order.push('b1');
      throw new Error('boom');
    });

    await queue.idle();

    assert.deepEqual(order, ['b1', 'a1', 'a2']);
    assert.deepEqual(queue.stats, { done: 2, failed: 1, pending: 0 });
    assert.deepEqual(errors, ['background work b1 failed']);
  });
});
