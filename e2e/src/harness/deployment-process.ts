// Runs one container of a Deployment the chart installed as a LOCAL process: the test control plane
// has no kubelet, so no pod ever starts. The environment comes from the Deployment as the API server
// stored it; only what cannot hold outside a pod is mapped, each for a stated reason, and anything
// else the chart might add (an envFrom, a command, an unknown valueFrom) is an error, never dropped.
import { writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { startApp, type AppProcess } from './app-process.ts';
import { controlPlane } from './control-plane.ts';
import { kubectlJson, kubectlOk, tokenKubeconfig } from './kubectl.ts';
import { scratchDir } from './scratch.ts';

/** The parts of an apps/v1 Deployment read here. */
export interface Deployment {
  metadata: { name: string; namespace: string; generation?: number; labels?: Record<string, string> };
  spec: { template: { metadata?: { annotations?: Record<string, string> }; spec: PodSpec } };
}

interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: { fieldRef?: { fieldPath: string }; configMapKeyRef?: { name: string; key: string }; secretKeyRef?: { name: string; key: string } };
}

interface PodSpec {
  serviceAccountName?: string;
  containers: { name: string; command?: string[]; args?: string[]; env?: EnvVar[]; envFrom?: unknown[]; volumeMounts?: { name: string; mountPath: string }[] }[];
  volumes?: { name: string; configMap?: { name: string; items?: { key: string; path: string }[] } }[];
}

/** What the image runs (Dockerfile): ENTRYPOINT node <entry>, CMD [<cmd>]. */
export interface ImageEntry {
  readonly entry: string;
  readonly cmd: string;
}

/** A started local copy of the container, with the environment it got. */
export interface DeploymentProcess {
  readonly app: AppProcess;
  /** The container's environment as the Deployment states it (valueFrom resolved). */
  readonly declared: Readonly<Record<string, string>>;
  /** What the process got instead, by name: the mapped variables only. */
  readonly mapped: Readonly<Record<string, string>>;
  readonly serviceAccount: string;
}

/** Starts the Deployment's only container as `node <entry> <args>`, args defaulting to the image's CMD. */
export function startFromDeployment(deploy: Deployment, image: ImageEntry): DeploymentProcess {
  const pod = deploy.spec.template.spec;
  const [container, ...others] = pod.containers;
  if (!container || others.length > 0) throw new Error(`${deploy.metadata.name}: expected exactly one container`);
  // A command would replace the image's ENTRYPOINT, which the local run stands in for.
  if (container.command) throw new Error(`${deploy.metadata.name}: a container command is not mapped to a local run`);
  if (container.envFrom?.length) throw new Error(`${deploy.metadata.name}: envFrom is not mapped to a local run`);
  const ns = deploy.metadata.namespace;
  const declared: Record<string, string> = {};
  for (const e of container.env ?? []) declared[e.name] = resolveEnv(e, ns, deploy.metadata.name);

  const serviceAccount = pod.serviceAccountName ?? 'default';
  // In a pod the kubelet mounts this ServiceAccount's token; out of one, a kubeconfig carries it.
  const token = kubectlOk(['create', 'token', serviceAccount, '--duration', '1h'], { namespace: ns }).trim();
  const mapped: Record<string, string> = {
    KUBECONFIG: tokenKubeconfig(controlPlane().kubeconfig, token),
    // Each pod has its own network namespace; here every app shares the host's, where the
    // container ports (8080 for both runtime and gateway) collide: free loopback ports instead.
    ORK_HOST: '127.0.0.1',
    ORK_PORT: '0',
  };
  if ('ORK_WEBHOOK_PORT' in declared) {
    // Same reason. Out of cluster (no KUBERNETES_SERVICE_HOST) the gateway then writes its
    // webhooks' clientConfig.url as https://127.0.0.1:<port>, as gateway-process.ts relies on.
    mapped['ORK_WEBHOOK_HOST'] = '127.0.0.1';
    mapped['ORK_WEBHOOK_PORT'] = '0';
  }
  const katalog = declared['KATALOG_PATH'];
  // The ConfigMap volume's mountPath does not exist on this machine: the same key, in a file.
  if (katalog !== undefined) mapped['KATALOG_PATH'] = katalogFile(deploy, container.volumeMounts ?? [], katalog);
  // As in a pod: the container's args replace the image's CMD; its ENTRYPOINT stays.
  const app = startApp(image.entry, container.args ?? [image.cmd], { ...declared, ...mapped });
  return { app, declared, mapped, serviceAccount };
}

function resolveEnv(e: EnvVar, ns: string, where: string): string {
  if (e.value !== undefined) return e.value;
  const from = e.valueFrom;
  if (from?.fieldRef?.fieldPath === 'metadata.namespace') return ns;
  if (from?.configMapKeyRef) return dataOf('configmap', from.configMapKeyRef.name, ns)[from.configMapKeyRef.key] ?? missing(where, e.name);
  if (from?.secretKeyRef) {
    const b64 = dataOf('secret', from.secretKeyRef.name, ns)[from.secretKeyRef.key] ?? missing(where, e.name);
    return Buffer.from(b64, 'base64').toString('utf8');
  }
  throw new Error(`${where}: env ${e.name}: ${JSON.stringify(from)} is not mapped to a local run`);
}

function missing(where: string, name: string): never {
  throw new Error(`${where}: env ${name}: the referenced key does not exist`);
}

function dataOf(kind: 'configmap' | 'secret', name: string, ns: string): Record<string, string> {
  return kubectlJson<{ data?: Record<string, string> }>(['get', kind, name], { namespace: ns }).data ?? {};
}

/** Writes the file KATALOG_PATH names inside its ConfigMap volume to a local file; its path. */
function katalogFile(deploy: Deployment, mounts: readonly { name: string; mountPath: string }[], path: string): string {
  const where = deploy.metadata.name;
  const mount = mounts.find((m) => path.startsWith(`${m.mountPath.replace(/\/+$/, '')}/`));
  if (!mount) throw new Error(`${where}: KATALOG_PATH ${path} is under no volume mount`);
  const volume = deploy.spec.template.spec.volumes?.find((v) => v.name === mount.name);
  if (!volume?.configMap) throw new Error(`${where}: KATALOG_PATH ${path} is not in a ConfigMap volume`);
  const file = path.slice(mount.mountPath.replace(/\/+$/, '').length + 1);
  const key = volume.configMap.items ? volume.configMap.items.find((i) => i.path === file)?.key : file;
  const text = key === undefined ? undefined : dataOf('configmap', volume.configMap.name, deploy.metadata.namespace)[key];
  if (text === undefined) throw new Error(`${where}: KATALOG_PATH ${path}: no such key in ConfigMap ${volume.configMap.name}`);
  const local = join(scratchDir(`katalog-${where}`), basename(file));
  writeFileSync(local, text);
  return local;
}
