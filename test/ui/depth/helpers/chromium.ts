/** Headless Debian Chromium through playwright-core, with the project's standard flags (fresh profile per launch). */
import { chromium, type Browser } from "playwright-core";

const STANDARD = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

/**
 * `softwareWebGpu` swaps `--disable-gpu` for Chromium's SwiftShader WebGPU adapter (a CPU
 * implementation bundled with Chromium), so the WebGPU execution path runs without a GPU.
 */
export const launchChromium = (options: { softwareWebGpu?: boolean } = {}): Promise<Browser> =>
  chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: options.softwareWebGpu ? [...STANDARD.filter((a) => a !== "--disable-gpu"), "--enable-unsafe-webgpu", "--use-webgpu-adapter=swiftshader"] : STANDARD,
  });
