"""What every guidance item carries: citations of the source documents, the sources themselves,
the editorial flag and the date (`as_of`) of the scheme or law an item names."""


from spinout.ruleset.fields import Id, Item

AS_OF_PATTERN = r"^(19|20)\d\d(-\d\d-\d\d)?([–-](19|20)\d\d(-\d\d-\d\d)?)?$"


class Citation(Item):
    """A verbatim passage of a source document that an item rests on."""

    source: Id
    quote: str


class Cited(Item):
    """Base of guidance items: each cites the sources or is marked editorial."""

    cite: tuple[Citation, ...] = ()
    editorial: bool = False
    editorial_note: str | None = None
    as_of: str | None = None


class Source(Item):
    id: Id
    file: str
    title: str
    publisher: str | None = None
    date: str | None = None
    headlines: tuple[str, ...] = ()

    @property
    def cited_as(self) -> str:
        """How readers see the source named: title, publisher and date (never the file)."""
        return ", ".join(part for part in (self.title, self.publisher, self.date) if part)
