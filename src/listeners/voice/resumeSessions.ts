import { ApplyOptions } from '@sapphire/decorators';
import { Events, Listener } from '@sapphire/framework';

/** Ready: rejoin every saved session (even after a SIGKILL) and every 24/7 server's channel. */
@ApplyOptions<Listener.Options>({ event: Events.ClientReady, once: true })
export class ResumeSessionsListener extends Listener<typeof Events.ClientReady> {
	public async run() {
		await this.container.sessionRestorer.resumeAll();
	}
}
