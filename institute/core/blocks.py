"""StreamField blocks for the roof's editorial pages (standard pages, news, blog)."""

from django.core.exceptions import ValidationError
from django.forms.utils import ErrorList
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock


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
        required=False, max_length=300, help_text="A URL or a path (/calendar/)."
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
