import { T } from '#lib/i18n/T';

export const InVoiceChannel = T('preconditions:inVoiceChannel');
export const GuildOnly = T('preconditions:guildOnly');
export const Cooldown = T<{ remaining: string }>('preconditions:cooldown');
export const ClientPermissions = T<{ missing: string }>('preconditions:clientPermissions');
export const UserPermissions = T<{ missing: string }>('preconditions:userPermissions');
export const Unknown = T('preconditions:unknown');
export const RateLimited = T<{ retry: string }>('preconditions:rateLimited');
export const Administrator = T('preconditions:administrator');
export const Dj = T<{ role: string }>('preconditions:dj');
export const DjRoleDeleted = T<{ command: string }>('preconditions:djRoleDeleted');
export const GuildRateLimited = T<{ retry: string }>('preconditions:guildRateLimited');
export const BotMissingPermissions = T<{ channel: string; missing: string }>('preconditions:botMissingPermissions');
export const BotChannelFull = T<{ channel: string }>('preconditions:botChannelFull');
export const PermissionViewChannel = T('preconditions:permissionViewChannel');
export const PermissionConnect = T('preconditions:permissionConnect');
export const PermissionSpeak = T('preconditions:permissionSpeak');
export const PermissionRequestToSpeak = T('preconditions:permissionRequestToSpeak');
