/**
 * Timer loop that reads a prompt's /history: fast when the websocket is gone, slow as a watchdog
 * while it lives (a half-open connection or a dropped frame would otherwise leave a job waiting
 * for its timeout). A faster cadence replaces a slower one; stop() clears everything.
 */
export class HistoryPoller {
  private timer: NodeJS.Timeout | undefined;
  private everyMs = Infinity;
  private stopped = false;

  constructor(private readonly check: () => Promise<void>) {}

  /** Checks now, then every `everyMs`. */
  now(everyMs: number): void {
    this.schedule(everyMs, 0);
  }

  /** First check after `everyMs`, then every `everyMs`. */
  watch(everyMs: number): void {
    this.schedule(everyMs, everyMs);
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private schedule(everyMs: number, firstInMs: number): void {
    if (this.stopped || (this.timer && this.everyMs <= everyMs)) return;
    clearTimeout(this.timer);
    this.everyMs = everyMs;
    const tick = async (): Promise<void> => {
      await this.check();
      if (!this.stopped && this.everyMs === everyMs) this.timer = setTimeout(() => void tick(), everyMs);
    };
    this.timer = setTimeout(() => void tick(), firstInMs);
  }
}
