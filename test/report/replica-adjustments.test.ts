import { replicaAdjustmentLines } from '../../lib/report/replica-adjustments';

describe('replicaAdjustmentLines', () => {
  it('lists what overrides the overlay first, then the other adjustments, each with its reason', () => {
    const lines = replicaAdjustmentLines('overlay', [
      { object: 'Namespace/prod', change: 'delete', reason: 'the stack creates the namespace' },
      { object: 'StorageClass/sourcegraph', change: 'delete', reason: 'the replica uses its own class', overridesCustomer: true },
      { object: 'ServiceAccount/worker', change: 'add', reason: 'a | pipe\nand a newline' },
    ]);
    expect(lines).toEqual([
      expect.stringMatching(/^The replica renders the overlay `overlay` with `kubectl kustomize` and applies 3 adjustments of its own after it/),
      '',
      '### Where the replica overrides the overlay (1)',
      '',
      '- `StorageClass/sourcegraph`: removes: the replica uses its own class',
      '',
      '### Its other adjustments (2)',
      '',
      '- `Namespace/prod`: removes: the stack creates the namespace',
      '- `ServiceAccount/worker`: adds: a \\| pipe and a newline',
      '',
    ]);
  });

  it('says so when the replica overrides nothing', () => {
    expect(replicaAdjustmentLines('o', [])).toContain('None: every adjustment adds to what the overlay sets.');
  });
});
