from __future__ import annotations

import pytest

from isk_atlas.events.claims import canonical_actor, find_actors, find_attributions, find_claims


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        ("Days later ISIS-K claimed responsibility for the blast.", "ISIS-K"),
        ("The Islamic State asserted responsibility for the bombing near the ministry.", "ISIS-K"),
        ("Daesh took responsibility in a short statement.", "ISIS-K"),
        ("The raid was claimed by the Taliban on social media.", "Taliban"),
        ("In a newsletter the group ISIS declared responsibility for the rocket fire.", "ISIS-K"),
        ("IS accepted responsibility for eleven attacks on the minority.", "ISIS-K"),
    ],
)
def test_claims(text: str, actor: str) -> None:
    claims = find_claims(text)
    assert [c.claimed_by for c in claims] == [actor]
    assert "respons" in text[claims[0].start : claims[0].end] or "claimed by" in text[claims[0].start : claims[0].end]


def test_no_claim_without_actor_or_verb() -> None:
    assert find_claims("The ministry is responsible for roads.") == []
    assert find_claims("Nobody claimed responsibility for the blast.") == []


def test_is_is_not_the_islamic_state() -> None:
    assert find_actors("This is what it is.") == []
    assert [a.actor for a in find_actors("IS and the Taliban; ISKP and Al-Qaeda")] == [
        "ISIS-K",
        "Taliban",
        "ISIS-K",
        "Al-Qaeda",
    ]


def test_canonical_actor() -> None:
    assert canonical_actor("Daesh") == "ISIS-K"
    assert canonical_actor("Islamic Emirate") == "Taliban"
    assert canonical_actor("someone") is None


def test_attributions() -> None:
    text = "According to the Taliban, the raid ended; local elders said otherwise."
    found = find_attributions(text, offset=10)
    assert [a.who for a in found] == ["Taliban"]
    assert text[found[0].start - 10 : found[0].end - 10].startswith("According to the Taliban")
    assert [a.who for a in find_attributions("Provincial Police Chief Ahmad reported three arrests.")] == [
        "Provincial Police Chief Ahmad"
    ]
