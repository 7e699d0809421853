/** Checks what the user typed in the passphrase dialog before it goes to main. */
import { PASSPHRASE_MAX_LENGTH, PASSPHRASE_MIN_LENGTH } from '../../../src-shared/desktop-secrets.ts';

export interface PassphraseDraft {
  passphrase: string;
  confirm: string;
  /** Choosing a new passphrase (no secrets file yet) rather than typing the existing one. */
  creating: boolean;
}

/** Field ('passphrase' | 'confirm') → message; empty when the draft may be sent. */
export function checkPassphrase(draft: PassphraseDraft): Record<string, string> {
  if (draft.passphrase === '') return { passphrase: draft.creating ? 'Choose a passphrase.' : 'Type your passphrase.' };
  if (draft.passphrase.length > PASSPHRASE_MAX_LENGTH) return { passphrase: `Use at most ${PASSPHRASE_MAX_LENGTH} characters.` };
  if (!draft.creating) return {};
  if (draft.passphrase.length < PASSPHRASE_MIN_LENGTH) return { passphrase: `Use at least ${PASSPHRASE_MIN_LENGTH} characters; a few words are easy to remember and hard to guess.` };
  if (draft.confirm !== draft.passphrase) return { confirm: 'The two passphrases differ; type the same one twice.' };
  return {};
}
