// IndexedDB for the stores in Vitest (Node and jsdom have none): an in-memory implementation.
import 'fake-indexeddb/auto';
