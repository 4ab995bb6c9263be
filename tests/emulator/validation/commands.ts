import { ApplicationCommandCreateRequestSchema, ApplicationCommandPatchRequestPartialSchema } from 'discord-api-spec/zod';
import { issue, type ValidationIssue } from './issues.js';
import { DiscordLocales } from './locales.js';
import { checkSchema, numericPermissions } from './spec.js';

type Path = readonly (string | number)[];
type Json = Record<string, any>;

const namePattern = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;
const ChatInput = 1;
const SubCommand = 1;
const SubCommandGroup = 2;
const maxCommandCharacters = 8000;

/** POST /applications/:id/commands and each element of a bulk PUT. */
export function validateCommand(body: unknown, path: Path = []): ValidationIssue[] {
	const schemaIssues = checkSchema(ApplicationCommandCreateRequestSchema, numericPermissions(body), path);
	if (schemaIssues.length > 0 || !isObject(body))
		return schemaIssues.length > 0 ? schemaIssues : [issue(path, 'DICT_TYPE_CONVERT', 'Only dictionaries may be used in a DictType')];
	return commandRules(body, path);
}

/** PATCH /applications/:id/commands/:id: the merged result must be a valid command. */
export function validateCommandPatch(body: unknown, merged: Json): ValidationIssue[] {
	const schemaIssues = checkSchema(ApplicationCommandPatchRequestPartialSchema, numericPermissions(body));
	return schemaIssues.length > 0 ? schemaIssues : commandRules(merged, []);
}

/** PUT /applications/:id/commands: an array of commands with unique (type, name). */
export function validateBulkCommands(body: unknown): ValidationIssue[] {
	if (!Array.isArray(body)) return [issue([], 'BASE_TYPE_ARRAY', 'Must be an array')];
	if (body.length > 100) return [issue([], 'BASE_TYPE_MAX_LENGTH', 'Must be 100 or fewer in length.')];
	const issues = body.flatMap((command, index) => validateCommand(command, [index]));
	const seen = new Set<string>();
	body.forEach((command: Json, index) => {
		const key = `${command?.type ?? ChatInput}:${command?.name}`;
		if (seen.has(key)) issues.push(issue([index, 'name'], 'APPLICATION_COMMANDS_DUPLICATE_NAME', `Application command names must be unique`));
		seen.add(key);
	});
	const chatInput = body.filter((command: Json) => isObject(command) && (command.type ?? ChatInput) === ChatInput);
	for (const clash of localizedNameClashes(chatInput, [])) {
		const index = body.indexOf(chatInput[clash.path[0] as number]);
		issues.push(
			issue([index, ...clash.path.slice(1)], 'APPLICATION_COMMANDS_DUPLICATE_NAME', 'Application command names must be unique in every locale')
		);
	}
	return issues;
}

function commandRules(command: Json, path: Path): ValidationIssue[] {
	const chatInput = (command.type ?? ChatInput) === ChatInput;
	const issues: ValidationIssue[] = [];
	if (chatInput) {
		issues.push(...nameRules(command, path));
		issues.push(...descriptionRules(command, path));
		issues.push(...optionListRules(command.options, [...path, 'options'], 'command'));
		const characters = totalCharacters(command);
		if (characters > maxCommandCharacters) {
			issues.push(
				issue(path, 'APPLICATION_COMMAND_TOO_LARGE', `Command exceeds maximum size (${maxCommandCharacters}): ${characters} characters`)
			);
		}
	} else {
		issues.push(...localeKeyRules(command.name_localizations, [...path, 'name_localizations']));
	}
	return issues;
}

function nameRules(named: Json, path: Path): ValidationIssue[] {
	const issues: ValidationIssue[] = [];
	const check = (name: unknown, at: Path) => {
		if (typeof name !== 'string' || !namePattern.test(name))
			issues.push(issue(at, 'APPLICATION_COMMAND_INVALID_NAME', `Command name is invalid`));
		else if (name !== name.toLowerCase()) issues.push(issue(at, 'APPLICATION_COMMAND_INVALID_NAME', 'Command name must be lowercase'));
	};
	check(named.name, [...path, 'name']);
	issues.push(...localeKeyRules(named.name_localizations, [...path, 'name_localizations']));
	for (const [locale, name] of Object.entries(named.name_localizations ?? {})) check(name, [...path, 'name_localizations', locale]);
	return issues;
}

function descriptionRules(described: Json, path: Path): ValidationIssue[] {
	const issues = localeKeyRules(described.description_localizations, [...path, 'description_localizations']);
	const { description } = described;
	if (typeof description !== 'string' || description.length < 1 || description.length > 100) {
		issues.push(issue([...path, 'description'], 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 100 in length.'));
	}
	return issues;
}

function localeKeyRules(map: unknown, path: Path): ValidationIssue[] {
	if (!isObject(map)) return [];
	return Object.keys(map)
		.filter((locale) => !DiscordLocales.has(locale))
		.map((locale) => issue([...path, locale], 'LOCALE_INVALID', `Invalid locale: ${locale}`));
}

function optionListRules(options: unknown, path: Path, level: 'command' | 'subcommand' | 'group'): ValidationIssue[] {
	if (!Array.isArray(options)) return [];
	const issues: ValidationIssue[] = [];
	if (options.length > 25) issues.push(issue(path, 'BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.'));
	const names = new Set<string>();
	issues.push(...localizedNameClashes(options, path));
	let sawOptional = false;
	const nestedTypes = options.map((option: Json) => option.type === SubCommand || option.type === SubCommandGroup);
	if (nestedTypes.includes(true) && nestedTypes.includes(false)) {
		issues.push(
			issue(
				path,
				'APPLICATION_COMMAND_OPTIONS_TYPE_INVALID',
				'Sub-command and sub-command group option types are mutually exclusive to all other types'
			)
		);
	}
	options.forEach((option: Json, index) => {
		const at = [...path, index];
		issues.push(...nameRules(option, at), ...descriptionRules(option, at));
		if (names.has(option.name))
			issues.push(issue([...at, 'name'], 'APPLICATION_COMMAND_OPTIONS_NAME_ALREADY_EXISTS', 'Option names must be unique'));
		names.add(option.name);
		if (option.type === SubCommandGroup) {
			if (level !== 'command')
				issues.push(issue([...at, 'type'], 'APPLICATION_COMMAND_OPTIONS_TYPE_INVALID', 'Sub-command groups can only be top-level'));
			if ((option.options ?? []).some((child: Json) => child.type !== SubCommand)) {
				issues.push(
					issue([...at, 'options'], 'APPLICATION_COMMAND_OPTIONS_TYPE_INVALID', 'Sub-command groups may only contain sub-commands')
				);
			}
			issues.push(...optionListRules(option.options, [...at, 'options'], 'group'));
			return;
		}
		if (option.type === SubCommand) {
			if (level === 'subcommand')
				issues.push(issue([...at, 'type'], 'APPLICATION_COMMAND_OPTIONS_TYPE_INVALID', 'Sub-commands cannot be nested'));
			issues.push(...optionListRules(option.options, [...at, 'options'], 'subcommand'));
			return;
		}
		if (option.required === true && sawOptional) {
			issues.push(
				issue(
					[...at, 'required'],
					'APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID',
					'Required options must be placed before non-required options'
				)
			);
		}
		if (option.required !== true) sawOptional = true;
		issues.push(...choiceRules(option, at));
	});
	return issues;
}

/** Siblings must differ in every locale too: a locale without its own name shows the default one. */
function localizedNameClashes(named: Json[], path: Path): ValidationIssue[] {
	const issues: ValidationIssue[] = [];
	const locales = new Set(named.flatMap((item) => (isObject(item.name_localizations) ? Object.keys(item.name_localizations) : [])));
	for (const locale of locales) {
		const seen = new Map<string, number>();
		named.forEach((item, index) => {
			const name = (isObject(item.name_localizations) ? item.name_localizations[locale] : undefined) ?? item.name;
			if (typeof name !== 'string') return;
			if (seen.has(name)) {
				issues.push(
					issue(
						[...path, index, 'name_localizations', locale],
						'APPLICATION_COMMAND_OPTIONS_NAME_ALREADY_EXISTS',
						`Option names must be unique in ${locale}`
					)
				);
			}
			seen.set(name, index);
		});
	}
	return issues;
}

function choiceRules(option: Json, path: Path): ValidationIssue[] {
	const { choices } = option as { choices: unknown };
	if (!Array.isArray(choices)) return [];
	const issues: ValidationIssue[] = [];
	if (choices.length > 0 && option.autocomplete === true) {
		issues.push(issue([...path, 'autocomplete'], 'APPLICATION_COMMAND_OPTION_AUTOCOMPLETE_CHOICES', 'Autocomplete cannot be set with choices'));
	}
	if (choices.length > 25) issues.push(issue([...path, 'choices'], 'BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.'));
	choices.forEach((choice: Json, index) => {
		const at = [...path, 'choices', index];
		if (typeof choice.name !== 'string' || choice.name.length < 1 || choice.name.length > 100) {
			issues.push(issue([...at, 'name'], 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 100 in length.'));
		}
		issues.push(...localeKeyRules(choice.name_localizations, [...at, 'name_localizations']));
		for (const [locale, name] of Object.entries((choice.name_localizations ?? {}) as Record<string, unknown>)) {
			if (typeof name !== 'string' || name.length < 1 || name.length > 100) {
				issues.push(issue([...at, 'name_localizations', locale], 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 100 in length.'));
			}
		}
	});
	return issues;
}

/**
 * Discord's per-command size limit: name, description, and every option's name, description and choices (name + value),
 * counted in each locale (a missing localization falls back to the default text); the largest locale counts.
 */
export function totalCharacters(command: Json): number {
	let largest = countIn(command, undefined);
	for (const locale of usedLocales(command)) largest = Math.max(largest, countIn(command, locale));
	return largest;
}

function countIn(named: Json, locale: string | undefined): number {
	const text = (base: unknown, localized: unknown) => String((locale && isObject(localized) ? localized[locale] : undefined) ?? base ?? '').length;
	let total = text(named.name, named.name_localizations) + text(named.description, named.description_localizations);
	for (const choice of (named.choices ?? []) as Json[]) total += text(choice.name, choice.name_localizations) + String(choice.value ?? '').length;
	for (const option of (named.options ?? []) as Json[]) total += countIn(option, locale);
	return total;
}

function usedLocales(named: Json, into = new Set<string>()): Set<string> {
	for (const map of [named.name_localizations, named.description_localizations])
		if (isObject(map)) for (const key of Object.keys(map)) into.add(key);
	for (const choice of (named.choices ?? []) as Json[])
		if (isObject(choice.name_localizations)) for (const key of Object.keys(choice.name_localizations)) into.add(key);
	for (const option of (named.options ?? []) as Json[]) usedLocales(option, into);
	return into;
}

function isObject(value: unknown): value is Json {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
