"""How far each finding is trusted (``ckg:confidence`` in the RDF), by the rule that made it: the one table.

A finding made from another one is trusted no more than what it was made from: a quotation continued in the next
sentence (no more than the statement it continues), a claim of wrongdoing inside a statement (no more than the
statement), a denial (as much as the finding of its speaker).
"""

from __future__ import annotations

CONFIDENCE: dict[str, float] = {
    # mentions, by the type of what they name ("mention": any other type), and a name the user's dictionary lists
    "mention": 0.7,
    "mention:Person": 0.8,
    "mention:State": 0.85,
    "mention:Place": 0.75,
    "dictionary": 0.95,
    "mention:repeat": 0.6,  # a name the article names elsewhere, where the model missed it
    # "his country", "the officer": a nominal bound to an antecedent
    "coreference:possessive-state": 0.5,
    "coreference:role-noun": 0.5,
    "coreference:role-noun-cataphora": 0.5,
    # statements, by how the speaker was found; their speaker's finding is a denial's too
    "statement:reporting-verb": 0.7,
    "statement:reporting-verb+pronoun": 0.5,
    "statement:according-to": 0.6,
    "statement:quote-continuation": 0.6,  # at most
    "statement:trailing-attribution": 0.6,  # "..., the SDF said": read off the words' order
    "statement:trailing-attribution+pronoun": 0.5,
    "statement:issued-statement": 0.6,  # "X issued a statement rejecting ...": at most
    "statement:unnamed-speaker": 0.5,  # "a witness said": a speaker the mentions do not name
    "statement:expressed-stance": 0.6,  # "X expressed concern about ...": a stance said, its words not quoted
    "statement:claim-noun": 0.6,  # "Trump's claim that ...": at most
    "statement:claim-noun+pronoun": 0.5,
    "statement:speaker-line": 0.6,  # "PENCE: ...": a paragraph that opens with a name and a colon
    "statement:learned-cue": 0.5,  # at most: a verb outside the lexicon that the learned model takes for a cue
    "affiliation:title": 0.7,
    "affiliation:possessive": 0.7,
    "affiliation:apposition": 0.7,
    "allegation:accusation-verb": 0.7,
    "allegation:report-accusing": 0.7,
    "allegation:reported-claim": 0.6,  # at most
    "allegation:nominal-claim": 0.55,  # "the Taliban's claims that air strikes by Pakistani forces killed 10"
    "allegation:accusation-verb+pronoun": 0.5,  # "Galarraga, who they suspected of ...": the main clause's subject
    "denial:report-answer": 0.6,  # "a charge denied by Hamas", "a statement denying responsibility"
    "denial:participle": 0.55,  # "..., rejecting the claims": the head verb's subject
    "denial:negated-claim": 0.55,  # at most: "it does not target civilians" in the speaker's statement
    "event:verb": 0.65,
    "event:verb+allegation": 0.5,
    "event:noun": 0.55,
    "event:attack-noun+toll": 0.6,  # "an Israeli strike killed 10": the attack with its toll
    "event:attack-noun+toll+allegation": 0.5,
    "event:attack-noun": 0.5,  # "Hezbollah's rocket barrage": an attack named by its means and its maker
    "event:responsibility": 0.55,  # at most: the agent is whoever claimed responsibility for the attack
    "event:incident": 0.5,  # at most: agents or places taken from another report of the same incident
    "event:means": 0.4,  # at most: the agent is the one party the article's other air strikes (shellings) name
}


def mention_confidence(entity_type: str) -> float:
    """The confidence of a mention found by the model or kg's entity ruler, by its type.

    >>> mention_confidence("State"), mention_confidence("Organization")
    (0.85, 0.7)
    """
    return CONFIDENCE.get(f"mention:{entity_type}", CONFIDENCE["mention"])


# events coded by the CAMEO verb dictionary (kg/extract/cameo_verbs.py): a pattern of the verb matched, the verb's
# own code, an intent or a future coded as such ("agreed to meet" 036, "vowed to attack" 138)
CONFIDENCE.update({
    "event:cameo-pattern": 0.55,
    "event:cameo-verb": 0.5,
    "event:cameo-intent": 0.45,
    "event:cameo-refusal": 0.45,  # "will not lift the ban": a cooperation refused, a rejection (12x)
})
