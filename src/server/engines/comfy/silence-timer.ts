/**
 * Calls `onSilence` once `ms` pass without `heard()` — unless `excused()` (asked at that moment:
 * e.g. "is the prompt only waiting in ComfyUI's queue?") says to keep waiting, or something is
 * heard while it is being asked; then the clock starts again.
 */
export class SilenceTimer {
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private heardCount = 0;

  constructor(
    private readonly ms: number,
    private readonly excused: () => Promise<boolean>,
    private readonly onSilence: () => void,
  ) {
    this.heard();
  }

  heard(): void {
    if (this.stopped) return;
    this.heardCount++;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.expire(), this.ms);
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  private async expire(): Promise<void> {
    const before = this.heardCount;
    const excused = await this.excused();
    if (this.stopped || this.heardCount !== before) return;
    if (excused) this.heard();
    else this.onSilence();
  }
}
