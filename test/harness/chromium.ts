import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type BrowserContext } from "playwright-core";

/** Debian's chromium, never a downloaded browser; flags keep it offline and quiet. */
export const CHROMIUM_PATH = "/usr/bin/chromium";
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export interface Chromium {
  context: BrowserContext;
  close(): Promise<void>;
}

/** One browser with a fresh profile (deleted on close); the profile keeps IndexedDB across reloads. */
export async function launchChromium(options: { headless?: boolean } = {}): Promise<Chromium> {
  const profile = await mkdtemp(join(tmpdir(), "depth-restyle-chromium-"));
  const headless = options.headless ?? true;
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless,
    args: headless ? CHROMIUM_ARGS : CHROMIUM_ARGS.filter((a) => a !== "--headless"),
    viewport: { width: 1600, height: 1000 },
  });
  return {
    context,
    close: async () => {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}
