"""`learnlog check` and the structure rules (LL1xx): the models validate, the rules judge shape."""
