"""The building blocks of a publication's body: headings, text, tables, figures and more.

Every figure must carry alt text (the block refuses to save without it) and every table a
header row, because the society moved its publications to HTML precisely so that everyone,
including people using screen readers, can read them.
"""

from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

from institute.core.blocks import CaptionedTableBlock

RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul", "h3", "h4", "document-link"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=200)
    level = blocks.ChoiceBlock(choices=[("h2", "Section (h2)"), ("h3", "Subsection (h3)")])

    class Meta:
        icon = "title"
        template = "resources/blocks/heading.html"


class FigureBlock(blocks.StructBlock):
    image = ImageChooserBlock()
    alt = blocks.CharBlock(
        required=True,
        max_length=300,
        label="Alt text",
        help_text="What the image shows, for people who cannot see it. Required.",
    )
    caption = blocks.CharBlock(required=False, max_length=300)

    class Meta:
        icon = "image"
        template = "resources/blocks/figure.html"


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock()
    attribution = blocks.CharBlock(required=False, max_length=200)

    class Meta:
        icon = "openquote"
        template = "resources/blocks/quote.html"


class CalloutBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=120)
    text = blocks.RichTextBlock(features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "warning"
        template = "resources/blocks/callout.html"


class KeyFactBlock(blocks.StructBlock):
    figure = blocks.CharBlock(max_length=40, help_text="For example 94% or 5.")
    label = blocks.CharBlock(max_length=200)


class KeyFactsBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=120, default="Key facts")
    facts = blocks.ListBlock(KeyFactBlock(), min_num=1)

    class Meta:
        icon = "list-ul"
        template = "resources/blocks/key_facts.html"


class DownloadBlock(blocks.StructBlock):
    document = DocumentChooserBlock()
    label = blocks.CharBlock(required=False, max_length=200, help_text="Defaults to its title.")

    class Meta:
        icon = "download"
        template = "resources/blocks/download.html"


class ResourceBodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    text = blocks.RichTextBlock(features=RICH_TEXT_FEATURES)
    figure = FigureBlock()
    table = CaptionedTableBlock(icon="table", template="resources/blocks/table.html")
    quote = QuoteBlock()
    callout = CalloutBlock()
    key_facts = KeyFactsBlock()
    download = DownloadBlock()
