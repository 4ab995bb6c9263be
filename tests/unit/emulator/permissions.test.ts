import { expect } from 'chai';
import { AllPermissions, channelPermissions, guildPermissions, Permission, type PermissionSubject } from '#emulator/model/permissions';

const guildId = '100';
const roles: Record<string, bigint> = {
	[guildId]: Permission.ViewChannel,
	'200': Permission.Connect | Permission.Speak,
	'300': Permission.Administrator
};
const subject = (roleIds: string[], userId = '1'): PermissionSubject => ({
	guildId,
	ownerId: '999',
	userId,
	roleIds,
	rolePermissions: (id) => roles[id] ?? 0n
});

describe('Emulator permission math', () => {
	it('GIVEN @everyone and a role THEN guild permissions are their union', () => {
		expect(guildPermissions(subject(['200']))).to.equal(Permission.ViewChannel | Permission.Connect | Permission.Speak);
	});

	it('GIVEN an administrator role or the owner THEN every permission', () => {
		expect(guildPermissions(subject(['300']))).to.equal(AllPermissions);
		expect(guildPermissions(subject([], '999'))).to.equal(AllPermissions);
	});

	it('GIVEN overwrites THEN @everyone deny, role allow and member deny apply in Discord order', () => {
		const overwrites = [
			{ id: guildId, type: 0 as const, allow: 0n, deny: Permission.Connect },
			{ id: '200', type: 0 as const, allow: Permission.Connect, deny: 0n },
			{ id: '1', type: 1 as const, allow: 0n, deny: Permission.Speak }
		];
		const bits = channelPermissions(subject(['200']), overwrites);
		expect(bits & Permission.Connect).to.equal(Permission.Connect);
		expect(bits & Permission.Speak).to.equal(0n);
		expect(channelPermissions(subject([]), overwrites) & Permission.Connect).to.equal(0n);
	});

	it('GIVEN View Channel denied in a channel THEN nothing else is granted there', () => {
		const hidden = [{ id: guildId, type: 0 as const, allow: 0n, deny: Permission.ViewChannel }];
		expect(channelPermissions(subject(['200']), hidden)).to.equal(0n);
	});
});
