/** The frontend's TLS Secret for ingress-nginx, from a PEM the cloud's secret store holds: its synthesized shape. */
import { TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { FrontendTlsSecret, PEM_CERTIFICATE_PATTERN, PEM_PRIVATE_KEY_PATTERN } from '../../lib/kubernetes/frontend-tls-secret';
import { KubernetesProvider } from '../../lib/providers/kubernetes';
import { FRONTEND_TLS_SECRET_NAME } from '../../lib/sourcegraph/replica-values';

function synth(props: Partial<ConstructorParameters<typeof FrontendTlsSecret>[2]> = {}): any {
  const stack = new TerraformStack(Testing.app(), 's');
  new KubernetesProvider(stack, 'k', {});
  const pem = new TerraformVariable(stack, 'pem', { type: 'string', sensitive: true });
  new FrontendTlsSecret(stack, 'tls', { namespace: 'sourcegraph', pem: pem.stringValue, source: 'Secret Manager secret sourcegraph-tls', ...props });
  return Object.values<any>(JSON.parse(Testing.synth(stack)).resource.kubernetes_secret_v1)[0];
}

describe('FrontendTlsSecret', () => {
  it('is a kubernetes.io/tls Secret named as the Helm values name it, split from the PEM by Terraform', () => {
    const secret = synth();
    expect(secret.type).toBe('kubernetes.io/tls');
    expect(secret.metadata).toMatchObject({ name: FRONTEND_TLS_SECRET_NAME, namespace: 'sourcegraph' });
    expect(secret.data['tls.crt']).toBe(`\${join("\\n", regexall("${PEM_CERTIFICATE_PATTERN}", var.pem))}`);
    expect(secret.data['tls.key']).toBe(`\${regex("${PEM_PRIVATE_KEY_PATTERN}", var.pem)}`);
  });

  it('checks the PEM before creating it, naming where it comes from', () => {
    const [pre] = synth().lifecycle.precondition;
    expect(pre.condition).toBe(
      `\${(((length(regexall("${PEM_CERTIFICATE_PATTERN}", var.pem)) >= 1) && (length(regexall("${PEM_PRIVATE_KEY_PATTERN}", var.pem)) == 1)) && (length(regexall("-----BEGIN ENCRYPTED PRIVATE KEY-----", var.pem)) < 1))}`,
    );
    expect(pre.error_message).toMatch(/^Secret Manager secret sourcegraph-tls must hold the PEM certificate chain .* exactly one unencrypted private key/);
  });

  it('refuses a literal PEM (the key would be in the synthesized JSON) and bad names', () => {
    expect(() => synth({ pem: '-----BEGIN CERTIFICATE-----' })).toThrow('pem must be read by a data source');
    expect(() => synth({ namespace: 'Not_A_Namespace' })).toThrow("'Not_A_Namespace' is not a namespace name");
  });
});
