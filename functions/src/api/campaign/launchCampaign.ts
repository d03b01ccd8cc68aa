import { db } from '../../lib/admin';
import { defineCallable } from '../../lib/callable';
import { launchCampaign as launch } from '../../lib/campaign-service';
import { retryOnContention } from '../../lib/errors';

/**
 * 拉网式/集中排查: a county's or a town's staff or leader launches a campaign over grids of their
 * area (towns and villages), a period and a checklist. Resending the same requestId answers
 * `created: false`.
 */
export const launchCampaign = defineCallable('launchCampaign', async (input, { claims, actor }) =>
  retryOnContention(() => launch(db, input, claims, actor, new Date())),
);
