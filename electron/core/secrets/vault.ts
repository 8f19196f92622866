/** Where API keys and tokens live. Values never go to logs, settings.json or the renderer. */
export interface SecretVault {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string): Promise<void>;
  delete(key: string): Promise<void>;
  has(key: string): Promise<boolean>;
  /** One line for the user: how secrets are protected here. */
  readonly protection: string;
  /** Where they are kept (a file path, or the keychain's name). */
  readonly location: string;
}
