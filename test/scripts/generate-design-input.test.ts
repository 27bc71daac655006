/** The DesignInput type is generated from the design schema, and a design written against it passes the checks. */
import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import { designFromObject } from '../../lib/checks/check-design';
import type { DesignInput } from '../../lib/design/design-input';
import { DESIGN_INPUT_PATH, renderDesignInput, typeOf } from '../../scripts/generate-design-input';
import { array, freeform, integer, map, object, string } from '../../lib/design/schema-dsl';

describe('lib/design/design-input.ts', () => {
  it('is committed up to date (regenerate: npx tsx scripts/generate-design-input.ts)', () => {
    expect(fs.readFileSync(DESIGN_INPUT_PATH, 'utf8')).toBe(renderDesignInput());
  });

  it('types each schema kind: enums as unions, required fields as required, docs and defaults as comments', () => {
    const node = object('A thing.', {
      kind: string('Which.', { enum: ['a', 'b'] }),
      count: integer('How many.', { default: 3 }),
      tags: map('Tags.', string('A tag.')),
      list: array('Items.', string('One.', { enum: ['x'] })),
      values: freeform('Anything.'),
    }, { required: ['kind'] });
    expect(typeOf(node)).toBe(
      [
        '{',
        '  /** Which. */',
        "  readonly kind: 'a' | 'b';",
        '  /** How many. @default 3 */',
        '  readonly count?: number;',
        '  /** Tags. */',
        '  readonly tags?: Readonly<Record<string, string>>;',
        '  /** Items. */',
        "  readonly list?: readonly ('x')[];",
        '  /** Anything. */',
        '  readonly values?: Readonly<Record<string, unknown>>;',
        '}',
      ].join('\n'),
    );
  });

  it('accepts every example design, which then passes designFromObject', () => {
    const dir = path.join('examples', 'designs');
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.yaml') && !f.endsWith('-override.yaml'))) {
      const input: DesignInput = parse(fs.readFileSync(path.join(dir, file), 'utf8'));
      expect(designFromObject(input, { file, baseDir: path.resolve(dir) }).name).toBe(input.name);
    }
  });

  it('lets the compiler refuse what the schema refuses', () => {
    // The README's library example, as written there.
    const base: DesignInput = {
      name: 'initech-trial',
      customer: 'Initech',
      owner: 'p@example.com',
      cloud: { provider: 'aws', region: 'eu-west-1', accountId: '111122223333' },
      network: { endpointAccess: 'private' },
      kubernetes: { version: '1.33', nodePools: [{ name: 'default', machineType: 'm6a.4xlarge', minNodes: 3, maxNodes: 4 }] },
      sourcegraph: { version: '7.6.0', size: 'S', hostname: 'sourcegraph.initech.example.com', ingress: 'none' },
    };
    // @ts-expect-error 'azure' is not a provider
    const badProvider: DesignInput = { ...base, cloud: { provider: 'azure', region: 'x' } };
    // @ts-expect-error unknown field
    const unknownField: DesignInput = { ...base, sourcegraph: { ...base.sourcegraph, replicas: 3 } };
    // @ts-expect-error the customer is required
    const missing: DesignInput = { name: base.name, owner: base.owner, cloud: base.cloud, kubernetes: base.kubernetes, sourcegraph: base.sourcegraph };
    expect([badProvider, unknownField, missing]).toHaveLength(3);
    expect(designFromObject(base).sourcegraph.ingress).toBe('none');
  });
});
