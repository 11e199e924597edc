/** Python source literals for generated code (deterministic, double-quoted as black writes them). */

/** A Python string literal. JSON's escapes (\" \\ \n \t \uXXXX) are valid Python escapes too. */
export function pyStr(value: string): string {
  return JSON.stringify(value);
}

export type PyValue = string | number | boolean | null | PyValue[] | { [key: string]: PyValue };

/** A Python literal for a plain value: True/False/None, numbers, strings, lists, dicts. */
export function pyValue(value: PyValue): string {
  if (value === null) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : pyFloat(value);
  if (typeof value === 'string') return pyStr(value);
  if (Array.isArray(value)) return `[${value.map(pyValue).join(', ')}]`;
  return `{${Object.entries(value)
    .map(([key, item]) => `${pyStr(key)}: ${pyValue(item)}`)
    .join(', ')}}`;
}

function pyFloat(value: number): string {
  const text = String(value);
  return /[.eE]/.test(text) ? text : `${text}.0`;
}

/** `library.book` → `LibraryBook`: the class name Odoo's own code would use. */
export function pyClassName(modelName: string): string {
  return modelName
    .split(/[._]/)
    .filter(Boolean)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}

/** `library.book` → `library_book`: the table name, also used for file names and XML ids. */
export function modelTable(modelName: string): string {
  return modelName.replace(/\./g, '_');
}

/** Makes a Python identifier out of free text (a test name), e.g. "A new book" → `a_new_book`. */
export function slugIdentifier(text: string, maxLength = 60): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[^\x20-\x7e]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, maxLength)
    .replace(/_+$/g, '');
  return slug || 'case';
}
