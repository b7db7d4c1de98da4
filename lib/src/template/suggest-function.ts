import { FUNCTIONS } from './functions/table.ts';

// Names from sprig and Orkestra's Go notes that people will reach for, mapped to ours.
const ALIASES: ReadonlyMap<string, string> = new Map(Object.entries({
  atoi: 'int', sha256: 'sha256sum', base64: 'b64enc', truncate: 'trunc', title: 'upper', nospace: 'replace',
  getor: 'default', getstringor: 'default', getintor: 'default', listget: 'index', mapget: 'index', listlen: 'len',
  float64: 'toFloat', int64: 'int', tojsonstring: 'toJson', dateformat: 'timeFormat', squote: 'quote',
}));

/** The supported function an unknown name most likely meant, if any is close. */
export function suggestFunction(name: string): string | undefined {
  const lowered = name.toLowerCase();
  const alias = ALIASES.get(lowered);
  if (alias !== undefined) return alias;
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of FUNCTIONS.keys()) {
    if (candidate.toLowerCase() === lowered) return candidate;
    const distance = editDistance(lowered, candidate.toLowerCase());
    // Short names are all close to each other; require most of the name to match.
    if (distance < bestDistance && distance * 2 < candidate.length) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min((previous[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
    }
    previous = row;
  }
  return previous[b.length] ?? 0;
}
