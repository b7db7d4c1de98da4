/**
 * Formats a number with `precision` digits after the point like Go's `%f`: no exponent, ties
 * rounded to even (JavaScript's `toFixed` rounds them up), and the sign kept on negative zero.
 * `precision` must be 0..100.
 */
export function formatFixed(value: number, precision: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? '+Inf' : '-Inf';
  const negative = value < 0 || Object.is(value, -0);
  const magnitude = Math.abs(value);
  const digits = magnitude >= 1e21
    // Doubles this large are integers; BigInt prints them exactly where toFixed switches to exponents.
    ? BigInt(magnitude).toString() + (precision > 0 ? '.' + '0'.repeat(precision) : '')
    : roundHalfEven(magnitude, precision);
  return (negative ? '-' : '') + digits;
}

function roundHalfEven(magnitude: number, precision: number): string {
  const rounded = magnitude.toFixed(precision);
  // toFixed(100) is exact for any double that could sit exactly halfway at this precision.
  const exact = magnitude.toFixed(100);
  const point = exact.indexOf('.');
  const dropped = exact.slice(point + 1 + precision);
  if (!/^50*$/.test(dropped)) return rounded;
  const truncated = exact.slice(0, precision > 0 ? point + 1 + precision : point);
  const last = truncated.charCodeAt(truncated.length - 1) - 48;
  return last % 2 === 0 ? truncated : rounded;
}
