import type { TypedT } from '#lib/i18n/T';

/** Why an interaction may not go ahead: a typed translation key and its variables, shown to the user ephemerally. */
export interface Denial<TArgs extends object = object> {
	readonly key: TypedT<TArgs>;
	readonly variables?: TArgs;
}

/** A denial whose variables the compiler checks against the key's declaration. */
export function deny<TArgs extends object>(key: TypedT<TArgs>, ...args: keyof TArgs extends never ? [] : [TArgs]): Denial<TArgs> {
	return args.length ? { key, variables: args[0] } : { key };
}
