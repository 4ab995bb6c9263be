import { ApplyOptions } from '@sapphire/decorators';
import { Listener } from '@sapphire/framework';
import { ProcessStateEvent, type ProcessState } from '#lib/cluster/processState';
import { readiness } from '#lib/setup/cluster';

/** A ShardingManager asks (broadcastEval emits this on the client): this process's counts and readiness. */
@ApplyOptions<Listener.Options>({ event: ProcessStateEvent })
export class ProcessStateListener extends Listener {
	public run(answers: ProcessState[]) {
		answers.push({ ...this.container.cluster.local(), ready: readiness().ready });
	}
}
