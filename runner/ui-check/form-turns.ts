/**
 * What the users' passes of one browser check share about forms, since they run at once in one
 * database: turns at each model's forms, and a count of the forms filled.
 *
 * A turn covers a user's whole form of a model: the record created (or the first one opened)
 * and its workflow buttons pressed. Without turns, a user who may only read opens the record
 * another user has just created and presses a button the other user's press has made stale
 * ("cannot be set to Draft from its current state"): a failure that is no fault of the addon.
 */
export class FormTurns {
  private readonly tails = new Map<string, Promise<void>>();
  private filled = 0;

  /** Runs `task` once no other user holds the model's forms; other models' forms go on at once. */
  async hold<T>(model: string, task: () => Promise<T>): Promise<T> {
    const before = this.tails.get(model) ?? Promise.resolve();
    let release = (): void => {};
    const done = new Promise<void>((resolve) => {
      release = resolve;
    });
    const tail = before.then(() => done);
    this.tails.set(model, tail);
    await before;
    try {
      return await task();
    } finally {
      release();
      if (this.tails.get(model) === tail) this.tails.delete(model);
    }
  }

  /**
   * The number of the next form filled (0, 1, ...): each user creates a record of the same model,
   * so a later form gets other text and later days than the earlier ones, or a unique name or a
   * no-overlap rule of the addon would refuse the second user's record.
   */
  nextRound(): number {
    const round = this.filled;
    this.filled += 1;
    return round;
  }
}
