// discord-api-spec ships its zod schemas as plain JavaScript; these are the request-body schemas the emulator uses.
declare module 'discord-api-spec/zod' {
	import type { ZodMiniType } from 'zod/mini';

	export const ApplicationCommandCreateRequestSchema: ZodMiniType;
	export const ApplicationCommandPatchRequestPartialSchema: ZodMiniType;
	export const CreateMessageInteractionCallbackRequestSchema: ZodMiniType;
	export const UpdateMessageInteractionCallbackRequestSchema: ZodMiniType;
	export const ApplicationCommandAutocompleteCallbackRequestSchema: ZodMiniType;
	export const ModalInteractionCallbackRequestSchema: ZodMiniType;
	export const IncomingWebhookInteractionRequestSchema: ZodMiniType;
	export const IncomingWebhookUpdateForInteractionCallbackRequestPartialSchema: ZodMiniType;
	export const MessageCreateRequestSchema: ZodMiniType;
	export const MessageEditRequestPartialSchema: ZodMiniType;
}
