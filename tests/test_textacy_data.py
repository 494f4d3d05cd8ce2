"""claimtrack reads textacy's data without importing textacy; it must be
exactly what textacy itself serves."""

import textacy.constants
import textacy.preprocessing.normalize

from claimtrack.extract.textacy_data import normalize_quotation_marks, reporting_verbs


def test_reporting_verbs_are_textacys():
    assert reporting_verbs("en") == textacy.constants.REPORTING_VERBS["en"]


def test_quotation_marks_are_normalised_as_textacy_does():
    text = "“Curly” «guillemets» ‘single’ „low“ ″double prime″"
    assert normalize_quotation_marks(text) == textacy.preprocessing.normalize.quotation_marks(text)
    assert len(normalize_quotation_marks(text)) == len(text)
