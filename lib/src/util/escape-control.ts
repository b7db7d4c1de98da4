// Messages quote names, keys and values from untrusted input (a Katalog, a CR). Printed raw, an ESC
// byte repaints or retitles the reader's terminal and BEL rings it (issue 12, finding 16), and
// bidirectional overrides make text read differently than it is. Every such character is shown as
// an escape instead, the way Go's %q shows it.

// C0 controls, DEL, C1 controls, and the Unicode bidi embeddings, overrides and isolates.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** `text` with every control and bidi-override character written as `\n`, `\x1b`, `\u202e`...; printable text unchanged. */
export function escapeControl(text: string): string {
  return text.replace(UNSAFE, (c) => {
    const code = c.charCodeAt(0);
    return NAMED[c] ?? (code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`);
  });
}
