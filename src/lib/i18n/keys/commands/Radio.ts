import { T } from '#lib/i18n/T';

export const Root = T('commands/radio:radio');
export const Play = T('commands/radio:play');
export const PlayStation = T('commands/radio:playStation');
export const Stop = T('commands/radio:stop');

export const PlayNowPlaying = T<{ station: string; channel: string }>('commands/radio:playNowPlaying');
export const PlayUnknownStation = T<{ query: string }>('commands/radio:playUnknownStation');
export const PlayJoinFailed = T<{ channel: string }>('commands/radio:playJoinFailed');
/** /radio play without a station, from a member who never started one. */
export const PlayNoLastStation = T<{ command: string }>('commands/radio:playNoLastStation');
/** /radio play without a station, when the member's last one does not play in this server (another server's own). */
export const PlayLastUnavailable = T<{ station: string }>('commands/radio:playLastUnavailable');
/** `when`: a Discord relative timestamp (`<t:…:R>`). */
export const PlayQueued = T<{ channel: string; when: string }>('commands/radio:playQueued');
export const PlayQueuedTooLong = T<{ channel: string }>('commands/radio:playQueuedTooLong');
export const PlayNotYetAudible = T<{ station: string; channel: string }>('commands/radio:playNotYetAudible');
export const EmbedStation = T('commands/radio:embedStation');
export const EmbedFormat = T('commands/radio:embedFormat');
export const StopStopped = T<{ station: string }>('commands/radio:stopStopped');
export const StopNothingPlaying = T('commands/radio:stopNothingPlaying');
export const Info = T('commands/radio:info');
export const List = T('commands/radio:list');
export const ListSearch = T('commands/radio:listSearch');
export const History = T('commands/radio:history');
export const Search = T('commands/radio:search');
export const SearchQuery = T('commands/radio:searchQuery');
export const SearchCountry = T('commands/radio:searchCountry');
export const SearchTag = T('commands/radio:searchTag');
export const SearchLanguage = T('commands/radio:searchLanguage');
export const Favorite = T('commands/radio:favorite');
export const FavoriteStation = T('commands/radio:favoriteStation');
export const Sleep = T('commands/radio:sleep');
export const SleepMinutes = T('commands/radio:sleepMinutes');
export const Stats = T('commands/radio:stats');

export const ListTitle = T('commands/radio:listTitle');
export const ListTitleSearch = T<{ query: string }>('commands/radio:listTitleSearch');
export const ListFooter = T<{ page: number; pages: number; count: number }>('commands/radio:listFooter');
export const ListEmpty = T('commands/radio:listEmpty');
export const ListPrevious = T('commands/radio:listPrevious');
export const ListNext = T('commands/radio:listNext');
export const ListSelectPlaceholder = T('commands/radio:listSelectPlaceholder');
export const SearchTitle = T<{ query: string }>('commands/radio:searchTitle');
export const SearchEmpty = T('commands/radio:searchEmpty');
export const SearchUnavailable = T('commands/radio:searchUnavailable');
export const SearchFooter = T('commands/radio:searchFooter');
export const SearchSaveButton = T('commands/radio:searchSaveButton');
/** A directory station's button, when the directory no longer has it. */
export const SearchGone = T<{ command: string }>('commands/radio:searchGone');
/** Health badges in the station list: a recent check found the station on air, or off air. */
export const ListOnAir = T('commands/radio:listOnAir');
export const ListOffAir = T('commands/radio:listOffAir');
export const UnknownSuggestions = T<{ query: string }>('commands/radio:unknownSuggestions');
export const PreflightFailed = T<{ station: string; reason: string }>('commands/radio:preflightFailed');
export const Retry = T('commands/radio:retry');
export const InfoNothingPlaying = T<{ command: string }>('commands/radio:infoNothingPlaying');
export const InfoNowPlaying = T('commands/radio:infoNowPlaying');
export const InfoNoTitle = T('commands/radio:infoNoTitle');
export const InfoSince = T('commands/radio:infoSince');
export const InfoListeners = T('commands/radio:infoListeners');
export const InfoListenersValue = T<{ count: number }>('commands/radio:infoListenersValue');
export const HistoryTitle = T('commands/radio:historyTitle');
export const HistoryEmpty = T('commands/radio:historyEmpty');
export const FavoriteAdded = T<{ station: string; favorites: number; max: number; command: string }>('commands/radio:favoriteAdded');
export const FavoriteRemoved = T<{ station: string }>('commands/radio:favoriteRemoved');
export const FavoriteLimit = T<{ max: number; command: string }>('commands/radio:favoriteLimit');
export const FavoriteListTitle = T('commands/radio:favoriteListTitle');
export const FavoriteListEmpty = T<{ command: string }>('commands/radio:favoriteListEmpty');
/** `time` is a Discord relative timestamp ("in 30 minutes"). */
export const SleepSet = T<{ time: string; command: string }>('commands/radio:sleepSet');
export const SleepOff = T('commands/radio:sleepOff');
export const SleepNothingPlaying = T<{ command: string }>('commands/radio:sleepNothingPlaying');
export const StatsTitle = T('commands/radio:statsTitle');
export const StatsTodayField = T('commands/radio:statsTodayField');
export const StatsWeekField = T('commands/radio:statsWeekField');
export const StatsMonthField = T('commands/radio:statsMonthField');
export const StatsTopField = T('commands/radio:statsTopField');
export const StatsDuration = T<{ hours: number; minutes: number }>('commands/radio:statsDuration');
export const StatsDurationMinutes = T<{ minutes: number }>('commands/radio:statsDurationMinutes');
export const StatsEmpty = T<{ command: string }>('commands/radio:statsEmpty');
export const StatsFooter = T('commands/radio:statsFooter');
export const NoticeStationDead = T<{ station: string }>('commands/radio:noticeStationDead');
export const NoticeStationRemoved = T<{ station: string }>('commands/radio:noticeStationRemoved');
export const NoticeIdleLeft = T<{ channel: string; command: string }>('commands/radio:noticeIdleLeft');
export const NoticeSleep = T<{ station: string; channel: string }>('commands/radio:noticeSleep');
/** A station stayed down: its listeners moved to a fallback station (on the now-playing card, or as a notice). */
export const NoticeFailover = T<{ from: string; to: string }>('commands/radio:noticeFailover');
/** The original station is on air again and the listeners are back on it. */
export const NoticeSwitchBack = T<{ station: string }>('commands/radio:noticeSwitchBack');
/** The now-playing card: its controls, and its final state when the radio stops. */
export const CardStopButton = T('commands/radio:cardStopButton');
export const CardQuieterButton = T('commands/radio:cardQuieterButton');
export const CardLouderButton = T('commands/radio:cardLouderButton');
export const CardSwitchPlaceholder = T('commands/radio:cardSwitchPlaceholder');
export const CardEnded = T<{ station: string; channel: string; from: string; to: string; command: string }>('commands/radio:cardEnded');
export const Volume = T('commands/radio:volume');
export const VolumePercent = T('commands/radio:volumePercent');
export const VolumeSet = T<{ volume: number }>('commands/radio:volumeSet');
export const VolumeOutOfLimits = T<{ requested: number; min: number; max: number }>('commands/radio:volumeOutOfLimits');
export const VolumeNothingPlaying = T<{ volume: number; command: string }>('commands/radio:volumeNothingPlaying');
export const VolumeFailed = T<{ volume: number }>('commands/radio:volumeFailed');
export const VolumeLimitsUnavailable = T('commands/radio:volumeLimitsUnavailable');
export const InfoVolume = T('commands/radio:infoVolume');
export const InfoVolumeValue = T<{ volume: number }>('commands/radio:infoVolumeValue');
/** A server-added station could not start: the bot runs as many such streams as it may. */
export const LimitGlobal = T<{ station: string; command: string }>('commands/radio:limitGlobal');
/** A server-added station could not start: this server runs as many streams of its own stations as it may. */
export const LimitServer = T<{ station: string; max: number; command: string }>('commands/radio:limitServer');
