"""The survey pages (EFF-2): the lead's (`manage`), the respondent's (`answer`), the results."""
