/**
 * Document sandbox entry (QuickJS: no DOM, no network). Everything testable lives in start.ts
 * and below; this file only hands the real SDK objects in. Passing `editor` and `constants`
 * where the ports are expected is what makes SDK drift fail to compile.
 */
import addOnSandboxSdk, { RuntimeType } from "add-on-sdk-document-sandbox";
import { constants, editor } from "express-document-sdk";
import { EXPERIMENTAL_APIS } from "../shared/build-flags";
import { startSandbox } from "./start";

startSandbox({ editor, constants, runtime: addOnSandboxSdk.instance.runtime, panelRuntime: RuntimeType.panel, nodeRenditions: EXPERIMENTAL_APIS });
