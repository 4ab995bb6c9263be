export interface UdpOutageOptions {
	/** RTP audio is received and thrown away (counted per session as `droppedPackets`). Default true. */
	audio?: boolean;
	/** IP discovery requests go unanswered (counted in `droppedDiscoveries`), so a joining client never learns its address. Default true. */
	discovery?: boolean;
}

/** A network outage on the voice server's UDP side: datagrams still arrive but are discarded, for a while or until lifted. */
export class UdpOutage {
	/** IP discovery requests left unanswered, over all outages. */
	public droppedDiscoveries = 0;
	/** RTP packets thrown away, over all outages and sessions. */
	public droppedAudio = 0;
	private until = Number.NEGATIVE_INFINITY;
	private options: Required<UdpOutageOptions> = { audio: true, discovery: true };

	public get active(): boolean {
		return performance.now() < this.until;
	}

	/** Starts (or replaces) an outage lasting `ms` (Infinity until `end()`). */
	public start(ms: number, { audio = true, discovery = true }: UdpOutageOptions = {}): void {
		this.until = performance.now() + ms;
		this.options = { audio, discovery };
	}

	public end(): void {
		this.until = Number.NEGATIVE_INFINITY;
	}

	/** Whether an arriving discovery request is to be dropped (and counts it). */
	public dropsDiscovery(): boolean {
		if (!this.active || !this.options.discovery) return false;
		this.droppedDiscoveries++;
		return true;
	}

	/** Whether an arriving RTP packet is to be dropped (and counts it). */
	public dropsAudio(): boolean {
		if (!this.active || !this.options.audio) return false;
		this.droppedAudio++;
		return true;
	}
}
