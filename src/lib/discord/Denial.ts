/** Why an interaction may not go ahead: a translation key and its variables, shown to the user ephemerally. */
export interface Denial {
	readonly key: string;
	readonly variables?: Readonly<Record<string, unknown>>;
}
