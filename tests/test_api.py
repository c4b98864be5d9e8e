"""The Python API (assistant.BudgetAssistant): follow-up context per calling thread when no history is passed."""
from __future__ import annotations

import threading
from decimal import Decimal


def test_follow_ups_without_history_stay_in_their_own_thread(seed_qa):
    """Two threads interleave; each follow-up resolves against its own thread's previous answer."""
    got: dict[str, object] = {}
    asked, answered = threading.Barrier(2), threading.Barrier(2)

    def share_user():
        got["a1"] = seed_qa.ask("项目支出占总支出的比例是多少？")
        asked.wait()
        answered.wait()  # the other thread has asked its own question in between
        got["a2"] = seed_qa.ask("那基本支出呢？")

    def lookup_user():
        asked.wait()
        got["b1"] = seed_qa.ask("基本支出是多少？")
        answered.wait()
        got["b2"] = seed_qa.ask("那项目支出呢？")

    threads = [threading.Thread(target=share_user), threading.Thread(target=lookup_user)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert got["a1"].unit == "%" and got["a2"].unit == "%"
    assert got["a2"].value == Decimal("25.34") and got["a2"].calculation is not None
    assert got["b1"].value == Decimal("329.65") and got["b2"].value == Decimal("971.43")


def test_a_call_with_its_own_history_leaves_the_threads_context_alone(seed_qa):
    first = seed_qa.ask("项目支出占总支出的比例是多少？")
    assert first.unit == "%"
    other = seed_qa.ask("基本支出是多少？", history={})  # another conversation, kept by its caller
    assert other.value == Decimal("329.65")
    follow = seed_qa.ask("那基本支出呢？")  # resolves against the first question, not the other one
    assert follow.unit == "%" and follow.value == Decimal("25.34")
