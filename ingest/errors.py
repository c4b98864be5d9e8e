"""Named ingestion errors whose messages name the file and say what to do."""
from __future__ import annotations


class IngestError(Exception):
    """A file could not be ingested; the message names it and says why."""


class UnsupportedFile(IngestError):
    """Not a PDF or a UTF-8 text file."""


class EncryptedPDF(IngestError):
    """A password-protected PDF."""


class CorruptPDF(IngestError):
    """A file that claims to be a PDF but cannot be parsed."""


class EmptyDocument(IngestError):
    """No pages, or no text on any page (a scan without a text layer)."""


class GarbledText(IngestError):
    """Text that decodes only to '(cid:N)' codes: the fonts carry no Unicode mapping."""


class TooManyPages(IngestError):
    """More pages than any budget document has (a runaway export, a merged archive)."""
