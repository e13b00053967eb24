import type { Engine } from "../engines/engine";
import type { EngineKind, Job } from "./job";

/**
 * ComfyUI executes one prompt at a time, so a worker gets one job at a time: waiting jobs stay in
 * our queue, where positions are exact, cancel never touches ComfyUI, and the job timeout counts
 * only the job's own run. The price is a hand-over gap per job (measured in bench/gateway.bench.ts).
 */
export const defaultConcurrency = (engine: Engine): number => (engine.kind === "segmind" ? 2 : 1);

/** The engines, the jobs each is running, and which ones failed to connect a moment ago. */
export class EnginePool {
  private readonly running = new Map<Engine, Set<Job>>();
  private readonly downUntil = new Map<Engine, number>();

  constructor(
    readonly engines: readonly Engine[],
    private readonly now: () => number,
    private readonly concurrency: (engine: Engine) => number = defaultConcurrency,
    /** After a connection failure an engine is skipped for this long while others are reachable. */
    private readonly downMs = 5000,
  ) {
    for (const engine of engines) this.running.set(engine, new Set());
  }

  serves(kind: EngineKind): boolean {
    return this.engines.some((e) => e.kind === kind);
  }

  /** Least busy engine of `kind` with a free slot; one that just failed to connect only when none of its kind is up. */
  pick(kind: EngineKind): Engine | undefined {
    const now = this.now();
    const ofKind = this.engines.filter((e) => e.kind === kind);
    const isUp = (e: Engine) => (this.downUntil.get(e) ?? 0) <= now;
    const free = ofKind.filter((e) => this.jobsOn(e).size < this.concurrency(e));
    const candidates = ofKind.some(isUp) ? free.filter(isUp) : free;
    const load = (e: Engine) => Math.max(e.busy, this.jobsOn(e).size);
    return candidates.sort((a, b) => load(a) - load(b))[0];
  }

  jobsOn(engine: Engine): Set<Job> {
    return this.running.get(engine) as Set<Job>;
  }

  allRunning(): Job[] {
    return [...this.running.values()].flatMap((set) => [...set]);
  }

  markDown(engine: Engine): void {
    this.downUntil.set(engine, this.now() + this.downMs);
  }

  markUp(engine: Engine): void {
    this.downUntil.delete(engine);
  }
}
