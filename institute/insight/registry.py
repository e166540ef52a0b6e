def register_with_roof():
    pass
