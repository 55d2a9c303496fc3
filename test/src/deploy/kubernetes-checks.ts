import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { StatefulSet } from 'kubernetes-models/apps/v1/StatefulSet';
import { Job } from 'kubernetes-models/batch/v1/Job';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Namespace } from 'kubernetes-models/v1/Namespace';
import { Secret } from 'kubernetes-models/v1/Secret';
import { Service } from 'kubernetes-models/v1/Service';
import { parse, parseAllDocuments } from 'yaml';

/**
 * Checks of Kubernetes manifests that need no cluster: each object against the API's schema
 * (kubernetes-models, generated from Kubernetes' OpenAPI), then what a schema cannot see — selectors
 * that select, ports that resolve, references that exist, probes and limits — and which pod may
 * open a connection to which under the NetworkPolicies.
 */

export interface Manifest {
  file: string;
  object: any;
}

const MODELS: Record<string, new (data: any) => { validate(): void }> = {
  'v1/Namespace': Namespace,
  'v1/Service': Service,
  'v1/Secret': Secret,
  'v1/ConfigMap': ConfigMap,
  'apps/v1/Deployment': Deployment,
  'apps/v1/StatefulSet': StatefulSet,
  'batch/v1/Job': Job,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
  'networking.k8s.io/v1/NetworkPolicy': NetworkPolicy,
};

/** Every document of a YAML text; a YAML syntax error is thrown with the file's name. */
export function parseManifests(file: string, text: string): Manifest[] {
  return parseAllDocuments(text).flatMap((doc) => {
    if (doc.errors.length > 0) throw new Error(`${file}: ${doc.errors.map((e) => e.message).join('; ')}`);
    const object = doc.toJS();
    return object ? [{ file, object }] : [];
  });
}

/** The manifests kustomization.yaml lists, in its order. */
export function loadKustomization(dir: string): { resources: string[]; manifests: Manifest[]; namespace: string } {
  const kustomization = parse(readFileSync(join(dir, 'kustomization.yaml'), 'utf8'));
  const resources: string[] = kustomization.resources;
  return {
    resources,
    namespace: kustomization.namespace,
    manifests: resources.flatMap((file) => parseManifests(file, readFileSync(join(dir, file), 'utf8'))),
  };
}

const describeObject = (m: Manifest) => `${m.file}: ${m.object?.kind ?? '?'} ${m.object?.metadata?.name ?? '?'}`;

/** Each object validated against its kind's schema; an unknown kind is a problem too. */
export function schemaProblems(manifests: Manifest[]): string[] {
  return manifests.flatMap((m) => {
    const Model = MODELS[`${m.object?.apiVersion}/${m.object?.kind}`];
    if (!Model) return [`${describeObject(m)}: no schema for ${m.object?.apiVersion} ${m.object?.kind}`];
    if (!m.object.metadata?.name) return [`${describeObject(m)}: metadata.name is missing`];
    try {
      new Model(m.object).validate();
      return [];
    } catch (error) {
      return [`${describeObject(m)}: ${(error as Error).message}`];
    }
  });
}

/** A pod template and where it came from. */
export interface Workload {
  kind: string;
  name: string;
  replicas: number;
  selector: any;
  pod: any;
  labels: Record<string, string>;
  ports: { name?: string; port: number }[];
  /** A StatefulSet's volumeClaimTemplates: volumes its containers may mount too. */
  claims: string[];
}

export function workloads(manifests: Manifest[]): Workload[] {
  return manifests
    .filter((m) => ['Deployment', 'StatefulSet', 'Job'].includes(m.object.kind))
    .map(({ object }) => {
      const pod = object.spec.template;
      return {
        kind: object.kind,
        name: object.metadata.name,
        replicas: object.spec.replicas ?? 1,
        selector: object.spec.selector,
        pod,
        labels: pod?.metadata?.labels ?? {},
        ports: (pod?.spec?.containers ?? []).flatMap((c: any) =>
          (c.ports ?? []).filter((p: any) => (p.protocol ?? 'TCP') === 'TCP').map((p: any) => ({ name: p.name, port: p.containerPort })),
        ),
        claims: (object.spec.volumeClaimTemplates ?? []).map((t: any) => t.metadata?.name),
      };
    });
}

/** matchLabels and matchExpressions, as the API server applies a LabelSelector; `{}` selects all. */
export function selects(selector: any, labels: Record<string, string>): boolean {
  if (!selector) return false;
  const byLabel = Object.entries(selector.matchLabels ?? {}).every(([k, v]) => labels[k] === v);
  const byExpression = (selector.matchExpressions ?? []).every((e: any) => {
    const has = Object.prototype.hasOwnProperty.call(labels, e.key);
    if (e.operator === 'In') return has && e.values.includes(labels[e.key]);
    if (e.operator === 'NotIn') return !has || !e.values.includes(labels[e.key]);
    if (e.operator === 'Exists') return has;
    if (e.operator === 'DoesNotExist') return !has;
    return false;
  });
  return byLabel && byExpression;
}

const HUB_IMAGE = /^partner-hub(:|$)/;

/**
 * What a schema cannot check: selectors that match their pods, Services and budgets that select
 * something, ports and probes that resolve, Secret and ConfigMap references that exist (in the
 * manifests or among the ones created out of band), limits on every container, and the hub's
 * own rules — no Secret values in the manifests, no service links (they would set POLICE_PORT),
 * read-only root file systems, `/readyz` and `/healthz` probes, `*_FILE` variables under a mount.
 */
export function consistencyProblems(manifests: Manifest[], outOfBand: Manifest[]): string[] {
  const problems: string[] = [];
  const all = workloads(manifests);
  const referable = [...manifests, ...outOfBand].map((m) => m.object);
  const find = (kind: string, name: string) => referable.find((o) => o.kind === kind && o.metadata?.name === name);
  const keysOf = (o: any) => new Set([...Object.keys(o?.data ?? {}), ...Object.keys(o?.stringData ?? {})]);

  for (const m of manifests) {
    if (m.object.kind === 'Secret') problems.push(`${describeObject(m)}: Secret values do not belong in the manifests`);
  }
  for (const w of all) {
    const where = `${w.kind} ${w.name}`;
    if (!w.selector?.matchLabels || !selects(w.selector, w.labels)) problems.push(`${where}: its selector does not select its own pods`);
    const spec = w.pod?.spec ?? {};
    const hub = (spec.containers ?? []).some((c: any) => HUB_IMAGE.test(c.image));
    if (hub && spec.enableServiceLinks !== false) problems.push(`${where}: enableServiceLinks must be false (POLICE_PORT=tcp://...)`);
    const volumes = new Map<string, any>((spec.volumes ?? []).map((v: any) => [v.name, v]));
    for (const v of volumes.values()) {
      const ref = v.secret ? (['Secret', v.secret.secretName] as const) : v.configMap ? (['ConfigMap', v.configMap.name] as const) : null;
      if (!ref) continue;
      const target = find(ref[0], ref[1]);
      if (!target) problems.push(`${where}: volume ${v.name} names ${ref[0]} ${ref[1]}, which nothing creates`);
      for (const item of (v.secret ?? v.configMap).items ?? []) {
        if (target && !keysOf(target).has(item.key)) problems.push(`${where}: ${ref[0]} ${ref[1]} has no key ${item.key}`);
      }
    }
    for (const c of spec.containers ?? []) {
      const cw = `${where} container ${c.name}`;
      for (const kind of ['requests', 'limits']) {
        for (const resource of ['cpu', 'memory']) {
          if (!c.resources?.[kind]?.[resource]) problems.push(`${cw}: no ${kind}.${resource}`);
        }
      }
      const mounts: any[] = c.volumeMounts ?? [];
      for (const mount of mounts)
        if (!volumes.has(mount.name) && !w.claims.includes(mount.name)) problems.push(`${cw}: mounts ${mount.name}, which is no volume`);
      for (const env of c.env ?? []) {
        if (env.valueFrom?.secretKeyRef) {
          const { name, key } = env.valueFrom.secretKeyRef;
          if (!keysOf(find('Secret', name)).has(key))
            problems.push(`${cw}: ${env.name} reads Secret ${name} key ${key}, which nothing creates`);
        }
        if (/_FILE$/.test(env.name) && !mounts.some((m) => m.readOnly && String(env.value).startsWith(`${m.mountPath}/`))) {
          problems.push(`${cw}: ${env.name}=${env.value} is not under a read-only mount`);
        }
      }
      const portNames = new Set((c.ports ?? []).map((p: any) => p.name));
      const portNumbers = new Set((c.ports ?? []).map((p: any) => p.containerPort));
      for (const probe of ['startupProbe', 'livenessProbe', 'readinessProbe']) {
        const port = c[probe]?.httpGet?.port;
        if (port !== undefined && !portNames.has(port) && !portNumbers.has(port))
          problems.push(`${cw}: ${probe} port ${port} is not a container port`);
      }
      if (HUB_IMAGE.test(c.image)) {
        if (c.readinessProbe?.httpGet?.path !== '/readyz') problems.push(`${cw}: readiness probe must be GET /readyz`);
        if (c.livenessProbe?.httpGet?.path !== '/healthz') problems.push(`${cw}: liveness probe must be GET /healthz`);
        if (c.securityContext?.readOnlyRootFilesystem !== true) problems.push(`${cw}: root file system must be read-only`);
      }
      if (spec.securityContext?.runAsNonRoot !== true && c.securityContext?.runAsNonRoot !== true)
        problems.push(`${cw}: must run as non-root`);
    }
  }
  for (const m of manifests.filter((x) => x.object.kind === 'Service')) {
    const selected = all.filter((w) => selects({ matchLabels: m.object.spec.selector }, w.labels));
    if (!m.object.spec.selector || selected.length === 0) {
      problems.push(`${describeObject(m)}: selects no pods`);
      continue;
    }
    for (const port of m.object.spec.ports ?? []) {
      const target = port.targetPort ?? port.port;
      for (const w of selected) {
        if (!w.ports.some((p) => p.name === target || p.port === target))
          problems.push(`${describeObject(m)}: targetPort ${target} is not a port of ${w.name}`);
      }
    }
  }
  for (const m of manifests.filter((x) => x.object.kind === 'PodDisruptionBudget')) {
    const selected = all.filter((w) => selects(m.object.spec.selector, w.labels));
    if (selected.length === 0) problems.push(`${describeObject(m)}: selects no pods`);
    for (const w of selected) {
      if (typeof m.object.spec.minAvailable === 'number' && m.object.spec.minAvailable >= w.replicas) {
        problems.push(
          `${describeObject(m)}: minAvailable ${m.object.spec.minAvailable} of ${w.replicas} replicas blocks every voluntary eviction`,
        );
      }
    }
  }
  return problems;
}

/** `from` peers of the pods' own namespace: `podSelector` alone, or with a namespaceSelector that selects it. */
function peerSelects(peer: any, labels: Record<string, string>, namespace: string): boolean {
  if (peer.ipBlock) return false; // addresses outside the cluster, not pods
  if (peer.namespaceSelector && !selects(peer.namespaceSelector, { 'kubernetes.io/metadata.name': namespace })) return false;
  return peer.podSelector ? selects(peer.podSelector, labels) : Boolean(peer.namespaceSelector);
}

function portAllowed(rulePorts: any[] | undefined, port: { name?: string; port: number }): boolean {
  if (!rulePorts || rulePorts.length === 0) return true;
  return rulePorts.some((p) => {
    if ((p.protocol ?? 'TCP') !== 'TCP') return false;
    if (p.port === undefined) return true;
    if (typeof p.port === 'string') return p.port === port.name;
    return p.endPort ? port.port >= p.port && port.port <= p.endPort : port.port === p.port;
  });
}

const policyTypes = (p: any): string[] => p.spec.policyTypes ?? ['Ingress', ...(p.spec.egress ? ['Egress'] : [])];

/**
 * Who may open a TCP connection to whom, among the workloads of one namespace, under its
 * NetworkPolicies (a pod no policy isolates allows everything in that direction): lines such as
 * `gateway -> police:4001`, and `outside -> gateway:4000` for traffic from beyond the namespace.
 */
export function reachability(manifests: Manifest[], namespace: string): string[] {
  const policies = manifests.filter((m) => m.object.kind === 'NetworkPolicy').map((m) => m.object);
  const all = workloads(manifests);
  const isolating = (w: Workload, type: string) =>
    policies.filter((p) => policyTypes(p).includes(type) && selects(p.spec.podSelector, w.labels));
  const ingressAllowed = (dst: Workload, src: Workload | 'outside', port: { name?: string; port: number }) => {
    const applying = isolating(dst, 'Ingress');
    if (applying.length === 0) return true;
    return applying.some((p) =>
      (p.spec.ingress ?? []).some(
        (rule: any) =>
          portAllowed(rule.ports, port) &&
          (!rule.from ||
            rule.from.length === 0 ||
            (src !== 'outside' && rule.from.some((peer: any) => peerSelects(peer, src.labels, namespace)))),
      ),
    );
  };
  const egressAllowed = (src: Workload, dst: Workload, port: { name?: string; port: number }) => {
    const applying = isolating(src, 'Egress');
    if (applying.length === 0) return true;
    return applying.some((p) =>
      (p.spec.egress ?? []).some(
        (rule: any) =>
          portAllowed(rule.ports, port) &&
          (!rule.to || rule.to.length === 0 || rule.to.some((peer: any) => peerSelects(peer, dst.labels, namespace))),
      ),
    );
  };
  const edges: string[] = [];
  for (const dst of all) {
    for (const port of dst.ports) {
      if (ingressAllowed(dst, 'outside', port)) edges.push(`outside -> ${dst.name}:${port.port}`);
      for (const src of all) {
        if (src !== dst && egressAllowed(src, dst, port) && ingressAllowed(dst, src, port))
          edges.push(`${src.name} -> ${dst.name}:${port.port}`);
      }
    }
  }
  return edges.sort();
}
