/**
 * What the Kustomize path does differently per cloud, as one table: how the
 * replica's layer points the upload store consumers at the bucket (the
 * environment and the ServiceAccount annotation that gives them the
 * bucket's cloud identity), how it tags the load balancers Kubernetes
 * creates, and how messages name the cloud identity. Pure data.
 *
 * The same facts as the Helm path's (lib/sourcegraph/external-services-values.ts:
 * `s3UploadEnv`, `gcsUploadEnv`, the IRSA and Workload Identity annotations;
 * lib/sourcegraph/ingress-nginx-values.ts: the NLB's tag annotation), written
 * for manifests instead of chart values.
 */
import type { CloudTable } from '../cloud/clouds';
import type { AwsCloud, Design, GcpCloud } from '../design/model';
import { awsTagList } from '../replica/aws-tag-list';
import { GKE_WORKLOAD_IDENTITY_ANNOTATION, IRSA_ROLE_ANNOTATION } from '../sourcegraph/external-services-values';

/** One cloud's facts for a Kustomize replica. */
export interface KustomizeCloudWiring {
  /**
   * The upload store environment by suffix (`BACKEND`, `BUCKET`, ...): each
   * of the release's prefixes (`PRECISE_CODE_INTEL_UPLOAD_`, ...) gets them.
   * `bucket` is the bucket's name (a deploy-time placeholder in the layer).
   */
  uploadEnv(design: Design, bucket: string): Readonly<Record<string, string>>;
  /** The ServiceAccount annotation that binds a Kubernetes ServiceAccount to the bucket's cloud identity. */
  readonly identityAnnotation: string;
  /** What that identity is, for messages: `IAM role (IRSA)`. */
  readonly identityName: string;
  /** Annotations that put the replica's tags on a `type: LoadBalancer` Service's load balancer; {} where the cloud has no such annotation. */
  loadBalancerTagAnnotations(tags: Readonly<Record<string, string>>): Readonly<Record<string, string>>;
}

/** Each cloud's facts for the Kustomize path. */
export const KUSTOMIZE_CLOUD_WIRING: CloudTable<KustomizeCloudWiring> = {
  aws: {
    uploadEnv: (design, bucket) => {
      const region = (design.cloud as AwsCloud).region;
      return { BACKEND: 'S3', BUCKET: bucket, MANAGE_BUCKET: 'false', AWS_REGION: region, AWS_ENDPOINT: `https://s3.${region}.amazonaws.com`, AWS_USE_EC2_ROLE_CREDENTIALS: 'true' };
    },
    identityAnnotation: IRSA_ROLE_ANNOTATION,
    identityName: 'IAM role (IRSA)',
    loadBalancerTagAnnotations: (tags): Record<string, string> => {
      const list = awsTagList(tags);
      return list === '' ? {} : { 'service.beta.kubernetes.io/aws-load-balancer-additional-resource-tags': list };
    },
  },
  gcp: {
    uploadEnv: (design, bucket) => ({ BACKEND: 'GCS', BUCKET: bucket, MANAGE_BUCKET: 'false', GCP_PROJECT_ID: (design.cloud as GcpCloud).project }),
    identityAnnotation: GKE_WORKLOAD_IDENTITY_ANNOTATION,
    identityName: 'Google service account (Workload Identity)',
    // GCP labels forwarding rules of Services through no annotation: the replica's labels are on what its stacks create.
    loadBalancerTagAnnotations: () => ({}),
  },
};
