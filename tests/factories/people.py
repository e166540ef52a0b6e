"""People: members, organisations and their roles."""

import itertools

import factory
from allauth.account.models import EmailAddress
from django.utils.text import slugify

from institute.people.models import Organisation, OrganisationRole, User

PASSWORD = "Leading-digital-2023"
_counter = itertools.count(1)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Borough Council {n}")
    slug = factory.Sequence(lambda n: f"borough-council-{n}")
    type = Organisation.Type.COUNCIL
    region = "london"


class UserFactory(factory.django.DjangoModelFactory):
    """A person with a verified e-mail address who can sign in with ``PASSWORD``."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    first_name = "Ada"
    last_name = factory.Sequence(lambda n: f"Member{n}")
    email = factory.Sequence(lambda n: f"member{n}@example.org")
    username = factory.SelfAttribute("email")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def verified(self, create, extracted, **kwargs):
        self.save()
        if extracted is not False:
            EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)


class OrganisationRoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OrganisationRole

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = OrganisationRole.Role.COORDINATOR


def make_organisation(name=None, type=Organisation.Type.COUNCIL, region="london"):
    name = name or f"Organisation {next(_counter)}"
    return Organisation.objects.create(name=name, slug=slugify(name), type=type, region=region)


def make_user(email=None, organisation=None):
    email = email or f"person{next(_counter)}@example.org"
    return User.objects.create_user(
        username=email, email=email, password="x-Passw0rd!", organisation=organisation
    )


def make_coordinator(organisation):
    user = make_user(organisation=organisation)
    OrganisationRole.objects.create(
        user=user, organisation=organisation, role=OrganisationRole.Role.COORDINATOR
    )
    return user
