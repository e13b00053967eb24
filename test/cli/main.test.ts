import { main } from "../../src/cli/main";
import type { CliIo } from "../../src/cli/io";

function io(): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: (t) => void out.push(t), stderr: (t) => void err.push(t), env: {} };
}

describe("depth-restyle command dispatch", () => {
  it("lists the commands for --help and exits 0", async () => {
    const streams = io();
    expect(await main(["--help"], streams)).toBe(0);
    expect(streams.out.join("")).toMatch(/generate[\s\S]*serve/);
  });

  it("rejects an unknown command with usage and exit code 2", async () => {
    const streams = io();
    expect(await main(["paint"], streams)).toBe(2);
    expect(streams.err.join("")).toContain('Unknown command "paint"');
  });

  it("dispatches generate and maps a bad flag to a usage error", async () => {
    const streams = io();
    expect(await main(["generate", "--steps"], streams)).toBe(2);
    expect(streams.err.join("")).toMatch(/--steps/);
  });
});
