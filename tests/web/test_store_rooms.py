"""The workshop room's rules as the store itself keeps them (assistant/store.py), in this process.

tests/web/test_room.py walks a room through its pages; mutation testing (`make mutation`) showed that it
checks what the pages say, not each rule the store enforces underneath: a round's number, a second close
or reveal, a placement by a group that is not there, the room's stamp the projector polls, and which
sessions go when the store is full. Each test here states one of those rules as the store's caller sees it,
in both stores, SQLite and PostgreSQL (the `database` fixture of tests/web/conftest.py).
"""

from __future__ import annotations

import time

import pytest

from assistant.store import Store


def _admit_as(name: str):
    def admit(room, taken):
        from assistant.workshop.rooms import JoinRefused, check_join

        if room is None:
            raise JoinRefused("no_such_room")
        return check_join(name, taken, room.closed is not None, len(taken))

    return admit


@pytest.fixture
def store(database) -> Store:
    """A store of the kind the test runs for, on its own database."""
    return database.open()


@pytest.fixture
def room(store: Store) -> str:
    assert store.new_room("ABC234", "hash", "nb", "matrix") is not None
    for name in ("Nord", "Sør"):
        store.join("ABC234", "nb", _admit_as(name))
    return "ABC234"


def test_rounds_are_numbered_from_one_in_each_room(store, room):
    store.new_room("XYZ789", "hash", "nb", "matrix")
    numbers = [store.new_round(room, "krem", "partnership").number for _ in range(3)]
    assert numbers == [1, 2, 3]
    assert store.new_round("XYZ789", "krem", "partnership").number == 1, "another room counts its own rounds"
    assert [r.number for r in store.rounds(room)] == [1, 2, 3]


def test_no_round_starts_in_a_closed_room_or_one_that_is_not_there(store, room):
    assert store.new_round("NOROOM", "krem", "partnership") is None
    store.close_room(room)
    assert store.new_round(room, "krem", "partnership") is None
    assert store.rounds(room) == []


def test_closing_or_revealing_again_keeps_the_first_time(store, room):
    number = store.new_round(room, "krem", "partnership").number
    store.reveal(room, number)
    first_reveal = store.rounds(room)[0].revealed
    store.close_room(room)
    first_close = store.room(room).closed
    assert first_reveal is not None and first_close is not None
    time.sleep(0.01)
    store.reveal(room, number)
    store.close_room(room)
    assert store.rounds(room)[0].revealed == first_reveal
    assert store.room(room).closed == first_close


def test_only_a_group_in_the_room_places_and_only_in_a_round_that_is_open(store, room):
    number = store.new_round(room, "krem", "partnership").number
    assert not store.place(room, number, "Vest", "grant"), "a group that never joined"
    assert not store.place(room, number + 1, "Nord", "grant"), "a round not started"
    assert store.place(room, number, "Nord", "grant")
    assert store.place(room, number, "Nord", "supplier"), "a group may change its mind before the reveal"
    assert store.place(room, number, "Sør", "development")
    assert store.rounds(room)[0].placed == {"Nord": "supplier", "Sør": "development"}
    store.reveal(room, number)
    assert not store.place(room, number, "Nord", "grant")
    assert store.rounds(room)[0].placed == {"Nord": "supplier", "Sør": "development"}


def test_a_removed_group_takes_its_placements_and_leaves_its_answers_outside_the_room(store, room):
    number = store.new_round(room, "krem", "partnership").number
    store.place(room, number, "Nord", "grant")
    store.place(room, number, "Sør", "supplier")
    nord = next(g.session for g in store.groups(room) if g.name == "Nord")
    assert not store.remove_group(room, "Vest"), "no such group: nothing removed"
    assert store.remove_group(room, "Nord")
    assert [g.name for g in store.groups(room)] == ["Sør"]
    assert store.rounds(room)[0].placed == {"Sør": "supplier"}
    kept = store.session(nord.id)
    assert kept is not None and kept.room is None, "the group's device keeps its answers, outside the room"
    assert not store.remove_group(room, "Nord"), "removed once"


def test_the_room_stamp_moves_when_the_room_changes(store, room):
    """The projector's live page asks for the stamp and draws again only when it moved."""
    assert store.room_stamp("NOROOM") is None
    before = store.room_stamp(room)
    assert before is not None
    for change in (lambda: store.set_show(room, "quiz"),
                   lambda: store.new_round(room, "krem", "partnership"),
                   lambda: store.place(room, 1, "Nord", "grant"),
                   lambda: store.reveal(room, 1),
                   lambda: store.remove_group(room, "Sør"),
                   lambda: store.close_room(room)):
        time.sleep(0.01)
        change()
        after = store.room_stamp(room)
        assert after is not None and after[0] > before[0], change
        before = after
    assert store.room(room).show == "quiz"


def test_a_full_store_lets_go_of_the_oldest_session_outside_a_room_first(database):
    store = database.open(max_sessions=3)
    store.new_room("ABC234", "hash", "nb", "matrix")
    grouped, _ = store.join("ABC234", "nb", _admit_as("Nord"))
    time.sleep(0.01)
    oldest = store.new_session("nb")
    time.sleep(0.01)
    newer = store.new_session("nb")
    time.sleep(0.01)
    store.join("ABC234", "nb", _admit_as("Sør"))  # the fourth: one must go
    assert store.session(oldest.id) is None, "the oldest outside a room goes"
    assert store.session(newer.id) is not None and store.session(grouped.id) is not None
    assert store.count() == 3
    time.sleep(0.01)
    store.new_session("nb")  # the fifth: the other one outside a room goes before any group
    assert store.session(newer.id) is None and {g.name for g in store.groups("ABC234")} == {"Nord", "Sør"}
    time.sleep(0.01)
    store.join("ABC234", "nb", _admit_as("Vest"))  # the one outside a room (the fifth) goes
    assert {g.name for g in store.groups("ABC234")} == {"Nord", "Sør", "Vest"} and store.count() == 3
    time.sleep(0.01)
    store.join("ABC234", "nb", _admit_as("Øst"))  # only groups are left: the oldest goes, and its place
    assert store.session(grouped.id) is None
    assert [g.name for g in store.groups("ABC234")] == ["Sør", "Vest", "Øst"]


def test_what_the_store_hands_back_is_what_it_kept(store):
    """The trainer's page shows the room, the round and each group's joining time from what these calls
    return; read again, the store says the same."""
    made = store.new_room("XYZ789", "hash-of-token", "en", "compare")
    assert made == store.room("XYZ789")
    assert (made.token_hash, made.lang, made.show, made.closed) == ("hash-of-token", "en", "compare", None)
    before = time.time()
    store.join("XYZ789", "en", _admit_as("Nord"))
    [group] = store.groups("XYZ789")
    assert before <= group.joined <= time.time()
    started = store.new_round("XYZ789", "krem", "partnership")
    assert started == store.rounds("XYZ789")[0]
    assert (started.number, started.case, started.relation, started.revealed) == (1, "krem", "partnership", None)


def test_the_store_itself_lets_no_one_into_a_room_that_is_not_there(store):
    """Even where the caller's rules would let a group in, no session or group is made for a missing room."""
    from assistant.store import RoomRefused

    with pytest.raises(RoomRefused) as refused:
        store.join("NOROOM", "nb", lambda room, taken: "Nord")
    assert refused.value.reason == "no_such_room" and str(refused.value) == "no_such_room"
    assert store.count() == 0 and store.groups("NOROOM") == []
