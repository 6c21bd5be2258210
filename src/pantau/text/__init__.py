"""Language-neutral text machinery driven by packs: tokens, sentences, numbers, dates, language id."""
