import type { CoreContext } from '../../context';
import { destroyDue } from '../../personal-data/destroy';
import { actView, dueList, listActs, printAct } from '../../personal-data/records';
import type { PrintBackend } from '../../printing';
import { Clerk } from '../../db/entities';
import type { Handlers } from '../dispatch';

type PersonalDataChannels =
  'personalData.due' | 'personalData.destroyDue' | 'personalData.acts' | 'personalData.printAct';

export function personalDataHandlers(d: {
  ctx: CoreContext;
  printer: PrintBackend;
}): Pick<Handlers, PersonalDataChannels> {
  const { ctx } = d;
  return {
    'personalData.due': () => dueList(ctx),
    'personalData.destroyDue': async (_input, { clerk }) => {
      const acts = await destroyDue(ctx, { trigger: 'supervisor', clerk });
      const names = new Map(
        (await ctx.store.run((m) => m.find(Clerk))).map((c) => [c.id, c.fullName]),
      );
      return acts.map((a) => actView(a, names));
    },
    'personalData.acts': ({ limit }) => listActs(ctx, limit),
    'personalData.printAct': ({ actId, part }, { clerk }) => printAct(d, clerk, actId, part),
  };
}
