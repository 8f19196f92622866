/**
 * The persistence the settings service needs. conf (plain Node) and electron-store (the app)
 * both satisfy it; keys use dot paths (`uploaders.imge.baseUrl`).
 */
export interface KeyValueStore {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  delete(key: string): void;
  has(key: string): boolean;
  /** The whole stored object, for migrations. */
  readonly store: Record<string, unknown>;
  /** Where it lives, for messages. */
  readonly path: string;
}
