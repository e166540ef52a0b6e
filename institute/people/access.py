from institute.core.access import MEMBER, Rule

RULES = {
    "people:profile": Rule(MEMBER),
}
