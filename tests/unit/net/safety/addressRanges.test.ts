import { expect } from 'chai';
import { classifyAddress } from '#lib/net/safety/addressRanges';
import { checkAddress } from '#lib/net/safety/checkAddress';
import { isAllowedPort } from '#lib/net/safety/ports';

describe('URL safety: address ranges', () => {
	const blocked: [string, string, string?][] = [
		['127.0.0.1', 'loopback'],
		['127.255.255.254', 'loopback'],
		['10.0.0.1', 'private'],
		['172.16.0.1', 'private'],
		['172.31.255.255', 'private'],
		['192.168.1.1', 'private'],
		['169.254.169.254', 'link-local'],
		['100.64.0.1', 'cgnat'],
		['100.127.255.255', 'cgnat'],
		['0.0.0.0', 'unspecified'],
		['224.0.0.251', 'multicast'],
		['255.255.255.255', 'broadcast'],
		['240.0.0.1', 'reserved'],
		['192.0.2.10', 'documentation'],
		['198.18.0.1', 'benchmarking'],
		['::', 'unspecified'],
		['::1', 'loopback'],
		['fd12:3456::1', 'unique-local'],
		['fe80::1', 'link-local'],
		['ff02::1', 'multicast'],
		['2001:db8::1', 'documentation'],
		['::ffff:127.0.0.1', 'loopback', '127.0.0.1'],
		['::ffff:a9fe:a9fe', 'link-local', '169.254.169.254'],
		['64:ff9b::10.0.0.1', 'private', '10.0.0.1'],
		['2002:c0a8:0101::1', 'private', '192.168.1.1'],
		['2001:0:4136:e378:8000:63bf:3fff:fdd2', 'teredo'],
		['100::1', 'reserved']
	];
	for (const [address, range, embedded] of blocked) {
		it(`GIVEN ${address} WHEN classified THEN it is refused as ${range}${embedded ? ` (carrying ${embedded})` : ''}`, () => {
			const verdict = classifyAddress(address);
			expect(verdict).to.include({ address, range });
			expect(verdict?.embedded).to.equal(embedded);
		});
	}

	for (const address of [
		'93.184.215.14',
		'8.8.8.8',
		'172.32.0.1',
		'100.128.0.1',
		'2606:4700::1111',
		'2001:4860:4860::8888',
		'::ffff:1.1.1.1',
		'64:ff9b::8.8.8.8'
	]) {
		it(`GIVEN the public address ${address} WHEN classified THEN it is allowed`, () => {
			expect(classifyAddress(address)).to.equal(null);
		});
	}

	it('GIVEN text that is not an IP address WHEN classified THEN it is refused (names must be resolved first)', () => {
		expect(classifyAddress('radio.example')).to.include({ range: 'reserved' });
	});

	it('GIVEN allow_private_addresses or an exempt address WHEN checked THEN only those pass', () => {
		expect(checkAddress('127.0.0.1', { allowPrivateAddresses: true })).to.equal(null);
		expect(checkAddress('::ffff:127.0.0.1', { allowPrivateAddresses: false, exemptAddresses: ['127.0.0.1'] })).to.include({ range: 'loopback' });
		expect(checkAddress('127.0.0.1', { allowPrivateAddresses: false, exemptAddresses: ['127.0.0.1'] })).to.equal(null);
		expect(checkAddress('127.0.0.2', { allowPrivateAddresses: false, exemptAddresses: ['127.0.0.1'] })).to.include({ range: 'loopback' });
	});

	it('GIVEN ports WHEN checked THEN 80, 443 and high ports pass; 0, system ports and internal services do not', () => {
		expect([80, 443, 1024, 8000, 8080, 8443, 65535].map(isAllowedPort)).to.deep.equal([true, true, true, true, true, true, true]);
		expect([0, 22, 25, 1023, 6379, 5432, 2375, 10250, 65536].map(isAllowedPort)).to.deep.equal(Array(9).fill(false));
	});
});
