import type { constants } from "@adobe/ccweb-add-on-sdk-types/express-document-sdk";

type Sdk = typeof constants;
/** The enums the in-memory document provides at run time (the published types only declare them). */
export type FakeConstants = Pick<Sdk, "BlendMode" | "EditorEvent" | "SceneNodeType" | "FillType" | "StrokeType" | "ResizeBehavior" | "CreateRenditionFormat">;

/** String enum: every key and value is checked against the installed types, so drift fails to build. */
const stringEnum =
  <E>() =>
  <const M extends { readonly [K in keyof E]: `${E[K] & string}` }>(values: M & Record<Exclude<keyof M, keyof E>, never>): E =>
    values as unknown as E;

/** Numeric enum: values are checked exactly; reverse entries are added like TypeScript's own enums. */
const numericEnum =
  <E>() =>
  (values: { readonly [K in keyof E]: E[K] }): E => {
    const table: Record<string, unknown> = { ...values };
    for (const [name, value] of Object.entries(values)) table[String(value)] = name;
    return table as unknown as E;
  };

export const fakeConstants: FakeConstants = {
  BlendMode: numericEnum<Sdk["BlendMode"]>()({
    passThrough: 1,
    normal: 2,
    multiply: 3,
    darken: 4,
    colorBurn: 5,
    lighten: 6,
    screen: 7,
    colorDodge: 8,
    overlay: 9,
    softLight: 10,
    hardLight: 11,
    difference: 12,
    exclusion: 13,
    hue: 14,
    saturation: 15,
    color: 16,
    luminosity: 17,
    accumulate: 18,
  }),
  EditorEvent: stringEnum<Sdk["EditorEvent"]>()({ selectionChange: "selectionChange" }),
  SceneNodeType: stringEnum<Sdk["SceneNodeType"]>()({
    line: "Line",
    rectangle: "Rectangle",
    ellipse: "Ellipse",
    path: "Path",
    linkedAsset: "LinkedAsset",
    group: "Group",
    artboard: "ab:Artboard",
    polygon: "artgr:Polygon",
    artworkRoot: "ArtworkRoot",
    mediaContainer: "MediaContainer",
    imageRectangle: "ImageRectangle",
    unknownMediaRectangle: "UnknownMediaRectangle",
    page: "Page",
    complexShape: "ComplexShape",
    solidColorShape: "SolidColorShape",
    strokeShape: "StrokeShape",
    gridCell: "GridCell",
    gridLayout: "GridLayout",
    text: "Text",
  }),
  FillType: stringEnum<Sdk["FillType"]>()({ color: "Color" }),
  StrokeType: stringEnum<Sdk["StrokeType"]>()({ color: "Color" }),
  ResizeBehavior: stringEnum<Sdk["ResizeBehavior"]>()({ contain: "contain", cover: "cover", proportional: "proportional" }),
  CreateRenditionFormat: stringEnum<Sdk["CreateRenditionFormat"]>()({ png: "png", jpeg: "jpeg" }),
};

/** Name of a BlendMode value ("multiply"…), for snapshots and drawing. */
export function blendModeName(value: number): string {
  const table = fakeConstants.BlendMode as unknown as Record<string, unknown>;
  const name = table[String(value)];
  return typeof name === "string" ? name : `unknown(${value})`;
}
