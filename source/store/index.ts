export {Store, openStore, resolveStorePath, writeStoreFile, DEFAULT_STORE_PATH, type HeldStore, type StoreOptions, type StoreChange} from './Store.js';
export {StoreError, isStoreError, type StoreErrorCode} from './StoreError.js';
export {STORE_VERSION, STORE_EVENT_CAP, labSchema, storeDocumentSchema, type StoreDocument} from './schema.js';
export {OLDEST_STORE_VERSION} from './migrations.js';
export {decodeDocumentText, decodeDocumentValue, decodeLabValue, encodeDocument, finaliseDocument, labHash, type Decoded} from './DocumentCodec.js';
export {loadEmbeddedLab, newDocument, DEFAULT_SEED, EMBEDDED_LAB_FILE} from './EmbeddedLab.js';
export {
	parseNpivPortEntry,
	formatNpivPortEntry,
	parseDomainNpivEntry,
	formatDomainNpivEntry,
	isWwnText,
	storeWwn,
	VPORT_INDEX_MIN,
	VPORT_INDEX_MAX,
	type NpivPortEntry,
	type DomainNpivEntry,
	type Parsed,
} from './FieldFormats.js';
export {generateScenario, generateDocument, measureStoreSize, type ScenarioOptions, type StoreSize} from './ScenarioGenerator.js';
export {
	summariseLab,
	summariseScenario,
	formatScenarioSummary,
	resetDocument,
	replaceDocument,
	parseScenarioText,
	readScenarioFile,
	type LabSummary,
	type ScenarioSummary,
	type LoadOptions,
} from './scenarios.js';
export {DEFAULT_LOCK_TIMEOUT_MS} from './StoreLock.js';
