"""`learnlog fix` and the pure repairs (LL3xx encoding, date links, empty title colons)."""
