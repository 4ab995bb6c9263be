export interface RoleOptions {
	name?: string;
	permissions?: bigint;
	managedByBotId?: string;
}

export class EmulatedRole {
	public name: string;
	public permissions: bigint;
	public readonly managedByBotId: string | undefined;

	public constructor(
		public readonly id: string,
		public readonly position: number,
		options: RoleOptions
	) {
		this.name = options.name ?? 'new role';
		this.permissions = options.permissions ?? 0n;
		this.managedByBotId = options.managedByBotId;
	}

	public toAPI() {
		return {
			id: this.id,
			name: this.name,
			color: 0,
			colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
			hoist: false,
			icon: null,
			unicode_emoji: null,
			position: this.position,
			permissions: this.permissions.toString(),
			managed: this.managedByBotId !== undefined,
			mentionable: false,
			flags: 0,
			...(this.managedByBotId === undefined ? {} : { tags: { bot_id: this.managedByBotId } })
		};
	}
}
