// `ork admit` (issue 15): the verdict the gateway's rule webhooks would give a custom resource,
// offline. Exit 0 allowed, 1 denied, 2 bad usage or unreadable input (file:line:col, no stack).
import { renderJson } from '@orkestra/lib';
import { describeGot, type Operation } from '@orkestra/lib/admission';
import { admitOffline, type AdmitResult } from '@orkestra/lib/gateway';
import { FILE_OPTION, type Command } from '../command.ts';
import { formatDiagnostics } from '../format-diagnostics.ts';
import { EXIT, UsageError, type CliIo } from '../io.ts';
import { withLoadedKatalog } from '../load-katalog-source.ts';
import { REGISTRY_OPTIONS } from '../registry-access.ts';

const OPERATIONS: readonly Operation[] = ['CREATE', 'UPDATE', 'DELETE'];

/** `ork admit -f katalog.yaml --cr cr.yaml [--old old.yaml] [--operation OP] [-o json]`. */
export const admitCommand: Command = {
  name: 'admit',
  summary: 'Show the verdict the gateway would give a custom resource: violations, warnings, JSON Patch (offline)',
  usage: 'ork admit -f FILE --cr CR.yaml [--old OLD.yaml] [--operation CREATE|UPDATE|DELETE] [-o text|json]',
  options: [
    FILE_OPTION,
    { name: 'cr', type: 'string', value: 'FILE', description: 'The custom resource (on DELETE, the one being deleted)' },
    { name: 'old', type: 'string', value: 'FILE', description: 'The stored custom resource an UPDATE replaces (implies --operation UPDATE)' },
    { name: 'operation', type: 'string', value: 'OP', description: 'CREATE, UPDATE or DELETE', default: 'CREATE, or UPDATE with --old' },
    { name: 'output', short: 'o', type: 'string', value: 'FORMAT', description: 'Output format: text or json', default: 'text' },
    ...REGISTRY_OPTIONS,
  ],
  examples: ['ork admit -f katalog.yaml --cr website.yaml', 'ork admit -f katalog.yaml --cr new.yaml --old stored.yaml -o json', 'ork admit -f katalog.yaml --cr website.yaml --operation DELETE'],
  run(values, positionals, io) {
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`, 'give files with --cr and --old');
    const output = (values['output'] as string | undefined) ?? 'text';
    if (output !== 'text' && output !== 'json') throw new UsageError(`-o ${output} is not a format of admit`, 'use -o text or -o json');
    const crFile = values['cr'] as string | undefined;
    if (crFile === undefined) throw new UsageError('--cr is required', 'name the custom resource file: ork admit -f katalog.yaml --cr website.yaml');
    const oldFile = values['old'] as string | undefined;
    const given = values['operation'] as string | undefined;
    const operation = (given?.toUpperCase() ?? (oldFile !== undefined ? 'UPDATE' : 'CREATE')) as Operation;
    if (!OPERATIONS.includes(operation)) throw new UsageError(`--operation ${given} is not one of CREATE, UPDATE, DELETE`, 'CONNECT reviews carry no object to check');
    if (operation === 'UPDATE' && oldFile === undefined) throw new UsageError('--operation UPDATE needs --old', 'give the stored object with --old FILE');
    if (operation !== 'UPDATE' && oldFile !== undefined) throw new UsageError(`--old is only read for UPDATE, not ${operation}`, 'remove --old, or use --operation UPDATE');
    const cr = readInput(io, crFile, '--cr');
    const old = oldFile !== undefined ? readInput(io, oldFile, '--old') : undefined;
    return withLoadedKatalog(values, io, (loaded) => {
      if (!loaded.katalog) {
        io.stderr(formatDiagnostics(loaded.diagnostics, io.color));
        io.stderr(`${loaded.file}: invalid Katalog: fix it with "ork validate" first\n`);
        return EXIT.usage;
      }
      const result = admitOffline({ katalog: loaded.katalog, cr, ...(old ? { old } : {}), operation });
      if (result.type === 'problems') {
        io.stderr(formatDiagnostics(result.diagnostics, io.color));
        return EXIT.usage;
      }
      io.stdout(output === 'json' ? renderJson(asJson(result, crFile)) : renderText(result, crFile));
      return result.verdict.allowed ? EXIT.ok : EXIT.invalid;
    });
  },
};

function readInput(io: CliIo, file: string, flag: string): { file: string; text: string } {
  const read = file === '-' ? io.readStdin() : io.readFile(file);
  if (read.type !== 'ok') throw new UsageError(`cannot read ${flag} ${file}: ${read.message}`, `check the path given to ${flag}`);
  return { file: file === '-' ? '<stdin>' : file, text: read.text };
}

type Verdicted = Extract<AdmitResult, { type: 'verdict' }>;

function asJson(r: Verdicted, file: string): unknown {
  const v = r.verdict;
  return {
    file, crd: r.crd, operation: r.operation, target: r.target, allowed: v.allowed,
    violations: v.violations, warnings: v.warnings, patch: v.patch,
    ...(r.decision.allowed ? {} : { message: r.decision.status.message }),
    ...(r.operation !== 'DELETE' ? { object: v.object } : {}),
  };
}

// kubectl create -f, replace -f and delete -f word their errors so.
const VERB: Record<Operation, string> = { CREATE: 'creating', UPDATE: 'replacing', DELETE: 'deleting', CONNECT: 'connecting to' };

function renderText(r: Verdicted, file: string): string {
  const v = r.verdict;
  const lines: string[] = [];
  const n = v.violations.length;
  lines.push(`${r.operation} ${r.target}: ${v.allowed ? 'allowed' : `denied by ${n} validation rule${n === 1 ? '' : 's'}`}`);
  for (const x of v.violations) lines.push(`  deny  field ${x.field}: ${x.message} (got: ${describeGot(x.got)})`);
  for (const x of v.warnings) lines.push(`  warn  field ${x.field}: ${x.message} (got: ${describeGot(x.got)})`);
  if (v.patch.length > 0) {
    lines.push('mutation (JSON Patch, applied before validation):');
    for (const p of v.patch) lines.push(`  ${p.op.padEnd(7)} ${p.path} ${JSON.stringify(p.value)}`);
  }
  for (const m of v.mutations) if (m.type === 'failed') lines.push(`  not set  ${m.field}: ${m.reason}`);
  if (!r.decision.allowed || r.decision.warnings.length > 0) {
    lines.push('kubectl would print:');
    for (const w of r.decision.warnings) lines.push(`  Warning: ${w}`);
    if (!r.decision.allowed) {
      lines.push(`  Error from server (Forbidden): error when ${VERB[r.operation]} "${file}": admission webhook "validate.orkestra.orkspace.io" denied the request: ${r.decision.status.message}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
