export {
  createFieldCipher,
  DecryptionError,
  ENCRYPTED_FIELDS,
  fieldContext,
  type EncryptedField,
  type FieldCipher,
  type LookupKind,
} from "./field-cipher.ts";
export { DEFAULT_KEY_ID, loadKeyring, parseDataKey, type DataKey, type Keyring } from "./keyring.ts";
