import { parse } from 'yaml';
import { mergeValues } from '../../lib/helm/merge-values';
import { leafPaths, replacesPath, splitValues, terraformValuesDocuments, valueAt, valuesFromTerraformDocuments } from '../../lib/sourcegraph/values-documents';

const values = {
  frontend: { env: { A: { value: '${x}' }, BUCKET: { value: 'REF' } }, serviceAccount: { create: true, annotations: { role: 'REF2' } } },
  pgsql: { enabled: false },
  list: ['a', 'b'],
  gone: null,
};

describe('leafPaths', () => {
  it('lists scalars, lists, nulls and empty maps as leaves', () => {
    expect(leafPaths({ ...values, empty: {} })).toEqual([
      ['frontend', 'env', 'A', 'value'],
      ['frontend', 'env', 'BUCKET', 'value'],
      ['frontend', 'serviceAccount', 'create'],
      ['frontend', 'serviceAccount', 'annotations', 'role'],
      ['pgsql', 'enabled'],
      ['list'],
      ['gone'],
      ['empty'],
    ]);
  });
});

describe('replacesPath', () => {
  it('is true when a layer sets the leaf, a scalar, list or null above it, or a map in its place', () => {
    expect(replacesPath({ a: { b: 1 } }, ['a', 'b'])).toBe(true);
    expect(replacesPath({ a: null }, ['a', 'b'])).toBe(true);
    expect(replacesPath({ a: ['x'] }, ['a', 'b'])).toBe(true);
    expect(replacesPath({ a: { b: { c: 1 } } }, ['a', 'b'])).toBe(true);
  });
  it('is false when the layer leaves the path alone', () => {
    expect(replacesPath({}, ['a', 'b'])).toBe(false);
    expect(replacesPath({ a: { c: 1 } }, ['a', 'b'])).toBe(false);
  });
});

describe('splitValues', () => {
  const paths = [['frontend', 'env', 'BUCKET', 'value'], ['frontend', 'serviceAccount', 'annotations', 'role'], ['missing', 'path']];

  it('moves exactly the leaves at the paths, keeping emptied maps in place', () => {
    const { literal, references } = splitValues(values, paths);
    expect(references).toEqual({ frontend: { env: { BUCKET: { value: 'REF' } }, serviceAccount: { annotations: { role: 'REF2' } } } });
    expect(literal).toEqual({ ...values, frontend: { env: { A: { value: '${x}' }, BUCKET: {} }, serviceAccount: { create: true, annotations: {} } } });
    expect(valueAt(values, ['frontend', 'env', 'BUCKET', 'value'])).toBe('REF');
  });

  it('merges back, as Helm merges the documents, to the values it was given, key order included', () => {
    const { literal, references } = splitValues(values, paths);
    const merged = mergeValues(literal, references);
    expect(merged).toEqual(values);
    expect(JSON.stringify(merged)).toBe(JSON.stringify(values));
  });

  it('escapes the literal document for Terraform and reads it back', () => {
    const docs = terraformValuesDocuments(splitValues(values, paths));
    expect(docs).toHaveLength(2);
    expect(docs[0]).toContain('${"$"}{x}');
    expect(valuesFromTerraformDocuments(docs)).toEqual(values);
    expect(parse(docs[1])).toEqual({ frontend: { env: { BUCKET: { value: 'REF' } }, serviceAccount: { annotations: { role: 'REF2' } } } });
  });

  it('gives one document when there are no references', () => {
    expect(terraformValuesDocuments(splitValues(values, []))).toHaveLength(1);
  });
});
