import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  consistencyProblems,
  loadKustomization,
  parseManifests,
  reachability,
  schemaProblems,
  workloads,
  type Manifest,
} from './kubernetes-checks';

const DIR = join(__dirname, '..', '..', '..', 'deploy', 'kubernetes');
const PARTNERS = [
  ['police', 4001],
  ['local-authority', 4002],
  ['nhs', 4003],
  ['ngo', 4004],
] as const;

const kubectl = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' }).status === 0;

/** A manifest that is wrong in the ways a hand edit goes wrong: the checks must say so. */
const BROKEN = `
apiVersion: apps/v1
kind: Deployment
metadata: { name: gateway }
spec:
  replicas: two
  selector: { matchLabels: { app.kubernetes.io/name: partner-hub-gateway } }
  template:
    metadata: { labels: { app.kubernetes.io/name: partner-hub-gateway } }
    spec:
      containers:
        - image: partner-hub
          ports: [{ name: http, containerPort: http }]
          resources: { limits: { cpu: lots } }
`;

/**
 * deploy/kubernetes, checked without a cluster: the API schema for every object
 * (kubernetes-models), then consistency, then who can reach whom under the NetworkPolicies.
 */
describe('the Kubernetes manifests', () => {
  const { resources, manifests, namespace } = loadKustomization(DIR);
  const outOfBand = parseManifests('secrets.example.yaml', readFileSync(join(DIR, 'secrets.example.yaml'), 'utf8'));
  const named = (kind: string, name: string) => manifests.find((m) => m.object.kind === kind && m.object.metadata.name === name)?.object;

  it('are all listed in kustomization.yaml, which lists nothing else', () => {
    const files = readdirSync(DIR).filter((f) => f.endsWith('.yaml') && f !== 'kustomization.yaml' && f !== 'secrets.example.yaml');
    expect([...resources].sort()).toEqual(files.sort());
    expect(namespace).toBe('partner-hub');
  });

  it('pass the Kubernetes API schema, object by object (and so do the example Secrets)', () => {
    expect(manifests.length).toBeGreaterThan(30);
    expect(schemaProblems([...manifests, ...outOfBand])).toEqual([]);
  });

  it('would fail on a broken manifest: schema errors, then the consistency and network checks', () => {
    const [broken] = parseManifests('broken.yaml', BROKEN);
    const schema = schemaProblems([broken!]).join('\n');
    expect(schema).toMatch(/replicas must be integer/);
    expect(schema).toMatch(/containers\/0 must have required property name/);
    expect(schema).toMatch(/containerPort must be integer/);
    expect(schema).toMatch(/limits\/cpu must match format "quantity"/);
    expect(schemaProblems(parseManifests('typo.yaml', 'apiVersion: apps/v1\nkind: Deploymnet\nmetadata: { name: x }\n'))).toEqual([
      'typo.yaml: Deploymnet x: no schema for apps/v1 Deploymnet',
    ]);

    // Valid to the schema, wrong for the hub: the gateway without limits, links or probes, a Service aimed at no port.
    const gateway = structuredClone(manifests.find((m) => m.object.kind === 'Deployment' && m.object.metadata.name === 'gateway')!);
    const container = gateway.object.spec.template.spec.containers[0];
    delete container.resources.limits;
    delete gateway.object.spec.template.spec.enableServiceLinks;
    container.readinessProbe.httpGet.path = '/healthz';
    const service: Manifest = { file: 'broken.yaml', object: structuredClone(named('Service', 'gateway')) };
    service.object.spec.ports[0].targetPort = 'https';
    const others = manifests.filter((m) => !['gateway'].includes(m.object.metadata.name));
    expect(schemaProblems([gateway, service])).toEqual([]);
    expect(consistencyProblems([...others, gateway, service], outOfBand)).toEqual([
      'Deployment gateway: enableServiceLinks must be false (POLICE_PORT=tcp://...)',
      'Deployment gateway container gateway: no limits.cpu',
      'Deployment gateway container gateway: no limits.memory',
      'Deployment gateway container gateway: readiness probe must be GET /readyz',
      'broken.yaml: Service gateway: targetPort https is not a port of gateway',
    ]);

    // A policy that lets the police subgraph reach the NHS database shows up as a new edge.
    const leak = parseManifests(
      'leak.yaml',
      `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: leak }
spec:
  podSelector: { matchLabels: { app.kubernetes.io/name: nhs-db } }
  ingress: [{ from: [{ podSelector: {} }] }]
`,
    );
    const egress = parseManifests(
      'leak.yaml',
      `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: leak-out }
spec:
  podSelector: { matchLabels: { app.kubernetes.io/name: partner-hub-police } }
  policyTypes: [Egress]
  egress: [{ to: [{ podSelector: { matchLabels: { app.kubernetes.io/name: nhs-db } } }] }]
`,
    );
    const before = reachability(manifests, namespace);
    expect(reachability([...manifests, ...leak, ...egress], namespace).filter((e) => !before.includes(e))).toEqual([
      'police -> nhs-db:5432',
    ]);
  });

  it('are consistent: selectors, ports, probes, limits, references, no Secret values', () => {
    expect(consistencyProblems(manifests, outOfBand)).toEqual([]);
    for (const m of outOfBand) {
      for (const value of Object.values<string>({ ...m.object.data, ...m.object.stringData })) expect(value).toMatch(/^<.*>$/);
    }
  });

  it('run at least two stateless gateway replicas behind a Service, with probes and a disruption budget', () => {
    const gateway = named('Deployment', 'gateway');
    expect(gateway.spec.replicas).toBeGreaterThanOrEqual(2);
    expect(gateway.spec.strategy.rollingUpdate.maxUnavailable).toBe(0);
    expect(gateway.spec.template.spec.volumes.some((v: any) => v.persistentVolumeClaim)).toBe(false);
    const [container] = gateway.spec.template.spec.containers;
    expect(container.readinessProbe.httpGet).toEqual({ path: '/readyz', port: 'http' });
    expect(container.livenessProbe.httpGet).toEqual({ path: '/healthz', port: 'http' });
    expect(named('Service', 'gateway').spec.selector).toEqual(gateway.spec.selector.matchLabels);
    expect(named('PodDisruptionBudget', 'gateway')).toMatchObject({ spec: { minAvailable: 1, selector: gateway.spec.selector } });
  });

  it("run one Deployment per subgraph, each with its own database's password and the gateway's public key alone", () => {
    const subgraphs = workloads(manifests).filter((w) => w.labels['app.kubernetes.io/component'] === 'subgraph');
    expect(subgraphs.map((w) => `${w.kind} ${w.name}`).sort()).toEqual(PARTNERS.map(([p]) => `Deployment ${p}`).sort());
    for (const [partner, port] of PARTNERS) {
      const pod = named('Deployment', partner).spec.template.spec;
      const references = pod.volumes.map((v: any) => v.secret?.secretName ?? v.configMap?.name).filter(Boolean);
      expect(references.sort()).toEqual(['gateway-public-key', `${partner}-db`]);
      const env = Object.fromEntries(pod.containers[0].env.map((e: any) => [e.name, e.value]));
      const prefix = partner.replace(/-/g, '_').toUpperCase();
      expect(new URL(env[`${prefix}_DATABASE_URL`]).host).toBe(`${partner}-db:5432`);
      expect(env[`${prefix}_DATABASE_PASSWORD_FILE`]).toBe(`/run/secrets/${partner}-db/password`);
      expect(env.HUB_KEY_DIR).toBeUndefined();
      expect(pod.containers[0].ports).toEqual([
        { name: 'http', containerPort: port },
        { name: 'metrics', containerPort: port + 5400 },
      ]);
    }
    // Only the gateway mounts the private keys, and only the hub database's password with them.
    const keyHolders = workloads(manifests).filter((w) =>
      (w.pod.spec.volumes ?? []).some((v: any) => v.secret?.secretName === 'gateway-keys'),
    );
    expect(keyHolders.map((w) => w.name)).toEqual(['gateway']);
  });

  it('let only the gateway reach the subgraphs, each subgraph only its own database, and the world only the gateway', () => {
    expect(reachability(manifests, namespace)).toEqual(
      [
        'outside -> gateway:4000',
        ...PARTNERS.map(([p, port]) => `gateway -> ${p}:${port}`),
        'gateway -> hub-db:5432',
        ...PARTNERS.map(([p]) => `${p} -> ${p}-db:5432`),
      ].sort(),
    );
  });

  it('serve /metrics on a port of their own that only the monitoring namespace reaches and no Service exposes', () => {
    const services: [string, number, number][] = [
      ['gateway', 4000, 9400],
      ...PARTNERS.map(([p, port]) => [p, port, port + 5400] as [string, number, number]),
    ];
    const policies = manifests.filter((m) => m.object.kind === 'NetworkPolicy').map((m) => m.object);
    for (const [name, port, metrics] of services) {
      const deployment = named('Deployment', name);
      const [container] = deployment.spec.template.spec.containers;
      const env = Object.fromEntries(container.env.map((e: any) => [e.name, e.value]));
      // The service listens for metrics where the pod says, and Prometheus is pointed there.
      expect(env[`${name.replace(/-/g, '_').toUpperCase()}_METRICS_PORT`]).toBe(String(metrics));
      expect(env.HUB_METRICS_HOST).toBe('0.0.0.0');
      expect(container.ports).toContainEqual({ name: 'metrics', containerPort: metrics });
      expect(deployment.spec.template.metadata.annotations).toEqual({
        'prometheus.io/scrape': 'true',
        'prometheus.io/port': String(metrics),
        'prometheus.io/path': '/metrics',
      });
      // No Service (and so no Ingress behind one) carries the metrics port.
      for (const service of manifests.filter(
        (m) =>
          m.object.kind === 'Service' &&
          m.object.spec.selector?.['app.kubernetes.io/name'] === deployment.spec.selector.matchLabels['app.kubernetes.io/name'],
      )) {
        expect(service.object.spec.ports.map((p: any) => p.targetPort)).toEqual(['http']);
      }
      // Every ingress rule that opens the metrics port names the monitoring namespace alone, and
      // no rule opens the public port to it.
      const rules = policies
        .filter(
          (p) =>
            p.spec.podSelector.matchLabels?.['app.kubernetes.io/name'] === deployment.spec.selector.matchLabels['app.kubernetes.io/name'],
        )
        .flatMap((p) => p.spec.ingress ?? []);
      const opening = rules.filter((r: any) => !r.ports || r.ports.some((p: any) => p.port === metrics || p.port === 'metrics'));
      expect(opening).toEqual([
        {
          from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } }],
          ports: [{ protocol: 'TCP', port: metrics }],
        },
      ]);
      expect(rules.filter((r: any) => r.ports?.some((p: any) => p.port === port)).length).toBe(1);
    }
  });

  (kubectl ? it : it.skip)('render with `kubectl kustomize` into the namespace, labelled, with nothing lost', () => {
    const rendered = spawnSync('kubectl', ['kustomize', DIR], { encoding: 'utf8' });
    expect(rendered.stderr).toBe('');
    const objects = parseManifests('kustomize', rendered.stdout).map((m) => m.object);
    expect(objects).toHaveLength(manifests.length);
    for (const o of objects.filter((x) => x.kind !== 'Namespace')) expect(o.metadata.namespace).toBe('partner-hub');
    for (const o of objects) expect(o.metadata.labels['app.kubernetes.io/part-of']).toBe('partner-hub');
  });
});
