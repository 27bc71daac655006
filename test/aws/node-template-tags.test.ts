import 'cdktf/lib/testing/adapters/jest';
import { Testing } from 'cdktf';
import { NODE_TEMPLATE_LABEL_PREFIX, NODE_TEMPLATE_TAINT_PREFIX, NodeTemplateTags, nodeTemplateTags } from '../../lib/aws/node-template-tags';

describe('nodeTemplateTags', () => {
  it('spells labels as label tags and taints as <value>:<Effect>', () => {
    expect(
      nodeTemplateTags({
        labels: { 'sourcegraph.com/pool': 'search', tier: '' },
        taints: [{ key: 'dedicated', value: 'search', effect: 'PreferNoSchedule' }],
      }),
    ).toEqual({
      'k8s.io/cluster-autoscaler/node-template/label/sourcegraph.com/pool': 'search',
      'k8s.io/cluster-autoscaler/node-template/label/tier': '',
      'k8s.io/cluster-autoscaler/node-template/taint/dedicated': 'search:PreferNoSchedule',
    });
    expect(NODE_TEMPLATE_LABEL_PREFIX).toBe('k8s.io/cluster-autoscaler/node-template/label/');
    expect(NODE_TEMPLATE_TAINT_PREFIX).toBe('k8s.io/cluster-autoscaler/node-template/taint/');
  });

  it('is empty for a pool without labels or taints', () => {
    expect(nodeTemplateTags({ labels: {}, taints: [] })).toEqual({});
  });
});

describe('NodeTemplateTags', () => {
  const synth = (tags: Record<string, string>) =>
    JSON.parse(Testing.synthScope((scope) => void new NodeTemplateTags(scope, 'tags', { autoscalingGroupName: 'eks-acme-search-1234', tags })));

  it('makes one unpropagated tag per entry, with ids from the keys', () => {
    const out = synth({ [`${NODE_TEMPLATE_LABEL_PREFIX}a.b`]: '1', [`${NODE_TEMPLATE_LABEL_PREFIX}a/b`]: '2' });
    const resources = out.resource.aws_autoscaling_group_tag;
    expect(Object.keys(resources)).toHaveLength(2);
    const byKey = (a: any, b: any) => a.key.localeCompare(b.key);
    expect(Object.values(resources).map((r: any) => r.tag).sort(byKey)).toEqual([
      { key: `${NODE_TEMPLATE_LABEL_PREFIX}a.b`, value: '1', propagate_at_launch: false },
      { key: `${NODE_TEMPLATE_LABEL_PREFIX}a/b`, value: '2', propagate_at_launch: false },
    ]);
    expect(Object.keys(resources).every((k) => k.startsWith('tags_label-a-b'))).toBe(true);
  });

  it('refuses tags EC2 Auto Scaling would refuse', () => {
    expect(() => synth({ ['k'.repeat(129)]: 'v' })).toThrow(/longer than the 128 characters/);
    expect(() => synth({ k: 'v'.repeat(257) })).toThrow(/longer than 256 characters/);
  });
});
