"""A model simulator: an OpenAI-compatible server answering from gold, with injected errors (see __main__)."""
