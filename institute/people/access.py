from institute.core.access import ANONYMOUS, MEMBER, Rule

RULES = {
    "people:profile": Rule(MEMBER),
    "people:profile_edit": Rule(MEMBER),
    "people:data_export": Rule(MEMBER),
    "people:erase": Rule(MEMBER),
    "people:erased": Rule(ANONYMOUS),
}
