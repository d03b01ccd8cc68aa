/**
 * Keyed hashes of a person's normalised phone and ID numbers (domain/signals.ts `personTerms`),
 * with the search key (lib/search-index.ts): the signals job stores only these, never a plain
 * identifier, and names never take part.
 */
import { type Party, personTerms } from '../domain';
import { hashTerm, searchKey } from './search-index';

export function personHashes(parties: Pick<Party, 'phone' | 'idNumber'>[], key = searchKey()): string[] {
  return [...new Set(personTerms(parties).map((t) => hashTerm(t, key)))].sort();
}
