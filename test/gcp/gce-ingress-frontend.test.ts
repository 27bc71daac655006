import { TerraformOutput, Testing } from 'cdktf';
import { GceIngressFrontend, type GceIngressFrontendProps } from '../../lib/gcp/gce-ingress-frontend';
import { gceIngressNames } from '../../lib/replica/gce-ingress-names';
import { unresolvedReferences } from '../support/terraform-references';

const names = gceIngressNames('umbrella-gke');
const base: GceIngressFrontendProps = { name: names.address, hostname: 'sourcegraph.umbrella.example.com' };

function synth(props: Partial<GceIngressFrontendProps> = {}): any {
  const json = JSON.parse(
    Testing.synthScope((s) => {
      const f = new GceIngressFrontend(s, 'frontend', { ...base, ...props });
      new TerraformOutput(s, 'ip', { value: f.ipAddress });
      new TerraformOutput(s, 'certs', { value: f.certificateNames });
    }),
  );
  expect(unresolvedReferences(json)).toEqual([]);
  return json;
}

describe('GceIngressFrontend', () => {
  it('reserves a global IPv4 address and makes a Google-managed certificate for the hostname with a TLS 1.2+ policy', () => {
    const json = synth();
    expect(Object.values(json.resource.google_compute_global_address)).toEqual([
      expect.objectContaining({ name: 'umbrella-gke-sourcegraph', address_type: 'EXTERNAL', ip_version: 'IPV4' }),
    ]);
    expect(Object.values(json.resource.google_compute_managed_ssl_certificate)).toEqual([
      expect.objectContaining({ name: 'umbrella-gke-sourcegraph', type: 'MANAGED', managed: { domains: ['sourcegraph.umbrella.example.com'] } }),
    ]);
    expect(Object.values(json.resource.google_compute_ssl_policy)).toEqual([
      expect.objectContaining({ name: names.sslPolicy, profile: 'MODERN', min_tls_version: 'TLS_1_2' }),
    ]);
    expect(json.output.ip.value).toMatch(/^\$\{google_compute_global_address\.[^.]+\.address\}$/);
    expect(json.output.certs.value).toEqual([expect.stringMatching(/^\$\{google_compute_managed_ssl_certificate\.[^.]+\.name\}$/)]);
  });

  it('serves pre-shared certificates the design names, without making one', () => {
    const json = synth({ tls: { certificate: 'pre-shared', certificateNames: ['umbrella-wildcard-2026'] } });
    expect(json.resource.google_compute_managed_ssl_certificate).toBeUndefined();
    expect(json.output.certs.value).toEqual(['umbrella-wildcard-2026']);
    expect(json.resource.google_compute_ssl_policy).toBeDefined();
  });

  it('reserves only the address for plain HTTP', () => {
    const json = synth({ tls: { certificate: 'none' } });
    expect(Object.keys(json.resource)).toEqual(['google_compute_global_address']);
    expect(json.output.certs.value).toEqual([]);
  });

  it('refuses what a Google-managed certificate or GCP would refuse', () => {
    expect(synth({ hostname: `${'a'.repeat(51)}.example.com` })).toBeDefined(); // 63 characters: the longest
    expect(() => synth({ hostname: `${'a'.repeat(52)}.example.com` })).toThrow('has 64 characters; a Google-managed certificate takes at most 63');
    expect(synth({ hostname: `${'a'.repeat(60)}.example.com`, tls: { certificate: 'pre-shared', certificateNames: ['c1'] } })).toBeDefined();
    expect(() => synth({ hostname: '*.umbrella.example.com' })).toThrow('is not a fully qualified lowercase DNS name');
    expect(() => synth({ hostname: 'localhost' })).toThrow('is not a fully qualified lowercase DNS name');
    expect(() => synth({ tls: { certificate: 'pre-shared', certificateNames: [] } })).toThrow('0 pre-shared certificates');
    expect(() => synth({ tls: { certificate: 'pre-shared', certificateNames: ['Bad Cert'] } })).toThrow('"Bad Cert" is not a Compute Engine SSL certificate name');
    expect(() => synth({ name: 'x'.repeat(51) })).toThrow('name must be 1-50');
  });
});
