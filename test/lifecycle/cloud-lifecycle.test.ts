/** Each cloud's lifecycle operations, by provider (the commands' tests run them against mocked clouds). */
import { CLOUD_PROVIDERS } from '../../lib/cloud/clouds';
import { CLOUD_LIFECYCLE, withDefaultClients } from '../../lib/lifecycle/cloud-lifecycle';
import type { GcpAccess } from '../../lib/lifecycle/gcp-asset-search';
import { awsDesign, gcpDesign } from '../support/design-fixture';

describe('CLOUD_LIFECYCLE', () => {
  it('has an entry per provider, each saying how expired searches and where leftovers are', () => {
    expect(Object.keys(CLOUD_LIFECYCLE)).toEqual([...CLOUD_PROVIDERS]);
    expect(CLOUD_LIFECYCLE.aws.search.scope(['us-east-2'])).toEqual({ cloud: 'aws', regions: ['us-east-2'] });
    expect(CLOUD_LIFECYCLE.gcp.search.scope(['acme-sandbox'])).toEqual({ cloud: 'gcp', projects: ['acme-sandbox'] });
    expect(CLOUD_LIFECYCLE.aws.leftoverScope(awsDesign())).toBe('us-east-2');
    expect(CLOUD_LIFECYCLE.gcp.leftoverScope(gcpDesign())).toBe('acme-sandbox');
  });

  it('deletes AWS leftovers itself and leaves GCP ones to the printed gcloud commands', () => {
    expect(CLOUD_LIFECYCLE.aws.deleteLeftover).toBeDefined();
    expect(CLOUD_LIFECYCLE.aws.deleteByHand).toBeUndefined();
    expect(CLOUD_LIFECYCLE.gcp.deleteLeftover).toBeUndefined();
    expect(CLOUD_LIFECYCLE.gcp.deleteByHand).toBe('the gcloud commands above');
  });
});

describe('withDefaultClients', () => {
  it('uses the clients given, and makes a missing one only when asked for, once', () => {
    const gcp: GcpAccess = { fetch: async () => ({ ok: true, status: 200, json: async () => ({}) }) as never, token: async () => 't' } as unknown as GcpAccess;
    const clients = withDefaultClients({ gcp });
    expect(clients.gcp).toBe(gcp);
    const aws = clients.aws;
    expect(clients.aws).toBe(aws);
    expect(typeof aws.ec2).toBe('function');
  });
});
