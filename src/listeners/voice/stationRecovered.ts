import { ApplyOptions } from '@sapphire/decorators';
import { container, Listener } from '@sapphire/framework';

/** A probe found a station on air: servers that failed over from it switch back (where they want to). */
@ApplyOptions<Listener.Options>({ emitter: container.stationHealth, event: 'probed' })
export class StationRecoveredListener extends Listener {
	public async run(stationId: string, up: boolean) {
		if (up) await this.container.switchBack.recovered(stationId);
	}
}
