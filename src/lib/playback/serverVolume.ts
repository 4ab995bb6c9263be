import { container } from '@sapphire/framework';
import { DefaultVolumeLimits, type VolumeLimits } from '#lib/settings/types';
import { quantizeVolume } from '#lib/playback/volume';

/**
 * The server's volume limits; the built-in ones when the store cannot be read (logged): playing at a sane volume beats
 * not playing at all.
 */
export async function serverVolumeLimits(guildId: string): Promise<VolumeLimits> {
	try {
		return (await container.settings.guild(guildId)).volume;
	} catch (error) {
		container.logger.warn({ err: error, guildId }, 'server settings unreadable: using the built-in volume limits');
		return DefaultVolumeLimits;
	}
}

/** The volume step a new session in this server starts at. */
export async function defaultSessionVolume(guildId: string): Promise<number> {
	const limits = await serverVolumeLimits(guildId);
	return quantizeVolume(limits.default, limits);
}
