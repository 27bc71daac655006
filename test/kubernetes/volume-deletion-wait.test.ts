import 'cdktf/lib/testing/adapters/jest';
import { Testing } from 'cdktf';
import { VolumeDeletionWait, type VolumeDeletionWaitProps } from '../../lib/kubernetes/volume-deletion-wait';
import { WAIT_FOR_VOLUMES_SCRIPT } from '../../lib/kubernetes/wait-for-volumes-script';
import { unresolvedReferences } from '../support/terraform-references';

const base: VolumeDeletionWaitProps = {
  storageClassName: 'sourcegraph',
  credentials: {
    host: 'https://ABC.gr7.us-east-2.eks.amazonaws.com',
    caCertificateBase64: 'Q0E=',
    exec: { command: 'aws', args: ['eks', 'get-token', '--region', 'us-east-2', '--cluster-name', 'acme', '--output', 'json'] },
  },
};

function synth(props: Partial<VolumeDeletionWaitProps> = {}): { json: any; resource: any } {
  const json = JSON.parse(Testing.synthScope((scope) => void new VolumeDeletionWait(scope, 'wait', { ...base, ...props })));
  return { json, resource: Object.values(json.resource.terraform_data)[0] };
}

describe('VolumeDeletionWait', () => {
  it('runs the wait program with node -e, on destroy only, fed from self.input', () => {
    const { json, resource } = synth();
    expect(resource.provisioner).toEqual([
      {
        'local-exec': {
          when: 'destroy',
          interpreter: ['node', '-e', WAIT_FOR_VOLUMES_SCRIPT],
          command: 'sg-replica-wait-for-volumes',
          environment: {
            SG_K8S_HOST: '${self.input.host}',
            SG_K8S_CA_B64: '${self.input.ca_certificate_base64}',
            SG_K8S_TLS_SERVER_NAME: '${self.input.tls_server_name}',
            SG_K8S_EXEC: '${self.input.exec}',
            SG_STORAGE_CLASS: '${self.input.storage_class}',
            SG_TIMEOUT_SECONDS: '${self.input.timeout_seconds}',
            SG_POLL_SECONDS: '${self.input.poll_seconds}',
          },
        },
      },
    ]);
    expect(resource.input).toEqual({
      host: 'https://ABC.gr7.us-east-2.eks.amazonaws.com',
      ca_certificate_base64: 'Q0E=',
      tls_server_name: '',
      exec: JSON.stringify(base.credentials.exec),
      storage_class: 'sourcegraph',
      timeout_seconds: '900',
      poll_seconds: '10',
    });
    expect(unresolvedReferences(json)).toEqual([]);
  });

  it('passes a tunnel\'s TLS server name and the timeout on', () => {
    const { resource } = synth({
      credentials: { ...base.credentials, host: 'https://127.0.0.1:18443', tlsServerName: 'ABC.gr7.us-east-2.eks.amazonaws.com' },
      timeoutSeconds: 1200,
    });
    expect(resource.input).toMatchObject({ host: 'https://127.0.0.1:18443', tls_server_name: 'ABC.gr7.us-east-2.eks.amazonaws.com', timeout_seconds: '1200' });
  });

  it.each([
    [{ storageClassName: 'Not_A_Name' }, /is not a StorageClass name/],
    [{ credentials: { host: 'h', caCertificateBase64: 'c', token: 't' } }, /give credentials.exec/],
    [{ timeoutSeconds: 0 }, /timeoutSeconds must be a positive number of seconds, got 0/],
    [{ pollSeconds: -1 }, /pollSeconds must be a positive number of seconds, got -1/],
    [{ pollSeconds: Number.NaN }, /pollSeconds must be a positive number of seconds, got NaN/],
    [{ timeoutSeconds: Number.POSITIVE_INFINITY }, /timeoutSeconds must be a positive number of seconds, got Infinity/],
  ])('refuses %j', (bad, message) => {
    expect(() => synth(bad as Partial<VolumeDeletionWaitProps>)).toThrow(message);
  });
});
