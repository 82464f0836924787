import { startTestApp, StripeStandIn, TestApp } from '@app/testing';
import { stripeEnv } from '../ordering/helpers';
import { defineFlowCases } from './flow-cases';

describe('whole flow in the all-in-one process: farm to the buyer’s hands', () => {
  let stripe: StripeStandIn;
  let t: TestApp;

  beforeAll(async () => {
    stripe = await StripeStandIn.start();
    t = await startTestApp(stripeEnv(stripe));
  });
  afterAll(async () => {
    await t.close();
    await stripe.close();
  });

  defineFlowCases(() => ({ t, stripe, db: t.db }));
});
