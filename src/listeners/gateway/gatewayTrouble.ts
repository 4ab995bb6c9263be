import { ApplyOptions } from '@sapphire/decorators';
import { Events, Listener } from '@sapphire/framework';
import { gatewayTrouble } from '#lib/discord/gatewayTrouble';

/** Gateway closes, invalid sessions and resumes get a log line naming them (discord.js tells them only as debug text). */
@ApplyOptions<Listener.Options>({ event: Events.Debug })
export class GatewayTroubleListener extends Listener<typeof Events.Debug> {
	public run(text: string) {
		const trouble = gatewayTrouble(text);
		if (trouble) this.container.logger[trouble.level]({ area: 'gateway', ...trouble.fields }, trouble.message);
	}
}
