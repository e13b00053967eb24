import type { AddOnSDKAPI } from "@adobe/ccweb-add-on-sdk-types/iframe-ui";
import { mirror } from "./enum-mirror";

type Constants = AddOnSDKAPI["constants"];

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
