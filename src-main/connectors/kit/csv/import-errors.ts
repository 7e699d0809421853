/**
 * The errors an import can end in. Every one is a bad_input PerpvolError whose message says what
 * is wrong, where (line and column), and that nothing from the file was imported.
 */
import { badInput, type PerpvolError } from '../../../core/errors.ts';

const NOTHING_IMPORTED = 'Nothing from this file was imported';

export function importRejected(problem: string): PerpvolError {
  return badInput('import_invalid_csv', `The file cannot be read: ${problem}. ${NOTHING_IMPORTED}.`);
}

/** A row that does not fit its format: names the line and the column as the file spells it. */
export function invalidRow(line: number, column: string, problem: string): PerpvolError {
  return badInput(
    'import_invalid_row',
    `Line ${line}, column "${column}": ${problem}. ${NOTHING_IMPORTED}; correct or remove that row and import the file again.`,
  );
}

export function missingColumns(format: string, columns: string[]): PerpvolError {
  return badInput(
    'import_missing_columns',
    `This does not look like ${format}: the column${columns.length > 1 ? 's' : ''} ${columns.map((c) => `"${c}"`).join(', ')} ${columns.length > 1 ? 'are' : 'is'} missing. ${NOTHING_IMPORTED}.`,
  );
}
