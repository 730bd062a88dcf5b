/** Placeholder until the xVM layer is wired: keeps the lab's domains as configured. */
import type {DomainConfig} from './LabConfig.js';

export class XenWorld {
	private readonly domains: DomainConfig[];

	constructor(_world: unknown, domains: readonly DomainConfig[]) {
		this.domains = [...domains];
	}

	boot(): void {}

	exportDomains(): DomainConfig[] {
		return this.domains;
	}
}
