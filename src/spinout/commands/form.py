"""`spinout form`: the questionnaire as a paper form, a web survey (XLSForm) or a CSV
template for survey tools."""

from __future__ import annotations

import sys
from typing import Annotated, Optional

from spinout.commands.options import OutputOpt, RulesOpt, format_option


def form(
    output: OutputOpt = None,
    fmt: Annotated[Optional[str], format_option("md|html|csv|xlsform")] = None,  # noqa: UP045
    rules: RulesOpt = None,
) -> None:
    """Print the questionnaire as a paper form, a web survey or a CSV template.

    An .xlsx output is an XLSForm that KoboToolbox, ODK and Enketo load as it is; import
    the platform's export of the answers with `spinout import`.

    \b
    Examples:
      spinout form -o form.html
      spinout form -o survey.xlsx
      spinout form -o template.csv
    """
    from spinout import forms
    from spinout.commands.options import load_rules
    from spinout.output import check_output, format_for, write_output

    chosen = format_for(output, fmt, forms.FORMATS)
    check_output(output, [])
    rs = load_rules(rules)
    if chosen == "xlsx":
        from spinout.errors import Problem, UsageError
        from spinout.xlsform import xlsform

        if output is None and sys.stdout.isatty():
            raise UsageError(Problem("--output", None, None, "an XLSForm is a binary file, "
                                     "not for the terminal", "give -o survey.xlsx"))
        write_output(output, xlsform(rs))
        return
    if chosen == "csv":
        write_output(output, forms.csv_template(rs))
        sys.stderr.write(forms.column_guide(rs))
        return
    write_output(output, forms.markdown_form(rs) if chosen == "md" else forms.html_form(rs))
