import type { ClusterView } from '#lib/cluster/ClusterView';
import type { Config } from '#lib/config/types';
import type { ChangeBudget } from '#lib/discord/ChangeBudget';
import type { CommandMentions } from '#lib/discord/commandMention';
import type { MemberStations } from '#lib/favorites/MemberStations';
import type { WizardSessions } from '#lib/guild-settings/wizardSessions';
import type { Translator } from '#lib/i18n/T';
import type { ChannelStatus } from '#lib/playback/ChannelStatus';
import type { NowPlayingCards } from '#lib/playback/card/NowPlayingCards';
import type { SwitchBack } from '#lib/playback/failover';
import type { LeaveWhenAlone } from '#lib/playback/leaveWhenAlone';
import type { NoticeServices } from '#lib/playback/notices';
import type { SleepTimers } from '#lib/playback/SleepTimers';
import type { SessionRecorder } from '#lib/sessions/SessionRecorder';
import type { SessionRestorer } from '#lib/sessions/SessionRestorer';
import type { SettingsStore } from '#lib/settings/types';
import type { GuildCatalogs } from '#lib/stations/catalog/GuildCatalogs';
import type { StationCatalog } from '#lib/stations/catalog/StationCatalog';
import type { RadioDirectory } from '#lib/stations/directory/RadioDirectory';
import type { HealthProber } from '#lib/stations/health/HealthProber';
import type { StationHealth } from '#lib/stations/health/StationHealth';
import type { StationStreams } from '#lib/stations/StationStreams';
import type { ListeningStats } from '#lib/stats/ListeningStats';
import type { VoiceService } from '#lib/voice/VoiceService';

// Every service the bot puts on Sapphire's container, in one place. Only Sapphire pieces and src/lib/setup read the
// container; library code receives what it needs as arguments (pieces pass `this.container`, which has it all).
declare module '@sapphire/pieces' {
	interface Container {
		/** config.yaml, validated (setup/loadConfig). */
		config: Config;
		/** The config.yaml stations. */
		stations: StationCatalog;
		/** Per-server catalogs: config stations plus that server's own. */
		guildStations: GuildCatalogs;
		/** Per-server settings and sessions; opened before login. */
		settings: SettingsStore;
		/** Station streams as playback needs them: preflight and resolution, guarded for server-added stations. */
		streams: StationStreams;
		/** Every voice connection and ffmpeg pipeline of the process. */
		voice: VoiceService;
		/** How notices and voice channel statuses reach Discord. */
		notices: NoticeServices;
		channelStatus: ChannelStatus;
		/** Each listening server's now-playing card. */
		cards: NowPlayingCards;
		/** Which stations are on air (playing, or probed), and the prober that keeps it current. */
		stationHealth: StationHealth;
		healthProber: HealthProber;
		/** Back to the original station once it recovers, after a failover. */
		switchBack: SwitchBack;
		leaveWhenAlone: LeaveWhenAlone;
		sessionRecorder: SessionRecorder;
		sessionRestorer: SessionRestorer;
		wizards: WizardSessions;
		mentions: CommandMentions;
		/** The language to answer an interaction or a server in (`fetchT`). */
		tFor: Translator;
		/** Playback changes per member. */
		playbackChanges: ChangeBudget;
		/** Setup and station changes per server. */
		setupChanges: ChangeBudget;
		/** This process among the bot's shards and instances: its counts, and the totals for /info. */
		cluster: ClusterView;
		/** Directory searches and favourite changes per member. */
		memberActions: ChangeBudget;
		/** The radio-browser.info directory (/radio search); null when `directory.enabled` is off. */
		directory: RadioDirectory | null;
		/** Members' favourite stations and last station, across servers. */
		memberStations: MemberStations;
		/** /radio sleep, per server. */
		sleepTimers: SleepTimers;
		/** Listening time per server and station (/radio stats). */
		listeningStats: ListeningStats;
		/** Set once shutdown begins. */
		shuttingDown?: boolean;
	}
}
