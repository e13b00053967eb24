/**
 * The fake UI SDK module, served for "https://new.express.adobe.com/static/add-on-sdk/sdk.js"
 * inside the panel iframe. Every member is a Pick of the SDK's published interfaces, so a change
 * in @adobe/ccweb-add-on-sdk-types that the panel could feel fails to compile here too. The
 * document, renditions, dialogs and storage live in the host page and answer over postMessage.
 */
import type {
  AddOn,
  AddOnSDKAPI,
  AlertDialogOptions,
  AlertDialogResult,
  AppEventHandlerType,
  AppEventType,
  Application,
  ClientStorage,
  CustomDialogOptions,
  CustomDialogResult,
  Document,
  InputDialogOptions,
  InputDialogResult,
  Rendition,
  RenditionIntent as RenditionIntentEnum,
  RenditionOptions,
  Runtime,
  RuntimeType as RuntimeTypeEnum,
  UI,
} from "@adobe/ccweb-add-on-sdk-types/iframe-ui";
import { comlinkProxy, serveComlink } from "../../fakes/express-bridge";
import { Endpoint } from "./endpoint";
import { isMessage, TAG, type PanelInit } from "./protocol";
import { constants, type HarnessConstants } from "./sdk-enums";

export type FakeUiSdk = Pick<AddOnSDKAPI, "apiVersion" | "ready"> & {
  readonly app: Pick<Application, "on" | "off" | "showModalDialog"> & {
    readonly ui: Pick<UI, "theme" | "locale" | "locales" | "format">;
    readonly document: Pick<Document, "createRenditions" | "exportAllowed">;
  };
  readonly instance: Pick<AddOn, "manifest" | "clientStorage"> & {
    readonly runtime: Pick<Runtime, "type" | "apiProxy" | "exposeApi">;
  };
  readonly constants: HarnessConstants;
};

let init: PanelInit | undefined;
let markReady: () => void = () => undefined;
const ready = new Promise<void>((resolve) => (markReady = resolve));
let markSandbox: () => void = () => undefined;
const sandboxReady = new Promise<void>((resolve) => (markSandbox = resolve));
let exposed = false;

const listeners = new Map<string, Set<(data: never) => void>>();

const endpoint = new Endpoint(
  (message) => window.parent.postMessage(message, "*"),
  (message) => {
    if (message.kind === "init") {
      init = message.init;
      if (init.documentSandboxReady) markSandbox();
      markReady();
    } else if (message.kind === "exposed" && message.runtime === "documentSandbox") {
      markSandbox();
    } else if (message.kind === "event" && init) {
      if ("theme" in message.data) init.theme = message.data.theme;
      if ("locale" in message.data) init.locale = message.data.locale;
      for (const listener of listeners.get(message.name) ?? []) (listener as (d: unknown) => void)(message.data);
    }
  },
);
window.addEventListener("message", (event) => {
  if (event.source === window.parent && isMessage(event.data)) endpoint.receive(event.data);
});

const host = (method: string, ...args: unknown[]) => ready.then(() => endpoint.call("host", [method], args));
const current = (): PanelInit => {
  if (!init) throw new Error("addOnUISdk used before `await addOnUISdk.ready`");
  return init;
};

function showModalDialog(options: AlertDialogOptions): Promise<AlertDialogResult>;
function showModalDialog(options: InputDialogOptions): Promise<InputDialogResult>;
function showModalDialog(options: CustomDialogOptions): Promise<CustomDialogResult>;
function showModalDialog(options: AlertDialogOptions | InputDialogOptions | CustomDialogOptions): Promise<unknown> {
  return host("showModalDialog", options);
}

const clientStorage: ClientStorage = {
  getItem: (key) => host("storage.getItem", key),
  setItem: async (key, value) => void (await host("storage.setItem", key, value)),
  removeItem: async (key) => void (await host("storage.removeItem", key)),
  keys: async () => (await host("storage.keys")) as string[],
  clear: async () => void (await host("storage.clear")),
};

const runtime: FakeUiSdk["instance"]["runtime"] = {
  type: constants.RuntimeType.panel,
  exposeApi<T>(api: T): void {
    if (exposed) return; // the SDK ignores every call after the first
    exposed = true;
    endpoint.serve("panel", (path, args, op) => serveComlink(api, op, path, args));
    void ready.then(() => endpoint.send({ kind: "exposed", runtime: "panel" }));
  },
  // Remote<T> is not exported by the types; the proxy is built for any T, hence `never`.
  async apiProxy(runtimeType: RuntimeTypeEnum): Promise<never> {
    if (runtimeType !== constants.RuntimeType.documentSandbox) throw new Error(`a panel can only ask for the documentSandbox proxy, not "${runtimeType}"`);
    await ready;
    await sandboxReady;
    return comlinkProxy((op, path, args) => endpoint.call("documentSandbox", path, args, op)) as never;
  },
};

const app: FakeUiSdk["app"] = {
  ui: {
    get theme() {
      return current().theme;
    },
    get locale() {
      return current().locale;
    },
    get locales() {
      return current().locales;
    },
    get format() {
      return current().format;
    },
  },
  document: {
    createRenditions: async (options: RenditionOptions, intent?: RenditionIntentEnum) =>
      (await host("createRenditions", options, ...(intent === undefined ? [] : [intent]))) as Rendition[],
    exportAllowed: async () => (await host("exportAllowed")) as boolean,
  },
  on<T extends AppEventType>(name: T, handler: AppEventHandlerType<T>): void {
    const set = listeners.get(name) ?? new Set();
    set.add(handler as (data: never) => void);
    listeners.set(name, set);
  },
  off<T extends AppEventType>(name: T, handler: AppEventHandlerType<T>): void {
    listeners.get(name)?.delete(handler as (data: never) => void);
  },
  showModalDialog,
};

const addOnUISdk: FakeUiSdk = {
  apiVersion: "1.40.0-harness",
  ready,
  app,
  instance: {
    get manifest() {
      return current().manifest;
    },
    clientStorage,
    runtime,
  },
  constants,
};

export default addOnUISdk;
export const { Range, RenditionFormat, RenditionType, RenditionIntent, RuntimeType, Variant, DialogResultType, ButtonType, FieldType } = constants;

endpoint.send({ kind: "hello" });
