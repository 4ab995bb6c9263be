import { ApplyOptions } from '@sapphire/decorators';
import { Command } from '@sapphire/framework';
import { applyLocalizedBuilder, fetchT } from '@sapphire/plugin-i18next';
import { EmbedBuilder, MessageFlags, time, TimestampStyles } from 'discord.js';
import { Colors } from '#lib/discord/colors';
import { General } from '#lib/i18n/keys/index';
import { translate } from '#lib/i18n/T';

const processStartedAt = new Date(Date.now() - process.uptime() * 1_000);

@ApplyOptions<Command.Options>({ description: 'Bot statistics, version and performance' })
export class InfoCommand extends Command {
	public override registerApplicationCommands(registry: Command.Registry) {
		registry.registerChatInputCommand((builder) => applyLocalizedBuilder(builder, General.Info));
	}

	public override async chatInputRun(interaction: Command.ChatInputCommandInteraction) {
		const t = await fetchT(interaction);
		const { client, config, stations, cluster } = this.container;
		// Servers, listeners and streams of the whole bot: every shard and instance; memory and latency are this process's.
		const totals = await cluster.totals();
		const embed = new EmbedBuilder()
			.setColor(Colors.Info)
			.setTitle(translate(t, General.InfoTitle, { name: client.user?.username ?? 'Alastor', version: config.bot.version }))
			.setDescription(config.bot.description)
			.addFields(
				{ name: translate(t, General.InfoServers), value: String(totals.guilds), inline: true },
				{
					name: translate(t, General.InfoListening),
					value: translate(t, General.InfoListeningValue, { count: totals.sessions }),
					inline: true
				},
				{ name: translate(t, General.InfoStreams), value: String(totals.pipelines), inline: true },
				{ name: translate(t, General.InfoStations), value: String(stations.size), inline: true },
				{ name: translate(t, General.InfoShards), value: String(totals.shards), inline: true },
				{ name: translate(t, General.InfoInstances), value: String(totals.instances), inline: true },
				{ name: translate(t, General.InfoUptime), value: time(processStartedAt, TimestampStyles.RelativeTime), inline: true },
				{
					name: translate(t, General.InfoMemory),
					value: translate(t, General.InfoMemoryValue, { megabytes: Math.round(process.memoryUsage().rss / 1_048_576) }),
					inline: true
				},
				{
					name: translate(t, General.InfoLatency),
					value: translate(t, General.InfoLatencyValue, { milliseconds: Math.max(0, Math.round(client.ws.ping)) }),
					inline: true
				}
			);
		if (config.bot.githubUrl) embed.addFields({ name: translate(t, General.InfoSource), value: config.bot.githubUrl });
		if (!totals.complete) embed.setFooter({ text: translate(t, General.InfoPartial) });
		return interaction.reply({ embeds: [embed], flags: MessageFlags.Ephemeral });
	}
}
