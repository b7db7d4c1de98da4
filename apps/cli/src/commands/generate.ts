import {
  hasErrors, planBundle, planCrds, planKatalogConfigMap, planKatalogJsonSchema, planRbacObjects, renderJson, type Component,
  type Katalog, type PlannedObjects,
} from '@orkestra/lib';
import { FILE_OPTION, type Command } from '../command.ts';
import { formatDiagnostics } from '../format-diagnostics.ts';
import { EXIT, UsageError, type CliIo, type ExitCode } from '../io.ts';
import type { LoadedKatalog } from '../load-katalog.ts';
import { withLoadedKatalog } from '../load-katalog-source.ts';
import { REGISTRY_OPTIONS } from '../registry-access.ts';
import type { OptionSpec } from '../options.ts';
import { writeObjects } from '../write-output.ts';

const OUTPUT: OptionSpec = { name: 'output', short: 'o', type: 'string', value: 'FILE', description: 'Where to write: a file, - for stdout, or yaml|json for stdout in that format', default: '-' };
const NAMESPACE: OptionSpec = { name: 'namespace', short: 'n', type: 'string', value: 'NS', description: 'Namespace Orkestra is installed in', default: 'orkestra-system' };
const FOR: OptionSpec = { name: 'for', type: 'string', value: 'LIST', description: 'Components to generate for: runtime, gateway, cc (comma-separated); default: what the Katalog calls for' };
const COMPONENTS: readonly Component[] = ['runtime', 'gateway', 'cc'];
const ALIASES: Record<string, Component> = { runtime: 'runtime', run: 'runtime', gateway: 'gateway', gw: 'gateway', cc: 'cc', controlcenter: 'cc', 'control-center': 'cc' };

/** Loads the Katalog, prints diagnostics, and runs `emit` only when it is valid. */
function withKatalog(values: Record<string, string | boolean | undefined>, io: CliIo, emit: (k: Katalog, loaded: LoadedKatalog) => ExitCode): ExitCode | Promise<ExitCode> {
  return withLoadedKatalog(values, io, (loaded) => {
  if (loaded.diagnostics.length) io.stderr(formatDiagnostics(loaded.diagnostics, io.color));
  if (!loaded.katalog || hasErrors(loaded.diagnostics)) {
    io.stderr(`${loaded.file}: invalid, nothing generated\n`);
    return EXIT.invalid;
  }
  return emit(loaded.katalog, loaded);
  });
}

function namespaceOf(values: Record<string, string | boolean | undefined>): string {
  const ns = (values['namespace'] as string | undefined) ?? 'orkestra-system';
  if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(ns) || ns.length > 63) {
    throw new UsageError(`-n ${ns} is not a valid namespace name`, 'namespaces are DNS-1123 labels, such as orkestra-system');
  }
  return ns;
}

/** Parses `--for runtime,gateway` (aliases run, gw, controlcenter); unknown or empty lists are usage errors. */
export function parseComponents(value: string | undefined): Component[] | undefined {
  // Without --for the planner includes every component the Katalog calls for.
  if (value === undefined) return undefined;
  const parts = value.split(',').map((p) => p.trim().toLowerCase()).filter(Boolean);
  if (parts.length === 0) throw new UsageError('--for needs at least one component', 'use --for runtime,gateway,cc');
  const out = new Set<Component>();
  for (const p of parts) {
    const c = ALIASES[p];
    if (!c) throw new UsageError(`unknown component "${p}" in --for`, 'components are runtime, gateway and cc');
    out.add(c);
  }
  return COMPONENTS.filter((c) => out.has(c));
}

function emitPlan(plan: PlannedObjects, values: Record<string, string | boolean | undefined>, io: CliIo): ExitCode {
  if (plan.diagnostics.length) io.stderr(formatDiagnostics(plan.diagnostics, io.color));
  if (hasErrors(plan.diagnostics)) {
    io.stderr('nothing generated\n');
    return EXIT.invalid;
  }
  return done(io, writeObjects(plan.objects, values['output'] as string | undefined, io), plan.objects.length);
}

function done(io: CliIo, where: string, count: number): ExitCode {
  if (where !== '<stdout>') io.stderr(`wrote ${count} object${count === 1 ? '' : 's'} to ${where}\n`);
  return EXIT.ok;
}

export const generateCrdCommand: Command = {
  name: 'generate crd',
  summary: 'Generate the CustomResourceDefinitions of a Katalog',
  usage: 'ork generate crd [-f FILE] [--crd NAME] [-o FILE|-|yaml|json]',
  options: [FILE_OPTION, OUTPUT, ...REGISTRY_OPTIONS, { name: 'crd', type: 'string', value: 'NAME', description: 'Only this CRD (its key under spec.crds)' }],
  examples: ['ork generate crd -f katalog.yaml -o website-crd.yaml', 'ork generate crd -f katalog.yaml | kubectl apply --server-side -f -'],
  run: (values, _p, io) => withKatalog(values, io, (k) => {
    const only = values['crd'] as string | undefined;
    if (only !== undefined && !k.crds.some((c) => c.name === only)) {
      throw new UsageError(`no CRD "${only}" in ${k.file}`, `CRDs: ${k.crds.map((c) => c.name).join(', ') || 'none'}`);
    }
    const objects = planCrds(k).filter((o) => only === undefined || k.crds.find((c) => c.name === only && `${c.plural}.${c.group}` === o.metadata.name));
    return done(io, writeObjects(objects, values['output'] as string | undefined, io), objects.length);
  }),
};

export const generateBundleCommand: Command = {
  name: 'generate bundle',
  summary: 'Generate the install bundle: Namespace, ServiceAccounts, least-privilege roles, Katalog ConfigMap',
  usage: 'ork generate bundle [-f FILE] [-n NS] [--for runtime,gateway,cc] [-o FILE|-|yaml|json]',
  options: [FILE_OPTION, NAMESPACE, FOR, OUTPUT, ...REGISTRY_OPTIONS],
  examples: ['ork generate bundle -f katalog.yaml -o bundle.yaml', 'ork generate bundle --for gateway -f gateway-katalog.yaml | kubectl apply -f -', 'ork generate bundle -f oci://registry.example.com/platform/katalog@sha256:... | kubectl apply -f -'],
  run: (values, _p, io) => {
    const components = parseComponents(values['for'] as string | undefined);
    const namespace = namespaceOf(values);
    return withKatalog(values, io, (k, loaded) => emitPlan(planBundle(k, { namespace, locate: loaded.locate, ...(components ? { components } : {}) }), values, io));
  },
};

export const generateRbacCommand: Command = {
  name: 'generate rbac',
  summary: 'Generate only the ServiceAccounts and least-privilege roles of the bundle',
  usage: 'ork generate rbac [-f FILE] [-n NS] [--for runtime,gateway,cc] [-o FILE|-|yaml|json]',
  options: [FILE_OPTION, NAMESPACE, FOR, OUTPUT, ...REGISTRY_OPTIONS],
  run: (values, _p, io) => {
    const components = parseComponents(values['for'] as string | undefined);
    const namespace = namespaceOf(values);
    return withKatalog(values, io, (k, loaded) => emitPlan(planRbacObjects(k, { namespace, locate: loaded.locate, ...(components ? { components } : {}) }), values, io));
  },
};

export const generateConfigMapCommand: Command = {
  name: 'generate configmap',
  summary: 'Generate only the ConfigMap holding the resolved Katalog',
  usage: 'ork generate configmap [-f FILE] [-n NS] [-o FILE|-|yaml|json]',
  options: [FILE_OPTION, NAMESPACE, OUTPUT, ...REGISTRY_OPTIONS],
  run: (values, _p, io) => {
    const namespace = namespaceOf(values);
    return withKatalog(values, io, (k) => done(io, writeObjects([planKatalogConfigMap(k, { namespace })], values['output'] as string | undefined, io, false), 1));
  },
};

export const generateSchemaCommand: Command = {
  name: 'generate schema',
  summary: 'Generate the JSON Schema of the Katalog format, for editors',
  usage: 'ork generate schema [-o FILE|-]',
  options: [{ ...OUTPUT, description: 'Where to write the JSON Schema: a file or - for stdout' }],
  examples: ['ork generate schema -o katalog.schema.json', '# then in katalog.yaml: # yaml-language-server: $schema=./katalog.schema.json'],
  run: (values, _p, io) => {
    const target = (values['output'] as string | undefined) ?? '-';
    const text = renderJson(planKatalogJsonSchema());
    if (target === '-' || target === 'json') io.stdout(text);
    else {
      io.writeFile(target, text);
      io.stderr(`wrote ${target}\n`);
    }
    return EXIT.ok;
  },
};
