/** GCP, as `CloudFacts`: GKE, GCE, Persistent Disk, Cloud SQL, Memorystore, GCS. */
import { gceMachineType, gceMachineTypeNames } from '../catalog/gce-machine-types';
import { gcpRegion, gcpRegionNames } from '../catalog/gcp-regions';
import type { CloudFacts } from './cloud-facts';

export const GCP_FACTS: CloudFacts = {
  provider: 'gcp',
  label: 'GCP',
  kubernetesService: 'GKE',
  sandbox: { field: 'project', noun: 'project' },
  regions: { names: gcpRegionNames, zones: (region) => gcpRegion(region)?.zones },
  machines: {
    name: 'GCE',
    kind: 'GCE machine type',
    allowed: 'a machine type from the catalog (n2-standard-16, ...)',
    lookup: gceMachineType,
    names: gceMachineTypeNames,
  },
  diskTypes: ['pd-ssd', 'pd-balanced'],
  defaultDiskType: 'pd-ssd',
  ingressKinds: ['gce', 'nginx', 'none'],
  tlsCertificates: ['google-managed', 'gcp-ssl-certificates', 'secret', 'none'],
  networkName: 'VPC network',
  postgres: {
    service: 'Cloud SQL',
    classPattern: /^db-(custom-\d+-\d+|perf-optimized-N-\d+|f1-micro|g1-small)$/,
    classWhat: 'a Cloud SQL tier',
    classAllowed: 'db-custom-<vCPU>-<MiB>, db-perf-optimized-N-<vCPU>, db-f1-micro or db-g1-small',
  },
  redisService: 'Memorystore',
  objectStorage: 'GCS',
  nodeLabelPrefix: 'cloud.google.com/',
  workloadIdentity: { annotation: 'iam.gke.io/gcp-service-account', noun: 'Google service account' },
};
