import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { FormTurns } from '../../runner/ui-check/form-turns.js';

// FormTurns (runner/ui-check/form-turns.ts): the users checked at once take turns at a model's
// forms, so that a read-only user never presses a button on a record another user is pressing
// buttons on (the warm + browser verdict of bench/pr-verdict.ts failed so: "cannot be set to
// Draft from its current state").

test('the forms of one model are held one user after the other, in the order asked, and other models at once', async () => {
  const turns = new FormTurns();
  const events: string[] = [];
  const form = (user: string, model: string, ms: number) =>
    turns.hold(model, async () => {
      events.push(`${user} opens ${model}`);
      await sleep(ms);
      events.push(`${user} leaves ${model}`);
      return user;
    });

  const done = await Promise.all([
    form('admin', 'library.book', 40),
    form('user', 'library.book', 5),
    form('manager', 'library.loan', 10),
    form('manager', 'library.book', 5),
  ]);

  assert.deepEqual(done, ['admin', 'user', 'manager', 'manager']);
  const book = events.filter((e) => e.endsWith('library.book'));
  assert.deepEqual(book, [
    'admin opens library.book',
    'admin leaves library.book',
    'user opens library.book',
    'user leaves library.book',
    'manager opens library.book',
    'manager leaves library.book',
  ]);
  // The loan form did not wait for the admin's book form.
  assert.ok(
    events.indexOf('manager leaves library.loan') < events.indexOf('admin leaves library.book'),
    events.join(', '),
  );
});

test("a form that throws hands its model's turn on, and the error reaches its caller", async () => {
  const turns = new FormTurns();
  const failing = turns.hold('library.book', async () => {
    await sleep(5);
    throw new Error('the form broke');
  });
  const next = turns.hold('library.book', () => Promise.resolve('next user'));
  await assert.rejects(failing, /the form broke/);
  assert.equal(await next, 'next user');
});

test('each form filled gets the next round number', () => {
  const turns = new FormTurns();
  assert.deepEqual([turns.nextRound(), turns.nextRound(), turns.nextRound()], [0, 1, 2]);
});
