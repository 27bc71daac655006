import { awsDesign, gcpDesign } from '../support/design-fixture';
import {
  DEFAULT_IO2_IOPS,
  EBS_CSI_PROVISIONER,
  GCE_PD_CSI_PROVISIONER,
  designStorageProvisioning,
  ebsCsiStorage,
  gcePdCsiStorage,
} from '../../lib/kubernetes/storage-provisioning';

describe('ebsCsiStorage', () => {
  it('provisions encrypted ext4 gp3 volumes with the EBS CSI driver by default', () => {
    expect(ebsCsiStorage({ diskType: 'gp3' })).toEqual({
      provisioner: EBS_CSI_PROVISIONER,
      parameters: { type: 'gp3', encrypted: 'true', 'csi.storage.k8s.io/fstype': 'ext4' },
    });
  });

  it('writes encrypted "false" when asked, and a KMS key only with encryption', () => {
    expect(ebsCsiStorage({ diskType: 'gp2', encrypted: false }).parameters.encrypted).toBe('false');
    const arn = 'arn:aws:kms:us-east-2:111122223333:key/1234';
    expect(ebsCsiStorage({ diskType: 'gp3', kmsKeyId: arn }).parameters.kmsKeyId).toBe(arn);
    expect(() => ebsCsiStorage({ diskType: 'gp3', encrypted: false, kmsKeyId: arn })).toThrow('encryption is off');
  });

  it('gives io2 3000 IOPS unless told otherwise, and checks IOPS ranges per type', () => {
    expect(ebsCsiStorage({ diskType: 'io2' }).parameters.iops).toBe(String(DEFAULT_IO2_IOPS));
    expect(ebsCsiStorage({ diskType: 'io2', iops: 10000 }).parameters.iops).toBe('10000');
    expect(ebsCsiStorage({ diskType: 'gp3', iops: 6000 }).parameters.iops).toBe('6000');
    expect(ebsCsiStorage({ diskType: 'gp3' }).parameters).not.toHaveProperty('iops');
    expect(() => ebsCsiStorage({ diskType: 'gp2', iops: 3000 })).toThrow('gp2 has no provisioned IOPS');
    expect(() => ebsCsiStorage({ diskType: 'io2', iops: 70000 })).toThrow('io2 IOPS must be a whole number from 100 to 64000, got 70000');
    expect(() => ebsCsiStorage({ diskType: 'gp3', iops: 1000 })).toThrow('gp3 IOPS');
  });

  it('sets gp3 throughput only for gp3', () => {
    expect(ebsCsiStorage({ diskType: 'gp3', throughputMibps: 250 }).parameters.throughput).toBe('250');
    expect(() => ebsCsiStorage({ diskType: 'io2', throughputMibps: 250 })).toThrow('only be set for gp3');
  });

  it('tags volumes through tagSpecification_<n> parameters, sanitized', () => {
    const { parameters } = ebsCsiStorage({ diskType: 'gp3', tags: { 'sg-replica': 'acme-prod', note: '{{ .PVCName }}' } });
    expect(parameters.tagSpecification_1).toBe('sg-replica=acme-prod');
    expect(parameters.tagSpecification_2).toBe('note=__ .PVCName __');
    expect(parameters).not.toHaveProperty('tagSpecification_3');
  });

  it('refuses an unknown volume type', () => {
    expect(() => ebsCsiStorage({ diskType: 'st1' as any })).toThrow("EBS volume type 'st1' is not supported");
  });
});

describe('gcePdCsiStorage', () => {
  it('provisions ext4 persistent disks with the PD CSI driver, labelled', () => {
    expect(gcePdCsiStorage({ diskType: 'pd-ssd', labels: { 'sg-replica': 'acme-prod', Owner: 'jane.doe@example.com' } })).toEqual({
      provisioner: GCE_PD_CSI_PROVISIONER,
      parameters: {
        type: 'pd-ssd',
        'csi.storage.k8s.io/fstype': 'ext4',
        labels: 'sg-replica=acme-prod,owner=jane_doe_example_com',
      },
    });
  });

  it('cuts label values at 63 characters, not 63 UTF-16 units (GCP rules, as gcpLabelValue spells them)', () => {
    const labels = gcePdCsiStorage({ diskType: 'pd-ssd', labels: { name: '\u{20000}'.repeat(70) } }).parameters.labels;
    const value = labels.slice('name='.length);
    expect(Array.from(value)).toHaveLength(63);
    expect(value).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
  });

  it('adds a CMEK key when given and refuses label keys not starting with a letter', () => {
    const key = 'projects/p/locations/us-central1/keyRings/r/cryptoKeys/k';
    expect(gcePdCsiStorage({ diskType: 'pd-balanced', kmsKeyName: key }).parameters['disk-encryption-kms-key']).toBe(key);
    expect(() => gcePdCsiStorage({ diskType: 'pd-ssd', labels: { '1x': 'y' } })).toThrow("GCP label key '1x'");
  });
});

describe('designStorageProvisioning', () => {
  const tags = { 'sg-replica': 'acme-prod' };

  it('uses EBS CSI with the design disk type and encryption on AWS', () => {
    const storage = designStorageProvisioning(awsDesign({ storage: { diskType: 'io2', encrypted: true } }), tags);
    expect(storage.provisioner).toBe(EBS_CSI_PROVISIONER);
    expect(storage.parameters).toMatchObject({ type: 'io2', encrypted: 'true', iops: '3000', tagSpecification_1: 'sg-replica=acme-prod' });
  });

  it('uses PD CSI on GCP', () => {
    const storage = designStorageProvisioning(gcpDesign(), tags);
    expect(storage.provisioner).toBe(GCE_PD_CSI_PROVISIONER);
    expect(storage.parameters.type).toBe('pd-ssd');
  });

  it('refuses a disk type of the other cloud and unencrypted GCE disks', () => {
    expect(() => designStorageProvisioning(awsDesign({ storage: { diskType: 'pd-ssd' } }), tags)).toThrow(
      "Disk type 'pd-ssd' of design 'acme-prod' is not an EBS type",
    );
    expect(() => designStorageProvisioning(gcpDesign({ storage: { diskType: 'gp3' } }), tags)).toThrow('not a GCE PD type');
    expect(() => designStorageProvisioning(gcpDesign({ storage: { encrypted: false } }), tags)).toThrow('always encrypted');
  });
});
