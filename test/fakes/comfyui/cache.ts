/**
 * ComfyUI's output cache (execution.py, CacheKeySetInputSignature): a node whose class, literal
 * inputs and upstream signatures are unchanged is not run again, and LoadImage's IS_CHANGED
 * hashes the file, so a new upload under the same name invalidates it. Cached output nodes still
 * report their ui in `executed` and in history, as recent ComfyUI does.
 */
import { createHash } from "node:crypto";
import type { ApiPrompt } from "./validate";

export interface CachedNode {
  values: unknown[];
  ui?: unknown;
}

export class OutputCache {
  private readonly entries = new Map<string, CachedNode>();

  constructor(private readonly enabled: () => boolean) {}

  key(prompt: ApiPrompt, id: string, readInput: (name: string) => Uint8Array | undefined, memo = new Map<string, string>()): string {
    const known = memo.get(id);
    if (known) return known;
    const node = prompt[id];
    const parts = [String(node?.class_type)];
    for (const [name, v] of Object.entries(node?.inputs ?? {})) {
      if (Array.isArray(v)) parts.push(`${name}=<${this.key(prompt, String(v[0]), readInput, memo)}#${String(v[1])}>`);
      else parts.push(`${name}=${JSON.stringify(v)}`);
    }
    if (node?.class_type === "LoadImage") {
      const bytes = readInput(String(node.inputs?.["image"]));
      parts.push(`is_changed=${bytes ? createHash("sha256").update(bytes).digest("hex") : "missing"}`);
    }
    const key = createHash("sha256").update(parts.join("|")).digest("hex");
    memo.set(id, key);
    return key;
  }

  get(key: string): CachedNode | undefined {
    return this.enabled() ? this.entries.get(key) : undefined;
  }

  set(key: string, node: CachedNode): void {
    if (this.enabled()) this.entries.set(key, node);
  }

  /** execution_cached's list: nodes the outputs need whose results are already cached. */
  cachedIds(prompt: ApiPrompt, outputs: string[], readInput: (name: string) => Uint8Array | undefined): string[] {
    const found = new Set<string>();
    const visit = (id: string, seen: Set<string>): void => {
      if (seen.has(id)) return;
      seen.add(id);
      if (this.get(this.key(prompt, id, readInput))) {
        found.add(id);
        return;
      }
      for (const v of Object.values(prompt[id]?.inputs ?? {})) if (Array.isArray(v)) visit(String(v[0]), seen);
    };
    const seen = new Set<string>();
    for (const o of outputs) visit(o, seen);
    return [...found];
  }
}
