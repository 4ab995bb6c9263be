import type { TFunction } from '@sapphire/plugin-i18next';
import type { Guild, Interaction } from 'discord.js';

/** The language to answer in: a member's (or the server's override) for an interaction, the server's for a guild. `fetchT` in the bot. */
export type Translator = (target: Interaction | Guild) => Promise<TFunction>;

/** A translation key that carries the shape of its interpolation variables, as Skyra types its keys. */
export type TypedT<TArgs extends object = object> = string & { readonly __args__?: TArgs };

export function T<TArgs extends object = object>(key: string): TypedT<TArgs> {
	return key as TypedT<TArgs>;
}

/** Translates a typed key; the compiler checks that the variables match the key's declaration. */
export function translate<TArgs extends object>(t: TFunction, key: TypedT<TArgs>, ...args: keyof TArgs extends never ? [] : [TArgs]): string {
	return t(key, { ...args[0] }) as string;
}
