/**
 * The description of a model (`_description`): its `title`, or without one the model name as
 * Odoo users write it in words (`library.book` → "Library Book", `library.book_loan` →
 * "Library Book Loan").
 */
export function modelTitle(model: { name: string; title?: string | undefined }): string {
  return model.title ?? titleFromModelName(model.name);
}

/** `library.book` → "Library Book": each word of the dotted name, capitalized. */
export function titleFromModelName(name: string): string {
  return name
    .split(/[._]+/)
    .filter((word) => word !== '')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(' ');
}
