/**
 * In-memory stand-in for the browser Cache API (Node has no `caches`): stores response bodies
 * by URL and answers fresh Response objects, like Cache.match does.
 */
import type { ModelCache } from "../../../../src/ui/depth/model-loader";

export class MemoryModelCache implements ModelCache {
  readonly entries = new Map<string, Uint8Array>();
  puts = 0;

  async match(url: string): Promise<Response | undefined> {
    const body = this.entries.get(url);
    return body ? new Response(body.slice() as Uint8Array<ArrayBuffer>) : undefined;
  }

  async put(url: string, response: Response): Promise<void> {
    this.puts++;
    this.entries.set(url, new Uint8Array(await response.arrayBuffer()));
  }

  async delete(url: string): Promise<boolean> {
    return this.entries.delete(url);
  }

  async keys(): Promise<readonly { url: string }[]> {
    return [...this.entries.keys()].map((url) => ({ url }));
  }
}
