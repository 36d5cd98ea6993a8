import { DATABASE_TARGETS } from '../../helpers/test-databases';
import { aPairing, storeUnderTest, T0 } from './store-fixtures';

// Each target gets a database of its own, so the totals here count only what this test wrote.
describe.each(DATABASE_TARGETS)('store contract, pairing totals for /metrics, on %s', (_target, create) => {
  const it$ = storeUnderTest(create);

  it('is zero on an empty database', async () => {
    expect(await it$.store.pairingTotals()).toEqual({ active: 0, atRisk: 0 });
  });

  it('counts active and at-risk pairings across communities, leaving ended ones out', async () => {
    await it$.tx(async (tx) => {
      await tx.ensureCommunity('c:totals-a', 'A');
      await tx.ensureCommunity('c:totals-b', 'B');
      await aPairing(tx, 'c:totals-a', 'p:m1', 'p:e1');
      const atRisk = await aPairing(tx, 'c:totals-a', 'p:m1', 'p:e2');
      await tx.setAtRisk(atRisk.id);
      await aPairing(tx, 'c:totals-b', 'p:m2', 'p:e3');
      const ended = await aPairing(tx, 'c:totals-b', 'p:m2', 'p:e4');
      await tx.setAtRisk(ended.id);
      await tx.endPairing(ended.id, 'p:m2', 'done', T0);
    });
    expect(await it$.store.pairingTotals()).toEqual({ active: 3, atRisk: 1 });
  });
});
