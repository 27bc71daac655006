/**
 * The Helm values a design's Sourcegraph release will get, computed from the
 * design alone (no Terraform references): for the checks and the report that
 * run before anything is synthesized. Pure.
 *
 * Differs from the deployed values only where the values hold cloud
 * identifiers that exist after deploy (bucket name, IAM role ARN, tags):
 * placeholders here.
 */
import type { CloudTable } from '../cloud/clouds';
import type { AwsCloud, Design, GcpCloud } from '../design/model';
import { ExternalServiceEndpoints, externalServicesValues } from './external-services-values';
import { sourcegraphHelmValues } from './helm-values';
import { HelmValues } from '../helm/merge-values';
import { REPLICA_STORAGE_CLASS_NAME } from './replica-values';

const PLACEHOLDER = '<set at deploy>';

/** The bucket's endpoints with placeholders for what exists only after deploy. */
const PLACEHOLDER_OBJECT_STORAGE: CloudTable<(design: Design) => NonNullable<ExternalServiceEndpoints['objectStorage']>> = {
  aws: (design) => ({ bucket: PLACEHOLDER, region: (design.cloud as AwsCloud).region, roleArn: PLACEHOLDER }),
  gcp: (design) => ({ backend: 'GCS', bucket: PLACEHOLDER, project: (design.cloud as GcpCloud).project, serviceAccountEmail: PLACEHOLDER }),
};

export function designHelmValues(design: Design): HelmValues {
  const ext = design.externalServices;
  const externalServices = externalServicesValues(design, {
    ...(ext.postgres && { postgres: {} }),
    ...(ext.redis && { redis: {} }),
    ...(ext.objectStorage && { objectStorage: PLACEHOLDER_OBJECT_STORAGE[design.cloud.provider](design) }),
  });
  return sourcegraphHelmValues(design, { storageClassName: REPLICA_STORAGE_CLASS_NAME, tags: {}, externalServices });
}
