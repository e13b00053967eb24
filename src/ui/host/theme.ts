import type { HostTheme, ThemeColor } from "./types";

/**
 * Express's four themes in the two Spectrum colours the panel is drawn in: Spectrum deprecates
 * "lightest" and "darkest", so they take the nearest of light and dark.
 */
export function spectrumColor(theme: HostTheme): ThemeColor {
  return theme === "dark" || theme === "darkest" ? "dark" : "light";
}
