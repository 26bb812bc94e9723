/**
 * The demo's Fargate Spot rate. The price book has no Spot rates (AWS publishes them only on the
 * pricing page and they move; docs/aws-facts.md §2.3 marks them unconfirmed), so where it has none
 * the demo bills `SpotUsage-Fargate-…` lines at this share of the on-demand list rate, AWS's
 * advertised "up to 70% off". No dependencies: the service views import it to label demo Spot cost.
 */
export const DEMO_FARGATE_SPOT_PRICE_FACTOR = 0.3;

/** Label for Spot cost of a demo service: "Spot at demo rate (30 % of on-demand)". */
export const DEMO_SPOT_RATE_LABEL = `Spot at demo rate (${Math.round(DEMO_FARGATE_SPOT_PRICE_FACTOR * 100)} % of on-demand)`;
