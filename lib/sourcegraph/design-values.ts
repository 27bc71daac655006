/**
 * The Helm values a design's Sourcegraph release will get, computed from the
 * design alone (no Terraform references): for the checks and the report that
 * run before anything is synthesized. Pure.
 *
 * Differs from the deployed values only where the values hold cloud
 * identifiers that exist after deploy (bucket name, IAM role ARN, tags):
 * placeholders here.
 */
import { Design } from '../design/model';
import { externalServicesValues } from './external-services-values';
import { sourcegraphHelmValues } from './helm-values';
import { HelmValues } from '../helm/merge-values';
import { REPLICA_STORAGE_CLASS_NAME } from './replica-values';

const PLACEHOLDER = '<set at deploy>';

export function designHelmValues(design: Design): HelmValues {
  const ext = design.externalServices;
  const externalServices = externalServicesValues(design, {
    ...(ext.postgres && { postgres: {} }),
    ...(ext.redis && { redis: {} }),
    ...(ext.objectStorage && {
      objectStorage:
        design.cloud.provider === 'aws'
          ? { bucket: PLACEHOLDER, region: design.cloud.region, roleArn: PLACEHOLDER }
          : { backend: 'GCS' as const, bucket: PLACEHOLDER, project: design.cloud.project, serviceAccountEmail: PLACEHOLDER },
    }),
  });
  return sourcegraphHelmValues(design, { storageClassName: REPLICA_STORAGE_CLASS_NAME, tags: {}, externalServices });
}
