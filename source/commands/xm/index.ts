export {runXm, domainJson, type XmContext, type XmResult} from './runXm.js';
