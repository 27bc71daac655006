import { DATABASE_SECRET_KEYS, existingObjects } from '../../lib/render/stack-objects';
import { awsDesign } from '../support/design-fixture';

describe('existingObjects', () => {
  test('always: the namespace, the StorageClass, the default ServiceAccount and the built-in PriorityClasses', () => {
    expect(existingObjects(awsDesign()).map((o) => `${o.kind}/${o.name}`)).toEqual([
      'Namespace/sourcegraph',
      'StorageClass/sourcegraph',
      'ServiceAccount/default',
      'PriorityClass/system-cluster-critical',
      'PriorityClass/system-node-critical',
    ]);
  });

  test('with external services: the Secrets the stack creates, with their keys', () => {
    const design = awsDesign({ externalServices: { postgres: { instanceClass: 'db.m6g.large', storageGb: 100, highAvailability: false }, redis: { nodeType: 'cache.m6g.large' } } });
    const secrets = existingObjects(design).filter((o) => o.kind === 'Secret');
    expect(secrets.map((s) => [s.name, s.keys])).toEqual([
      ['sg-replica-pgsql-auth', DATABASE_SECRET_KEYS],
      ['sg-replica-codeintel-db-auth', DATABASE_SECRET_KEYS],
      ['sg-replica-codeinsights-db-auth', DATABASE_SECRET_KEYS],
      ['sg-replica-redis-cache-endpoint', ['endpoint']],
      ['sg-replica-redis-store-endpoint', ['endpoint']],
    ]);
  });
});
