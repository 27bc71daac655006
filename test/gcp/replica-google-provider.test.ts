import 'cdktf/lib/testing/adapters/jest';
import { Testing } from 'cdktf';
import { ReplicaGoogleProvider } from '../../lib/gcp/replica-google-provider';

function synth(props: ConstructorParameters<typeof ReplicaGoogleProvider>[2]): any {
  return JSON.parse(
    Testing.synthScope((scope) => {
      new ReplicaGoogleProvider(scope, 'google', props);
    }),
  );
}

describe('ReplicaGoogleProvider', () => {
  it('pins the project and region and sets default labels with their keys as given', () => {
    const out = synth({ project: 'acme-sandbox', region: 'us-central1', labels: { 'sg-replica-name': 'acme', 'managed-by': 'sg-replica' } });
    expect(out.provider.google).toEqual([
      {
        project: 'acme-sandbox',
        region: 'us-central1',
        default_labels: { 'sg-replica-name': 'acme', 'managed-by': 'sg-replica' },
      },
    ]);
  });

  it('sets no default labels when none are given, and never credentials', () => {
    const [provider] = synth({ project: 'acme-sandbox', region: 'europe-west1' }).provider.google;
    expect(provider).toEqual({ project: 'acme-sandbox', region: 'europe-west1' });
  });

  it('refuses a bad project id, region or label', () => {
    expect(() => synth({ project: 'Acme', region: 'us-central1' })).toThrow('project "Acme" is not a GCP project id');
    expect(() => synth({ project: 'acme-sandbox-', region: 'us-central1' })).toThrow('not a GCP project id');
    expect(() => synth({ project: 'acme-sandbox', region: 'us-central1-a' })).toThrow('region "us-central1-a" is not a GCP region');
    expect(() => synth({ project: 'acme-sandbox', region: 'us-central1', labels: { Name: 'x' } })).toThrow(
      "ReplicaGoogleProvider: label key 'Name'",
    );
  });
});
