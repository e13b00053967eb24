import { describe, expect, it } from "@jest/globals";
import type { RuntimeType } from "@adobe/ccweb-add-on-sdk-types/add-on-sdk-document-sandbox";
import { build, type Plugin } from "esbuild";
import { throwFromData, type AnsweringApi } from "../../src/core/bridge-answer";
import type { SandboxApi, SelectionInfo } from "../../src/shared/sandbox-api";
import { createExpressDocument } from "../fakes/express-document";
import { createRuntimePair } from "../fakes/sandbox-runtime";

/**
 * The two host modules, as their published types declare them: "express-document-sdk" exports
 * editor/constants/colorUtils/fonts/viewport, "add-on-sdk-document-sandbox" a default (the SDK,
 * with instance.runtime) and the RuntimeType enum. An import code.ts makes that these do not
 * export fails the build.
 */
const hostModules: Plugin = {
  name: "host-modules",
  setup(b) {
    b.onResolve({ filter: /^(express-document-sdk|add-on-sdk-document-sandbox)$/ }, (args) => ({ path: args.path, namespace: "host" }));
    b.onLoad({ filter: /.*/, namespace: "host" }, (args) => ({
      loader: "js",
      contents:
        args.path === "express-document-sdk"
          ? "const s = globalThis.__host.document; export const editor = s.editor, constants = s.constants, colorUtils = s.colorUtils, fonts = undefined, viewport = undefined;"
          : "const s = globalThis.__host.sandbox; export const RuntimeType = s.RuntimeType; export default s.sdk;",
    }));
  },
};

describe("code.ts, the sandbox entry", () => {
  it("bundles against the host modules' published exports and starts the add-on on them", async () => {
    const out = await build({ entryPoints: ["src/sandbox/code.ts"], bundle: true, write: false, format: "iife", target: "es2020", plugins: [hostModules], logLevel: "silent" });
    const code = out.outputFiles[0]?.text ?? "";
    expect(code).not.toMatch(/\bdocument\.|\bwindow\.|\bfetch\(/);

    const doc = createExpressDocument({ width: 300, height: 200 });
    const runtimes = createRuntimePair();
    const RuntimeTypeValues = { panel: "panel", script: "script", documentSandbox: "documentSandbox" };
    Object.assign(globalThis, { __host: { document: doc, sandbox: { RuntimeType: RuntimeTypeValues, sdk: { instance: { runtime: runtimes.documentSandbox } } } } });
    try {
      new Function(code)();
    } finally {
      delete (globalThis as { __host?: unknown }).__host;
    }

    const seen: SelectionInfo[] = [];
    runtimes.panel.exposeApi({ selectionChanged: (s: SelectionInfo) => seen.push(s) });
    const rect = doc.addRectangle({ width: 40, height: 30 }, { x: 10, y: 20 });
    doc.select(rect);
    const api = throwFromData<SandboxApi>((await runtimes.panel.apiProxy<AnsweringApi<SandboxApi>>("documentSandbox" as RuntimeType)) as unknown as AnsweringApi<SandboxApi>);
    expect((await api.getSelection()).layers.map((l) => l.id)).toEqual([rect.id]);
    for (let i = 0; i < 20 && seen.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(seen[0]?.layers[0]).toMatchObject({ id: rect.id, type: "Rectangle", bounds: { x: 10, y: 20, width: 40, height: 30 } });
  });
});
