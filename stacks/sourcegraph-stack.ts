import * as path from 'path';
import { App, ITerraformDependable, TerraformOutput, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { INGRESS_KINDS } from '../lib/cloud/ingress-kinds';
import type { DeploymentMethod, Design, IngressKind } from '../lib/design/model';
import { formatProblem } from '../lib/design/problems';
import { AwsLoadBalancerController } from '../lib/kubernetes/aws-load-balancer-controller';
import { ClusterAutoscaler, ClusterAutoscalerProps } from '../lib/kubernetes/cluster-autoscaler';
import { ClusterCredentials, ClusterProviders } from '../lib/kubernetes/cluster-providers';
import { FrontendTlsSecret } from '../lib/kubernetes/frontend-tls-secret';
import { IngressNginx } from '../lib/kubernetes/ingress-nginx';
import { ReplicaNamespace } from '../lib/kubernetes/namespace';
import { SourcegraphStorageClass } from '../lib/kubernetes/storage-class';
import { designStorageProvisioning } from '../lib/kubernetes/storage-provisioning';
import { REPLICA_TAGS } from '../lib/replica/cloud-tags';
import { ReplicaMetadata } from '../lib/replica/metadata';
import { sourcegraphHelmValues, sourcegraphReferencePaths } from '../lib/sourcegraph/helm-values';
import { HelmValues } from '../lib/helm/merge-values';
import { SourcegraphRelease } from '../lib/kubernetes/sourcegraph-release';
import { KustomizeRelease } from '../lib/kubernetes/kustomize-release';
import { kustomizeSettings } from '../lib/kustomize/kustomize-design';
import type { KustomizeRender } from '../lib/kustomize/render-kustomize';
import { VolumeDeletionWait } from '../lib/kubernetes/volume-deletion-wait';
import { everythingDependsOn } from '../lib/terraform/everything-depends-on';
import { StackStateBackend } from '../lib/replica/state-backend';
import { useStateBackend } from './stack-backend';

/** What the AWS Load Balancer Controller needs from the infra stack. */
export interface AwsLoadBalancerControllerInputs {
  readonly clusterName: string;
  readonly region: string;
  readonly vpcId: string;
  readonly roleArn: string;
}

/** An ingress controller in the cluster: the release the namespace and the Sourcegraph release are ordered against. */
interface IngressController {
  readonly release: ITerraformDependable;
}

/** What each ingress kind installs in the cluster (gce: GKE runs its own controller; none: nothing). */
const INGRESS_CONTROLLERS: Readonly<
  Record<IngressKind, (stack: SourcegraphStack, props: SourcegraphStackProps, tags: Readonly<Record<string, string>>) => IngressController | undefined>
> = {
  alb: (stack, props, tags) => {
    const lbc = props.awsLoadBalancerController;
    if (!lbc) throw new Error(`SourcegraphStack ${stack.node.id}: ingress alb needs awsLoadBalancerController inputs`);
    return new AwsLoadBalancerController(stack, 'aws-load-balancer-controller', { ...lbc, tags });
  },
  nginx: (stack, props, tags) =>
    new IngressNginx(stack, 'ingress-nginx', { cloud: props.design.cloud.provider, tags, sourceRanges: props.design.sourcegraph.allowedClientCidrs }),
  gce: () => undefined,
  none: () => undefined,
};

/** Properties of {@link SourcegraphStack}. */
export interface SourcegraphStackProps {
  readonly design: Design;
  readonly metadata: ReplicaMetadata;
  /** Where the stack's state lives. @default local: `terraform.<stack>.tfstate` in the project directory */
  readonly stateBackend?: StackStateBackend;
  /**
   * How the Kubernetes and Helm providers reach the cluster (from the infra
   * stack's outputs). A function is called with this stack, for credentials
   * that need resources of their own here (GKE's access token data source).
   */
  readonly credentials: ClusterCredentials | ((stack: Construct) => ClusterCredentials);
  /** Install the AWS Load Balancer Controller (ingress `alb`). @default not installed */
  readonly awsLoadBalancerController?: AwsLoadBalancerControllerInputs;
  /**
   * Install the Kubernetes Cluster Autoscaler before the Sourcegraph release
   * (EKS: managed node groups do not scale by themselves).
   * @default not installed (GKE node pools autoscale natively)
   */
  readonly clusterAutoscaler?: Omit<ClusterAutoscalerProps, 'provider' | 'dependsOn'>;
  /**
   * On destroy, wait until the CSI driver has deleted every PersistentVolume
   * of the replica's StorageClass (after the namespace, before the
   * StorageClass), reaching the API server with these credentials (a
   * credential plugin: run at destroy time). See `VolumeDeletionWait`.
   * @default no wait
   */
  readonly volumeDeletionWait?: { readonly credentials: ClusterCredentials; readonly timeoutSeconds?: number };
  /**
   * A destroy-time wait for what Kubernetes controllers made in the cloud
   * (disks, load balancer parts), created in this stack by the cloud's
   * replica function. Every other resource of the stack depends on it, so
   * Terraform creates it first and destroys it last, after the release and
   * the namespace are gone and before the infra stack goes.
   * @default no wait
   */
  readonly cloudResourcesWait?: (stack: Construct) => { readonly construct: Construct; readonly resource: ITerraformDependable };
  /**
   * Reads the frontend's certificate (`sourcegraph.tls.secret`: PEM chain
   * and key) from the cloud's secret store, in this stack: what the
   * `FrontendTlsSecret` is made from. Required when the design names one.
   * @default none
   */
  readonly frontendTlsPem?: (stack: Construct) => { readonly pem: string; readonly source: string };
  /**
   * Creates the in-cluster half of the design's external services in this
   * stack (the Secrets the chart reads, the database bootstrap) once the
   * namespace exists, and returns their Helm values layer. Cloud-specific,
   * so the replica function of each cloud supplies it.
   * @default none: everything in the cluster
   */
  readonly externalServices?: (stack: Construct, namespace: ReplicaNamespace) => ExternalServicesLayer;
  /**
   * Where a Kustomize design's render is written at synth: the replica's
   * layer over the customer's built overlay (`kubectl kustomize` there
   * reproduces the manifests), `replica.yaml`, and the generated chart the
   * release installs.
   * @default `<the app's outdir>/replicas/<design name>/kustomize`
   */
  readonly kustomizeWorkDir?: string;
}

/** The in-cluster side of external services, as the Sourcegraph release needs it. */
export interface ExternalServicesLayer {
  /** Values that turn the in-cluster services off and point Sourcegraph at the managed ones (Helm designs; `{}` for Kustomize). */
  readonly values: HelmValues;
  /** What the release must wait for (and outlive on destroy): Secrets, jobs. */
  readonly releaseDependencies: readonly ITerraformDependable[];
  /**
   * The bucket and the cloud identity its users act as (IRSA role ARN or
   * Google service account email; Terraform references), for a Kustomize
   * release's deploy-time values. @default none: no external object storage
   */
  readonly bucket?: { readonly name: string; readonly identity: string };
}

/** What the Sourcegraph release of either method is installed with. */
interface ReleaseContext {
  readonly namespace: string;
  readonly storageClassName: string;
  readonly tags: Readonly<Record<string, string>>;
  readonly external?: ExternalServicesLayer;
  /** The namespace, the StorageClass, the ingress controller, the external services' Secrets and jobs. */
  readonly dependsOn: ITerraformDependable[];
}

/** The release of either method, and what the stack exposes of it. */
interface InstalledRelease {
  readonly release: SourcegraphRelease | KustomizeRelease;
  readonly helmValues?: HelmValues;
  readonly kustomize?: KustomizeRender;
}

/**
 * How each deployment method installs Sourcegraph: the chart with the
 * design's values, or the customer's overlay rendered with kubectl (with the
 * replica's tags) and installed as a generated chart. Both are one
 * `helm_release` named `sourcegraph` with `wait` and the same timeout and
 * dependencies, so deploy waits and destroy order are the same.
 */
const RELEASES: Readonly<Record<DeploymentMethod, (stack: SourcegraphStack, props: SourcegraphStackProps, context: ReleaseContext) => InstalledRelease>> = {
  helm: (stack, { design }, context) => {
    const valuesContext = { storageClassName: context.storageClassName, tags: context.tags, externalServices: context.external?.values };
    const helmValues = sourcegraphHelmValues(design, valuesContext);
    const release = new SourcegraphRelease(stack, 'sourcegraph', {
      version: design.sourcegraph.version,
      namespace: context.namespace,
      values: helmValues,
      referencePaths: sourcegraphReferencePaths(design, valuesContext),
      dependsOn: context.dependsOn,
    });
    return { release, helmValues };
  },
  kustomize: (stack, props, context) => {
    const { design } = props;
    const settings = kustomizeSettings(design)!;
    const workDir = path.resolve(props.kustomizeWorkDir ?? path.join(App.of(stack).outdir, 'replicas', design.name, 'kustomize'));
    // Loaded only for a Kustomize design: a Helm replica's synth loads no kubectl locator or overlay reader.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { renderKustomizeSync } = require('../lib/kustomize/render-kustomize') as typeof import('../lib/kustomize/render-kustomize');
    const render = renderKustomizeSync(design, { overlayDir: settings.overlay.resolvedPath, release: settings.release, tags: context.tags, writeTo: workDir });
    if (!render.replica) {
      // Validation refuses such a design first; a design built in code without it gets the same reasons here.
      const errors = render.problems.filter((p) => p.severity === 'error').map(formatProblem);
      throw new Error(`SourcegraphStack ${stack.node.id}: the Kustomize overlay of design '${design.name}' does not render:\n${errors.join('\n')}`);
    }
    const bucket = context.external?.bucket;
    const release = new KustomizeRelease(stack, 'sourcegraph', {
      manifests: render.replica.yaml,
      releaseVersion: settings.release,
      namespace: context.namespace,
      chartDir: path.join(workDir, 'chart'),
      deployTime: bucket ? { bucketName: bucket.name, bucketIdentity: bucket.identity } : {},
      dependsOn: context.dependsOn,
    });
    return { release, kustomize: render };
  },
};

/**
 * `<name>-sourcegraph`: what runs in the cluster. The ingress controller, the
 * namespace, the StorageClass every Sourcegraph volume uses (reclaim policy
 * Delete, so a replica's disks go with it) and the Sourcegraph release: the
 * Helm chart with the design's values, or, for a Kustomize design, the
 * customer's overlay rendered with the replica's adjustments and installed
 * as one Helm release of a generated chart (the same waits and order).
 *
 * Destroy order matters and follows the dependencies: the release first, then
 * the namespace (its deletion waits for the Ingress, whose finalizer the
 * still-running controller clears once it has deleted the load balancer, and
 * for the StatefulSet PVCs), then the volume wait (until the CSI driver has
 * deleted the disks behind the PVCs), then the ingress controller, the
 * Cluster Autoscaler and the StorageClass, and last the cloud's wait for
 * what Kubernetes made in the cloud. The infra stack, with the CSI driver and
 * the cluster, goes after this whole stack.
 */
export class SourcegraphStack extends TerraformStack {
  /** The final values of the Sourcegraph release (Helm designs; undefined for Kustomize designs, whose manifests are in {@link kustomize}). */
  public readonly helmValues?: HelmValues;
  /** The Sourcegraph release: the chart's (Helm designs), or the generated chart of the rendered manifests (Kustomize designs). */
  public readonly release: SourcegraphRelease | KustomizeRelease;
  /** A Kustomize design's replica as rendered at synth, with the replica's tags (written to `kustomizeWorkDir`). */
  public readonly kustomize?: KustomizeRender;
  public readonly storageClass: SourcegraphStorageClass;
  public readonly namespace: ReplicaNamespace;
  /** The Cluster Autoscaler, when `clusterAutoscaler` is given. */
  public readonly clusterAutoscaler?: ClusterAutoscaler;
  /** The destroy-time wait for the replica's volumes, when `volumeDeletionWait` is given. */
  public readonly volumeDeletionWait?: VolumeDeletionWait;

  constructor(scope: Construct, id: string, props: SourcegraphStackProps) {
    super(scope, id);
    const { design, metadata } = props;
    const sg = design.sourcegraph;
    // Tags for what Kubernetes creates in the cloud: AWS tags, or GCP labels.
    const tags = REPLICA_TAGS[design.cloud.provider](metadata);
    useStateBackend(this, props.stateBackend);
    const credentials = typeof props.credentials === 'function' ? props.credentials(this) : props.credentials;
    new ClusterProviders(this, 'cluster', { credentials });

    const ingressController = INGRESS_CONTROLLERS[sg.ingress](this, props, tags);
    this.clusterAutoscaler = props.clusterAutoscaler && new ClusterAutoscaler(this, 'cluster-autoscaler', props.clusterAutoscaler);

    this.storageClass = new SourcegraphStorageClass(this, 'storage-class', {
      ...designStorageProvisioning(design, tags),
    });
    // Destroyed after the namespace (whose deletion deletes the PVCs) and before the StorageClass:
    // it waits until the CSI driver has deleted the volumes behind them.
    this.volumeDeletionWait =
      props.volumeDeletionWait &&
      new VolumeDeletionWait(this, 'volume-deletion-wait', {
        storageClassName: this.storageClass.name,
        credentials: props.volumeDeletionWait.credentials,
        timeoutSeconds: props.volumeDeletionWait.timeoutSeconds,
        dependsOn: [this.storageClass.resource],
      });
    this.namespace = new ReplicaNamespace(this, 'namespace', {
      name: sg.namespace,
      labels: { 'app.kubernetes.io/part-of': 'sourcegraph', 'sg-replica/name': design.name },
      // Destroyed after the release and before the controller: deleting the namespace waits for the
      // Ingress (whose finalizer the controller clears once the load balancer is gone) and the PVCs.
      dependsOn: [...(ingressController ? [ingressController.release] : []), ...(this.volumeDeletionWait ? [this.volumeDeletionWait.resource] : [])],
    });

    const external = props.externalServices?.(this, this.namespace);
    const tlsSecret = this.frontendTlsSecret(props);

    const installed = RELEASES[sg.method](this, props, {
      namespace: this.namespace.name,
      storageClassName: this.storageClass.name,
      tags,
      external,
      dependsOn: [
        this.namespace.resource,
        this.storageClass.resource,
        ...(ingressController ? [ingressController.release] : []),
        // Pods that fit only once the node groups grow stay Pending until the autoscaler runs.
        ...(this.clusterAutoscaler ? [this.clusterAutoscaler.release] : []),
        ...(external?.releaseDependencies ?? []),
        ...(tlsSecret ? [tlsSecret.resource] : []),
      ],
    });
    this.release = installed.release;
    this.helmValues = installed.helmValues;
    this.kustomize = installed.kustomize;

    const cloudWait = props.cloudResourcesWait?.(this);
    if (cloudWait) everythingDependsOn(this, [cloudWait.resource], [cloudWait.construct]);

    const exposed = INGRESS_KINDS[sg.ingress].loadBalancer !== undefined;
    new TerraformOutput(this, 'url', {
      value: exposed ? `${sg.tls.certificate === 'none' ? 'http' : 'https'}://${sg.hostname}` : `kubectl -n ${sg.namespace} port-forward svc/sourcegraph-frontend 3080:30080`,
      description: exposed ? 'Point DNS for this host at the load balancer, then open it' : 'No ingress: reach Sourcegraph through a port-forward',
    });
    new TerraformOutput(this, 'expires-at', { value: metadata.expiresAt });
  }

  /** The Kubernetes TLS Secret of the design's certificate secret (ingress nginx), in the release's namespace. */
  private frontendTlsSecret(props: SourcegraphStackProps): FrontendTlsSecret | undefined {
    if (props.design.sourcegraph.tls.certificate !== 'secret') return undefined;
    if (!props.frontendTlsPem) throw new Error(`SourcegraphStack ${this.node.id}: sourcegraph.tls.secret needs frontendTlsPem (how this cloud reads the secret)`);
    const { pem, source } = props.frontendTlsPem(this);
    return new FrontendTlsSecret(this, 'frontend-tls', { namespace: this.namespace.name, pem, source, dependsOn: [this.namespace.resource] });
  }
}
