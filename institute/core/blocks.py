"""StreamField blocks for the roof's editorial pages (standard pages, news, blog)."""

from django.core.exceptions import ValidationError
from django.forms.utils import ErrorList
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.images.blocks import ImageChooserBlock

from .models.links import validate_link_url


class HeadingBlock(blocks.StructBlock):
    """A section heading. Pages own the h1, so editors choose between h2 and h3 only."""

    text = blocks.CharBlock(max_length=120)
    level = blocks.ChoiceBlock(choices=[("h2", "Heading 2"), ("h3", "Heading 3")], default="h2")

    class Meta:
        icon = "title"
        template = "core/blocks/heading.html"


class FAQItemBlock(blocks.StructBlock):
    question = blocks.CharBlock(max_length=200)
    answer = blocks.RichTextBlock(features=["bold", "italic", "link", "ul", "ol"])


class FAQBlock(blocks.StructBlock):
    """Questions and answers shown as native <details> disclosures: no JS, keyboard-ready."""

    title = blocks.CharBlock(required=False, max_length=120, help_text="Optional heading (h2).")
    items = blocks.ListBlock(FAQItemBlock(), min_num=1)

    class Meta:
        icon = "help"
        template = "core/blocks/faq.html"


class LinkBlock(blocks.StructBlock):
    """A link to a page of the site or to any URL: exactly one of the two."""

    page = blocks.PageChooserBlock(required=False)
    url = blocks.CharBlock(
        required=False,
        max_length=300,
        validators=[validate_link_url],
        help_text="Only for what is not a page: a path (/benchmarking/), https://…, mailto:, tel:.",
    )

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            raise blocks.StructBlockValidationError(
                block_errors={"url": ErrorList([ValidationError("Choose a page or give a URL.")])}
            )
        return value

    def get_url(self, value):
        page = value.get("page")
        return page.url if page else value.get("url")


class CallToActionBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=120)
    text = blocks.TextBlock(required=False, max_length=400)
    label = blocks.CharBlock(max_length=60, help_text="The button text, e.g. 'Join the society'.")
    link = LinkBlock()

    class Meta:
        icon = "pick"
        template = "core/blocks/call_to_action.html"


class FigureBlock(blocks.StructBlock):
    image = ImageChooserBlock()
    alt = blocks.CharBlock(
        max_length=250, help_text="Describe the image for people who cannot see it."
    )
    caption = blocks.CharBlock(required=False, max_length=250)

    class Meta:
        icon = "image"
        template = "core/blocks/figure.html"


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(max_length=600)
    attribution = blocks.CharBlock(required=False, max_length=120)

    class Meta:
        icon = "openquote"
        template = "core/blocks/quote.html"


class BodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        features=["bold", "italic", "link", "document-link", "ul", "ol", "h3"],
        template="core/blocks/paragraph.html",
    )
    faq = FAQBlock()
    call_to_action = CallToActionBlock()
    figure = FigureBlock()
    quote = QuoteBlock()


class CaptionedTableBlock(TableBlock):
    """A data table as the society publishes them: a caption and a header row, always.

    Wagtail's table editor has its own *Table caption* field, so that is the one caption (no
    second field around it). A new table starts with its first row as the header; a table
    without a header row, or without a caption, is refused with a message that says so.
    The editor's own menus are in English (``en-US``: the only language the editor ships;
    the site's ``en-gb`` would leave it without one).
    """

    HEADER_ROW_CHOICES = ("row", "both")

    def __init__(self, required=True, help_text=None, table_options=None, **kwargs):
        options = {"startRows": 3, "startCols": 3, "language": "en-US", **(table_options or {})}
        kwargs.setdefault(
            "default",
            {
                "data": [[None] * options["startCols"] for _ in range(options["startRows"])],
                "table_header_choice": "row",
                "first_row_is_table_header": True,
                "first_col_is_header": False,
                "table_caption": "",
            },
        )
        super().__init__(required=required, help_text=help_text, table_options=options, **kwargs)

    def to_python(self, value):
        # Tables saved before this block had the caption beside the table
        # ({"caption": …, "table": {…}}) and always showed both header row and column.
        if isinstance(value, dict) and isinstance(value.get("table"), dict):
            legacy = value
            value = {**legacy["table"], "table_caption": legacy.get("caption") or ""}
            value.setdefault("table_header_choice", "both")
        value = super().to_python(value)
        if value and value.get("table_header_choice"):
            # What the template reads, kept in step with the editor's choice.
            value["first_row_is_table_header"] = value["table_header_choice"] in ("row", "both")
            value["first_col_is_header"] = value["table_header_choice"] in ("column", "both")
        return value

    def clean(self, value):
        if value and not (value.get("table_caption") or "").strip():
            raise ValidationError(
                "Give the table a caption (Table caption): it says what the table shows."
            )
        if value and value.get("table_header_choice") not in self.HEADER_ROW_CHOICES:
            raise ValidationError(
                "A table needs a header row: under Table headers, choose the first row "
                "(or the first row and first column)."
            )
        return super().clean(value)
