import { T } from '#lib/i18n/T';

export const Root = T('commands/station:station');
export const Add = T('commands/station:add');
export const AddNameOption = T('commands/station:addNameOption');
export const AddUrlOption = T('commands/station:addUrlOption');
export const AddAliasesOption = T('commands/station:addAliasesOption');
export const Remove = T('commands/station:remove');
export const RemoveStationOption = T('commands/station:removeStationOption');
export const List = T('commands/station:list');

export const Added = T<{ station: string; badge: string; command: string }>('commands/station:added');
export const AddedAliases = T<{ aliases: string }>('commands/station:addedAliases');
export const Limit = T<{ max: number; command: string }>('commands/station:limit');
export const NameInvalid = T<{ max: number }>('commands/station:nameInvalid');
export const AliasInvalid = T<{ alias: string; max: number }>('commands/station:aliasInvalid');
export const TooManyAliases = T<{ max: number }>('commands/station:tooManyAliases');
export const Taken = T<{ key: string; station: string }>('commands/station:taken');
export const UrlRefused = T<{ reason: string }>('commands/station:urlRefused');
export const Unplayable = T<{ reason: string }>('commands/station:unplayable');
export const Removed = T<{ station: string }>('commands/station:removed');
export const RemovedAndStopped = T<{ station: string }>('commands/station:removedAndStopped');
export const RemovedWasDefault = T<{ command: string }>('commands/station:removedWasDefault');
export const NotFound = T<{ query: string }>('commands/station:notFound');
export const ListTitle = T('commands/station:listTitle');
export const ListEmpty = T<{ command: string }>('commands/station:listEmpty');
export const ListFooter = T<{ count: number; max: number }>('commands/station:listFooter');
export const ListMore = T<{ count: number }>('commands/station:listMore');
export const ListAliases = T<{ aliases: string }>('commands/station:listAliases');
