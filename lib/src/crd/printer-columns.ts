import type { JsonSchema } from '../katalog/model.ts';

/** One `additionalPrinterColumns` entry of a CRD version. */
export interface PrinterColumn {
  readonly name: string;
  readonly type: 'string' | 'integer' | 'number' | 'boolean' | 'date';
  readonly jsonPath: string;
  readonly description: string;
  /** 1 shows the column only with `kubectl get -o wide`. */
  readonly priority?: number;
}

const READY = '.status.conditions[?(@.type=="Ready")]';

// Flux's column set (Ready, Status, Age), so `kubectl get` reads like any GitOps-managed resource.
// Declaring any column drops kubectl's default Age, hence Age last.
const READY_COLUMNS: readonly PrinterColumn[] = [
  { name: 'Ready', type: 'string', jsonPath: `${READY}.status`, description: 'Whether the last reconcile succeeded' },
  { name: 'Reason', type: 'string', jsonPath: `${READY}.reason`, description: 'Why the resource is or is not ready', priority: 1 },
  { name: 'Status', type: 'string', jsonPath: `${READY}.message`, description: 'The Ready condition message', priority: 1 },
];

const SCALAR_TYPES = ['string', 'integer', 'number', 'boolean'] as const;

const AGE: PrinterColumn = { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp', description: 'Time since creation' };

/** The printer columns of a CRD: Phase when a status field declares `phase`, Ready, Reason, Status and Age. */
export function planPrinterColumns(statusSchema: JsonSchema): PrinterColumn[] {
  const properties = statusSchema['properties'] as Readonly<Record<string, JsonSchema>> | undefined;
  const phase = properties?.['phase'];
  const columns: PrinterColumn[] = [];
  if (phase && phase['type'] !== 'object' && phase['type'] !== 'array') {
    // An `auto` field has no type; kubectl prints any scalar as text.
    const type = SCALAR_TYPES.find((t) => t === phase['type']) ?? 'string';
    columns.push({ name: 'Phase', type, jsonPath: '.status.phase', description: 'The phase written by the status fields' });
  }
  return [...columns, ...READY_COLUMNS, AGE];
}
