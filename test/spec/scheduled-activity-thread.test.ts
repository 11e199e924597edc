import { describe, it } from 'node:test';
import { assertError, assertLibraryValid, book, libraryErrors } from './spec-helpers.js';

/**
 * Issue 12 (random spec seed 1..3 RUNS=300): a scheduled activity job on a model with
 * mail.activity.mixin but no mail.thread installed, then failed on its first run on 16.0
 * (mail.activity subscribes the assignee: 'message_subscribe' missing). Refused with its path.
 */
describe('scheduled activity: needs mail.thread', () => {
  it('refuses an activity job on a model with mail.activity.mixin only', () => {
    const errors = libraryErrors((spec) => {
      book(spec).mixins = ['mail.activity.mixin'];
      book(spec)['scheduled'] = [{ name: 'remind', every: { number: 1, unit: 'days' }, activity: { summary: 'Call' } }];
    });
    assertError(errors, 'models[0].scheduled[0].activity', 'need mail.thread too', "add mail.thread to library.book's mixins");
  });

  it('accepts it with mail.thread and mail.activity.mixin', () => {
    assertLibraryValid((spec) => {
      book(spec).mixins = ['mail.thread', 'mail.activity.mixin'];
      book(spec)['scheduled'] = [{ name: 'remind', every: { number: 1, unit: 'days' }, activity: { summary: 'Call' } }];
    });
  });
});
