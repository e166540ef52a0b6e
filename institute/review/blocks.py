"""The review's body: narrative blocks and figure blocks that name a registered figure
(``institute/core/figures.py``) by key, so the number stays live (docs/review.md)."""

from wagtail import blocks

from institute.core import figures

RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul", "h3", "document-link"]


def figure_choices():
    return figures.choices()


class FigureBlock(blocks.StructBlock):
    figure = blocks.ChoiceBlock(
        choices=figure_choices, help_text="A figure computed from the data."
    )
    text = blocks.CharBlock(
        required=False,
        max_length=300,
        help_text="A sentence around the number; leave empty for the figure's own label.",
    )

    class Meta:
        icon = "order"
        label = "Figure"


class FiguresBlock(blocks.StructBlock):
    title = blocks.CharBlock(required=False, max_length=120, help_text="For example “Other stats”.")
    figures = blocks.ListBlock(
        blocks.ChoiceBlock(choices=figure_choices, label="Figure"), min_num=1, max_num=8
    )

    class Meta:
        icon = "list-ul"
        label = "Row of figures"


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock()
    attribution = blocks.CharBlock(required=False, max_length=200)

    class Meta:
        icon = "openquote"


class ReviewBodyBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(max_length=200, icon="title", help_text="A section of the year.")
    paragraph = blocks.RichTextBlock(features=RICH_TEXT_FEATURES)
    figure = FigureBlock()
    figures = FiguresBlock()
    quote = QuoteBlock()
