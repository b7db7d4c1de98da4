// What every command that talks to a registry shares (issue 19): the flags (oras's and helm's
// names), the client built from them, and how a registry problem is printed and exits.
import type { Code } from '@orkestra/lib';
import { parseReference, registryDiagnostic, withDefaultTag, type OciReference, type RegistryProblem } from '@orkestra/lib/registry';
import type { RegistryClient } from '@orkestra/lib/ports';
import { formatUsageError } from './format-diagnostics.ts';
import { EXIT, UsageError, type CliIo, type ExitCode } from './io.ts';
import type { OptionSpec } from './options.ts';

/** The flags of push, pull and `-f oci://`. */
export const REGISTRY_OPTIONS: readonly OptionSpec[] = [
  { name: 'plain-http', type: 'boolean', description: 'Talk to the registry over plain HTTP (a loopback registry may fall back to it anyway)' },
  { name: 'ca-file', type: 'string', value: 'FILE', description: 'PEM CA certificate the registry\'s TLS certificate is checked against (besides the system CAs)' },
  { name: 'registry-config', type: 'string', value: 'FILE', description: 'Docker config file with registry credentials (default: $DOCKER_CONFIG/config.json, else ~/.docker/config.json)' },
];

/** How the CLI reaches one registry host; main.ts builds the real client, tests a fake one. */
export interface RegistryAccess {
  readonly host: string;
  readonly plainHttp: boolean;
  /** PEM text of --ca-file. */
  readonly ca?: string;
  /** --registry-config, when given. */
  readonly configFile?: string;
}

/** A client and the way to release its sockets. */
export interface OpenedRegistry {
  readonly client: RegistryClient;
  close(): void;
}

/** Parses an `oci://` reference argument; an invalid one is a usage error. */
export function referenceArg(text: string, what: string): OciReference {
  const parsed = parseReference(text);
  if (parsed.type === 'error') throw new UsageError(`${what}: ${parsed.message}`, parsed.hint);
  return withDefaultTag(parsed.reference);
}

/** Opens a client for `ref.host` with the command's registry flags. */
export function openRegistry(ref: OciReference, values: Record<string, string | boolean | undefined>, io: CliIo): OpenedRegistry {
  const caFile = values['ca-file'] as string | undefined;
  let ca: string | undefined;
  if (caFile !== undefined) {
    const read = io.readFile(caFile);
    if (read.type !== 'ok') throw new UsageError(`cannot read --ca-file: ${read.message}`, 'give a PEM file with the registry\'s CA certificate');
    if (!read.text.includes('-----BEGIN CERTIFICATE-----')) throw new UsageError(`--ca-file ${caFile} holds no PEM certificate`, 'give a PEM file with the registry\'s CA certificate');
    ca = read.text;
  }
  const configFile = values['registry-config'] as string | undefined;
  return io.registry({ host: ref.host, plainHttp: values['plain-http'] === true, ...(ca !== undefined ? { ca } : {}), ...(configFile !== undefined ? { configFile } : {}) });
}

/** Configuration problems exit 2 (credentials, TLS trust, plain HTTP, the reference); content and reachability 1. */
const CONFIG_CODES: readonly Code[] = ['ORK1500', 'ORK1507', 'ORK1508', 'ORK1510', 'ORK1511', 'ORK1512'];

/** Prints a registry problem as `ork: error ORK1501: oci://…: message` plus its hint; returns the exit code. */
export function reportProblem(problem: RegistryProblem, reference: string, io: CliIo): ExitCode {
  const d = registryDiagnostic(problem, reference);
  io.stderr(formatUsageError(`${d.code}: ${reference}: ${d.path ? `${d.path}: ` : ''}${d.message}`, d.hint, io.color));
  return CONFIG_CODES.includes(problem.code) ? EXIT.usage : EXIT.invalid;
}
