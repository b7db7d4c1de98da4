import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  parseKatalog, planBundle, planChildren, planCrds, planFullReport, planRbac, renderDiagnostics, renderFullReport,
  renderYamlDocuments, type Component, type CrObject, type Diagnostic,
} from '@orkestra/lib';
import { readYaml } from '@orkestra/lib/katalog';

/** Per-case options (`options.json`), all optional. */
interface CaseOptions {
  /** Install namespace for the bundle and report. */
  readonly namespace?: string;
  /** `--for` components of the bundle. */
  readonly components?: Component[];
}

/** Generation hints for inputs too large to keep in git (`input.json`). */
interface CaseInput {
  readonly padToBytes?: number;
}

/**
 * Produces every output a case is checked on, keyed by file name under expected/:
 * diagnostics.txt always; for a valid Katalog also report.txt (validate --full), bundle.yaml,
 * crd.yaml (when it has CRDs) and children-<cr>.yaml for each cr*.yaml beside the Katalog.
 */
export function produceOutputs(dir: string): Record<string, string> {
  const options = readJson<CaseOptions>(join(dir, 'options.json')) ?? {};
  const input = readJson<CaseInput>(join(dir, 'input.json')) ?? {};
  let text = readFileSync(join(dir, 'katalog.yaml'), 'utf8');
  if (input.padToBytes) text += '#'.padEnd(79, '.').concat('\n').repeat(Math.ceil((input.padToBytes - text.length) / 80));
  const readFile = (path: string) => (existsSync(join(dir, path)) ? readFileSync(join(dir, path), 'utf8') : undefined);
  const parsed = parseKatalog({ file: 'katalog.yaml', text }, { readFile });
  const locate = (path: readonly (string | number)[]) => parsed.locator.at(path);
  const out: Record<string, string> = {};
  const diagnostics: Diagnostic[] = [...parsed.diagnostics];
  if (parsed.ok) {
    const k = parsed.katalog;
    const ns = options.namespace !== undefined ? { namespace: options.namespace } : {};
    const bundle = planBundle(k, { ...ns, locate, ...(options.components ? { components: options.components } : {}) });
    diagnostics.push(...bundle.diagnostics);
    out['bundle.yaml'] = renderYamlDocuments(bundle.objects);
    out['report.txt'] = renderFullReport(planFullReport(k, planRbac(k, { ...ns, locate }), { diagnostics: parsed.diagnostics }), { color: false });
    const crds = planCrds(k);
    if (crds.length) out['crd.yaml'] = renderYamlDocuments(crds);
    for (const file of crFiles(dir)) {
      const read = readYaml(file, readFileSync(join(dir, file), 'utf8'));
      const cr = read.value as CrObject;
      const crd = k.crds.find((c) => cr && `${c.group}/${c.version}` === cr.apiVersion && c.kind === cr.kind);
      if (!crd) throw new Error(`${dir}/${file}: no CRD of the Katalog matches ${cr?.apiVersion} ${cr?.kind}`);
      const plan = planChildren(crd, cr);
      const problems = plan.problems.map((p) => `# problem: ${p.path}: ${p.message}\n`).join('');
      const skipped = plan.skipped.map((s) => `# skipped by when: ${s.phase}.${s.key}[${s.index}]\n`).join('');
      out[`children-${file.replace(/\.yaml$/, '')}.yaml`] = problems + skipped + renderYamlDocuments(plan.children.map((c) => c.object));
    }
  }
  out['diagnostics.txt'] = renderDiagnostics(dedupe(diagnostics));
  return out;
}

function crFiles(dir: string): string[] {
  return ['cr.yaml', 'cr-2.yaml', 'cr-3.yaml'].filter((f) => existsSync(join(dir, f)));
}

function readJson<T>(path: string): T | undefined {
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as T) : undefined;
}

// The bundle planner repeats the parser's warnings it was handed; each finding is shown once.
function dedupe(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const key = `${d.code}|${d.line}|${d.column}|${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
