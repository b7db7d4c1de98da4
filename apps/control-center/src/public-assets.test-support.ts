// The UI's modules are plain JavaScript served as they are (no build step), so the tests load them
// at run time from ../public/assets (the same path from src/ and dist/) and state the shape they use.

/** Imports `public/assets/<file>`; `T` is the part of its exports the test relies on. */
export async function loadAsset<T>(file: string): Promise<T> {
  return (await import(new URL(`../public/assets/${file}`, import.meta.url).href)) as T;
}
