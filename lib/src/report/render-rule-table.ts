import type { PlannedRule } from '../rbac/rbac-model.ts';
import type { Paint } from './paint.ts';

/**
 * Renders rules as aligned columns (group, resource [names], verbs) with each reason after an
 * arrow; further reasons go on their own lines under the first. Core group shows as `core`.
 * Widths are measured on plain text, so colour never breaks the alignment.
 */
export function renderRuleTable(rules: readonly PlannedRule[], indent: string, paint: Paint): string[] {
  const rows = rules.map((r) => ({
    group: r.rule.apiGroups.map((g) => (g === '' ? 'core' : g)).join(','),
    resource: r.rule.resources.join(',') + (r.rule.resourceNames ? ` [${r.rule.resourceNames.join(', ')}]` : ''),
    verbs: r.rule.verbs.join(' '),
    reasons: r.reasons,
    critical: r.critical,
  }));
  const width = (pick: (row: (typeof rows)[number]) => string): number => Math.max(0, ...rows.map((row) => pick(row).length));
  const [g, res, v] = [width((r) => r.group), width((r) => r.resource), width((r) => r.verbs)];
  const lines: string[] = [];
  for (const row of rows) {
    const head = `${indent}${row.group.padEnd(g)}  ${row.resource.padEnd(res)}  `;
    const verbs = row.verbs.padEnd(v);
    const mark = row.critical ? `${paint.bad('CRITICAL')} ` : '';
    const [first = '', ...rest] = row.reasons;
    lines.push(`${head}${row.critical ? paint.bad(verbs) : verbs}  ${paint.dim('←')} ${mark}${first}`.trimEnd());
    const pad = ' '.repeat(head.length + v + 2);
    for (const reason of rest) lines.push(`${pad}${paint.dim('←')} ${reason}`);
  }
  return lines;
}
