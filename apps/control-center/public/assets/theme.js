// Light and dark themes: the system preference unless the user picked one with the toggle, which
// is remembered in localStorage. CSS reads `data-theme` on <html>.
const KEY = 'orkestra-cc-theme';

/** The theme to show: the stored choice if valid, else the system's. */
export function effectiveTheme(stored, prefersDark) {
  if (stored === 'light' || stored === 'dark') return stored;
  return prefersDark ? 'dark' : 'light';
}

/** The theme the toggle switches to. */
export function nextTheme(current) {
  return current === 'dark' ? 'light' : 'dark';
}

/** Applies the theme now and wires the toggle button; follows system changes until the user chooses. */
export function initTheme(button) {
  const media = window.matchMedia('(prefers-color-scheme: dark)');
  const stored = () => {
    try {
      return localStorage.getItem(KEY) ?? undefined;
    } catch {
      return undefined; // storage disabled: follow the system
    }
  };
  // Kept in memory too, so a choice holds for this page even where storage is disabled.
  let chosen = stored();
  const apply = () => {
    const theme = effectiveTheme(chosen, media.matches);
    document.documentElement.setAttribute('data-theme', theme);
    button.textContent = theme === 'dark' ? '☀ Light' : '☾ Dark';
    button.setAttribute('aria-label', `Switch to ${nextTheme(theme)} theme`);
    return theme;
  };
  media.addEventListener('change', apply);
  button.addEventListener('click', () => {
    chosen = nextTheme(document.documentElement.getAttribute('data-theme'));
    try {
      localStorage.setItem(KEY, chosen);
    } catch {
      // not remembered across visits; still applied below
    }
    apply();
  });
  apply();
}
