import { RenderError } from '../render-error.ts';
import { describe } from '../values.ts';
import { readTimestamp, type Instant } from './read-timestamp.ts';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

// Go's layout elements, longest first where one is a prefix of another.
const ELEMENTS = [
  'January', 'Jan', 'Monday', 'Mon', 'MST', '2006', '002', '01', '02', '03', '04', '05', '06', '15',
  '-07:00:00', '-070000', '-07:00', '-0700', '-07', 'Z07:00:00', 'Z070000', 'Z07:00', 'Z0700', 'Z07',
  '_2', 'PM', 'pm', '1', '2', '3', '4', '5',
];

/**
 * `timeFormat TIME LAYOUT` (the reference's order; sprig's `date LAYOUT TIME` is the same
 * function): formats a timestamp with a Go layout such as `2006-01-02` or `Jan 2, 2006 15:04`.
 * TIME is an RFC 3339 timestamp (`.metadata.creationTimestamp`) or Unix seconds; the time is
 * shown in the timestamp's own offset (Kubernetes writes UTC). nil renders "". Never reads the clock.
 */
export function timeFormat(name: string, time: unknown, layout: unknown): string {
  if (time === null || time === undefined || time === '') return '';
  if (typeof layout !== 'string') throw new RenderError(`${name}: the layout must be a string, got ${describe(layout)}`);
  const instant = readTimestamp(time);
  if (!instant) throw new RenderError(`${name}: ${describe(time)} is not an RFC 3339 timestamp or Unix seconds`);
  let out = '';
  for (let i = 0; i < layout.length;) {
    const fraction = /^[.,](0+|9+)(?![0-9])/.exec(layout.slice(i));
    if (fraction) {
      out += formatFraction(instant, layout[i] ?? '.', fraction[1] ?? '');
      i += fraction[0].length;
      continue;
    }
    const element = ELEMENTS.find((e) => layout.startsWith(e, i));
    if (element === undefined) {
      out += layout[i];
      i++;
      continue;
    }
    out += formatElement(element, instant);
    i += element.length;
  }
  return out;
}

function formatElement(element: string, t: Instant): string {
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  const hour12 = t.hour % 12 === 0 ? 12 : t.hour % 12;
  switch (element) {
    case 'January': return MONTHS[t.month - 1] ?? '';
    case 'Jan': return (MONTHS[t.month - 1] ?? '').slice(0, 3);
    case 'Monday': return DAYS[t.weekday] ?? '';
    case 'Mon': return (DAYS[t.weekday] ?? '').slice(0, 3);
    case 'MST': return t.offsetMinutes === 0 ? 'UTC' : zone(t.offsetMinutes, '', false);
    case '2006': return pad(t.year, 4);
    case '06': return pad(t.year % 100);
    case '002': return pad(t.yearDay, 3);
    case '01': return pad(t.month);
    case '1': return String(t.month);
    case '02': return pad(t.day);
    case '_2': return String(t.day).padStart(2, ' ');
    case '2': return String(t.day);
    case '15': return pad(t.hour);
    case '03': return pad(hour12);
    case '3': return String(hour12);
    case '04': return pad(t.minute);
    case '4': return String(t.minute);
    case '05': return pad(t.second);
    case '5': return String(t.second);
    case 'PM': return t.hour >= 12 ? 'PM' : 'AM';
    case 'pm': return t.hour >= 12 ? 'pm' : 'am';
    default: return formatZone(element, t.offsetMinutes);
  }
}

function formatZone(element: string, offsetMinutes: number): string {
  if (element.startsWith('Z') && offsetMinutes === 0) return 'Z';
  const colon = element.includes(':');
  const text = zone(offsetMinutes, colon ? ':' : '', element.endsWith('07'));
  // The seconds forms print :00 / 00: offsets in Kubernetes timestamps are whole minutes.
  return /^[-Z]07:?00:?00$/.test(element) ? `${text}${colon ? ':' : ''}00` : text;
}

function zone(offsetMinutes: number, separator: string, hoursOnly: boolean): string {
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  const hours = String(Math.floor(abs / 60)).padStart(2, '0');
  return hoursOnly ? `${sign}${hours}` : `${sign}${hours}${separator}${String(abs % 60).padStart(2, '0')}`;
}

// `.000` always prints that many digits; `.999` drops trailing zeros (and the dot when none remain).
function formatFraction(t: Instant, dot: string, digits: string): string {
  const text = t.fraction.padEnd(9, '0').slice(0, digits.length);
  if (digits[0] === '0') return dot + text;
  const trimmed = text.replace(/0+$/, '');
  return trimmed === '' ? '' : dot + trimmed;
}
