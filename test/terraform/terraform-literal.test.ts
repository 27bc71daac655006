import { fromTerraformLiteral, holdsCdktfToken, isTerraformLiteral, terraformLiteral } from '../../lib/terraform/terraform-literal';

describe('terraformLiteral', () => {
  it.each([
    ['plain text', 'plain text'],
    ['$HOME and 100% and a {b}', '$HOME and 100% and a {b}'],
    ['${HOME}', '${"$"}{HOME}'],
    ['%{if true}x%{endif}', '${"%"}{if true}x${"%"}{endif}'],
    ['$${x}', '${"$"}${"$"}{x}'],
    ['$%{x}', '${"$"}${"%"}{x}'],
    ['${TfToken[TOKEN.1]}', '${"$"}{TfToken[TOKEN.1]}'],
    ['#{TfToken[TOKEN.1]}', '${"#"}{TfToken[TOKEN.1]}'],
    ['&{TfToken[TOKEN.1]}', '${"&"}{TfToken[TOKEN.1]}'],
  ])('%j -> %j', (input, expected) => {
    expect(terraformLiteral(input)).toBe(expected);
  });

  it('breaks numbers cdktf would read as encoded tokens, and no other number', () => {
    expect(terraformLiteral('x -8.10956221259138e+298 y')).toBe('x -8.10956221259138${"e"}+298 y');
    expect(terraformLiteral('1e+300 and 6.02e23')).toBe('1e+300 and 6.02e23');
  });

  it('leaves no token marker or template start in what it returns', () => {
    const out = terraformLiteral('a${b}%{c}#{TfToken[TOKEN.2]}&{TfToken[TOKEN.3]}$$${d}');
    expect(out.replace(/\$\{"[$%#&e]"\}/g, '')).not.toMatch(/[$%#&]\{/);
  });

  it('says whether a text needs no escaping', () => {
    expect(isTerraformLiteral('sourcegraph.example.com')).toBe(true);
    expect(isTerraformLiteral('${file("/etc/hostname")}')).toBe(false);
  });
});

describe('holdsCdktfToken', () => {
  it('finds string, list and map markers and encoded numbers, in nested values too', () => {
    expect(holdsCdktfToken('${TfToken[TOKEN.3]}')).toBe(true);
    expect(holdsCdktfToken(['#{TfToken[TOKEN.3]}'])).toBe(true);
    expect(holdsCdktfToken({ a: { b: 'x-&{TfToken[TOKEN.3]}' } })).toBe(true);
    expect(holdsCdktfToken(-8.10956221259138e298)).toBe(true);
    expect(holdsCdktfToken({ port: 5432, host: 'db.internal', tags: ['a'] })).toBe(false);
  });
});

describe('fromTerraformLiteral', () => {
  it('undoes terraformLiteral', () => {
    for (const text of ['${x}', '$${x}', '%{if}', '#{TfToken[TOKEN.1]}', 'n -8.10956221259138e+298', '${"$"}{"e"}']) {
      expect(fromTerraformLiteral(terraformLiteral(text))).toBe(text);
    }
  });
});
