import { useEffect, useState } from "react";
import { spectrumColor } from "../host/theme";
import type { HostTheme, PanelHost, ThemeColor } from "../host/types";

/** Follows Express's theme (as a Spectrum colour) and locale as they change. */
export function useHostTheme(host: PanelHost): { theme: ThemeColor; locale: string } {
  const [hostTheme, setTheme] = useState<HostTheme>(host.theme);
  const [locale, setLocale] = useState(host.locale);
  useEffect(() => {
    const offTheme = host.onThemeChange(setTheme);
    const offLocale = host.onLocaleChange(setLocale);
    return () => {
      offTheme();
      offLocale();
    };
  }, [host]);
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  return { theme: spectrumColor(hostTheme), locale };
}
