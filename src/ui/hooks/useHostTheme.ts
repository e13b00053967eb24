import { useEffect, useState } from "react";
import type { PanelHost, ThemeColor } from "../host/types";

/** Follows Express's theme and locale as they change. */
export function useHostTheme(host: PanelHost): { theme: ThemeColor; locale: string } {
  const [theme, setTheme] = useState<ThemeColor>(host.theme);
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
  return { theme, locale };
}
