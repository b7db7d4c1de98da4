/**
 * Reads `request.uid` from the beginning of an AdmissionReview body without parsing the rest, so a
 * review that cannot be decided in time (or is refused as too large) can still be answered with
 * its uid. The API server encodes the review in field order (kind, apiVersion, request, and uid
 * first inside request), so the uid sits in the first hundred bytes. Undefined when the prefix
 * ends before it, or is not shaped like a review; never throws.
 */
export function peekReviewUid(prefix: string): string | undefined {
  const s = new Scanner(prefix);
  if (!s.eat('{')) return undefined;
  return s.object((key) => (key === 'request' && s.peek() === '{' ? s.requestUid() : undefined));
}

/** How far a scan got: a value found, or the end of the prefix (or a shape we do not read). */
const STOP = Symbol('stop');

class Scanner {
  #i = 0;
  readonly #s: string;

  constructor(s: string) {
    this.#s = s;
  }

  peek(): string | undefined {
    this.#space();
    return this.#s[this.#i];
  }

  eat(c: string): boolean {
    if (this.peek() !== c) return false;
    this.#i++;
    return true;
  }

  /**
   * Walks the members of the object whose `{` was just eaten: `visit(key)` runs with the scanner
   * at the value and returns the answer, or undefined to skip that value and go on.
   */
  object(visit: (key: string) => string | undefined): string | undefined {
    for (let first = true; ; first = false) {
      if (this.eat('}')) return undefined;
      if (!first && !this.eat(',')) return undefined;
      const key = this.#string();
      if (key === STOP || !this.eat(':')) return undefined;
      const found = visit(key);
      if (found !== undefined) return found;
      if (this.#skip() === STOP) return undefined;
    }
  }

  /** At `request`'s `{`: its `uid` when it is a string. */
  requestUid(): string | undefined {
    this.#i++;
    return this.object((key) => {
      if (key !== 'uid') return undefined;
      const uid = this.peek() === '"' ? this.#string() : STOP;
      // A uid that is not a string is the validator's to report; stop looking.
      return uid === STOP ? '' : uid;
    }) || undefined;
  }

  #space(): void {
    while (this.#i < this.#s.length && ' \t\r\n'.includes(this.#s[this.#i]!)) this.#i++;
  }

  #string(): string | typeof STOP {
    if (this.peek() !== '"') return STOP;
    const start = this.#i;
    for (let i = start + 1; i < this.#s.length; i++) {
      const c = this.#s[i];
      if (c === '\\') i++;
      else if (c === '"') {
        this.#i = i + 1;
        try {
          return JSON.parse(this.#s.slice(start, i + 1)) as string;
        } catch {
          return STOP;
        }
      }
    }
    return STOP;
  }

  /** Skips one value of any kind; STOP when the prefix ends inside it. */
  #skip(): undefined | typeof STOP {
    const c = this.peek();
    if (c === undefined) return STOP;
    if (c === '"') return this.#string() === STOP ? STOP : undefined;
    if (c === '{' || c === '[') {
      let depth = 0;
      for (; this.#i < this.#s.length; this.#i++) {
        const d = this.#s[this.#i];
        if (d === '"') {
          if (this.#string() === STOP) return STOP;
          this.#i--;
        } else if (d === '{' || d === '[') depth++;
        else if ((d === '}' || d === ']') && --depth === 0) {
          this.#i++;
          return undefined;
        }
      }
      return STOP;
    }
    // A number, true, false or null runs to the next delimiter.
    while (this.#i < this.#s.length && !',}] \t\r\n'.includes(this.#s[this.#i]!)) this.#i++;
    return this.#i < this.#s.length ? undefined : STOP;
  }
}
