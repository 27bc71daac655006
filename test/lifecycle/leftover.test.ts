import { Leftover, sortForDeletion } from '../../lib/lifecycle/leftover';

const l = (cloud: 'aws' | 'gcp', kind: string, id: string): Leftover => ({ cloud, kind, id, name: id, location: 'r', matchedBy: 'x' });

describe('sortForDeletion', () => {
  it('puts AWS users before what they use: load balancers, target groups, interfaces, volumes, security groups, then the rest', () => {
    const sorted = sortForDeletion([
      l('aws', 'security-group', 'sg-1'),
      l('aws', 'kms-key', 'k'),
      l('aws', 'volume', 'vol-1'),
      l('aws', 'network-interface', 'eni-1'),
      l('aws', 'target-group', 'tg'),
      l('aws', 'load-balancer', 'lb'),
      l('aws', 'security-group', 'sg-2'),
    ]);
    expect(sorted.map((x) => x.id)).toEqual(['lb', 'tg', 'eni-1', 'vol-1', 'sg-1', 'sg-2', 'k']);
  });

  it('orders GCP load balancer parts from the front (forwarding rules) to the back (NEGs), then firewalls and disks', () => {
    const sorted = sortForDeletion([
      l('gcp', 'disks', 'd'),
      l('gcp', 'network-endpoint-groups', 'neg'),
      l('gcp', 'firewall-rules', 'fw'),
      l('gcp', 'backend-services', 'bs'),
      l('gcp', 'forwarding-rules', 'fr'),
    ]);
    expect(sorted.map((x) => x.id)).toEqual(['fr', 'bs', 'neg', 'fw', 'd']);
  });
});
