import 'cdktf/lib/testing/adapters/jest';
import { Testing } from 'cdktf';
import { SourcegraphStorageClass } from '../../lib/kubernetes/storage-class';
import { ebsCsiStorage } from '../../lib/kubernetes/storage-provisioning';
import { StorageClassV1 } from '../../lib/providers/kubernetes';

describe('SourcegraphStorageClass', () => {
  it('creates an encrypted EBS CSI class that deletes disks, binds in the pod zone and can grow', () => {
    let name = '';
    const synth = Testing.synthScope((scope) => {
      name = new SourcegraphStorageClass(scope, 'storage', {
        ...ebsCsiStorage({ diskType: 'gp3', tags: { 'sg-replica': 'acme-prod' } }),
      }).name;
    });
    expect(name).toBe('sourcegraph');
    expect(synth).toHaveResourceWithProperties(StorageClassV1, {
      metadata: { name: 'sourcegraph' },
      storage_provisioner: 'ebs.csi.aws.com',
      parameters: {
        type: 'gp3',
        encrypted: 'true',
        'csi.storage.k8s.io/fstype': 'ext4',
        tagSpecification_1: 'sg-replica=acme-prod',
      },
      reclaim_policy: 'Delete',
      volume_binding_mode: 'WaitForFirstConsumer',
      allow_volume_expansion: true,
    });
  });

  it('takes a name, labels, Retain and Immediate when asked', () => {
    const synth = Testing.synthScope((scope) => {
      new SourcegraphStorageClass(scope, 'storage', {
        name: 'sg-fast',
        provisioner: 'pd.csi.storage.gke.io',
        parameters: { type: 'pd-ssd' },
        reclaimPolicy: 'Retain',
        volumeBindingMode: 'Immediate',
        allowVolumeExpansion: false,
        labels: { 'sg-replica': 'acme-prod' },
      });
    });
    expect(synth).toHaveResourceWithProperties(StorageClassV1, {
      metadata: { name: 'sg-fast', labels: { 'sg-replica': 'acme-prod' } },
      reclaim_policy: 'Retain',
      volume_binding_mode: 'Immediate',
      allow_volume_expansion: false,
    });
  });

  it('validates eagerly, naming the bad value', () => {
    const make = (props: any) => () => Testing.synthScope((scope) => new SourcegraphStorageClass(scope, 's', props));
    expect(make({ name: 'Bad_Name', provisioner: 'x' })).toThrow("name 'Bad_Name'");
    expect(make({ provisioner: ' ' })).toThrow('provisioner is empty');
    expect(make({ provisioner: 'x', reclaimPolicy: 'Recycle' })).toThrow("got 'Recycle'");
    expect(make({ provisioner: 'x', volumeBindingMode: 'Later' })).toThrow("got 'Later'");
    expect(make({ provisioner: 'x', labels: { owner: 'a@b' } })).toThrow("label 'owner'");
  });
});
