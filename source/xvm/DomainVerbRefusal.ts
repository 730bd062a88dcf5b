/**
 * Whether xend refuses a verb on a domain as it stands, and in which words (Xen 3.4's
 * XendDomain/XendDomainInfo checks, as `xm` prints them after `Error: `). One rule for xm and for
 * the console, which uses it to not offer an action that would only fail after its confirmation.
 */
import type {XenDomain} from './XenDomain.js';

export type DomainVerb = 'destroy' | 'shutdown' | 'reboot' | 'pause' | 'unpause' | 'suspend' | 'resume' | 'migrate';

export function domainVerbRefusal(verb: DomainVerb, dom: XenDomain, ref: string = dom.name): string | undefined {
	// xend names the privileged domain in its words; reboot goes through domain_shutdown.
	const privileged = verb === 'reboot' ? 'shutdown' : verb;
	if (dom.privileged) return `Cannot ${privileged} privileged domain ${verb === 'migrate' ? ref : dom.name}`;
	switch (verb) {
		case 'destroy':
			return dom.migrationRole ? `Domain '${dom.name}' is being migrated` : undefined;
		case 'shutdown':
		case 'reboot':
			if (dom.migrationRole) return `Domain '${dom.name}' is being migrated`;
			return dom.power !== 'running' && dom.power !== 'paused' ? `Domain '${dom.name}' is not started` : undefined;
		case 'pause':
			if (dom.migrationRole) return `Domain '${dom.name}' is being migrated`;
			return dom.power !== 'running' && dom.power !== 'paused' && dom.power !== 'crashed' ? `Domain '${dom.name}' is not started` : undefined;
		case 'unpause':
			if (dom.migrationRole) return `Domain '${dom.name}' is being migrated`;
			return dom.power !== 'paused' && dom.power !== 'running' ? `Domain '${dom.name}' is not started` : undefined;
		case 'suspend':
			if (dom.power !== 'running' || dom.migrationRole) return 'Domain is not running';
			return dom.managed ? undefined : 'Domain is not managed by Xend lifecycle support.';
		case 'resume':
			return dom.power !== 'suspended' ? 'Cannot resume domain that is not suspended.' : undefined;
		case 'migrate':
			return dom.power !== 'running' || dom.migrationRole ? 'Domain is not running' : undefined;
	}
}
