import { T } from '#lib/i18n/T';

export const Info = T('commands/general:info');
export const Help = T('commands/general:help');

export const InfoTitle = T<{ name: string; version: string }>('commands/general:infoTitle');
export const InfoServers = T('commands/general:infoServers');
export const InfoListening = T('commands/general:infoListening');
export const InfoListeningValue = T<{ count: number }>('commands/general:infoListeningValue');
export const InfoStreams = T('commands/general:infoStreams');
export const InfoUptime = T('commands/general:infoUptime');
export const InfoMemory = T('commands/general:infoMemory');
export const InfoMemoryValue = T<{ megabytes: number }>('commands/general:infoMemoryValue');
export const InfoStations = T('commands/general:infoStations');
export const InfoShards = T('commands/general:infoShards');
export const InfoInstances = T('commands/general:infoInstances');
export const InfoPartial = T('commands/general:infoPartial');
export const InfoLatency = T('commands/general:infoLatency');
export const InfoLatencyValue = T<{ milliseconds: number }>('commands/general:infoLatencyValue');
export const InfoSource = T('commands/general:infoSource');
export const HelpTitle = T<{ name: string }>('commands/general:helpTitle');
export const HelpIntro = T<{ command: string }>('commands/general:helpIntro');
export const Donate = T('commands/general:donate');
export const DonateTitle = T('commands/general:donateTitle');
export const DonateBody = T<{ name: string }>('commands/general:donateBody');
export const DonateNone = T('commands/general:donateNone');
