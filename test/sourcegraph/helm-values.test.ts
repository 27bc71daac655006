import { awsDesign } from '../support/design-fixture';
import { sourcegraphHelmValues, sourcegraphReferencePaths } from '../../lib/sourcegraph/helm-values';
import { replicaValues } from '../../lib/sourcegraph/replica-values';
import { mergeValues } from '../../lib/helm/merge-values';
import { sizePresetValues } from '../../lib/sizing/size-presets';

const context = { storageClassName: 'sourcegraph', tags: { 'sg-replica': 'acme-prod' } };

const override = (path: string, values: Record<string, unknown>) => ({ path, resolvedPath: `/abs/${path}`, values });

describe('sourcegraphHelmValues', () => {
  it('is the generated values over the size preset when the design has no overrides', () => {
    const design = awsDesign();
    expect(sourcegraphHelmValues(design, context)).toEqual(mergeValues(replicaValues(design, context), sizePresetValues('S', '7.6.0')));
  });

  it('applies the size preset under the customer overrides', () => {
    const preset = sizePresetValues('M', '7.6.0') as any;
    const design = awsDesign({ sourcegraph: { size: 'M', overrides: [override('o.yaml', { gitserver: { resources: { limits: { cpu: '16' } } } })] } });
    const values = sourcegraphHelmValues(design, context) as any;
    expect(values.gitserver.resources.limits.cpu).toBe('16');
    expect(values.gitserver.resources.limits.memory).toBe(preset.gitserver.resources.limits.memory);
  });

  it('sizes volumes from the codebase (gitserver about 1.3 x total, indexed-search 0.6 x), under the overrides', () => {
    const design = awsDesign({ sourcegraph: { codebase: { repositories: 20000, totalSizeGb: 1000, largestRepoGb: 50 } } });
    const values = sourcegraphHelmValues(design, context) as any;
    expect(values.gitserver.storageSize).toBe('1300Gi');
    expect(values.indexedSearch.storageSize).toBe('600Gi');
    const overridden = sourcegraphHelmValues(awsDesign({ sourcegraph: { codebase: { repositories: 1, totalSizeGb: 1000, largestRepoGb: 50 }, values: { gitserver: { storageSize: '2Ti' } } } }), context) as any;
    expect(overridden.gitserver.storageSize).toBe('2Ti');
  });

  it('applies the external-service wiring before the overrides and again after them', () => {
    const externalServices = { pgsql: { enabled: false, auth: { existingSecret: 'pgsql-auth-replica' } } };
    const design = awsDesign({ sourcegraph: { overrides: [override('prod.yaml', { pgsql: { auth: { existingSecret: 'prod-db' }, resources: { limits: { cpu: '2' } } } })] } });
    const values = sourcegraphHelmValues(design, { ...context, externalServices }) as any;
    expect(values.pgsql.auth.existingSecret).toBe('pgsql-auth-replica');
    expect(values.pgsql.enabled).toBe(false);
    expect(values.pgsql.resources.limits.cpu).toBe('2');
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

describe('sourcegraphReferencePaths', () => {
  const externalServices = {
    pgsql: { enabled: false },
    worker: { serviceAccount: { annotations: { 'eks.amazonaws.com/role-arn': '${TfToken[TOKEN.42]}' } }, env: { BUCKET: { value: '${TfToken[TOKEN.43]}' } } },
  };

  it('names the external-service leaves that hold tokens', () => {
    const design = awsDesign();
    expect(sourcegraphReferencePaths(design, { storageClassName: 'sourcegraph', tags: {}, externalServices })).toEqual([
      ['worker', 'serviceAccount', 'annotations', 'eks.amazonaws.com/role-arn'],
      ['worker', 'env', 'BUCKET', 'value'],
    ]);
  });

  it('leaves out a path the inline values replace: the user value there is a literal', () => {
    const design = awsDesign({ sourcegraph: { values: { worker: { env: { BUCKET: { value: '${TfToken[TOKEN.43]}' } } } } } });
    expect(sourcegraphReferencePaths(design, { storageClassName: 'sourcegraph', tags: {}, externalServices })).toEqual([
      ['worker', 'serviceAccount', 'annotations', 'eks.amazonaws.com/role-arn'],
    ]);
  });

  it('is empty without external services', () => {
    expect(sourcegraphReferencePaths(awsDesign(), { storageClassName: 'sourcegraph', tags: {} })).toEqual([]);
  });
});
