import { T } from '#lib/i18n/T';

export const Root = 'commands/radio:radio';
export const Play = 'commands/radio:play';
export const PlayStation = 'commands/radio:playStation';
export const Stop = 'commands/radio:stop';

export const PlayJoining = T<{ station: string; channel: string }>('commands/radio:playJoining');
export const PlayNowPlaying = T<{ station: string; channel: string }>('commands/radio:playNowPlaying');
export const PlayUnknownStation = T<{ query: string }>('commands/radio:playUnknownStation');
export const PlayJoinFailed = T<{ channel: string }>('commands/radio:playJoinFailed');
export const PlayStreamFailed = T<{ station: string }>('commands/radio:playStreamFailed');
export const EmbedStation = T('commands/radio:embedStation');
export const EmbedChannel = T('commands/radio:embedChannel');
export const EmbedFormat = T('commands/radio:embedFormat');
export const EmbedFormatValue = T<{ bitrate: number; format: string }>('commands/radio:embedFormatValue');
export const StopStopped = T<{ station: string }>('commands/radio:stopStopped');
export const StopNothingPlaying = T('commands/radio:stopNothingPlaying');
