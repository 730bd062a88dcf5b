import {HBA_STATUS} from '../../hbaapi/types.js';

/** BUSY and TRY_AGAIN mean "ask again"; fcinfo sleeps a second between tries, the emulation just asks again. */
export function isBusy(status: number): boolean {
	return status === HBA_STATUS.ERROR_BUSY || status === HBA_STATUS.ERROR_TRY_AGAIN;
}

/** `while (busy && times++ < retries) call()`: at most `retries` calls after the first. */
export function retryWhileBusy<R extends {readonly status: number}>(call: () => R, retries: number): R {
	let result = call();
	for (let times = 0; isBusy(result.status) && times < retries; times++) result = call();
	return result;
}

/** fcinfo's HBA_MAX_RETRIES. */
export const HBA_MAX_RETRIES = 20;
/** The loops written `if (times++ > HBA_MAX_RETRIES) break` after the call try two more times. */
export const HBA_MAX_RETRIES_LATE_CHECK = HBA_MAX_RETRIES + 2;
