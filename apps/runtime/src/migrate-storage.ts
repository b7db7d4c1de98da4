// Issue 18: `ork-runtime migrate-storage -f katalog.yaml` (and `ork migrate-storage`): rewrites every
// stored object of the Katalog's multi-version CRDs in the CRD's current storage version, the way
// the Kubernetes storage-version migrator does (an update of each object as read: the API server
// re-encodes it in the storage version), then sets the CRD's status.storedVersions to that
// version alone. Safe to re-run: a CRD whose storedVersions already is [storage] is skipped; a
// conflict re-reads the object; any object left unwritten leaves storedVersions as it was
// (ORK3206), so a version is never dropped while objects may still be stored in it.
// It runs under the caller's kubeconfig (a one-off task, like kubectl), never under the runtime's
// bundle: it needs list and update on the CRs and patch on customresourcedefinitions/status.
import { kubeCluster, loadKubeConfig } from '@orkestra/adapters/kube';
import { loadKatalogFile } from '@orkestra/adapters/process';
import type { CrdEntry } from '@orkestra/lib';
import { crdVersions } from '@orkestra/lib/katalog';
import type { Cluster, KubeObject as ClusterObject, Resource } from '@orkestra/lib/ports';

const CRDS: Resource = { group: 'apiextensions.k8s.io', version: 'v1', resource: 'customresourcedefinitions', namespaced: false };
const PAGE = 250;
const CONFLICT_RETRIES = 5;

/** One CRD's outcome. */
export type MigrationOutcome =
  | { readonly crd: string; readonly type: 'skipped'; readonly why: string }
  | { readonly crd: string; readonly type: 'migrated'; readonly storage: string; readonly objects: number; readonly before: readonly string[] }
  | { readonly crd: string; readonly type: 'incomplete'; readonly storage: string; readonly objects: number; readonly failures: readonly string[] };

/** Migrates one CRD; never throws for API failures. */
export async function migrateCrd(cluster: Cluster, crd: CrdEntry): Promise<MigrationOutcome> {
  const name = `${crd.plural}.${crd.group}`;
  const got = await cluster.get({ resource: CRDS, name });
  if (!got.ok) return got.error.type === 'not-found' ? { crd: name, type: 'skipped', why: 'not installed' } : { crd: name, type: 'incomplete', storage: '?', objects: 0, failures: [`get CRD: ${got.error.message}`] };
  const live = got.value as ClusterObject & { spec?: { versions?: { name: string; storage?: boolean }[] }; status?: { storedVersions?: string[] } };
  // The cluster's CRD says which version is stored now (it may differ from the Katalog's during a roll-out).
  const storage = live.spec?.versions?.find((v) => v.storage)?.name;
  if (storage === undefined) return { crd: name, type: 'incomplete', storage: '?', objects: 0, failures: ['the installed CRD marks no storage version'] };
  const before = live.status?.storedVersions ?? [];
  if (before.length === 1 && before[0] === storage) return { crd: name, type: 'skipped', why: `status.storedVersions is already [${storage}]` };
  const resource: Resource = { group: crd.group, version: storage, resource: crd.plural, namespaced: crd.scope === 'Namespaced' };
  const failures: string[] = [];
  let objects = 0;
  let cont: string | undefined;
  do {
    const page = await cluster.list(resource, { limit: PAGE, ...(cont !== undefined ? { continue: cont } : {}) });
    if (!page.ok) {
      failures.push(`list ${crd.plural}: ${page.error.message}`);
      break;
    }
    for (const item of page.value.items) {
      const r = await rewrite(cluster, resource, item);
      if (r === undefined) objects++;
      else failures.push(r);
    }
    cont = page.value.continue;
  } while (cont !== undefined && cont !== '');
  if (failures.length > 0) return { crd: name, type: 'incomplete', storage, objects, failures };
  const patched = await cluster.patchStatus({ resource: CRDS, name }, { storedVersions: [storage] }, 'ork-migrate-storage');
  if (!patched.ok) return { crd: name, type: 'incomplete', storage, objects, failures: [`set status.storedVersions: ${patched.error.message}`] };
  return { crd: name, type: 'migrated', storage, objects, before };
}

// An update of the object as read; on a conflict (someone wrote it meanwhile: then it is already
// stored in the storage version, but re-reading costs little) read and write again.
async function rewrite(cluster: Cluster, resource: Resource, item: ClusterObject): Promise<string | undefined> {
  const ref = { resource, name: item.metadata.name, ...(item.metadata.namespace !== undefined ? { namespace: item.metadata.namespace } : {}) };
  const where = `${item.metadata.namespace !== undefined ? `${item.metadata.namespace}/` : ''}${item.metadata.name}`;
  let current = item;
  for (let i = 0; i < CONFLICT_RETRIES; i++) {
    const r = await cluster.update(resource, current);
    if (r.ok || r.error.type === 'not-found') return undefined;
    if (r.error.type !== 'conflict') return `${where}: ${r.error.message}`;
    const again = await cluster.get(ref);
    if (!again.ok) return again.error.type === 'not-found' ? undefined : `${where}: ${again.error.message}`;
    current = again.value;
  }
  return `${where}: still conflicting after ${CONFLICT_RETRIES} tries`;
}

/** The task's command line: `migrate-storage [-f FILE] [--crd NAME]`; exit 0 done, 1 incomplete, 2 usage. */
export async function migrateStorageMain(argv: readonly string[], env: Readonly<Record<string, string | undefined>>, out: (s: string) => void, err: (s: string) => void): Promise<number> {
  let file = env['KATALOG_PATH'];
  let only: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if ((a === '-f' || a === '--filename') && argv[i + 1] !== undefined) file = argv[++i];
    else if (a === '--crd' && argv[i + 1] !== undefined) only = argv[++i];
    else {
      err(`ork-runtime: migrate-storage: unexpected argument ${a}\nusage: ork-runtime migrate-storage [-f FILE] [--crd NAME]\n`);
      return 2;
    }
  }
  if (file === undefined) {
    err('ork-runtime: migrate-storage: no Katalog: pass -f FILE or set KATALOG_PATH\n');
    return 2;
  }
  const loaded = loadKatalogFile(file);
  if (loaded.type === 'error') {
    err(`ork-runtime: ${loaded.message}\n`);
    return 2;
  }
  const crds = loaded.katalog.crds.filter((c) => c.enabled && crdVersions(c).length > 1 && (only === undefined || c.name === only));
  if (only !== undefined && crds.length === 0) {
    err(`ork-runtime: migrate-storage: --crd ${only} is not an enabled CRD with several versions in ${file}\n`);
    return 2;
  }
  let cluster: ReturnType<typeof kubeCluster>;
  try {
    cluster = kubeCluster(loadKubeConfig());
  } catch (e) {
    err(`ork-runtime: cannot load a kubeconfig: ${e instanceof Error ? e.message : String(e)}\n`);
    return 2;
  }
  let incomplete = 0;
  for (const crd of crds) {
    const r = await migrateCrd(cluster, crd);
    if (r.type === 'skipped') out(`${r.crd}: nothing to do (${r.why})\n`);
    else if (r.type === 'migrated') out(`${r.crd}: ${r.objects} object${r.objects === 1 ? '' : 's'} rewritten as ${r.storage}; status.storedVersions [${r.before.join(', ')}] → [${r.storage}]\n`);
    else {
      incomplete++;
      err(`${r.crd}: ORK3206 storage migration incomplete: ${r.objects} rewritten as ${r.storage}, ${r.failures.length} not:\n${r.failures.slice(0, 20).map((f) => `  ${f}\n`).join('')}  status.storedVersions left as it was; fix the cause and run migrate-storage again (it is safe to repeat)\n`);
    }
  }
  if (crds.length === 0) out('no CRD of the Katalog has several versions: nothing to migrate\n');
  return incomplete > 0 ? 1 : 0;
}
