import type { Job } from "./job";

/**
 * Jobs by id. A finished job (and its result) is kept for `ttlMs` after it ends, then forgotten;
 * while the finished jobs' results together exceed `maxResultBytes`, the oldest are forgotten
 * first. Expiry is checked on access and whenever a job ends, against the injected clock, so no
 * timer is left running.
 */
export class JobStore {
  private readonly jobs = new Map<string, Job>();

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number,
    private readonly maxResultBytes = Number.POSITIVE_INFINITY,
  ) {}

  add(job: Job): void {
    this.prune();
    this.jobs.set(job.id, job);
    void job.settled.then(() => this.prune());
  }

  get(id: string): Job | undefined {
    this.prune();
    return this.jobs.get(id);
  }

  get size(): number {
    this.prune();
    return this.jobs.size;
  }

  /** Drops every finished job whose time to live has passed, then the oldest results over the byte budget. */
  prune(): void {
    const limit = this.now() - this.ttlMs;
    for (const [id, job] of this.jobs) if (job.finishedAt !== undefined && job.finishedAt <= limit) this.jobs.delete(id);
    const finished = [...this.jobs.values()].filter((job) => job.finished).sort((a, b) => (a.finishedAt ?? 0) - (b.finishedAt ?? 0));
    let bytes = finished.reduce((sum, job) => sum + job.heldBytes, 0);
    for (const job of finished) {
      if (bytes <= this.maxResultBytes) break;
      bytes -= job.heldBytes;
      this.jobs.delete(job.id);
    }
  }

  all(): Job[] {
    return [...this.jobs.values()];
  }
}
