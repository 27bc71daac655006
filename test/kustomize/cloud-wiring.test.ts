import { CLOUD_PROVIDERS, CLOUDS } from '../../lib/cloud/clouds';
import { KUSTOMIZE_CLOUD_WIRING } from '../../lib/kustomize/cloud-wiring';
import { GKE_WORKLOAD_IDENTITY_ANNOTATION, IRSA_ROLE_ANNOTATION, s3UploadEnv, gcsUploadEnv } from '../../lib/sourcegraph/external-services-values';
import { awsDesign, gcpDesign } from '../support/design-fixture';

describe('KUSTOMIZE_CLOUD_WIRING', () => {
  it('gives the upload store the same environment as the Helm path, per cloud', () => {
    const aws = awsDesign();
    const gcp = gcpDesign();
    // The Helm path's env under one prefix, without the prefix: the same suffixes and values.
    const strip = (env: Record<string, unknown>, prefix: string) =>
      Object.fromEntries(Object.entries(env).filter(([k]) => k.startsWith(prefix)).map(([k, v]) => [k.slice(prefix.length), (v as { value: string }).value]));
    expect(KUSTOMIZE_CLOUD_WIRING.aws.uploadEnv(aws, 'b')).toEqual(strip(s3UploadEnv('b', 'us-east-2', '6.12.5040'), 'PRECISE_CODE_INTEL_UPLOAD_'));
    expect(KUSTOMIZE_CLOUD_WIRING.gcp.uploadEnv(gcp, 'b')).toEqual(strip(gcsUploadEnv('b', gcp.cloud.project, '6.12.5040'), 'PRECISE_CODE_INTEL_UPLOAD_'));
    for (const provider of CLOUD_PROVIDERS) {
      expect(KUSTOMIZE_CLOUD_WIRING[provider].uploadEnv(provider === 'aws' ? aws : gcp, 'b').BACKEND).toBe(CLOUDS[provider].objectStorage);
    }
  });

  it('binds the ServiceAccounts with IRSA on AWS and Workload Identity on GCP', () => {
    expect(KUSTOMIZE_CLOUD_WIRING.aws.identityAnnotation).toBe(IRSA_ROLE_ANNOTATION);
    expect(KUSTOMIZE_CLOUD_WIRING.gcp.identityAnnotation).toBe(GKE_WORKLOAD_IDENTITY_ANNOTATION);
  });

  it("tags an AWS load balancer through the service annotation, and nothing on GCP; no tags, no annotation", () => {
    expect(KUSTOMIZE_CLOUD_WIRING.aws.loadBalancerTagAnnotations({ 'sg-replica:name': 'acme-prod', owner: 'a=b' })).toEqual({
      'service.beta.kubernetes.io/aws-load-balancer-additional-resource-tags': 'sg-replica:name=acme-prod,owner=a_b',
    });
    expect(KUSTOMIZE_CLOUD_WIRING.aws.loadBalancerTagAnnotations({})).toEqual({});
    expect(KUSTOMIZE_CLOUD_WIRING.gcp.loadBalancerTagAnnotations({ 'sg-replica-name': 'x' })).toEqual({});
  });
});
