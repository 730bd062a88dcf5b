import {defineConsoleSessionTests} from './consoleSessions.js';

defineConsoleSessionTests('live');
