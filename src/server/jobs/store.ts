import type { Job } from "./job";

/**
 * Jobs by id. A finished job (and its result) is kept for `ttlMs` after it ends, then forgotten.
 * Expiry is checked on every access against the injected clock, so no timer is left running.
 */
export class JobStore {
  private readonly jobs = new Map<string, Job>();

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number,
  ) {}

  add(job: Job): void {
    this.prune();
    this.jobs.set(job.id, job);
  }

  get(id: string): Job | undefined {
    this.prune();
    return this.jobs.get(id);
  }

  get size(): number {
    this.prune();
    return this.jobs.size;
  }

  /** Drops every finished job whose time to live has passed. */
  prune(): void {
    const limit = this.now() - this.ttlMs;
    for (const [id, job] of this.jobs) if (job.finishedAt !== undefined && job.finishedAt <= limit) this.jobs.delete(id);
  }

  all(): Job[] {
    return [...this.jobs.values()];
  }
}
