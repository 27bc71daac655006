import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { referenceFile } from '../support/reference-data';
import {
  DEFAULT_ENI_MAX_PODS,
  OUTPUT,
  generateAwsInstanceTypes,
  parseEniMaxPods,
  renderAwsInstanceTypesJson,
} from '../../scripts/generate-aws-instance-types';

const SAMPLE = `# Copyright Amazon.com Inc. or its affiliates. All Rights Reserved.
#
m6a.large 29
m6a.4xlarge 234
m6a.48xlarge 737
m6a.metal 737
m7i.metal-24xl 737
m6g.medium 8
t3.nano 4
t3.medium 17
c5n.18xlarge 737
p5.48xlarge 100
m6a.weird 1
`;

describe('parseEniMaxPods', () => {
  test('reads "<type> <max pods>" lines and skips comments and blanks', () => {
    const parsed = parseEniMaxPods(SAMPLE);
    expect(parsed.get('m6a.4xlarge')).toBe(234);
    expect(parsed.size).toBe(11);
  });

  test('names the line it cannot read', () => {
    expect(() => parseEniMaxPods('m6a.large 29\nm6a.xlarge fifty-eight\n')).toThrow(/line 2.*m6a\.xlarge fifty-eight/);
  });
});

describe('generateAwsInstanceTypes', () => {
  const types = new Map(generateAwsInstanceTypes(parseEniMaxPods(SAMPLE)).map((type) => [type.name, type]));

  test('derives vCPU and memory from the size and the family', () => {
    expect(types.get('m6a.4xlarge')).toEqual({ name: 'm6a.4xlarge', vCpu: 16, memoryGiB: 64, maxPods: 234, architecture: 'x86_64', family: 'm6a' });
    expect(types.get('m6g.medium')).toMatchObject({ vCpu: 1, memoryGiB: 4, architecture: 'arm64' });
  });

  test('maps metal to the largest size of the family and metal-Nxl to N xlarge', () => {
    expect(types.get('m6a.metal')).toMatchObject({ vCpu: 192, memoryGiB: 768 });
    expect(types.get('m7i.metal-24xl')).toMatchObject({ vCpu: 96, memoryGiB: 384 });
  });

  test('uses listed sizes for burstable types and odd sizes', () => {
    expect(types.get('t3.medium')).toMatchObject({ vCpu: 2, memoryGiB: 4, maxPods: 17 });
    expect(types.get('t3.nano')).toMatchObject({ vCpu: 2, memoryGiB: 0.5 });
    expect(types.get('c5n.18xlarge')).toMatchObject({ vCpu: 72, memoryGiB: 192 });
  });

  test('skips unknown families and sizes the rule does not cover', () => {
    expect(types.has('p5.48xlarge')).toBe(false);
    expect(types.has('m6a.weird')).toBe(false);
  });
});

describe('renderAwsInstanceTypesJson', () => {
  test('writes valid JSON with the Apache-2.0 attribution and one line per type', () => {
    const json = renderAwsInstanceTypesJson(SAMPLE);
    const parsed = JSON.parse(json);
    expect(parsed.maxPodsSource).toMatch(/awslabs\/amazon-eks-ami.*Apache License 2\.0/);
    expect(parsed.types).toHaveLength(9);
    expect(json.split('\n').filter((line) => line.includes('"name":'))).toHaveLength(9);
  });
});

describe('the committed catalog (lib/catalog/data/aws-instance-types.json)', () => {
  test('has the max pods the catalog tests spot-check (from eni-max-pods.txt)', () => {
    const types = JSON.parse(readFileSync(OUTPUT, 'utf8')).types as Array<{ name: string; maxPods: number }>;
    const maxPods = new Map(types.map((t) => [t.name, t.maxPods]));
    expect(maxPods.get('m6a.4xlarge')).toBe(234);
    expect(maxPods.get('m6a.large')).toBe(29);
    expect(maxPods.get('c6i.2xlarge')).toBe(58);
    expect(maxPods.get('r6i.xlarge')).toBe(58);
    expect(maxPods.get('m6g.4xlarge')).toBe(234);
    expect(maxPods.get('t3.medium')).toBe(17);
  });
});

describe('generator against the reference eni-max-pods.txt (test/support/reference-data.ts: fails saying how to provide it when absent)', () => {
  const source = 'templates/shared/runtime/eni-max-pods.txt of github.com/awslabs/amazon-eks-ami (Apache-2.0), March 2026';

  test('regenerating from the reference file gives exactly the committed JSON', () => {
    const file = referenceFile(path.relative(path.join(DEFAULT_ENI_MAX_PODS, '..', '..'), DEFAULT_ENI_MAX_PODS), source);
    expect(renderAwsInstanceTypesJson(readFileSync(file, 'utf8'))).toBe(readFileSync(OUTPUT, 'utf8'));
  });

  test('names the file, its source and how to provide it when it is missing', () => {
    const message = (() => {
      try {
        referenceFile('aws/no-such-file.txt', source, { SG_REPLICA_REFERENCE: '/nonexistent' });
        return '';
      } catch (e) {
        return (e as Error).message;
      }
    })();
    expect(message).toMatch(/^reference file aws\/no-such-file\.txt not found \(tried: \/nonexistent\/aws\/no-such-file\.txt; .*\)\. It is templates\/shared\/runtime\/eni-max-pods\.txt of github\.com\/awslabs\/amazon-eks-ami .*set SG_REPLICA_REFERENCE=<dir>/);
  });
});
