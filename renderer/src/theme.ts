import { useEffect } from 'react';
import { useSettings } from './stores/settings.js';

/**
 * Follows the OS light/dark preference (CSS prefers-color-scheme) unless the Theme setting
 * forces one; the forced choice is a data attribute the stylesheet reads.
 */
export function useTheme(): void {
  const theme = useSettings((s) => s.values.theme);
  useEffect(() => {
    const root = document.documentElement;
    if (theme === 'light' || theme === 'dark') root.dataset.theme = theme;
    else delete root.dataset.theme;
  }, [theme]);
}
