import { CancelledError } from "../../src/core/errors";
import { GenerationSettingsSchema } from "../../src/shared/settings";
import { solidImage } from "./helpers/images";
import { startStack } from "./helpers/stack";

/** Open handles by kind (sockets, servers, timers), as Node reports them. */
const handles = (): Record<string, number> =>
  process.getActiveResourcesInfo().reduce<Record<string, number>>((acc, kind) => ({ ...acc, [kind]: (acc[kind] ?? 0) + 1 }), {});

test("after jobs that finish, fail and get cancelled, closing the gateway and workers leaves no socket, server or timer behind", async () => {
  await new Promise((r) => setTimeout(r, 50));
  const before = handles();
  const stack = await startStack({ workers: 2, fake: { stepDelayMs: 5 } });
  const png = await solidImage("png", 64, 64);
  const settings = (seed: number) => ({ ...GenerationSettingsSchema.parse({ prompt: "p", steps: 20 }), seed });
  const input = (seed: number) => ({ image: png, mimeType: "image/png" as const, settings: settings(seed), wantDepth: true });
  await stack.client.generate(input(1));
  stack.fakes[0]!.failNext("executionError");
  stack.fakes[1]!.failNext("executionError");
  await stack.client.generate(input(2)).catch(() => undefined);
  const controller = new AbortController();
  const cancelled = stack.client.generate(input(3), { signal: controller.signal });
  setTimeout(() => controller.abort(), 30);
  await expect(cancelled).rejects.toBeInstanceOf(CancelledError);
  // A job still running at shutdown is cancelled by close().
  const running = stack.client.generate(input(4)).catch((e: unknown) => e);
  await new Promise((r) => setTimeout(r, 30));
  await stack.close();
  expect(await running).toBeInstanceOf(Error);
  await new Promise((r) => setTimeout(r, 200));
  const after = handles();
  // A leak shows as more handles than before (jest's own timers come and go, so fewer is fine).
  for (const kind of ["TCPSocketWrap", "TCPServerWrap", "Timeout"]) expect({ kind, leaked: Math.max(0, (after[kind] ?? 0) - (before[kind] ?? 0)) }).toEqual({ kind, leaked: 0 });
  expect(after.TCPSocketWrap ?? 0).toBe(before.TCPSocketWrap ?? 0);
});
