import { validateBulkCommands, validateCommand, validateCommandPatch } from '../../validation/commands.js';
import { ErrorCode, HttpError } from '../HttpError.js';
import type { Router } from '../Router.js';
import { created, noContent, ok, type RouteContext } from '../types.js';

/** Application commands, global (`/applications/:app/commands`) and guild-scoped (`/applications/:app/guilds/:guild/commands`). */
export function addCommandRoutes(router: Router): void {
	for (const base of ['/applications/:applicationId/commands', '/applications/:applicationId/guilds/:guildId/commands']) {
		router.add('GET', base, (context) => ok(scope(context).commands.list(scope(context).guildId)));
		router.add('POST', base, (context) => {
			const { commands, guildId } = scope(context);
			const issues = validateCommand(context.body);
			if (issues.length > 0) throw HttpError.invalidForm(issues);
			const result = commands.upsert(context.body, guildId);
			return result.created ? created(result.command) : ok(result.command);
		});
		router.add('PUT', base, (context) => {
			const { commands, guildId } = scope(context);
			const issues = validateBulkCommands(context.body);
			if (issues.length > 0) throw HttpError.invalidForm(issues);
			return ok(commands.overwrite(context.body, guildId));
		});
		router.add('GET', `${base}/:commandId`, (context) => ok(existing(context)));
		router.add('PATCH', `${base}/:commandId`, (context) => {
			const { commands, guildId } = scope(context);
			const { id: _id, version: _version, application_id: _application, guild_id: _guild, ...current } = existing(context);
			const merged = { ...current, ...context.body };
			const issues = validateCommandPatch(context.body, merged);
			if (issues.length > 0) throw HttpError.invalidForm(issues);
			return ok(commands.patch(context.params.commandId!, merged, guildId));
		});
		router.add('DELETE', `${base}/:commandId`, (context) => {
			const { commands, guildId } = scope(context);
			if (!commands.delete(context.params.commandId!, guildId))
				throw HttpError.notFound(ErrorCode.UnknownApplicationCommand, 'application command');
			return noContent();
		});
	}
}

function scope({ emulator, params }: RouteContext) {
	if (params.applicationId !== emulator.applicationId) throw HttpError.notFound(ErrorCode.UnknownApplication, 'Application');
	if (params.guildId !== undefined && !emulator.guild(params.guildId)) throw new HttpError(403, ErrorCode.MissingAccess, 'Missing Access');
	return { commands: emulator.commands, guildId: params.guildId };
}

function existing(context: RouteContext) {
	const { commands, guildId } = scope(context);
	const command = commands.get(context.params.commandId!, guildId);
	if (!command) throw HttpError.notFound(ErrorCode.UnknownApplicationCommand, 'application command');
	return command;
}
