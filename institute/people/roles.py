"""The society's roles as Django groups, and the permissions each one carries.

``sync_roles(apps)`` is idempotent and works with either the live app registry or a
migration's historical one: the data migration creates the groups, and a ``post_migrate``
handler runs it again after every ``migrate`` so models that rooms add later are covered.
It only ever adds what is missing; it never takes a permission away that staff granted.

Object-level standing (coordinator *of this organisation*, partner contact *of this partner*)
lives in ``OrganisationRole`` and is read through ``institute.people.selectors``; the groups
below say what kind of person someone is, for the admin and for coarse checks.
"""

MEMBER = "Member"
ORGANISATION_COORDINATOR = "Organisation coordinator"
PARTNER_CONTACT = "Partner contact"
COACH = "Coach"
STAFF_EDITOR = "Staff editor"
STAFF_ADMIN = "Staff admin"

ROLES = [MEMBER, ORGANISATION_COORDINATOR, PARTNER_CONTACT, COACH, STAFF_EDITOR, STAFF_ADMIN]

# Organisation roles that also make someone a member of a group.
ORGANISATION_ROLE_GROUPS = {
    "coordinator": ORGANISATION_COORDINATOR,
    "partner-contact": PARTNER_CONTACT,
}

# Apps whose models editors look after in the Wagtail admin, besides every room's own app.
EDITORIAL_APPS = {
    "wagtailcore",
    "wagtailimages",
    "wagtaildocs",
    "wagtailredirects",
    "wagtailsearchpromotions",
    "wagtailforms",
    "taggit",
}
# Personal data and the society's people register: for Staff admin only.
ADMIN_ONLY_APPS = {"people", "auth", "wagtailusers", "account", "sessions", "admin"}
# Wagtail's own configuration models that editors should not change.
ADMIN_ONLY_MODELS = {
    ("wagtailcore", "site"),
    ("wagtailcore", "workflow"),
    ("wagtailcore", "task"),
    ("wagtailcore", "groupapprovaltask"),
    ("wagtailcore", "locale"),
    ("wagtailcore", "grouppagepermission"),
    ("wagtailcore", "groupcollectionpermission"),
}

PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
COLLECTION_PERMISSIONS = [
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
]


def _editor_may_edit(app_label, model):
    if app_label in ADMIN_ONLY_APPS or (app_label, model) in ADMIN_ONLY_MODELS:
        return False
    return app_label in EDITORIAL_APPS or _is_room_app(app_label)


def _is_room_app(app_label):
    from django.apps import apps as live_apps

    try:
        return live_apps.get_app_config(app_label).name.startswith("institute.")
    except LookupError:
        return False


def sync_roles(apps):
    """Create the role groups and grant their permissions; safe to run any number of times."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    groups = {name: Group.objects.get_or_create(name=name)[0] for name in ROLES}

    permissions = list(Permission.objects.select_related("content_type"))
    editor = [
        p
        for p in permissions
        if _editor_may_edit(p.content_type.app_label, p.content_type.model)
        and p.codename.split("_", 1)[0] in {"add", "change", "delete", "view", "publish"}
    ]
    editor += [
        p
        for p in permissions
        if (p.content_type.app_label, p.codename) == ("wagtailadmin", "access_admin")
    ]
    groups[STAFF_EDITOR].permissions.add(*editor)
    groups[STAFF_ADMIN].permissions.add(*permissions)

    _grant_page_and_collection_permissions(apps, [groups[STAFF_EDITOR], groups[STAFF_ADMIN]])
    return groups


def _grant_page_and_collection_permissions(apps, groups):
    Permission = apps.get_model("auth", "Permission")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")

    root_page = Page.objects.filter(depth=1).first()
    if root_page is not None:
        page_permissions = Permission.objects.filter(
            content_type__app_label="wagtailcore", codename__in=PAGE_PERMISSIONS
        )
        for group in groups:
            for permission in page_permissions:
                GroupPagePermission.objects.get_or_create(
                    group=group, page=root_page, permission=permission
                )
    root_collection = Collection.objects.filter(depth=1).first()
    if root_collection is not None:
        for app_label, codename in COLLECTION_PERMISSIONS:
            permission = Permission.objects.filter(
                content_type__app_label=app_label, codename=codename
            ).first()
            if permission is None:
                continue
            for group in groups:
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=root_collection, permission=permission
                )
