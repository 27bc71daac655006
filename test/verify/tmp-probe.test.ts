it('loads', () => {
  const k = require('@kubernetes/client-node');
  expect(typeof k.KubeConfig).toBe('function');
});
