import { createKeyv } from '@keyv/redis';
import { expect } from 'chai';
import { openSettingsStore } from '#lib/settings/openSettingsStore';
import { freePort, RedisServer } from './RedisServer.js';
import { describeSettingsStoreContract, expectSettingsError } from './settingsStoreContract.js';

describe('Redis settings store', () => {
	let redis: RedisServer;

	before(async () => {
		redis = await RedisServer.start();
	});

	after(async () => {
		await redis.kill();
	});

	describeSettingsStoreContract('Redis', () => ({
		open: (options) => openSettingsStore({ ...options, redisUrl: redis.url }),
		raw: (namespace) => createKeyv(redis.url, { namespace, throwOnErrors: true }),
		// The Redis adapter prefixes keys itself (`<namespace>::<key>`).
		writeRawText: async (raw, _namespace, key, text) => {
			await raw.store.set(key, text);
		}
	}));

	describe('outages', () => {
		it('GIVEN no Redis at the URL WHEN the store opens THEN it fails with unreachable, naming the URL without its password', async () => {
			const url = `redis://alastor:s3cret@127.0.0.1:${await freePort()}`;
			const error = await expectSettingsError(openSettingsStore({ redisUrl: url, connectTimeoutMs: 2_000 }), 'unreachable');
			expect(error.message).to.include('127.0.0.1').and.include('ECONNREFUSED').and.include('REDIS_URL');
			expect(error.message).to.not.include('s3cret');
		});

		for (const url of ['redis://default:s3cret@127.0.0.1:99999', 'redis://default:s3cret@ 127.0.0.1', 'http://default:s3cret@127.0.0.1:6379']) {
			it(`GIVEN the mistyped REDIS_URL ${url.replace('s3cret', '…')} WHEN the store opens THEN it fails with cannot-open and the password appears nowhere`, async () => {
				const error = await expectSettingsError(openSettingsStore({ redisUrl: url, connectTimeoutMs: 2_000 }), 'cannot-open');
				expect(error.message).to.include('REDIS_URL');
				expect(JSON.stringify({ message: error.message, stack: error.stack, cause: String(error.cause) })).to.not.include('s3cret');
			});
		}

		it('GIVEN an open store WHEN Redis dies THEN calls fail with unreachable at once; WHEN it is back THEN calls work again', async () => {
			const store = await openSettingsStore({ redisUrl: redis.url, namespace: 'outage', cacheTtlMs: 0 });
			try {
				await store.updateGuild('100000000000000070', { language: 'de' });
				await redis.kill();
				const error = await expectSettingsError(store.updateGuild('100000000000000070', { language: 'fr' }), 'unreachable');
				expect(error.message).to.include(redis.url);
				await expectSettingsError(store.listSessions(), 'unreachable');
				await redis.restart();
				// The client reconnects in the background with backoff (at most 2 s between attempts).
				const deadline = Date.now() + 15_000;
				for (;;) {
					try {
						await store.updateGuild('100000000000000070', { language: 'fr' });
						break;
					} catch (caught) {
						if (Date.now() > deadline) throw caught;
						await new Promise((resolve) => setTimeout(resolve, 200));
					}
				}
				expect((await store.guild('100000000000000070')).language).to.equal('fr');
			} finally {
				await store.close().catch(() => undefined);
			}
		});

		it('GIVEN an open store WHEN Redis hangs (stopped, the socket open) THEN calls fail with unreachable within the operation timeout; WHEN it answers again THEN calls work and nothing was lost', async () => {
			const store = await openSettingsStore({ redisUrl: redis.url, namespace: 'hang', cacheTtlMs: 0, operationTimeoutMs: 500 });
			try {
				await store.updateGuild('100000000000000071', { language: 'de' });
				redis.pause();
				try {
					const error = await expectSettingsError(store.updateGuild('100000000000000071', { language: 'fr' }), 'unreachable');
					expect(error.message).to.include('no answer within 500 ms');
					await expectSettingsError(store.guild('100000000000000071'), 'unreachable');
				} finally {
					redis.resume();
				}
				expect((await store.guild('100000000000000071')).language).to.equal('de');
				await store.updateGuild('100000000000000071', { language: 'fr' });
				expect((await store.guild('100000000000000071')).language).to.equal('fr');
			} finally {
				await store.close().catch(() => undefined);
			}
		});
	});
});
