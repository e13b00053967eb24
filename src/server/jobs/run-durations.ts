/**
 * How long jobs really take: the median of the latest finished runs (robust to one slow first
 * run that loaded the models). Before any job has finished it assumes `priorMs`.
 */
export class RunDurations {
  private readonly recent: number[] = [];

  constructor(
    private readonly priorMs = 10_000,
    private readonly window = 20,
  ) {}

  add(ms: number): void {
    this.recent.push(Math.max(0, ms));
    if (this.recent.length > this.window) this.recent.shift();
  }

  typicalMs(): number {
    if (this.recent.length === 0) return this.priorMs;
    const sorted = [...this.recent].sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)] as number;
  }
}
