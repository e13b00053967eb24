import type { AddOnSDKAPI } from "@adobe/ccweb-add-on-sdk-types/iframe-ui";

type Constants = AddOnSDKAPI["constants"];

/**
 * Run-time values of the SDK's enums (the published types only declare them). `mirror` makes
 * the compiler check every key and value against the installed types, so drift fails to build.
 */
const mirror =
  <E>() =>
  <const M extends { readonly [K in keyof E]: `${E[K] & string}` }>(values: M & Record<Exclude<keyof M, keyof E>, never>): E =>
    values as unknown as E;

export const constants = {
  Range: mirror<Constants["Range"]>()({ currentPage: "currentPage", entireDocument: "entireDocument", specificPages: "specificPages" }),
  RenditionFormat: mirror<Constants["RenditionFormat"]>()({
    png: "image/png",
    jpg: "image/jpeg",
    mp4: "video/mp4",
    pdf: "application/pdf",
    pptx: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
  }),
  RenditionType: mirror<Constants["RenditionType"]>()({ page: "page" }),
  RenditionIntent: mirror<Constants["RenditionIntent"]>()({ export: "export", preview: "preview", print: "print" }),
  RuntimeType: mirror<Constants["RuntimeType"]>()({
    panel: "panel",
    dialog: "dialog",
    script: "script",
    documentSandbox: "documentSandbox",
    command: "command",
  }),
  Variant: mirror<Constants["Variant"]>()({
    confirmation: "confirmation",
    information: "information",
    warning: "warning",
    destructive: "destructive",
    error: "error",
    input: "input",
    custom: "custom",
  }),
  DialogResultType: mirror<Constants["DialogResultType"]>()({ alert: "alert", input: "input", custom: "custom" }),
  ButtonType: mirror<Constants["ButtonType"]>()({ primary: "primary", secondary: "secondary", cancel: "cancel", close: "close" }),
  FieldType: mirror<Constants["FieldType"]>()({ text: "text" }),
} satisfies Partial<Constants>;

export type HarnessConstants = typeof constants;
