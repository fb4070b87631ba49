"""Stage: what each article says -> one account across articles. Actors resolved across articles, the user's
dictionary, places and states from gazetteers, denials linked to the allegations they answer."""
