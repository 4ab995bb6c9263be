import { LoopStation, type LoopMountSpec } from './loopStation.js';

// Child process entry (see spawnLoopStation): serves the mounts given as JSON in argv[2], prints { port } once listening.
const station = await LoopStation.start(JSON.parse(process.argv[2] ?? '[]') as LoopMountSpec[]);
process.stdout.write(`${JSON.stringify({ port: station.port })}\n`);
const stop = () => void station.stop().then(() => process.exit(0));
process.on('SIGTERM', stop);
// The bench process went away without stopping us: leave too.
process.stdin.on('end', stop);
process.stdin.resume();
