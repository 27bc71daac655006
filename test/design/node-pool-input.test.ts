import { designSchema } from '../../lib/design/design-schema';
import { NODE_POOL_DEFAULTS, nodePoolWithDefaults } from '../../lib/design/node-pool-input';
import type { ArrayNode, ObjectNode } from '../../lib/design/schema-dsl';

describe('nodePoolWithDefaults', () => {
  it('fills disk, spot, labels and taints as a design file does', () => {
    expect(nodePoolWithDefaults({ name: 'general', machineType: 'm6a.4xlarge', minNodes: 3, maxNodes: 6 })).toEqual({
      name: 'general',
      machineType: 'm6a.4xlarge',
      minNodes: 3,
      maxNodes: 6,
      diskGb: 100,
      spot: false,
      labels: {},
      taints: [],
    });
    expect(nodePoolWithDefaults({ name: 's', machineType: 'x', minNodes: 0, maxNodes: 1, taints: [{ key: 'gpu', effect: 'NoSchedule' }] }).taints).toEqual([{ key: 'gpu', value: '', effect: 'NoSchedule' }]);
  });

  it('uses the design schema\'s defaults', () => {
    const kubernetes = designSchema.properties.kubernetes as ObjectNode;
    const pool = ((kubernetes.properties.nodePools as ArrayNode).items as ObjectNode).properties;
    expect(pool.diskGb.default).toBe(NODE_POOL_DEFAULTS.diskGb);
    expect(pool.spot.default).toBe(NODE_POOL_DEFAULTS.spot);
  });
});
