/**
 * verify cannot import the constructs (they load cdktf), so it carries its
 * own copies of the names the stacks give things: the release, the node
 * groups or pools, the database Job, labels, the StorageClass policy, the
 * ingress-nginx controller Service. This test holds the copies to what the
 * stacks of every example design really synthesize: rename one side and it
 * fails, instead of verify silently looking for the wrong object.
 */
import { CLOUD_NODE_LABELS } from '../../lib/verify/node-pools';
import { REPLICA_STORAGE_CLASS_POLICY } from '../../lib/verify/check-cluster';
import { INGRESS_NGINX_CONTROLLER } from '../../lib/verify/check-exposure';
import { DATABASE_BOOTSTRAP_JOB } from '../../lib/verify/check-external-services';
import { SOURCEGRAPH_RELEASE_NAME } from '../../lib/verify/check-sourcegraph';
import { REPLICA_NAME_LABEL } from '../../lib/verify/cluster-access';
import { SG_REPLICA_SECRET_SELECTOR } from '../../lib/verify/collect-state';
import { exampleDesigns, resourcesOf, synthReplica } from '../support/synth-replica';

describe.each(exampleDesigns())('$name: verify looks for what the stacks create', ({ design }) => {
  const replica = synthReplica(design);

  it('the Sourcegraph release', () => {
    // The Helm chart from Sourcegraph's repository, or a Kustomize replica's generated local chart (no repository).
    const release = resourcesOf(replica.sourcegraph, 'helm_release').find((r) => r.chart === 'sourcegraph' || r.repository === undefined);
    expect(release?.name).toBe(SOURCEGRAPH_RELEASE_NAME);
    expect(release.namespace).toBe(design.sourcegraph.namespace);
  });

  it('the namespace, labelled with the replica', () => {
    const [namespace] = resourcesOf(replica.sourcegraph, 'kubernetes_namespace_v1');
    expect(namespace.metadata.labels[REPLICA_NAME_LABEL]).toBe(design.name);
  });

  it('the node pools, named as the cloud labels their nodes', () => {
    const labels = CLOUD_NODE_LABELS[design.cloud.provider];
    const named = [
      ...resourcesOf(replica.infra, 'aws_eks_node_group').map((g) => g.node_group_name),
      ...resourcesOf(replica.infra, 'google_container_node_pool').map((p) => p.name),
    ];
    expect(named.sort()).toEqual(design.kubernetes.nodePools.map((pool) => labels.poolValue(design, pool)).sort());
  });

  it('the StorageClass policy', () => {
    const [sc] = resourcesOf(replica.sourcegraph, 'kubernetes_storage_class_v1');
    expect({ reclaimPolicy: sc.reclaim_policy, volumeBindingMode: sc.volume_binding_mode, allowVolumeExpansion: sc.allow_volume_expansion }).toEqual(REPLICA_STORAGE_CLASS_POLICY);
  });

  it('the Secrets of the external services, with the label verify selects them by', () => {
    const secrets = resourcesOf(replica.sourcegraph, 'kubernetes_secret_v1');
    const [key, value] = SG_REPLICA_SECRET_SELECTOR.split('=');
    expect(secrets.length > 0).toBe(Object.keys(design.externalServices).some((k) => k === 'postgres' || k === 'redis'));
    for (const secret of secrets) expect(secret.metadata.labels[key]).toBe(value);
  });

  it('the database bootstrap Job, when the replica has one', () => {
    const jobs = resourcesOf(replica.sourcegraph, 'kubernetes_job_v1').map((j) => j.metadata.name);
    for (const name of jobs) expect(name).toBe(DATABASE_BOOTSTRAP_JOB);
  });

  it('the ingress-nginx controller Service, when the replica has one', () => {
    const nginx = resourcesOf(replica.sourcegraph, 'helm_release').find((r) => r.chart === 'ingress-nginx');
    if (!nginx) return;
    // The chart names the controller Service `<release>-controller` (templates/controller-service.yaml).
    expect({ namespace: nginx.namespace, service: `${nginx.name}-controller` }).toEqual(INGRESS_NGINX_CONTROLLER);
  });
});
