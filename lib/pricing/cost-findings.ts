/**
 * What the cost estimate could not price, as warnings for `validate`, `synth`
 * and `report`: a region outside the price table (no estimate at all), or
 * items without a price (left out of the totals). The price table is data
 * transcribed by hand with its sources (data/prices.ts): a region is priced
 * when someone adds its row from the providers' price pages, never guessed. Pure.
 */
import type { Finding } from '../sizing/finding';
import type { CostEstimate } from './estimate-cost';

/** Warnings for what `cost` leaves out, each pointing at the design field to blame. */
export function costFindings(cost: CostEstimate, pricedRegions: readonly string[]): Finding[] {
  if (!cost.priced) {
    return [
      {
        severity: 'warning',
        check: 'cost',
        message: `region ${cost.region} is not in sg-replica's price table (priced: ${pricedRegions.join(', ')}): the report has no cost estimate. Price it from the provider's pages before quoting a figure, or add the region with its source to sg-replica's price table (lib/pricing/data/prices.ts)`,
        field: ['cloud', 'region'],
      },
    ];
  }
  const items = cost.unpriced;
  if (items.length === 0) return [];
  return [
    {
      severity: 'warning',
      check: 'cost',
      message: `not in sg-replica's price table, left out of the estimate: ${items.join(', ')}: the totals are too low by what these cost`,
      field: /^node pool /.test(items[0]) ? ['kubernetes', 'nodePools'] : ['externalServices'],
    },
  ];
}
