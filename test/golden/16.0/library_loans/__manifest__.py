# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

{
    "name": "Library Loans",
    "summary": "Lend books to members and track their return",
    "version": "16.0.1.0.0",
    "category": "Services/Library",
    "website": "https://example.com",
    "author": "Example Library Co.",
    "license": "LGPL-3",
    "application": True,
    "installable": True,
    "depends": [
        "mail",
    ],
    "data": [
        "security/security.xml",
        "security/ir.model.access.csv",
        "wizards/library_book_make_available_wizard_views.xml",
        "wizards/library_loan_extend_wizard_views.xml",
        "views/library_book_views.xml",
        "views/library_loan_views.xml",
        "report/library_book_reports.xml",
        "views/res_partner_views.xml",
        "views/menus.xml",
    ],
    "demo": [
        "demo/demo.xml",
    ],
}
