import 'cdktf/lib/testing/adapters/jest';
import { Testing } from 'cdktf';
import { ReplicaNamespace } from '../../lib/kubernetes/namespace';
import { NamespaceV1 } from '../../lib/providers/kubernetes';

describe('ReplicaNamespace', () => {
  it('creates a labelled namespace with a 15-minute delete timeout', () => {
    const synth = Testing.synthScope((scope) => {
      new ReplicaNamespace(scope, 'ns', { name: 'sourcegraph', labels: { 'sg-replica': 'acme-prod' } });
    });
    expect(synth).toHaveResourceWithProperties(NamespaceV1, {
      metadata: { name: 'sourcegraph', labels: { 'sg-replica': 'acme-prod' } },
      timeouts: { delete: '15m' },
    });
  });

  it('refuses invalid names, labels and timeouts', () => {
    const make = (props: any) => () => Testing.synthScope((scope) => new ReplicaNamespace(scope, 'ns', props));
    expect(make({ name: 'Sourcegraph' })).toThrow("'Sourcegraph' is not a valid namespace name");
    expect(make({ name: 'sg', labels: { owner: 'jane@example.com' } })).toThrow("label 'owner'");
    expect(make({ name: 'sg', deleteTimeout: 'soon' })).toThrow("got 'soon'");
  });
});
