import { T } from '#lib/i18n/T';

export const InVoiceChannel = T('preconditions:inVoiceChannel');
export const GuildOnly = T('preconditions:guildOnly');
export const Cooldown = T<{ remaining: string }>('preconditions:cooldown');
export const ClientPermissions = T<{ missing: string }>('preconditions:clientPermissions');
export const UserPermissions = T<{ missing: string }>('preconditions:userPermissions');
export const Unknown = T('preconditions:unknown');
export const RateLimited = T<{ retry: string }>('preconditions:rateLimited');
