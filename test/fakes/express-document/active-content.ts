/**
 * The SDK's rule for content found before an await: after an SDK promise settles, edits are
 * only allowed inside keepContentActiveDuringAsync's afterAsyncCallback (never inside its
 * asyncLambda), until a new synchronous turn starts (a panel call, a user action).
 */
export class ActiveContentRule {
  #active = true;
  #lambdas = 0;
  #callbacks = 0;
  #user = 0;

  constructor(private readonly enforce: boolean) {}

  assertEditable(): void {
    if (!this.enforce || this.#user > 0 || this.#callbacks > 0) return;
    if (this.#lambdas > 0)
      throw new Error("Document edits are not allowed inside keepContentActiveDuringAsync's asyncLambda; make them in afterAsyncCallback");
    if (!this.#active)
      throw new Error("The content is no longer active after an await; make edits in keepContentActiveDuringAsync's afterAsyncCallback");
  }

  beginTurn(): void {
    this.#active = true;
  }

  /** An SDK promise settled: the synchronous span that found the content has ended. */
  asyncBoundary(): void {
    this.#active = false;
  }

  async runAsyncLambda<T>(lambda: () => Promise<T>): Promise<T> {
    this.#lambdas++;
    try {
      return await lambda();
    } finally {
      this.#lambdas--;
      this.#active = false;
    }
  }

  runAfterAsync(callback: () => void): void {
    this.#callbacks++;
    try {
      callback();
    } finally {
      this.#callbacks--;
    }
  }

  /** Edits made by the user (scene building, the harness), to which the add-on's rule does not apply. */
  asUser<T>(work: () => T): T {
    this.#user++;
    try {
      return work();
    } finally {
      this.#user--;
    }
  }

  /** The user's own awaits (an image import) do not end the add-on's synchronous span. */
  async userAwait<T>(work: () => Promise<T>): Promise<T> {
    const wasActive = this.#active;
    try {
      return await work();
    } finally {
      this.#active = wasActive;
    }
  }
}
