// Side-effect module, imported by `npm run smoke` right after .env is read and before anything reads the environment:
// the smoke test logs in as the bot but must not touch what the running bot keeps. Its settings live in a temporary
// SQLite file (no Redis: it would announce changes to the real instances and resume nothing of theirs), it serves no
// health port, and the bot's JSON logs stay quiet so the report is readable (SMOKE_LOG_LEVEL brings them back).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

process.env.SETTINGS_PATH = join(mkdtempSync(join(tmpdir(), 'alastor-smoke-')), 'settings.sqlite');
delete process.env.REDIS_URL;
delete process.env.SHARD_IDS;
delete process.env.SHARD_COUNT;
process.env.HEALTH_PORT = 'off';
process.env.LOG_LEVEL = process.env.SMOKE_LOG_LEVEL ?? 'silent';
