/** The render tier's checks on a Kustomize replica, rendered for real (kubectl kustomize, and helm for the ingress controller). */
import { withKustomize } from '../../lib/kustomize/kustomize-design';
import { renderAndCheckKustomize } from '../../lib/kustomize/check-kustomize-release';
import { formatRenderFinding } from '../../lib/render/render-finding';
import { awsDesign } from '../support/design-fixture';
import { writeOverlay } from '../support/kustomize';

describe('renderAndCheckKustomize', () => {
  it("finds what would keep the replica's pods from starting: a pool no node has, a Secret nobody creates", async () => {
    const dir = writeOverlay({
      'kustomization.yaml': ['resources:', '  - ../../base/sourcegraph', 'components:', '  - ../../components/sizes/xs', 'patches:', '  - path: frontend.yaml', ''].join('\n'),
      'frontend.yaml': [
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata:',
        '  name: sourcegraph-frontend',
        'spec:',
        '  template:',
        '    spec:',
        '      nodeSelector: {pool: gpu}',
        '      containers:',
        '        - name: frontend',
        '          envFrom:',
        '            - secretRef: {name: prod-license}',
        '',
      ].join('\n'),
    });
    const design = withKustomize(awsDesign({ sourcegraph: { size: 'XS' } }), { path: 'o', resolvedPath: dir }, '7.2.1943');
    const { render, findings } = await renderAndCheckKustomize(design, { overlayDir: dir });
    expect(render.problems.filter((p) => p.severity === 'error')).toEqual([]);
    const errors = findings.filter((f) => f.severity === 'error').map(formatRenderFinding);
    expect(errors).toEqual([
      'error: render references: Deployment/sourcegraph-frontend: container frontend envFrom refers to Secret "prod-license", which neither the chart renders nor the replica creates',
      'error: render placement: Deployment/sourcegraph-frontend: nodeSelector {"pool":"gpu"} (or its required node affinity) matches no node pool of the design: its pods would stay Pending',
    ]);
    // The ALB's IngressClass comes from the controller chart, rendered by helm alongside: the Ingress resolves.
    expect(findings.some((f) => f.object === 'Ingress/sourcegraph-frontend')).toBe(false);
  }, 120_000);
});
