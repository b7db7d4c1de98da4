import { TEMPLATE_LIMITS } from '../limits.ts';
import { RenderError } from '../render-error.ts';
import { describe, formatNumber, formatText } from '../values.ts';
import { formatFixed } from './format-fixed.ts';
import { goQuote } from './go-quote.ts';

interface Spec {
  readonly minus: boolean;
  readonly plus: boolean;
  readonly space: boolean;
  readonly zero: boolean;
  readonly width: number | undefined;
  readonly precision: number | undefined;
}

// Sticky: lastIndex is set before every exec.
const SPEC = /([-+# 0]*)([0-9]*)(?:\.([0-9]*))?/y;
const MAX_PRECISION = 100;

/**
 * Go's `fmt.Sprintf` for the verbs %s %d %v %q %f and %%, with flags `-+ 0`, width and precision.
 * A missing or extra argument, an unsupported verb, or a value of the wrong kind is an error
 * (Go would print `%!d(...)` into the output instead). nil prints as empty under %s and %v.
 */
export function printf(format: string, args: readonly unknown[]): string {
  let out = '';
  let used = 0;
  let i = 0;
  while (i < format.length) {
    const percent = format.indexOf('%', i);
    if (percent < 0) {
      out += format.slice(i);
      break;
    }
    out += format.slice(i, percent);
    SPEC.lastIndex = percent + 1;
    const match = SPEC.exec(format);
    const flags = match?.[1] ?? '';
    const spec: Spec = {
      minus: flags.includes('-'), plus: flags.includes('+'), space: flags.includes(' '), zero: flags.includes('0'),
      width: match?.[2] ? bounded(match[2]) : undefined,
      precision: match?.[3] === undefined ? undefined : bounded(match[3]),
    };
    const at = SPEC.lastIndex;
    const code = format.codePointAt(at);
    if (code === undefined) throw new RenderError('printf: format ends with an unfinished "%" verb (write %% for a percent sign)');
    const verb = String.fromCodePoint(code);
    i = at + verb.length;
    if (verb === '%') {
      out += '%';
      continue;
    }
    if (verb === '*' || verb === '[') throw new RenderError(`printf: "${verb}" in a verb is not supported`);
    if (used >= args.length) {
      throw new RenderError(`printf: missing argument for %${verb}: the format has more verbs than the ${args.length} argument(s) given`);
    }
    out += formatVerb(verb, spec, args[used++]);
    if (out.length > TEMPLATE_LIMITS.maxOutputLength) throw new RenderError('printf: output is too long');
  }
  if (used < args.length) {
    throw new RenderError(`printf: ${args.length - used} extra argument(s): the format uses ${used} of ${args.length}`);
  }
  return out;
}

// "%.f" means precision 0, as in Go.
function bounded(digits: string): number {
  const n = Number(digits);
  if (n > TEMPLATE_LIMITS.maxOutputLength) throw new RenderError(`printf: width or precision ${digits} is too large`);
  return n;
}

function formatVerb(verb: string, spec: Spec, arg: unknown): string {
  switch (verb) {
    case 's':
      return pad(truncate(formatText(arg), spec.precision), spec);
    case 'v':
      // Go reads %+v as "show field names", not as a sign flag.
      if (typeof arg === 'number') return number(arg, { ...spec, plus: false }, formatNumber);
      return pad(typeof arg === 'string' ? truncate(arg, spec.precision) : formatText(arg), spec);
    case 'q':
      return pad(goQuote(truncate(formatText(arg), spec.precision)), spec);
    case 'd':
      if (typeof arg !== 'number' || !Number.isInteger(arg)) throw new RenderError(`printf: %d needs an integer, got ${describe(arg)}`);
      return number(arg, spec, (n) => {
        const digits = Math.abs(n) >= 1e21 ? BigInt(n).toString() : String(n);
        return spec.precision === undefined ? digits : digits.padStart(spec.precision, '0');
      });
    case 'f': {
      if (typeof arg !== 'number') throw new RenderError(`printf: %f needs a number, got ${describe(arg)}`);
      const precision = spec.precision ?? 6;
      if (precision > MAX_PRECISION) throw new RenderError(`printf: precision ${precision} is above ${MAX_PRECISION}`);
      return number(arg, spec, (n) => formatFixed(n, precision));
    }
    default:
      throw new RenderError(`printf: unsupported verb %${verb} (supported: %s %d %v %q %f %%)`);
  }
}

// Signs and zero padding go between the sign and the digits, as in Go: %+05d of 42 is +0042.
function number(value: number, spec: Spec, digitsOf: (magnitude: number) => string): string {
  if (!Number.isFinite(value)) return pad(formatNumber(value), { ...spec, zero: false });
  const negative = value < 0;
  const digits = digitsOf(Math.abs(value));
  const sign = negative ? '-' : spec.plus ? '+' : spec.space ? ' ' : '';
  const zero = spec.zero && !spec.minus && /^[0-9]/.test(digits);
  if (zero && spec.width !== undefined) return sign + digits.padStart(spec.width - sign.length, '0');
  return pad(sign + digits, { ...spec, zero: false });
}

function truncate(text: string, precision: number | undefined): string {
  if (precision === undefined) return text;
  const chars = Array.from(text);
  return chars.length > precision ? chars.slice(0, precision).join('') : text;
}

// Width counts characters (code points), as Go counts runes.
function pad(text: string, spec: Spec): string {
  if (spec.width === undefined) return text;
  const missing = spec.width - Array.from(text).length;
  if (missing <= 0) return text;
  if (spec.minus) return text + ' '.repeat(missing);
  return (spec.zero ? '0' : ' ').repeat(missing) + text;
}
