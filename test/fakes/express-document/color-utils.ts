import type { Color } from "@adobe/ccweb-add-on-sdk-types/express-document-sdk";

/** The SDK's colorUtils hex conversions ("#rrggbb" or "#rrggbbaa", channels 0..1). */
export const colorUtils = {
  fromHex(hex: string): Color {
    const m = /^#?([0-9a-f]{6})([0-9a-f]{2})?$/i.exec(hex.trim());
    if (!m?.[1]) throw new Error(`invalid hex color "${hex}"`);
    const n = parseInt(m[1], 16);
    return { red: ((n >> 16) & 255) / 255, green: ((n >> 8) & 255) / 255, blue: (n & 255) / 255, alpha: m[2] ? parseInt(m[2], 16) / 255 : 1 };
  },
  toHex(color: Color): string {
    const byte = (v: number) => Math.round(Math.min(1, Math.max(0, v)) * 255).toString(16).padStart(2, "0");
    return `#${byte(color.red)}${byte(color.green)}${byte(color.blue)}${byte(color.alpha)}`;
  },
};
