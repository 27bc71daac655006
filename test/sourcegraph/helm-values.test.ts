import { awsDesign } from '../support/design-fixture';
import { sourcegraphHelmValues } from '../../lib/sourcegraph/helm-values';
import { replicaValues } from '../../lib/sourcegraph/replica-values';

const context = { storageClassName: 'sourcegraph', tags: { 'sg-replica': 'acme-prod' } };

const override = (path: string, values: Record<string, unknown>) => ({ path, resolvedPath: `/abs/${path}`, values });

describe('sourcegraphHelmValues', () => {
  it('is the generated values when the design has no overrides', () => {
    const design = awsDesign();
    expect(sourcegraphHelmValues(design, context)).toEqual(replicaValues(design, context));
  });

  it('applies generated < override files in order < inline values', () => {
    const design = awsDesign({
      sourcegraph: {
        overrides: [
          override('base.yaml', { frontend: { replicaCount: 2, ingress: { host: 'prod.acme.example.com' } }, gitserver: { replicaCount: 2 } }),
          override('prod.yaml', { frontend: { replicaCount: 3 }, searcher: { replicaCount: 4 } }),
        ],
        values: { frontend: { replicaCount: 1 } },
      },
    });
    const values = sourcegraphHelmValues(design, context) as any;
    expect(values.frontend.replicaCount).toBe(1); // inline beats both files
    expect(values.gitserver.replicaCount).toBe(2); // first file
    expect(values.searcher.replicaCount).toBe(4); // second file
    expect(values.frontend.ingress.host).toBe('prod.acme.example.com'); // a file beats the generated value
    expect(values.frontend.ingress.ingressClassName).toBe('alb'); // generated, untouched
  });

  it("lets an override delete a generated annotation with null, and keeps the null for Helm", () => {
    const design = awsDesign({
      sourcegraph: { overrides: [override('o.yaml', { frontend: { ingress: { annotations: { 'alb.ingress.kubernetes.io/scheme': null } } } })] },
    });
    const annotations = (sourcegraphHelmValues(design, context) as any).frontend.ingress.annotations;
    expect(annotations['alb.ingress.kubernetes.io/scheme']).toBeNull();
    expect(annotations['alb.ingress.kubernetes.io/target-type']).toBe('ip');
  });

  it("keeps the replica's StorageClass over an override file's, but inline values may change it", () => {
    const prodStorage = { storageClass: { create: true, name: 'gp3-prod', provisioner: 'ebs.csi.aws.com', reclaimPolicy: 'Retain' } };
    const fromFile = sourcegraphHelmValues(awsDesign({ sourcegraph: { overrides: [override('prod.yaml', prodStorage)] } }), context);
    expect(fromFile.storageClass).toEqual({ create: false, name: 'sourcegraph', provisioner: 'ebs.csi.aws.com', reclaimPolicy: 'Retain' });

    const inline = sourcegraphHelmValues(
      awsDesign({ sourcegraph: { values: { storageClass: { name: 'custom' } } } }),
      context,
    );
    expect(inline.storageClass).toEqual({ create: false, name: 'custom' });
  });

  it('does not mutate the design', () => {
    const file = override('o.yaml', { frontend: { env: { A: { value: 'a' } } } });
    const design = awsDesign({ sourcegraph: { overrides: [file], values: { frontend: { env: { B: { value: 'b' } } } } } });
    const before = JSON.stringify(design);
    sourcegraphHelmValues(design, context);
    expect(JSON.stringify(design)).toBe(before);
  });

  it('names an override file that is not a map', () => {
    const design = awsDesign({ sourcegraph: { overrides: [override('list.yaml', [] as any)] } });
    expect(() => sourcegraphHelmValues(design, context)).toThrow("Helm override file 'list.yaml' must be a map");
  });
});
